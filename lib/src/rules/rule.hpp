// The rule kinds: one class each (phrase.cpp, pattern.cpp, substitution.cpp,
// require.cpp, limit.cpp, metric.cpp), all deriving from Rule, registered in
// the sorted table in registry.cpp.
#pragma once

#include <bitset>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include "tactful/rules.hpp"
#include "text.hpp"

namespace tactful::detail {

// One place a rule fired, in norm() offsets of the text it ran on.
struct Hit {
  std::uint32_t rule = 0;
  Range range;
  std::string suggestion;  // substitutions: the replacement for this match
};

// What the policies (require, limit) see after the matchers have run.
struct Analysis {
  const Text* reply = nullptr;
  std::vector<Hit> hits;  // matcher hits on the reply, sorted by position
  std::bitset<kSignalCount> signals;
  std::set<std::string, std::less<>> facts;  // read from the customer's message
  std::size_t reply_words = 0;
};

class CompiledRules;

// Reads the kind-specific keys of a rule; errors point at the node.
class RuleReader {
 public:
  RuleReader(const YAML::Node& node, const RuleInfo& info) : node_(node), info_(info) {}
  const YAML::Node& node() const { return node_; }
  const RuleInfo& info() const { return info_; }
  tl::unexpected<Error> error(const YAML::Node& at, std::string message) const;
  // Required or optional lists of strings / numbers.
  Result<std::vector<std::string>> strings(std::string_view key, bool required) const;
  Result<std::optional<double>> number(std::string_view key) const;
  Result<std::string> string(std::string_view key, bool required) const;

 private:
  const YAML::Node& node_;
  const RuleInfo& info_;
};

class Rule {
 public:
  explicit Rule(RuleInfo info) : info_(std::move(info)) {}
  virtual ~Rule() = default;
  Rule(const Rule&) = delete;
  Rule& operator=(const Rule&) = delete;

  const RuleInfo& info() const { return info_; }

  // The pattern the one-pass prefilter (RE2::Set) looks for; a rule runs only
  // when it is seen. Empty: the rule always runs.
  virtual std::string prefilter() const { return {}; }
  // Phase 1: finds the rule's matches in `text`.
  virtual void find(const Text& /*text*/, std::uint32_t /*self*/, std::vector<Hit>& /*out*/) const {}
  // Phase 2: policies judge the whole analysis.
  virtual bool is_policy() const { return false; }
  virtual void judge(const Analysis& /*a*/, const CompiledRules& /*rules*/, std::uint32_t /*self*/,
                     std::vector<Hit>& /*out*/) const {}
  // Matches counted by limit rules, not reported themselves.
  virtual bool counts_only() const { return false; }

 private:
  RuleInfo info_;
};

// A compiled regular expression with the boundary and `unless` logic that the
// phrase, pattern and substitution kinds share.
class Matcher {
 public:
  // `phrases`: compiled phrase patterns (word boundaries checked); else raw RE2.
  static Result<Matcher> build(const RuleReader& r, const std::vector<std::string>& alternatives, bool phrases,
                               bool case_sensitive, bool capture_each);
  const std::string& pattern() const { return pattern_; }
  // Calls on_match(range, alternative index or -1) for each accepted match.
  template <class Fn>
  void each(const Text& text, Fn&& on_match) const;

 private:
  bool accepted(const Text& text, Range r) const;
  int which(const re2::StringPiece* groups) const;
  std::string pattern_;
  std::shared_ptr<const RE2> re_;
  std::shared_ptr<const RE2> unless_;
  bool boundaries_ = false;
  int groups_ = 0;
};

template <class Fn>
void Matcher::each(const Text& text, Fn&& on_match) const {
  const std::string_view s = text.norm();
  std::vector<re2::StringPiece> groups(static_cast<std::size_t>(groups_) + 1);
  std::size_t pos = 0;
  while (pos <= s.size()) {
    if (!re_->Match(re2::StringPiece(s.data(), s.size()), pos, s.size(), RE2::UNANCHORED, groups.data(),
                    groups_ + 1)) {
      break;
    }
    const auto begin = static_cast<std::size_t>(groups[0].data() - s.data());
    const Range r{begin, begin + groups[0].size()};
    if (r.size() > 0 && accepted(text, r)) {
      on_match(r, which(groups.data()));
      pos = r.end;
    } else {
      // Step one code point past the start and look again.
      pos = begin + 1;
      while (pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) ++pos;
    }
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

}  // namespace tactful::detail
