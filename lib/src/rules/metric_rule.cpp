// kind: metric — measures of the text: sentence and reply length, runs of
// questions, exclamation marks, words in capitals, readability (docs/rules.md).
#include <algorithm>
#include <cctype>
#include <set>

#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "rules/rule.hpp"

namespace tactful::detail {
namespace {

enum class Metric { sentence_words, reply_words, question_run, exclamations, caps_words, readability };

struct MetricName {
  std::string_view name;
  Metric metric;
};
constexpr MetricName kMetrics[] = {
    {"caps_words", Metric::caps_words},     {"exclamations", Metric::exclamations},
    {"question_run", Metric::question_run}, {"readability", Metric::readability},
    {"reply_words", Metric::reply_words},   {"sentence_words", Metric::sentence_words},
};

struct Params {
  std::optional<double> max, min;
  std::size_t min_length = 4;
  std::size_t min_words = 0;
  std::set<std::string, std::less<>> allow;
};

Range trim(std::string_view s, Range r) {
  auto blank = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (r.begin < r.end && blank(s[r.begin])) ++r.begin;
  while (r.end > r.begin && blank(s[r.end - 1])) --r.end;
  return r;
}

bool is_question(std::string_view s, Range r) {
  r = trim(s, r);
  while (r.end > r.begin && std::string_view("\"')]").find(s[r.end - 1]) != std::string_view::npos) --r.end;
  return r.end > r.begin && s[r.end - 1] == '?';
}

// Syllables in an English word, by vowel groups (good enough for Flesch).
std::size_t syllables(std::string_view w) {
  std::size_t n = 0;
  bool prev_vowel = false;
  for (char c : w) {
    const bool v = std::string_view("aeiouyAEIOUY").find(c) != std::string_view::npos;
    if (v && !prev_vowel) ++n;
    prev_vowel = v;
  }
  if (w.size() > 2 && (w.back() == 'e' || w.back() == 'E') && n > 1) --n;
  return std::max<std::size_t>(n, 1);
}

// True when `w` stands inside [brackets] or (parentheses) on its line.
bool in_brackets(std::string_view s, Range w, char open_char, char close_char) {
  const std::size_t open = s.rfind(open_char, w.begin);
  if (open == std::string_view::npos) return false;
  const std::size_t close_before = s.rfind(close_char, w.begin);
  const std::size_t line_before = s.rfind('\n', w.begin);
  if ((close_before != std::string_view::npos && close_before > open) ||
      (line_before != std::string_view::npos && line_before > open)) {
    return false;
  }
  const std::size_t close = s.find(close_char, w.end);
  const std::size_t line_after = s.find('\n', w.end);
  return close != std::string_view::npos && (line_after == std::string_view::npos || close < line_after);
}

// True when every letter of the word is a capital, counting the letters.
bool all_caps(std::string_view w, std::size_t& letters) {
  letters = 0;
  if (std::all_of(w.begin(), w.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    for (char c : w) {  // ASCII, as most words are: no ICU lookups
      if (c >= 'a' && c <= 'z') return false;
      if (c >= 'A' && c <= 'Z') ++letters;
    }
    return letters > 0;
  }
  for (int32_t i = 0; i < static_cast<int32_t>(w.size());) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(w.data()), i, static_cast<int32_t>(w.size()), c);
    if (!u_isalpha(c)) continue;
    if (!u_isupper(c)) return false;
    ++letters;
  }
  return letters > 0;
}

class MetricRule final : public Rule {
 public:
  MetricRule(Metric m, Params p) : metric_(m), p_(std::move(p)) {}

  bool reads_whole_text() const override { return true; }

  void find(const Text& text, std::uint32_t self, std::vector<Hit>& out) const override {
    const std::string_view s = text.norm();
    const Range all = trim(s, {0, s.size()});
    auto over = [&](double v) { return p_.max && v > *p_.max; };
    switch (metric_) {
      case Metric::sentence_words:
        for (const Range& sent : text.sentences()) {
          if (over(static_cast<double>(text.count_words(sent)))) out.push_back({self, trim(s, sent), {}});
        }
        break;
      case Metric::reply_words: {
        const auto n = static_cast<double>(text.count_words(all));
        if (over(n) || (p_.min && n < *p_.min)) out.push_back({self, all, {}});
        break;
      }
      case Metric::question_run: {
        std::size_t run = 0;
        Range first{};
        for (const Range& sent : text.sentences()) {
          if (!is_question(s, sent)) {
            run = 0;
            continue;
          }
          if (run++ == 0) first = trim(s, sent);
          if (over(static_cast<double>(run)) && static_cast<double>(run) == *p_.max + 1) {
            out.push_back({self, {first.begin, trim(s, sent).end}, {}});
          }
        }
        break;
      }
      case Metric::exclamations: {
        std::size_t n = 0;
        for (std::size_t i = 0; i < s.size(); ++i) {
          if (s[i] == '!' && over(static_cast<double>(++n))) {
            out.push_back({self, {i, i + 1}, {}});
            break;
          }
        }
        break;
      }
      case Metric::caps_words: {
        std::size_t n = 0;
        text.for_each_word(all, [&](Range w) {
          std::size_t letters = 0;
          const std::string_view word = s.substr(w.begin, w.size());
          if (!all_caps(word, letters) || letters < p_.min_length || p_.allow.contains(word)) return;
          // A placeholder such as [ORDER NUMBER], or an acronym spelled out in
          // parentheses, is not shouting.
          if (in_brackets(s, w, '[', ']') || in_brackets(s, w, '(', ')')) return;
          if (static_cast<double>(++n) > p_.max.value_or(0)) out.push_back({self, w, {}});
        });
        break;
      }
      case Metric::readability: {
        std::size_t words = 0, syl = 0;
        text.for_each_word(all, [&](Range w) {
          ++words;
          syl += syllables(s.substr(w.begin, w.size()));
        });
        if (words == 0 || words < p_.min_words) break;
        const auto sentences = static_cast<double>(std::max<std::size_t>(text.sentences().size(), 1));
        const double ease = 206.835 - 1.015 * (static_cast<double>(words) / sentences) -
                            84.6 * (static_cast<double>(syl) / static_cast<double>(words));
        if (p_.min && ease < *p_.min) out.push_back({self, all, {}});
        break;
      }
    }
  }

 private:
  Metric metric_;
  Params p_;
};

}  // namespace

Result<std::unique_ptr<Rule>> make_metric_rule(const RuleReader& r) {
  auto name = r.string("metric", true);
  if (!name) return tl::unexpected(name.error());
  const auto* m = std::find_if(std::begin(kMetrics), std::end(kMetrics), [&](const auto& e) { return e.name == *name; });
  if (m == std::end(kMetrics)) {
    return r.error(r.param("metric"), fmt::format("unknown metric '{}' (caps_words, exclamations, question_run, "
                                                   "readability, reply_words, sentence_words)",
                                                   *name));
  }
  Params p;
  for (auto [key, field] : {std::pair{"max", &p.max}, std::pair{"min", &p.min}}) {
    auto v = r.number(key);
    if (!v) return tl::unexpected(v.error());
    *field = *v;
  }
  for (auto [key, field] : {std::pair{"min_length", &p.min_length}, std::pair{"min_words", &p.min_words}}) {
    auto v = r.number(key);
    if (!v) return tl::unexpected(v.error());
    if (*v) {
      if (**v < 0) return r.error(r.param(key), fmt::format("'{}' must not be negative", key));
      *field = static_cast<std::size_t>(**v);
    }
  }
  auto allow = r.strings("allow", false);
  if (!allow) return tl::unexpected(allow.error());
  p.allow.insert(allow->begin(), allow->end());
  const bool needs_max = m->metric != Metric::readability && m->metric != Metric::reply_words &&
                         m->metric != Metric::caps_words;
  if (needs_max && !p.max) return r.error(nullptr, fmt::format("metric '{}' needs 'max'", *name));
  if (m->metric == Metric::readability && !p.min) return r.error(nullptr, "metric 'readability' needs 'min'");
  if (m->metric == Metric::reply_words && !p.min && !p.max) {
    return r.error(nullptr, "metric 'reply_words' needs 'min' or 'max'");
  }
  return std::make_unique<MetricRule>(m->metric, std::move(p));
}

}  // namespace tactful::detail
