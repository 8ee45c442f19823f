// kind: phrase — literal phrases on word boundaries (docs/rules.md).
#include "rules/rule.hpp"

namespace tactful::detail {
namespace {

class PhraseRule final : public Rule {
 public:
  explicit PhraseRule(PhraseList phrases) : phrases_(std::move(phrases)) {}
  std::span<const std::pair<Sequence, std::uint32_t>> sequences() const override { return phrases_.sequences(); }
  void on_phrases(const Text& text, std::span<const PhraseMatch> matches, std::uint32_t self,
                  std::vector<Hit>& out) const override {
    phrases_.accept(text, matches, [&](Range r, std::uint32_t) { out.push_back({self, r, {}}); });
  }

 private:
  PhraseList phrases_;
};

}  // namespace

Result<std::unique_ptr<Rule>> make_phrase_rule(const RuleReader& r) {
  auto phrases = r.strings("phrases", true);
  if (!phrases) return tl::unexpected(phrases.error());
  auto list = PhraseList::build(r, "phrases", *phrases);
  if (!list) return tl::unexpected(list.error());
  return std::make_unique<PhraseRule>(std::move(*list));
}

}  // namespace tactful::detail
