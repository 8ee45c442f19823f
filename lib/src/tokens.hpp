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
#include <string>
#include <string_view>
#include <vector>

namespace tactful::detail {

struct Token {
  std::uint32_t begin = 0, end = 0;      // bytes in the tokenised text
  std::uint32_t key = 0, key_size = 0;   // the folded form, in Tokens::keys
  bool word = false;                     // letters or digits, not punctuation
};

class Tokens {
 public:
  explicit Tokens(std::string_view text);
  const std::vector<Token>& list() const { return tokens_; }
  std::string_view key(const Token& t) const { return std::string_view(keys_).substr(t.key, t.key_size); }
  std::size_t size() const { return tokens_.size(); }
  const Token& operator[](std::size_t i) const { return tokens_[i]; }

 private:
  std::vector<Token> tokens_;
  std::string keys_;
};

// The tokens of a short piece of text (a phrase), as folded keys.
std::vector<std::string> token_keys(std::string_view text);

// Case-folds a word: ASCII fast, anything else through ICU.
void fold_into(std::string_view word, std::string& out);

}  // namespace tactful::detail
