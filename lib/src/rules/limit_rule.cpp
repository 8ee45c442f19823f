// kind: limit — at most `max` occurrences of phrases, patterns or a signal's
// matches (docs/rules.md).
#include <fmt/format.h>

#include "compiled.hpp"
#include "rules/rule.hpp"

namespace tactful::detail {
namespace {

class LimitRule final : public Rule {
 public:
  LimitRule(std::optional<PhraseList> phrases, std::optional<PatternSet> patterns,
            std::optional<Signal> counted, std::size_t max)
      : phrases_(std::move(phrases)),
        patterns_(std::move(patterns)),
        counted_(counted),
        max_(max) {}

  const LazyRegex* regex() const override { return patterns_ ? patterns_->re.get() : nullptr; }
  std::vector<std::string> anchor_items() const override {
    return patterns_ ? detail::anchor_items(patterns_->part_anchors) : std::vector<std::string>();
  }
  void find(const Text& text, std::uint32_t self, std::vector<Hit>& out) const override {
    if (patterns_) find_all(text, patterns_->re->get(), nullptr, self, out);
  }
  void find_one_off(const Text& text, std::uint32_t self, std::vector<Hit>& out) const override {
    if (const RE2* re = patterns_ ? patterns_->for_text(text) : nullptr) find_all(text, *re, nullptr, self, out);
  }

  bool counts_only() const override { return true; }
  bool is_policy() const override { return true; }

  std::span<const std::pair<Sequence, std::uint32_t>> sequences() const override {
    return phrases_ ? phrases_->sequences() : std::span<const std::pair<Sequence, std::uint32_t>>();
  }
  void on_phrases(const Text& text, std::span<const PhraseMatch> matches, std::uint32_t self,
                  std::vector<Hit>& out) const override {
    if (phrases_) phrases_->accept(text, matches, [&](Range r, std::uint32_t) { out.push_back({self, r, {}}); });
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
  std::optional<PhraseList> phrases_;
  std::optional<PatternSet> patterns_;
  std::optional<Signal> counted_;
  std::size_t max_;
};

}  // namespace

Result<std::unique_ptr<Rule>> make_limit_rule(const RuleReader& r) {
  auto max = r.number("max");
  if (!max) return tl::unexpected(max.error());
  if (!*max || **max < 0) return r.error(r.param("max"), "a 'limit' rule needs 'max': a number from 0 up");
  const bool has_phrases = r.param("phrases") != nullptr;
  const bool has_patterns = r.param("patterns") != nullptr;
  const auto& sig = r.info().signal;
  if (int(has_phrases) + int(has_patterns) + int(sig.has_value()) != 1) {
    return r.error(nullptr, "a 'limit' rule counts exactly one of 'phrases', 'patterns' or a 'signal's matches");
  }
  std::optional<PatternSet> patterns;
  if (has_patterns) {
    auto read = read_patterns(r, false);
    if (!read) return tl::unexpected(read.error());
    patterns = std::move(*read);
  }
  std::optional<PhraseList> phrases;
  if (has_phrases) {
    auto list = r.strings("phrases", true);
    if (!list) return tl::unexpected(list.error());
    auto built = PhraseList::build(r, "phrases", *list);
    if (!built) return tl::unexpected(built.error());
    phrases = std::move(*built);
  }
  return std::make_unique<LimitRule>(std::move(phrases), std::move(patterns),
                                     has_phrases || has_patterns ? std::nullopt : sig, static_cast<std::size_t>(**max));
}

}  // namespace tactful::detail
