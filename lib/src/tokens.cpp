#include "tokens.hpp"

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "text.hpp"

namespace tactful::detail {
namespace {

enum : std::uint8_t { kSpace = 1, kWord = 2, kUpper = 4 };

constexpr std::array<std::uint8_t, 128> make_ascii() {
  std::array<std::uint8_t, 128> t{};
  for (int c : {' ', '\t', '\n', '\r', '\f', '\v'}) t[static_cast<std::size_t>(c)] = kSpace;
  for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = kWord;
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<std::size_t>(c)] = kWord;
  for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<std::size_t>(c)] = kWord | kUpper;
  t['_'] = kWord;
  return t;
}
constexpr auto kAscii = make_ascii();

// The code point at s[i] and its length in bytes (1 for an invalid byte).
char32_t decode(std::string_view s, std::size_t i, std::size_t& len) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    len = 1;
    return b;
  }
  int32_t j = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), j, static_cast<int32_t>(s.size()), c);
  len = static_cast<std::size_t>(j) - i;
  return c < 0 ? 0xFFFD : static_cast<char32_t>(c);
}

bool space(char32_t c) { return c < 128 ? (kAscii[c] & kSpace) != 0 : u_isUWhiteSpace(static_cast<UChar32>(c)); }
bool word(char32_t c) { return c < 128 ? (kAscii[c] & kWord) != 0 : is_word_char(c); }

template <class Fn>
void scan(std::string_view s, Fn&& emit) {
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t len = 0;
    const char32_t c = decode(s, i, len);
    if (space(c)) {
      i += len;
      continue;
    }
    const std::size_t begin = i;
    i += len;
    if (!word(c)) {
      emit(begin, i, false);
      continue;
    }
    while (i < s.size()) {
      const char32_t d = decode(s, i, len);
      if (word(d)) {
        i += len;
      } else if (d == '\'' && i + 1 < s.size()) {
        std::size_t next_len = 0;
        if (!word(decode(s, i + 1, next_len))) break;
        i += 1 + next_len;  // an apostrophe inside a word: "don't"
      } else {
        break;
      }
    }
    emit(begin, i, true);
  }
}

// Contractions and the words they stand for: both a text and a phrase are
// read in the long form, so "I'm" matches "I am" either way round.
struct Contraction {
  std::string_view short_form;
  std::string_view first, second;
};
constexpr Contraction kContractions[] = {
    {"aren't", "are", "not"},    {"can't", "can", "not"},       {"cannot", "can", "not"},
    {"couldn't", "could", "not"}, {"didn't", "did", "not"},      {"doesn't", "does", "not"},
    {"don't", "do", "not"},      {"hasn't", "has", "not"},      {"haven't", "have", "not"},
    {"he's", "he", "is"},        {"i'd", "i", "would"},         {"i'll", "i", "will"},
    {"i'm", "i", "am"},          {"i've", "i", "have"},         {"isn't", "is", "not"},
    {"it'll", "it", "will"},     {"it's", "it", "is"},          {"let's", "let", "us"},
    {"she's", "she", "is"},      {"shouldn't", "should", "not"}, {"that's", "that", "is"},
    {"there's", "there", "is"},  {"they'll", "they", "will"},   {"they're", "they", "are"},
    {"they've", "they", "have"}, {"wasn't", "was", "not"},      {"we'd", "we", "would"},
    {"we'll", "we", "will"},     {"we're", "we", "are"},        {"we've", "we", "have"},
    {"weren't", "were", "not"},  {"what's", "what", "is"},      {"won't", "will", "not"},
    {"wouldn't", "would", "not"}, {"you'd", "you", "would"},    {"you'll", "you", "will"},
    {"you're", "you", "are"},    {"you've", "you", "have"},     {"that'll", "that", "will"},
    {"there'll", "there", "will"}, {"he'll", "he", "will"},     {"she'll", "she", "will"},
    {"he'd", "he", "would"},     {"she'd", "she", "would"},     {"they'd", "they", "would"},
    {"hadn't", "had", "not"},    {"mustn't", "must", "not"},    {"needn't", "need", "not"},
    {"who's", "who", "is"},      {"where's", "where", "is"},    {"how's", "how", "is"},
    {"here's", "here", "is"},
};

const Contraction* contraction(std::string_view key) {
  if (key.size() < 3 || key.size() > 9) return nullptr;
  if (key.find('\'') == std::string_view::npos && key != "cannot") return nullptr;
  for (const Contraction& c : kContractions) {
    if (c.short_form == key) return &c;
  }
  return nullptr;
}

}  // namespace

void fold_into(std::string_view w, std::string& out) {
  bool ascii = true;
  for (char ch : w) {
    if (static_cast<unsigned char>(ch) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    for (char ch : w) out += (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch + 32) : ch;
    return;
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(w.data(), static_cast<int32_t>(w.size())));
  u.foldCase();
  u.toUTF8String(out);
}

Tokens::Tokens(std::string_view text) {
  tokens_.reserve(text.size() / 5 + 4);
  keys_.reserve(text.size());
  scan(text, [&](std::size_t b, std::size_t e, bool is_word) {
    Token t;
    t.begin = static_cast<std::uint32_t>(b);
    t.end = static_cast<std::uint32_t>(e);
    const auto start = static_cast<std::uint32_t>(keys_.size());
    const std::uint32_t flag = is_word ? 0x80000000u : 0u;
    if (is_word) {
      fold_into(text.substr(b, e - b), keys_);
    } else {
      keys_.append(text, b, e - b);
    }
    const std::string_view folded = std::string_view(keys_).substr(start);
    if (const Contraction* c = is_word ? contraction(folded) : nullptr) {
      // Two tokens over the same characters: "I'm" reads as "i" "am".
      keys_.resize(start);
      for (std::string_view part : {c->first, c->second}) {
        t.key_word = static_cast<std::uint32_t>(keys_.size()) | flag;
        keys_.append(part);
        tokens_.push_back(t);
      }
      return;
    }
    t.key_word = start | flag;
    tokens_.push_back(t);
  });
}

std::vector<std::string> token_keys(std::string_view text) {
  Tokens t(text);
  std::vector<std::string> out;
  for (const Token& tok : t.list()) out.emplace_back(t.key(tok));
  return out;
}

}  // namespace tactful::detail
