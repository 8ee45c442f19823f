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
#include <deque>
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
  std::size_t operator()(std::string_view s) const noexcept { return static_cast<std::size_t>(hash64(s)); }
  static std::uint64_t hash64(std::string_view s) noexcept {
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
    return h ^ (h >> 29);
  }
};

// A map from words (views the owner keeps alive) to values, built once and
// then only read: open addressing in one flat table, so a lookup is one hash
// and, most often, one cache line, where std::unordered_map chases a node.
template <class Value>
class WordTable {
 public:
  // The value for `key`, added (default) when absent.
  Value& operator[](std::string_view key) {
    if ((entries_.size() + 1) * 2 > slots_.size()) grow();
    const std::uint64_t h = WordHash::hash64(key);
    Slot& s = slots_[probe(key, h)];
    if (s.index == 0) {
      entries_.emplace_back(key, Value{});
      s = {tag(h), static_cast<std::uint32_t>(entries_.size())};
    }
    return entries_[s.index - 1].second;
  }
  const Value* find(std::string_view key) const {
    if (slots_.empty()) return nullptr;
    const Slot& s = slots_[probe(key, WordHash::hash64(key))];
    return s.index == 0 ? nullptr : &entries_[s.index - 1].second;
  }
  void clear() {
    entries_.clear();
    slots_.clear();
  }
  void reserve(std::size_t n) {
    entries_.reserve(n);
    while (slots_.size() < n * 2) grow();
  }
  std::size_t size() const { return entries_.size(); }

 private:
  struct Slot {
    std::uint32_t tag = 0;    // high bits of the hash
    std::uint32_t index = 0;  // 1 + the entry's index; 0: empty
  };
  static std::uint32_t tag(std::uint64_t h) { return static_cast<std::uint32_t>(h >> 32); }
  // The slot that holds `key`, or the empty one where it would go.
  std::size_t probe(std::string_view key, std::uint64_t h) const {
    for (std::size_t i = static_cast<std::size_t>(h) & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      const Slot& s = slots_[i];
      if (s.index == 0 || (s.tag == tag(h) && entries_[s.index - 1].first == key)) return i;
    }
  }
  void grow() {
    slots_.assign(slots_.empty() ? 16 : slots_.size() * 2, Slot{});
    for (std::uint32_t k = 0; k < entries_.size(); ++k) {  // keys are distinct: each lands in an empty slot
      const std::uint64_t h = WordHash::hash64(entries_[k].first);
      slots_[probe(entries_[k].first, h)] = {tag(h), k + 1};
    }
  }
  std::vector<std::pair<std::string_view, Value>> entries_;
  std::vector<Slot> slots_;
};

// A set of folded words, looked up by string_view without allocating. The
// words are stored once, in stable storage, and indexed by a WordTable.
class WordSet {
 public:
  WordSet() = default;
  WordSet(WordSet&&) noexcept = default;
  WordSet& operator=(WordSet&&) noexcept = default;
  WordSet(const WordSet& o) { *this = o; }
  WordSet& operator=(const WordSet& o) {
    if (this != &o) {
      words_.clear();
      index_.clear();
      for (const auto& w : o.words_) insert(w);
    }
    return *this;
  }
  void insert(std::string_view word) {
    if (index_.find(word)) return;
    words_.emplace_back(word);
    index_[words_.back()] = 1;
  }
  bool contains(std::string_view word) const { return index_.find(word) != nullptr; }
  bool empty() const { return words_.empty(); }
  std::size_t size() const { return words_.size(); }
  auto begin() const { return words_.begin(); }
  auto end() const { return words_.end(); }

 private:
  std::deque<std::string> words_;  // a deque never moves its strings, so the index's views stay valid
  WordTable<char> index_;
};

// The tokens of a short piece of text (a phrase), as folded keys.
std::vector<std::string> token_keys(std::string_view text);

// Case-folds a word: ASCII fast, anything else through ICU.
void fold_into(std::string_view word, std::string& out);

}  // namespace tactful::detail
