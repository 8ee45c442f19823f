// kind: phrase — literal phrases on word boundaries (docs/rules.md).
#include "rules/rule.hpp"

namespace tactful::detail {
namespace {

class PhraseRule final : public Rule {
 public:
  PhraseRule(RuleInfo info, Matcher m) : Rule(std::move(info)), matcher_(std::move(m)) {}
  std::string prefilter() const override { return matcher_.pattern(); }
  void find(const Text& text, std::uint32_t self, std::vector<Hit>& out) const override {
    matcher_.each(text, [&](Range r, int) { out.push_back({self, r, {}}); });
  }

 private:
  Matcher matcher_;
};

}  // namespace

Result<std::unique_ptr<Rule>> make_phrase_rule(const RuleReader& r) {
  auto phrases = r.strings("phrases", true);
  if (!phrases) return tl::unexpected(phrases.error());
  auto m = Matcher::build(r, *phrases, /*phrases=*/true, /*case_sensitive=*/false, /*capture_each=*/false);
  if (!m) return tl::unexpected(m.error());
  return std::make_unique<PhraseRule>(r.info(), std::move(*m));
}

}  // namespace tactful::detail
