// kind: pattern — RE2 regular expressions (docs/rules.md).
#include "rules/rule.hpp"

namespace tactful::detail {
namespace {

class PatternRule final : public Rule {
 public:
  PatternRule(RuleInfo info, Matcher m) : Rule(std::move(info)), matcher_(std::move(m)) {}
  std::string prefilter() const override { return matcher_.pattern(); }
  void find(const Text& text, std::uint32_t self, std::vector<Hit>& out) const override {
    matcher_.each(text, [&](Range r, int) { out.push_back({self, r, {}}); });
  }

 private:
  Matcher matcher_;
};

}  // namespace

Result<std::unique_ptr<Rule>> make_pattern_rule(const RuleReader& r) {
  auto patterns = r.strings("patterns", true);
  if (!patterns) return tl::unexpected(patterns.error());
  auto cs = r.string("case", false);
  if (!cs) return tl::unexpected(cs.error());
  if (!cs->empty() && *cs != "sensitive" && *cs != "insensitive") {
    return r.error(r.node()["case"], "'case' must be 'sensitive' or 'insensitive'");
  }
  auto m = Matcher::build(r, *patterns, /*phrases=*/false, *cs == "sensitive", /*capture_each=*/false);
  if (!m) return tl::unexpected(m.error());
  return std::make_unique<PatternRule>(r.info(), std::move(*m));
}

}  // namespace tactful::detail
