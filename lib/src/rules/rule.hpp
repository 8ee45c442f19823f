// The rule kinds: one class each (phrase_rule.cpp, pattern_rule.cpp,
// substitution_rule.cpp, require_rule.cpp, limit_rule.cpp, metric_rule.cpp),
// all deriving from Rule, listed in the sorted table in registry.cpp.
#pragma once

#include <bitset>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

#include "phrase.hpp"
#include "spec.hpp"
#include "tactful/rules.hpp"
#include "text.hpp"

namespace tactful::detail {

class CompiledRules;
class PatternSet;

// One place a rule fired, in norm() offsets of the text it ran on.
struct Hit {
  std::uint32_t rule = 0;
  Range range;
  std::string suggestion;  // substitutions: the replacement for this match
};

// A phrase found in a text: tokens [first, last) and which alternative.
struct PhraseMatch {
  std::uint32_t first = 0, last = 0;
  std::uint32_t alt = 0;
};

// What the policies (require, limit) see after the matchers have run.
struct Analysis {
  const Text* reply = nullptr;
  const Text* customer = nullptr;  // the customer's message, when given
  std::vector<Hit> hits;  // matcher hits on the reply, sorted by position
  std::bitset<kSignalCount> signals;
  std::set<std::string, std::less<>> facts;  // read from the customer's message
  std::string_view customer_name;            // given, or what the customer signed with; may be empty
  // Words in the reply, counted on first use (only some policies ask).
  std::size_t reply_words() const {
    if (!reply_words_) reply_words_ = reply->count_words({0, reply->norm().size()});
    return *reply_words_;
  }

 private:
  mutable std::optional<std::size_t> reply_words_;
};

// A regular expression compiled on first use: compiling is the costly part of
// loading a pack, and most rules never need their expression for a given draft.
class LazyRegex {
 public:
  LazyRegex(std::string pattern, bool case_sensitive);
  const RE2& get() const;
  const std::string& pattern() const { return pattern_; }
  bool case_sensitive() const { return case_sensitive_; }
  // Compiles now; the error text when the pattern is bad.
  std::optional<std::string> check() const;

 private:
  std::string pattern_;
  bool case_sensitive_;
  mutable std::once_flag once_;
  mutable std::unique_ptr<RE2> re_;
};

// The largest counted repetition ({m,n}) the batch index takes: above it, the
// automaton's states multiply ("[^.!?]{0,80}" after a common word made audits
// twice as slow), so a rule with such a pattern is left out of the index and
// runs on every text instead. The default pack has none (a test checks).
inline constexpr int kMaxRepeat = 20;
// The first counted repetition in `pattern` above kMaxRepeat ("{0,80}"), or empty.
std::string_view large_repeat(std::string_view pattern);

// Literal strings (lower case) at least one of which every match of an RE2
// pattern contains; empty when no such set is known.
std::vector<std::string> literal_anchors(std::string_view pattern);

// Reads a spec's kind-specific settings; errors point at the value's line.
class RuleReader {
 public:
  // `trusted`: the embedded pack, checked at build time, its phrases already
  // indexed; otherwise (rule files) every pattern is compiled now.
  RuleReader(const RuleSpec& spec, bool trusted) : spec_(spec), trusted_(trusted) {}
  const RuleInfo& info() const { return spec_.info; }
  const RuleSpec& spec() const { return spec_; }
  bool trusted() const { return trusted_; }
  const Param* param(std::string_view key) const { return spec_.find(key); }

  tl::unexpected<Error> error(const Param* at, std::string message, std::size_t item = SIZE_MAX,
                              ErrorCode code = ErrorCode::rule_invalid) const;
  Result<std::vector<std::string>> strings(std::string_view key, bool required) const;
  Result<std::optional<double>> number(std::string_view key) const;
  Result<std::string> string(std::string_view key, bool required) const;
  // A list of words, case-folded as the tokenizer folds them.
  Result<WordSet> words(std::string_view key, bool required) const;
  // The `case` key: true for 'sensitive'; 'insensitive' or absent is false.
  Result<bool> case_sensitive() const;
  // The rule's `unless` patterns as one expression, checked when validating.
  Result<std::unique_ptr<LazyRegex>> unless() const;
  // Compiles `pattern` now when validating; the error names item `item` of `key`.
  Result<void> check_pattern(const LazyRegex& re, std::string_view key, std::size_t item) const;

 private:
  const RuleSpec& spec_;
  bool trusted_;
};

// A compiled rule of one kind. What every rule has (id, habit, severity,
// message...) stays in its RuleInfo, kept once by the RuleSet.
class Rule {
 public:
  Rule() = default;
  virtual ~Rule() = default;
  Rule(const Rule&) = delete;
  Rule& operator=(const Rule&) = delete;

  // Phrase-based kinds: the token sequences to index, with their alternative.
  virtual std::span<const std::pair<Sequence, std::uint32_t>> sequences() const { return {}; }
  // Phase 1 for phrase-based kinds: the index found these matches, sorted by
  // first token, longest first.
  virtual void on_phrases(const Text& /*text*/, std::span<const PhraseMatch> /*matches*/, std::uint32_t /*self*/,
                          std::vector<Hit>& /*out*/) const {}
  // Pattern and limit kinds: the expression find() searches for.
  virtual const LazyRegex* regex() const { return nullptr; }
  // The expressions of which one must match for find() to find anything:
  // the batch index runs a rule only when one does. Default: regex().
  virtual void gates(std::vector<const LazyRegex*>& out) const {
    if (const LazyRegex* re = regex()) out.push_back(re);
  }
  // Phase 1 for pattern and metric kinds.
  virtual void find(const Text& /*text*/, std::uint32_t /*self*/, std::vector<Hit>& /*out*/) const {}
  // Phase 1 in a single check: as find(), compiling only the expressions
  // whose literals are in the text.
  virtual void find_one_off(const Text& text, std::uint32_t self, std::vector<Hit>& out) const { find(text, self, out); }
  // Pattern and entity kinds: each pattern's literal anchors, as packc
  // stores them (kAnchorsParam) so that loading need not work them out.
  virtual std::vector<std::string> anchor_items() const { return {}; }
  // Phase 2: policies judge the whole analysis, lower stages first.
  virtual bool is_policy() const { return false; }
  virtual int stage() const { return 1; }
  virtual void judge(const Analysis& /*a*/, const CompiledRules& /*rules*/, std::uint32_t /*self*/,
                     std::vector<Hit>& /*out*/) const {}
  // Matches counted by limit rules, not reported themselves.
  virtual bool counts_only() const { return false; }
  // Kinds whose find() reads every text, ungated by anchors (metric, entity).
  virtual bool reads_whole_text() const { return false; }
  // Entity kinds: what their hits are ("order", "amount", "name").
  virtual std::string_view entity() const { return {}; }

};

// The phrase handling that the phrase, substitution and limit kinds share:
// expands phrases, picks leftmost-longest matches, applies `unless`.
class PhraseList {
 public:
  // `phrases[i]` is alternative i.
  static Result<PhraseList> build(const RuleReader& r, std::string_view key, const std::vector<std::string>& phrases);
  std::span<const std::pair<Sequence, std::uint32_t>> sequences() const { return sequences_; }
  // Calls on_match(range, alt) for each accepted, non-overlapping match.
  template <class Fn>
  void accept(const Text& text, std::span<const PhraseMatch> matches, Fn&& on_match) const;

 private:
  std::vector<std::pair<Sequence, std::uint32_t>> sequences_;
  std::shared_ptr<LazyRegex> unless_;
};

// The `patterns` of a pattern or limit rule as one lazily compiled expression,
// with the literal anchors that gate it (precomputed in the embedded pack).
// A single check compiles only the patterns whose anchors are in the text:
// a pattern that cannot match anywhere changes nothing in a leftmost-first
// alternation, and compiling is most of what one check costs.
class PatternSet {
 public:
  std::unique_ptr<LazyRegex> re;   // every pattern, joined
  std::vector<std::string> parts;  // each pattern, as joined into `re`
  // Each pattern's anchors; an empty list: it can match anywhere.
  std::vector<std::vector<std::string>> part_anchors;

  PatternSet();
  ~PatternSet();
  PatternSet(PatternSet&&) noexcept;
  PatternSet& operator=(PatternSet&&) noexcept;
  // The expression of the patterns that can match in `text`, judged by their
  // literal anchors; nullptr when none can.
  const RE2* for_text(const Text& text) const;

 private:
  struct Subsets;
  std::unique_ptr<Subsets> subsets_;
};
Result<PatternSet> read_patterns(const RuleReader& r, bool case_sensitive);
// The parameter under which packc stores precomputed anchors: one item per
// anchor, "<pattern index>:<literal>", and "<pattern index>:" for a pattern
// without anchors.
inline constexpr std::string_view kAnchorsParam = "_anchors";
// The items packc stores for patterns with these anchors.
std::vector<std::string> anchor_items(const std::vector<std::vector<std::string>>& anchors);
// Each pattern's literal anchors: as packc stored them in the embedded pack,
// or else worked out now.
std::vector<std::vector<std::string>> pattern_anchors(const RuleReader& r, const std::vector<std::string>& patterns);
// Can a pattern with these anchors match in `text`? Without anchors, anywhere.
bool may_match(const Text& text, const std::vector<std::string>& anchors);

// All non-overlapping matches of `re` in the text, `unless` applied.
void find_all(const Text& text, const RE2& re, const LazyRegex* unless, std::uint32_t self, std::vector<Hit>& out);

// True when an `unless` expression matches in the sentence(s) around r.
bool vetoed(const Text& text, const LazyRegex* unless, Range r);

template <class Fn>
void PhraseList::accept(const Text& text, std::span<const PhraseMatch> matches, Fn&& on_match) const {
  const auto& toks = text.tokens();
  std::uint32_t next_free = 0;  // matches of one rule do not overlap
  for (const PhraseMatch& m : matches) {
    if (m.first < next_free) continue;
    const Range r{toks[m.first].begin, toks[m.last - 1].end};
    if (vetoed(text, unless_.get(), r)) continue;
    on_match(r, m.alt);
    next_free = m.last;
  }
}

using RuleFactory = Result<std::unique_ptr<Rule>> (*)(const RuleReader&);

struct KindEntry {
  std::string_view kind;
  RuleFactory make;
  std::initializer_list<std::string_view> keys;  // the kind's own keys
};
// The kinds, sorted by name.
std::span<const KindEntry> rule_kinds();

Result<std::unique_ptr<Rule>> make_phrase_rule(const RuleReader& r);
Result<std::unique_ptr<Rule>> make_pattern_rule(const RuleReader& r);
Result<std::unique_ptr<Rule>> make_substitution_rule(const RuleReader& r);
Result<std::unique_ptr<Rule>> make_require_rule(const RuleReader& r);
Result<std::unique_ptr<Rule>> make_limit_rule(const RuleReader& r);
Result<std::unique_ptr<Rule>> make_metric_rule(const RuleReader& r);
Result<std::unique_ptr<Rule>> make_address_rule(const RuleReader& r);
Result<std::unique_ptr<Rule>> make_echo_rule(const RuleReader& r);
Result<std::unique_ptr<Rule>> make_entity_rule(const RuleReader& r);

}  // namespace tactful::detail
