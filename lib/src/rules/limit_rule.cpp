// kind: limit — at most `max` occurrences of phrases, patterns or a signal's
// matches (docs/rules.md).
#include <fmt/format.h>

#include "compiled.hpp"
#include "rules/rule.hpp"

namespace tactful::detail {
namespace {

class LimitRule final : public Rule {
 public:
  LimitRule(RuleInfo info, std::optional<PhraseList> phrases, std::unique_ptr<LazyRegex> re,
            std::vector<std::string> anchors, std::optional<Signal> counted, std::size_t max)
      : Rule(std::move(info)),
        phrases_(std::move(phrases)),
        re_(std::move(re)),
        anchors_(std::move(anchors)),
        counted_(counted),
        max_(max) {}

  const std::vector<std::string>* anchors() const override { return re_ ? &anchors_ : nullptr; }
  void find(const Text& text, std::uint32_t self, std::vector<Hit>& out) const override {
    if (!re_) return;
    const std::string_view s = text.norm();
    re2::StringPiece m;
    std::size_t pos = 0;
    while (pos < s.size() && re_->get().Match(re2::StringPiece(s.data(), s.size()), pos, s.size(), RE2::UNANCHORED, &m, 1)) {
      const auto begin = static_cast<std::size_t>(m.data() - s.data());
      if (m.size() > 0) out.push_back({self, {begin, begin + m.size()}, {}});
      pos = begin + std::max<std::size_t>(m.size(), 1);
    }
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
  std::unique_ptr<LazyRegex> re_;
  std::vector<std::string> anchors_;
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
  std::unique_ptr<LazyRegex> re;
  std::vector<std::string> anchors;
  if (has_patterns) {
    auto list = r.strings("patterns", true);
    if (!list) return tl::unexpected(list.error());
    std::string joined;
    bool anchored = true;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string p = fold_quotes((*list)[i]);
      if (auto ok = r.check_pattern(LazyRegex(p, false), "patterns", i); !ok) return tl::unexpected(ok.error());
      auto a = literal_anchors(p);
      anchored &= !a.empty();
      anchors.insert(anchors.end(), a.begin(), a.end());
      if (i) joined += '|';
      joined += "(?:" + p + ")";
    }
    if (!anchored) anchors.clear();
    re = std::make_unique<LazyRegex>(std::move(joined), false);
  }
  std::optional<PhraseList> phrases;
  if (has_phrases) {
    auto list = r.strings("phrases", true);
    if (!list) return tl::unexpected(list.error());
    auto built = PhraseList::build(r, "phrases", *list);
    if (!built) return tl::unexpected(built.error());
    phrases = std::move(*built);
  }
  return std::make_unique<LimitRule>(r.info(), std::move(phrases), std::move(re), std::move(anchors),
                                     has_phrases || has_patterns ? std::nullopt : sig, static_cast<std::size_t>(**max));
}

}  // namespace tactful::detail
