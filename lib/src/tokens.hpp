// Words and punctuation of a text, case-folded, as phrase rules see them.
//
// A word is a run of letters, digits and marks (any script), with
// apostrophes inside it ("don't", "customer's"); any other character that is
// not white space is a token of its own ("?", ",", "$", an emoji). Keys are
// case-folded, so phrase matching is a lookup, not a regular expression. A
// contraction becomes two tokens over the same characters in its long form:
// "can't" reads "can" "not".
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace tactful::detail {

// 12 bytes: a long draft has millions.
struct Token {
  std::uint32_t begin = 0, end = 0;  // bytes in the tokenised text
  std::uint32_t key_word = 0;        // where the folded form starts in Tokens' keys; top bit: a word

  bool word() const { return (key_word >> 31) != 0; }
  std::uint32_t key() const { return key_word & 0x7FFFFFFFu; }
};

class Tokens {
 public:
  explicit Tokens(std::string_view text);
  const std::vector<Token>& list() const { return tokens_; }
  // The folded form of a token of this list (keys are stored back to back).
  std::string_view key(const Token& t) const {
    const auto i = static_cast<std::size_t>(&t - tokens_.data());
    const std::size_t end = i + 1 < tokens_.size() ? tokens_[i + 1].key() : keys_.size();
    return std::string_view(keys_).substr(t.key(), end - t.key());
  }
  std::size_t size() const { return tokens_.size(); }
  const Token& operator[](std::size_t i) const { return tokens_[i]; }

 private:
  std::vector<Token> tokens_;
  std::string keys_;
};

// Hashes a token key. Keys are short: a multiply per 8 bytes beats the
// general-purpose std::hash, and word sets and the phrase index look up a key
// per token.
struct WordHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ s.size();
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      std::uint64_t v;
      std::memcpy(&v, s.data() + i, 8);
      h = (h ^ v) * 0xFF51AFD7ED558CCDULL;
      h ^= h >> 32;
    }
    std::uint64_t v = 0;
    std::memcpy(&v, s.data() + i, s.size() - i);
    h = (h ^ v) * 0xC4CEB9FE1A85EC53ULL;
    return static_cast<std::size_t>(h ^ (h >> 29));
  }
};

// The tokens of a short piece of text (a phrase), as folded keys.
std::vector<std::string> token_keys(std::string_view text);

// Case-folds a word: ASCII fast, anything else through ICU.
void fold_into(std::string_view word, std::string& out);

}  // namespace tactful::detail
