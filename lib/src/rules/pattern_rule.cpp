// kind: pattern — RE2 regular expressions (docs/rules.md).
#include "rules/rule.hpp"

namespace tactful::detail {
namespace {

class PatternRule final : public Rule {
 public:
  PatternRule(PatternSet patterns, std::unique_ptr<LazyRegex> unless)
      : patterns_(std::move(patterns)), unless_(std::move(unless)) {}

  const LazyRegex* regex() const override { return patterns_.re.get(); }
  std::vector<std::string> anchor_items() const override { return detail::anchor_items(patterns_.part_anchors); }
  void find(const Text& text, std::uint32_t self, std::vector<Hit>& out) const override {
    find_all(text, patterns_.re->get(), unless_.get(), self, out);
  }
  void find_one_off(const Text& text, std::uint32_t self, std::vector<Hit>& out) const override {
    if (const RE2* re = patterns_.for_text(text)) find_all(text, *re, unless_.get(), self, out);
  }

 private:
  PatternSet patterns_;
  std::unique_ptr<LazyRegex> unless_;
};

}  // namespace

Result<std::unique_ptr<Rule>> make_pattern_rule(const RuleReader& r) {
  auto cs = r.case_sensitive();
  if (!cs) return tl::unexpected(cs.error());
  auto patterns = read_patterns(r, *cs);
  if (!patterns) return tl::unexpected(patterns.error());
  auto unless = r.unless();
  if (!unless) return tl::unexpected(unless.error());
  return std::make_unique<PatternRule>(std::move(*patterns), std::move(*unless));
}

}  // namespace tactful::detail
