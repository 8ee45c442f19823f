// What the kinds share: reading settings, phrase lists, lazily compiled
// regular expressions, their literal anchors, and `unless`.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <mutex>

#include <fmt/format.h>

#include "rules/rule.hpp"

namespace tactful::detail {

LazyRegex::LazyRegex(std::string pattern, bool case_sensitive)
    : pattern_(std::move(pattern)), case_sensitive_(case_sensitive) {}

namespace {
std::unique_ptr<RE2> compile(const std::string& pattern, bool case_sensitive) {
  RE2::Options opts(RE2::Quiet);
  opts.set_case_sensitive(case_sensitive);
  opts.set_max_mem(std::int64_t{64} << 20);
  return std::make_unique<RE2>(pattern, opts);
}
}  // namespace

const RE2& LazyRegex::get() const {
  std::call_once(once_, [&] { re_ = compile(pattern_, case_sensitive_); });
  return *re_;
}

std::optional<std::string> LazyRegex::check() const {
  const RE2& re = get();
  if (re.ok()) return std::nullopt;
  return re.error();
}

namespace {

// Words so common in replies that a literal made of them gates nothing.
constexpr std::string_view kCommonWords[] = {
    "a",      "about",  "after", "again",  "all",    "already", "also",    "am",     "an",    "and",   "any",
    "are",    "as",     "at",    "back",   "be",     "been",    "before",  "but",    "by",    "can",   "clearly",
    "could",  "did",    "do",    "does",   "for",    "from",    "get",     "got",    "had",   "has",   "have",
    "he",     "her",    "here",  "him",    "his",    "how",     "i",       "if",     "in",    "into",  "is",
    "it",     "its",    "just",  "know",   "let",    "like",    "likely",  "make",   "may",   "me",    "might",
    "more",   "most",   "must",  "my",     "need",    "new",     "no",     "not",   "now",   "of",
    "on",     "one",    "only",  "or",     "other",  "our",     "out",     "over",   "please","probably", "re",
    "s",      "see",    "she",   "should", "so",     "some",    "still",   "such",   "t",     "than",  "that",
    "the",    "their",  "them",  "then",   "there",  "these",   "they",    "this",   "time",  "to",    "up",
    "us",     "ve",     "very",  "want",   "was",    "way",     "we",      "well",   "were",  "what",  "when",
    "which",  "who",    "why",   "will",   "with",   "would",   "you",     "your",   "ll",    "d",     "m",
};

// The letters of `literal` outside common words and scraps: a literal of
// common words alone scores 0, however long.
std::size_t telling_length(std::string_view literal) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < literal.size();) {
    const auto is_letter = [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; };
    if (!is_letter(literal[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < literal.size() && is_letter(literal[j])) ++j;
    const std::string_view word = literal.substr(i, j - i);
    // A word cut by the literal's ends ("ommon" of "common") counts whole;
    // a scrap of one or two letters ("ed" after \w+) tells nothing.
    const bool common = std::find(std::begin(kCommonWords), std::end(kCommonWords), word) != std::end(kCommonWords);
    if (!common && word.size() >= 3) n += word.size();
    i = j;
  }
  return n;
}

// Literal analysis of RE2 syntax, conservative: when unsure, no anchors.
class AnchorScanner {
 public:
  explicit AnchorScanner(std::string_view re) : re_(re) {}

  // Anchor set for the alternation in [pos, end); nullopt if some branch has none.
  std::optional<std::vector<std::string>> alternation(std::size_t pos, std::size_t end) {
    std::vector<std::string> all;
    std::size_t start = pos;
    for (std::size_t i = pos; i <= end; ++i) {
      if (i < end) {
        const char c = re_[i];
        if (c == '\\') {
          ++i;
          continue;
        }
        if (c == '[') {
          i = class_end(i);
          continue;
        }
        if (c == '(') {
          i = group_end(i);
          continue;
        }
        if (c != '|') continue;
      }
      auto branch = this->branch(start, i);
      if (!branch) return std::nullopt;
      all.insert(all.end(), branch->begin(), branch->end());
      start = i + 1;
    }
    return all;
  }

 private:
  // The best anchor set of one branch: its longest required literal, or a
  // required group's anchors.
  std::optional<std::vector<std::string>> branch(std::size_t pos, std::size_t end) {
    std::optional<std::vector<std::string>> best;
    // How telling a set of literals is: its weakest member's letters outside
    // common words ("must " tells little; "exhausting" a lot).
    // Ties go to the longer literals.
    auto score = [](const std::vector<std::string>& v) {
      std::pair<std::size_t, std::size_t> m{SIZE_MAX, SIZE_MAX};
      for (const auto& s : v) m = std::min(m, std::pair{telling_length(s), s.size()});
      return m;
    };
    auto offer = [&](std::vector<std::string> v) {
      if (v.empty() || std::any_of(v.begin(), v.end(), [](const std::string& x) { return x.empty(); })) return;
      for (const auto& s : v) {
        for (char c : s) {
          if (static_cast<unsigned char>(c) >= 0x80) return;  // folded text is ASCII-lowered only
        }
      }
      if (!best || score(v) > score(*best)) best = std::move(v);
    };
    std::string run;
    auto flush = [&] {
      offer({run});
      run.clear();
    };
    for (std::size_t i = pos; i < end; ++i) {
      const char c = re_[i];
      const char next = i + 1 < end ? re_[i + 1] : '\0';
      const bool optional_next = next == '?' || next == '*' || (next == '{' && i + 2 < end && (re_[i + 2] == '0' || re_[i + 2] == ','));
      if (c == '\\') {
        if (i + 1 >= end) return best;
        const char e = re_[i + 1];
        ++i;
        if (std::isalnum(static_cast<unsigned char>(e))) {
          flush();
          if ((e == 'p' || e == 'P' || e == 'x') && i + 1 < end && re_[i + 1] == '{') i = re_.find('}', i);
          if (i == std::string_view::npos) return std::nullopt;
          continue;
        }
        const char after = i + 1 < end ? re_[i + 1] : '\0';
        if (after == '?' || after == '*' || (after == '{' && i + 2 < end && re_[i + 2] == '0')) {
          flush();
        } else {
          run += static_cast<char>(std::tolower(static_cast<unsigned char>(e)));
        }
        continue;
      }
      if (c == '[') {
        flush();
        i = class_end(i);
        continue;
      }
      if (c == '(') {
        flush();
        const std::size_t close = group_end(i);
        const char q = close + 1 < end ? re_[close + 1] : '\0';
        const bool optional = q == '?' || q == '*' || (q == '{' && close + 2 < end && re_[close + 2] == '0');
        std::size_t body = i + 1;
        if (body < close && re_[body] == '?') {  // (?:...), (?i:...), (?P<name>...), or a bare flag group (?i)
          const std::size_t colon = re_.find_first_of(":)>", body);
          if (colon == std::string_view::npos || colon > close) return best;
          if (re_[colon] == ')') {  // (?i): flags only
            i = close;
            continue;
          }
          body = colon + 1;
        }
        if (!optional) {
          if (auto inner = alternation(body, close)) offer(*inner);
        }
        i = close;
        continue;
      }
      if (c == '.' || c == '^' || c == '$' || c == '+' || c == '*' || c == '?' || c == ')') {
        flush();
        continue;
      }
      if (c == '{') {
        flush();
        i = re_.find('}', i);
        if (i == std::string_view::npos) return best;
        continue;
      }
      if (optional_next) {
        flush();
        continue;
      }
      run += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    flush();
    return best;
  }

  std::size_t class_end(std::size_t i) const {
    std::size_t j = i + 1;
    if (j < re_.size() && re_[j] == '^') ++j;
    if (j < re_.size() && re_[j] == ']') ++j;
    for (; j < re_.size(); ++j) {
      if (re_[j] == '\\') {
        ++j;
      } else if (re_[j] == '[' && j + 1 < re_.size() && re_[j + 1] == ':') {
        j = re_.find(":]", j);
        if (j == std::string_view::npos) return re_.size();
        ++j;
      } else if (re_[j] == ']') {
        return j;
      }
    }
    return re_.size();
  }

  std::size_t group_end(std::size_t i) const {
    int depth = 0;
    for (std::size_t j = i; j < re_.size(); ++j) {
      if (re_[j] == '\\') {
        ++j;
      } else if (re_[j] == '[') {
        j = class_end(j);
      } else if (re_[j] == '(') {
        ++depth;
      } else if (re_[j] == ')' && --depth == 0) {
        return j;
      }
    }
    return re_.size();
  }

  std::string_view re_;
};

}  // namespace

std::vector<std::string> literal_anchors(std::string_view pattern) {
  AnchorScanner scan(pattern);
  auto a = scan.alternation(0, pattern.size());
  if (!a) return {};
  std::sort(a->begin(), a->end());
  a->erase(std::unique(a->begin(), a->end()), a->end());
  return *a;
}

tl::unexpected<Error> RuleReader::error(const Param* at, std::string message, std::size_t item, ErrorCode code) const {
  Error e;
  e.code = code;
  e.file = spec_.info.file;
  e.rule = spec_.info.id;
  e.message = std::move(message);
  Mark m{static_cast<std::uint32_t>(spec_.info.line), 0};
  if (at) m = item < at->item_marks.size() ? at->item_marks[item] : at->mark;
  e.line = m.line;
  e.column = m.column;
  return tl::unexpected<Error>(std::move(e));
}

Result<std::vector<std::string>> RuleReader::strings(std::string_view key, bool required) const {
  const Param* p = param(key);
  if (!p) {
    if (required) return error(nullptr, fmt::format("a '{}' rule needs '{}'", info().kind, key));
    return std::vector<std::string>{};
  }
  if (p->type == Param::Type::map) return error(p, fmt::format("'{}' must be a string or a list of strings", key));
  if (required && p->items.empty()) return error(p, fmt::format("'{}' is empty", key));
  for (std::size_t i = 0; i < p->items.size(); ++i) {
    if (p->items[i].empty()) return error(p, fmt::format("empty entry in '{}'", key), i);
  }
  return p->items;
}

Result<std::optional<double>> RuleReader::number(std::string_view key) const {
  const Param* p = param(key);
  if (!p) return std::optional<double>{};
  if (p->type != Param::Type::scalar) return error(p, fmt::format("'{}' must be a number", key));
  try {
    std::size_t used = 0;
    const double v = std::stod(p->items.front(), &used);
    if (used != p->items.front().size()) throw std::invalid_argument("trailing");
    return std::optional<double>{v};
  } catch (const std::exception&) {
    return error(p, fmt::format("'{}' must be a number", key));
  }
}

Result<std::string> RuleReader::string(std::string_view key, bool required) const {
  const Param* p = param(key);
  if (!p) {
    if (required) return error(nullptr, fmt::format("a '{}' rule needs '{}'", info().kind, key));
    return std::string();
  }
  if (p->type != Param::Type::scalar) return error(p, fmt::format("'{}' must be a string", key));
  return p->items.front();
}

Result<WordSet> RuleReader::words(std::string_view key, bool required) const {
  auto list = strings(key, required);
  if (!list) return tl::unexpected(list.error());
  WordSet out;
  for (const auto& w : *list) {
    std::string f;
    fold_into(w, f);
    out.insert(std::move(f));
  }
  return out;
}

Result<bool> RuleReader::case_sensitive() const {
  auto cs = string("case", false);
  if (!cs) return tl::unexpected(cs.error());
  if (!cs->empty() && *cs != "sensitive" && *cs != "insensitive") {
    return error(param("case"), "'case' must be 'sensitive' or 'insensitive'");
  }
  return *cs == "sensitive";
}

std::string_view large_repeat(std::string_view pattern) {
  bool in_class = false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      if (i + 1 >= pattern.size()) break;
      const char e = pattern[i + 1];
      if ((e == 'x' || e == 'p' || e == 'P') && i + 2 < pattern.size() && pattern[i + 2] == '{') {
        i = pattern.find('}', i);  // "\x{2014}", "\p{Greek}": braces of the escape, not a count
        if (i == std::string_view::npos) break;
      } else if (e == 'Q') {
        i = pattern.find("\\E", i + 2);  // "\Q...\E": all literal
        if (i == std::string_view::npos) break;
        ++i;
      } else {
        ++i;  // an escaped character, "\{" included
      }
    } else if (in_class) {
      in_class = c != ']';
    } else if (c == '[') {
      in_class = true;
      if (i + 1 < pattern.size() && pattern[i + 1] == '^') ++i;
      if (i + 1 < pattern.size() && pattern[i + 1] == ']') ++i;  // "[]...]": the ']' is a member
    } else if (c == '{' && i > 0) {
      const std::size_t close = pattern.find('}', i);
      if (close == std::string_view::npos) break;
      const std::string_view body = pattern.substr(i + 1, close - i - 1);
      const std::size_t comma = body.find(',');
      auto number = [](std::string_view s) {
        int n = 0;
        for (char d : s) {
          if (d < '0' || d > '9' || n > 100000) return -1;
          n = n * 10 + (d - '0');
        }
        return s.empty() ? -1 : n;
      };
      const int lo = number(body.substr(0, comma));
      const int hi = comma == std::string_view::npos ? lo : (comma + 1 == body.size() ? lo : number(body.substr(comma + 1)));
      // "{n}", "{n,}", "{n,m}" count; anything else ("{,30}", "{x}") is literal text to RE2.
      if (lo >= 0 && hi >= 0 && (lo > kMaxRepeat || hi > kMaxRepeat)) return pattern.substr(i, close + 1 - i);
      if (lo >= 0 && hi >= 0) i = close;
    }
  }
  return {};
}

Result<void> RuleReader::check_pattern(const LazyRegex& re, std::string_view key, std::size_t item) const {
  if (trusted_) return {};
  if (auto bad = re.check()) {
    const Param* p = param(key);
    return error(p, fmt::format("bad pattern \"{}\": {}", p && item < p->items.size() ? p->items[item] : re.pattern(), *bad),
                 item, ErrorCode::bad_pattern);
  }
  return {};
}

Result<std::unique_ptr<LazyRegex>> RuleReader::unless() const {
  auto list = strings("unless", false);
  if (!list) return tl::unexpected(list.error());
  if (list->empty()) return std::unique_ptr<LazyRegex>();
  std::string joined;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string p = fold_quotes((*list)[i]);
    if (auto r = check_pattern(LazyRegex(p, false), "unless", i); !r) return tl::unexpected(r.error());
    if (i) joined += '|';
    joined += "(?:" + p + ")";
  }
  return std::make_unique<LazyRegex>(std::move(joined), false);
}

Result<PhraseList> PhraseList::build(const RuleReader& r, std::string_view key, const std::vector<std::string>& phrases) {
  PhraseList list;
  const Param* p = r.param(key);
  for (std::size_t i = 0; i < phrases.size() && !r.trusted(); ++i) {
    auto seqs = expand_phrase(phrases[i]);
    if (!seqs) return r.error(p, fmt::format("bad phrase \"{}\": {}", phrases[i], seqs.error()), i);
    for (auto& s : *seqs) list.sequences_.emplace_back(std::move(s), static_cast<std::uint32_t>(i));
  }
  auto unless = r.unless();
  if (!unless) return tl::unexpected(unless.error());
  list.unless_ = std::move(*unless);
  return list;
}

// The expressions of the subsets of patterns single checks have needed.
constexpr std::size_t kMaxSubsets = 4;

struct PatternSet::Subsets {
  std::mutex mutex;
  std::vector<std::pair<std::uint64_t, std::unique_ptr<RE2>>> compiled;  // by mask of patterns
};

PatternSet::PatternSet() : subsets_(std::make_unique<Subsets>()) {}
PatternSet::~PatternSet() = default;
PatternSet::PatternSet(PatternSet&&) noexcept = default;
PatternSet& PatternSet::operator=(PatternSet&&) noexcept = default;

bool may_match(const Text& text, const std::vector<std::string>& anchors) {
  return anchors.empty() ||
         std::any_of(anchors.begin(), anchors.end(), [&](const std::string& lit) { return text.has_literal(lit); });
}

const RE2* PatternSet::for_text(const Text& text) const {
  if (parts.size() > 64) {  // too many for a mask: all of them, or none
    const bool any = std::any_of(part_anchors.begin(), part_anchors.end(),
                                 [&](const std::vector<std::string>& a) { return may_match(text, a); });
    return any ? &re->get() : nullptr;
  }
  std::uint64_t mask = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (may_match(text, part_anchors[i])) mask |= std::uint64_t{1} << i;
  }
  if (mask == 0) return nullptr;
  if (mask == (parts.size() == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << parts.size()) - 1)) return &re->get();
  {
    const std::lock_guard lock(subsets_->mutex);
    for (const auto& [m, compiled] : subsets_->compiled) {
      if (m == mask) return compiled.get();
    }
    // A long-running checker sees many subsets: past a few, the whole
    // expression, compiled once, is cheaper than another compile and bounds memory.
    if (subsets_->compiled.size() >= kMaxSubsets) return &re->get();
  }
  std::string joined;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (!(mask & (std::uint64_t{1} << i))) continue;
    if (!joined.empty()) joined += '|';
    joined += "(?:" + parts[i] + ")";
  }
  auto fresh = compile(joined, re->case_sensitive());  // outside the lock: other threads go on
  const std::lock_guard lock(subsets_->mutex);
  for (const auto& [m, compiled] : subsets_->compiled) {
    if (m == mask) return compiled.get();  // another thread compiled it meanwhile
  }
  subsets_->compiled.emplace_back(mask, std::move(fresh));
  return subsets_->compiled.back().second.get();
}

std::vector<std::string> anchor_items(const std::vector<std::vector<std::string>>& anchors) {
  std::vector<std::string> items;
  for (std::size_t i = 0; i < anchors.size(); ++i) {
    if (anchors[i].empty()) items.push_back(fmt::format("{}:", i));
    for (const auto& a : anchors[i]) items.push_back(fmt::format("{}:{}", i, a));
  }
  return items;
}

std::vector<std::vector<std::string>> pattern_anchors(const RuleReader& r, const std::vector<std::string>& patterns) {
  std::vector<std::vector<std::string>> anchors(patterns.size());
  if (const Param* p = r.trusted() ? r.param(kAnchorsParam) : nullptr) {
    for (const std::string& item : p->items) {
      const std::size_t colon = item.find(':');
      if (colon == std::string::npos) continue;
      const auto i = static_cast<std::size_t>(std::strtoul(item.c_str(), nullptr, 10));
      if (i < anchors.size() && colon + 1 < item.size()) anchors[i].push_back(item.substr(colon + 1));
    }
    return anchors;
  }
  for (std::size_t i = 0; i < patterns.size(); ++i) anchors[i] = literal_anchors(patterns[i]);
  return anchors;
}

Result<PatternSet> read_patterns(const RuleReader& r, bool case_sensitive) {
  auto patterns = r.strings("patterns", true);
  if (!patterns) return tl::unexpected(patterns.error());
  PatternSet set;
  std::string joined;
  for (std::size_t i = 0; i < patterns->size(); ++i) {
    std::string p = fold_quotes((*patterns)[i]);
    if (auto ok = r.check_pattern(LazyRegex(p, case_sensitive), "patterns", i); !ok) return tl::unexpected(ok.error());
    if (i) joined += '|';
    joined += "(?:" + p + ")";
    set.parts.push_back(std::move(p));
  }
  set.part_anchors = pattern_anchors(r, set.parts);
  set.re = std::make_unique<LazyRegex>(std::move(joined), case_sensitive);
  return set;
}

void find_all(const Text& text, const RE2& re, const LazyRegex* unless, std::uint32_t self, std::vector<Hit>& out) {
  const std::string_view s = text.norm();
  re2::StringPiece m;
  std::size_t pos = 0;
  while (pos <= s.size() && re.Match(re2::StringPiece(s.data(), s.size()), pos, s.size(), RE2::UNANCHORED, &m, 1)) {
    const auto begin = static_cast<std::size_t>(m.data() - s.data());
    const Range r{begin, begin + m.size()};
    if (r.size() > 0 && !vetoed(text, unless, r)) {
      out.push_back({self, r, {}});
      pos = r.end;
    } else {
      pos = begin + 1;  // step one code point past the start and look again
      while (pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) ++pos;
    }
  }
}

bool vetoed(const Text& text, const LazyRegex* unless, Range r) {
  if (!unless) return false;
  const Range first = text.sentence_at(r.begin);
  const Range last = text.sentence_at(r.end > r.begin ? r.end - 1 : r.begin);
  const std::string_view window = text.norm().substr(first.begin, last.end - first.begin);
  return RE2::PartialMatch(re2::StringPiece(window.data(), window.size()), unless->get());
}

}  // namespace tactful::detail
