// Text as the rules see it: the draft normalised for matching (NFC, curly
// quotes folded to straight ones, exotic spaces to plain ones), with a map
// back to byte offsets in the original, and sentence and word segmentation.
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tactful/check.hpp"
#include "tactful/error.hpp"
#include "tokens.hpp"

#include <unicode/uversion.h>

U_NAMESPACE_BEGIN
class Edits;
U_NAMESPACE_END

namespace tactful::detail {

struct Range {
  std::size_t begin = 0, end = 0;
  std::size_t size() const { return end - begin; }
};

class Text {
 public:
  // `original` must be valid UTF-8 (see validate_input) and outlive the Text.
  explicit Text(std::string_view original);
  ~Text();
  Text(const Text&) = delete;
  Text& operator=(const Text&) = delete;

  std::string_view original() const { return original_; }
  // The normalised text every rule matches against.
  std::string_view norm() const { return norm_; }

  // Byte offset in the original text of a byte offset in norm().
  std::size_t to_original(std::size_t norm_offset) const;

  // Sentences of norm(), in order, covering it; computed on first use.
  const std::vector<Range>& sentences() const;
  // The sentence that holds norm offset `pos`.
  Range sentence_at(std::size_t pos) const;

  // Words and punctuation of norm(), case-folded; computed on first use.
  const Tokens& tokens() const;
  // norm() with ASCII letters in lower case (same length and offsets).
  std::string_view folded() const;
  // Does folded() contain `literal` (lower case)? Rules gate on hundreds of
  // literals per text: a bitmap of the text's 4-byte windows rules most of
  // them out without a search.
  bool has_literal(std::string_view literal) const;

  // Calls `fn` with every word (letters or digits) of norm() in [r.begin, r.end).
  template <class Fn>
  void for_each_word(Range r, Fn&& fn) const {
    const auto& list = tokens().list();
    auto it = std::lower_bound(list.begin(), list.end(), r.begin,
                               [](const Token& t, std::size_t v) { return t.begin < v; });
    for (; it != list.end() && it->end <= r.end; ++it) {
      if (it->word()) fn(Range{it->begin, it->end});
    }
  }
  std::size_t count_words(Range r) const;

 private:
  std::string_view original_;
  std::string folded_;  // quote-folded copy; empty when the original needed none
  std::string nfc_;     // NFC copy of the folded text; empty when it was already NFC
  std::string_view norm_;
  // (norm offset, folded offset) at every place the folding changed lengths.
  std::vector<std::pair<std::size_t, std::size_t>> fold_map_;
  std::unique_ptr<icu::Edits> nfc_edits_;
  mutable std::vector<Range> sentences_;
  mutable bool have_sentences_ = false;
  mutable std::unique_ptr<Tokens> tokens_;
  mutable std::string folded_lower_;
  mutable bool have_folded_ = false;
  mutable std::vector<std::uint64_t> windows_;  // bitmap of hashed 4-byte windows of folded()
};

// Folds quotes and exotic spaces as Text does for drafts (rule phrases and
// patterns go through the same table, so both sides match).
std::string fold_quotes(std::string_view s);

// True when code point `c` is white space (Unicode's, or the BOM).
bool is_white_space(char32_t c);
// True when valid UTF-8 `s` holds only white space.
bool is_blank(std::string_view s);

// True when code point `c` counts as part of a word (letter, digit, mark).
bool is_word_char(char32_t c);

// Does `s` start with `prefix`, ASCII letters compared without case?
bool starts_with_ci(std::string_view s, std::string_view prefix);
// The code point that starts at `pos` in `s`, or 0 past the end.
char32_t code_point_at(std::string_view s, std::size_t pos);

// Converts byte spans of `text` to line/column positions. Call with offsets in
// any order; cheapest when they ascend.
class LineMap {
 public:
  explicit LineMap(std::string_view text) : text_(text) {}
  // Fills line/column/end_line/end_column of `span` from offset/length.
  void locate(Span& span);

 private:
  void advance_to(std::size_t offset);
  std::string_view text_;
  std::size_t pos_ = 0, line_ = 1, column_ = 1;
};

}  // namespace tactful::detail
