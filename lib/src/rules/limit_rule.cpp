// kind: limit — at most `max` occurrences of phrases, patterns or a signal's
// matches (docs/rules.md).
#include <fmt/format.h>

#include "compiled.hpp"
#include "rules/rule.hpp"

namespace tactful::detail {
namespace {

class LimitRule final : public Rule {
 public:
  LimitRule(RuleInfo info, std::optional<Matcher> m, std::optional<Signal> counted, std::size_t max)
      : Rule(std::move(info)), matcher_(std::move(m)), counted_(counted), max_(max) {}

  std::string prefilter() const override { return matcher_ ? matcher_->pattern() : std::string(); }
  bool counts_only() const override { return true; }
  bool is_policy() const override { return true; }

  void find(const Text& text, std::uint32_t self, std::vector<Hit>& out) const override {
    if (matcher_) matcher_->each(text, [&](Range r, int) { out.push_back({self, r, {}}); });
  }

  void judge(const Analysis& a, const CompiledRules& rules, std::uint32_t self,
             std::vector<Hit>& out) const override {
    std::size_t count = 0;
    std::size_t covered = 0;  // overlapping matches of several rules count once
    for (const Hit& h : a.hits) {
      const bool mine = counted_ ? rules.infos[h.rule].signal == counted_ && h.rule != self : h.rule == self;
      if (!mine || (count > 0 && h.range.begin < covered)) continue;
      covered = h.range.end;
      if (++count == max_ + 1) {
        out.push_back({self, h.range, {}});
        return;
      }
    }
  }

 private:
  std::optional<Matcher> matcher_;
  std::optional<Signal> counted_;
  std::size_t max_;
};

}  // namespace

Result<std::unique_ptr<Rule>> make_limit_rule(const RuleReader& r) {
  auto max = r.number("max");
  if (!max) return tl::unexpected(max.error());
  if (!*max || **max < 0) return r.error(r.node(), "a 'limit' rule needs 'max': a number from 0 up");
  const bool has_phrases = static_cast<bool>(r.node()["phrases"]);
  const bool has_patterns = static_cast<bool>(r.node()["patterns"]);
  const auto& sig = r.info().signal;
  if (int(has_phrases) + int(has_patterns) + int(sig.has_value()) != 1) {
    return r.error(r.node(), "a 'limit' rule counts exactly one of 'phrases', 'patterns' or 'signal'");
  }
  std::optional<Matcher> m;
  if (has_phrases || has_patterns) {
    auto list = r.strings(has_phrases ? "phrases" : "patterns", true);
    if (!list) return tl::unexpected(list.error());
    auto built = Matcher::build(r, *list, has_phrases, false, false);
    if (!built) return tl::unexpected(built.error());
    m = std::move(*built);
  }
  return std::make_unique<LimitRule>(r.info(), std::move(m), has_phrases || has_patterns ? std::nullopt : sig,
                                     static_cast<std::size_t>(**max));
}

}  // namespace tactful::detail
