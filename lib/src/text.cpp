#include "text.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>

#include <unicode/brkiter.h>
#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

namespace tactful::detail {
namespace {

// A character the matcher folds, and what it becomes.
struct Fold {
  std::string_view from;
  std::string_view to;
};
constexpr Fold kFolds[] = {
    {"\u2018", "'"}, {"\u2019", "'"}, {"\u02BC", "'"}, {"\u2032", "'"}, {"\uFF07", "'"},
    {"\u201C", "\""}, {"\u201D", "\""}, {"\u00A0", " "}, {"\u2009", " "}, {"\u202F", " "},
};

// Lead bytes of every folded character: a cheap first test per byte.
bool may_fold(unsigned char b) { return b == 0xE2 || b == 0xCA || b == 0xC2 || b == 0xEF; }

const Fold* fold_at(std::string_view s, std::size_t i) {
  for (const Fold& f : kFolds) {
    if (s.compare(i, f.from.size(), f.from) == 0) return &f;
  }
  return nullptr;
}

// One sentence iterator per thread: creating it is slow, using it is not.
// (The plain English rules: the "ss=standard" variant knows abbreviations
// but costs four times as much to create; ends_with_abbreviation covers the
// ones support replies use.)
icu::BreakIterator& sentence_iterator() {
  thread_local std::unique_ptr<icu::BreakIterator> it = [] {
    UErrorCode err = U_ZERO_ERROR;
    return std::unique_ptr<icu::BreakIterator>(icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), err));
  }();
  return *it;
}

// True when a sentence ends with an abbreviation that does not end sentences ("Mr.", "e.g.").
bool ends_with_abbreviation(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  static constexpr std::string_view kAbbreviations[] = {
      "mr.", "mrs.", "ms.", "mx.", "dr.", "prof.", "st.", "no.", "e.g.", "i.e.", "vs.", "approx.", "ref.", "acct.", "ext."};
  for (std::string_view a : kAbbreviations) {
    if (s.size() < a.size()) continue;
    const std::string_view tail = s.substr(s.size() - a.size());
    bool same = true;
    for (std::size_t i = 0; i < a.size() && same; ++i) {
      same = std::tolower(static_cast<unsigned char>(tail[i])) == a[i];
    }
    // A whole word: "Dr." but not "Dr." inside "Addr."
    if (same && (s.size() == a.size() || !std::isalpha(static_cast<unsigned char>(s[s.size() - a.size() - 1])))) return true;
  }
  return false;
}

// Runs `fn(begin, end, status)` over the segments of s that the iterator finds.
template <class Fn>
void segment(icu::BreakIterator& it, std::string_view s, Fn&& fn) {
  UErrorCode err = U_ZERO_ERROR;
  UText ut = UTEXT_INITIALIZER;
  utext_openUTF8(&ut, s.data(), static_cast<int64_t>(s.size()), &err);
  if (U_FAILURE(err)) return;
  it.setText(&ut, err);
  if (U_SUCCESS(err)) {
    int32_t begin = it.first();
    for (int32_t end = it.next(); end != icu::BreakIterator::DONE; begin = end, end = it.next()) {
      fn(static_cast<std::size_t>(begin), static_cast<std::size_t>(end), it.getRuleStatus());
    }
  }
  utext_close(&ut);
}

}  // namespace

std::string fold_quotes(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const Fold* f = may_fold(static_cast<unsigned char>(s[i])) ? fold_at(s, i) : nullptr;
    if (!f) {
      out += s[i];
      continue;
    }
    out += f->to;
    i += f->from.size() - 1;
  }
  return out;
}

Text::Text(std::string_view original) : original_(original) {
  // Fold quotes and spaces, remembering where lengths changed.
  std::size_t copied = 0;
  for (std::size_t i = 0; i < original.size(); ++i) {
    if (!may_fold(static_cast<unsigned char>(original[i]))) continue;
    const Fold* f = fold_at(original, i);
    if (!f) continue;
    if (folded_.empty()) folded_.reserve(original.size());
    folded_.append(original, copied, i - copied);
    fold_map_.emplace_back(folded_.size(), i);
    folded_ += f->to;
    i += f->from.size() - 1;
    copied = i + 1;
    fold_map_.emplace_back(folded_.size(), copied);
  }
  std::string_view base = original;
  if (!fold_map_.empty()) {
    folded_.append(original, copied);
    base = folded_;
  }
  norm_ = base;

  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  if (U_FAILURE(err)) return;
  icu::StringPiece piece(base.data(), static_cast<int32_t>(base.size()));
  if (base.size() > INT32_MAX || nfc->isNormalizedUTF8(piece, err) || U_FAILURE(err)) return;
  err = U_ZERO_ERROR;
  auto edits = std::make_unique<icu::Edits>();
  icu::StringByteSink<std::string> sink(&nfc_, static_cast<int32_t>(base.size()));
  nfc->normalizeUTF8(0, piece, sink, edits.get(), err);
  if (U_FAILURE(err)) {
    nfc_.clear();
    return;
  }
  nfc_edits_ = std::move(edits);
  norm_ = nfc_;
}

Text::~Text() = default;

std::size_t Text::to_original(std::size_t n) const {
  if (nfc_edits_) {
    UErrorCode err = U_ZERO_ERROR;
    icu::Edits::Iterator it = nfc_edits_->getFineIterator();
    int32_t src = it.sourceIndexFromDestinationIndex(static_cast<int32_t>(n), err);
    if (U_SUCCESS(err) && src >= 0) n = static_cast<std::size_t>(src);
  }
  if (fold_map_.empty()) return std::min(n, original_.size());
  auto it = std::upper_bound(fold_map_.begin(), fold_map_.end(), n,
                             [](std::size_t v, const auto& e) { return v < e.first; });
  if (it == fold_map_.begin()) return n;
  --it;
  return std::min(it->second + (n - it->first), original_.size());
}

const std::vector<Range>& Text::sentences() const {
  if (!have_sentences_) {
    have_sentences_ = true;
    bool join = false;  // the previous sentence ended with an abbreviation
    segment(sentence_iterator(), norm_, [&](std::size_t b, std::size_t e, int32_t) {
      if (join && !sentences_.empty()) {
        sentences_.back().end = e;
      } else {
        sentences_.push_back({b, e});
      }
      join = ends_with_abbreviation(norm_.substr(b, e - b)) && norm_.substr(b, e - b).find('\n') == std::string_view::npos;
    });
    if (sentences_.empty()) sentences_.push_back({0, norm_.size()});
  }
  return sentences_;
}

Range Text::sentence_at(std::size_t pos) const {
  const auto& s = sentences();
  auto it = std::upper_bound(s.begin(), s.end(), pos, [](std::size_t v, const Range& r) { return v < r.begin; });
  if (it == s.begin()) return s.front();
  return *(it - 1);
}

const Tokens& Text::tokens() const {
  if (!tokens_) tokens_ = std::make_unique<Tokens>(norm_);
  return *tokens_;
}

std::string_view Text::folded() const {
  if (!have_folded_) {
    have_folded_ = true;
    folded_lower_.assign(norm_);
    for (char& c : folded_lower_) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
  }
  return folded_lower_;
}

namespace {
constexpr unsigned kWindowBits = 14;  // 16 Kbit: a few percent full for a long reply
std::uint32_t window_hash(const char* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return (v * 0x9E3779B1u) >> (32 - kWindowBits);
}
}  // namespace

bool Text::has_literal(std::string_view literal) const {
  const std::string_view s = folded();
  if (literal.size() < 4 || s.size() < 4) return s.find(literal) != std::string_view::npos;
  if (windows_.empty()) {
    windows_.assign((std::size_t{1} << kWindowBits) / 64, 0);
    for (std::size_t i = 0; i + 4 <= s.size(); ++i) {
      const std::uint32_t h = window_hash(s.data() + i);
      windows_[h / 64] |= std::uint64_t{1} << (h % 64);
    }
  }
  auto seen = [&](const char* p) {
    const std::uint32_t h = window_hash(p);
    return (windows_[h / 64] >> (h % 64)) & 1u;
  };
  if (!seen(literal.data()) || !seen(literal.data() + literal.size() - 4)) return false;
  return s.find(literal) != std::string_view::npos;
}

std::size_t Text::count_words(Range r) const {
  std::size_t n = 0;
  for_each_word(r, [&](Range) { ++n; });
  return n;
}

bool is_blank(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  for (std::size_t i = 0; i < s.size();) {
    UChar32 c;
    int32_t n = 0;  // one code point at a time: ICU's macros index with int32_t
    U8_NEXT(p + i, n, static_cast<int32_t>(std::min<std::size_t>(s.size() - i, 4)), c);
    i += static_cast<std::size_t>(n);
    if (c >= 0 && !is_white_space(static_cast<char32_t>(c))) return false;
  }
  return true;
}

bool is_white_space(char32_t c) { return u_isUWhiteSpace(static_cast<UChar32>(c)) || c == 0xFEFF; }

bool is_word_char(char32_t c) {
  auto cp = static_cast<UChar32>(c);
  return u_hasBinaryProperty(cp, UCHAR_ALPHABETIC) || u_isdigit(cp) ||
         (U_GET_GC_MASK(cp) & U_GC_M_MASK) != 0 || cp == '_';
}

char32_t code_point_at(std::string_view s, std::size_t pos) {
  if (pos >= s.size()) return 0;
  int32_t i = static_cast<int32_t>(pos);
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), c);
  return c < 0 ? 0 : static_cast<char32_t>(c);
}

void LineMap::advance_to(std::size_t offset) {
  if (offset < pos_) pos_ = 0, line_ = 1, column_ = 1;
  offset = std::min(offset, text_.size());
  while (pos_ < offset) {
    const void* nl = std::memchr(text_.data() + pos_, '\n', offset - pos_);
    if (!nl) break;
    pos_ = static_cast<std::size_t>(static_cast<const char*>(nl) - text_.data()) + 1;
    ++line_;
    column_ = 1;
  }
  for (; pos_ < offset; ++pos_) {
    if ((static_cast<unsigned char>(text_[pos_]) & 0xC0) != 0x80) ++column_;
  }
}

void LineMap::locate(Span& span) {
  advance_to(span.offset);
  span.line = line_;
  span.column = column_;
  std::size_t line = line_, column = column_;
  std::size_t end = std::min(span.offset + span.length, text_.size());
  for (std::size_t i = span.offset; i < end; ++i) {
    if (text_[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  span.end_line = line;
  span.end_column = column;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != std::tolower(static_cast<unsigned char>(prefix[i]))) return false;
  }
  return true;
}

}  // namespace tactful::detail
