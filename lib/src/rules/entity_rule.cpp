// kind: entity — what the customer named: order and ticket numbers, amounts,
// dates, people, their own name (docs/rules.md). Runs on the customer's
// message only. Each pattern may mark the part to keep with a group named
// `entity` ("order (?P<entity>\d+)" keeps the number); otherwise the whole
// match is the entity.
#include <fmt/format.h>

#include "rules/rule.hpp"

namespace tactful::detail {
namespace {

class EntityRule final : public Rule {
 public:
  // `anchors`: each pattern's literals; a single check compiles and runs
  // only the patterns whose literals are in the text.
  EntityRule(std::string entity, std::vector<std::unique_ptr<LazyRegex>> patterns, WordSet ignore,
             std::vector<std::vector<std::string>> anchors)
      : entity_(std::move(entity)),
        patterns_(std::move(patterns)),
        ignore_(std::move(ignore)),
        anchors_(std::move(anchors)) {}

  std::vector<std::string> anchor_items() const override { return detail::anchor_items(anchors_); }

  bool reads_whole_text() const override { return true; }
  // Batch checks skip the rule on messages where no pattern matches.
  void gates(std::vector<const LazyRegex*>& out) const override {
    for (const auto& p : patterns_) out.push_back(p.get());
  }
  std::string_view entity() const override { return entity_; }

  void find(const Text& text, std::uint32_t self, std::vector<Hit>& out) const override { run(text, self, out, false); }
  void find_one_off(const Text& text, std::uint32_t self, std::vector<Hit>& out) const override {
    run(text, self, out, true);
  }

 private:
  void run(const Text& text, std::uint32_t self, std::vector<Hit>& out, bool gate) const {
    const std::string_view s = text.norm();
    const re2::StringPiece input(s.data(), s.size());
    for (std::size_t k = 0; k < patterns_.size(); ++k) {
      if (gate && !may_match(text, anchors_[k])) continue;  // its literals are not in the text
      const RE2& re = patterns_[k]->get();
      const int group = std::max(0, named_group(re));
      std::vector<re2::StringPiece> m(static_cast<std::size_t>(group) + 1);
      std::size_t pos = 0;
      while (pos < s.size() && re.Match(input, pos, s.size(), RE2::UNANCHORED, m.data(), group + 1)) {
        const auto whole_end = static_cast<std::size_t>(m[0].data() - s.data()) + m[0].size();
        const re2::StringPiece& e = m[static_cast<std::size_t>(group)];
        std::string folded;
        if (e.data() != nullptr && !ignore_.empty()) fold_into(std::string_view(e.data(), e.size()), folded);
        if (e.data() != nullptr && !e.empty() && !ignore_.contains(folded)) {
          const auto begin = static_cast<std::size_t>(e.data() - s.data());
          out.push_back({self, {begin, begin + e.size()}, {}});
        }
        pos = std::max(whole_end, pos + 1);
      }
    }
  }

  static int named_group(const RE2& re) {
    const auto& names = re.NamedCapturingGroups();
    const auto it = names.find("entity");
    return it == names.end() ? -1 : it->second;
  }

  std::string entity_;
  std::vector<std::unique_ptr<LazyRegex>> patterns_;
  WordSet ignore_;  // folded entity texts that are not entities
  std::vector<std::vector<std::string>> anchors_;  // per pattern; empty: can match anywhere
};

}  // namespace

Result<std::unique_ptr<Rule>> make_entity_rule(const RuleReader& r) {
  if (!r.info().customer_scope) return r.error(nullptr, "an 'entity' rule reads the customer's message: add 'scope: customer'");
  auto entity = r.string("entity", true);
  if (!entity) return tl::unexpected(entity.error());
  auto cs = r.case_sensitive();
  if (!cs) return tl::unexpected(cs.error());
  auto patterns = r.strings("patterns", true);
  if (!patterns) return tl::unexpected(patterns.error());
  std::vector<std::unique_ptr<LazyRegex>> compiled;
  std::vector<std::string> folded;
  for (std::size_t i = 0; i < patterns->size(); ++i) {
    folded.push_back(fold_quotes((*patterns)[i]));
    auto re = std::make_unique<LazyRegex>(folded.back(), *cs);
    if (auto ok = r.check_pattern(*re, "patterns", i); !ok) return tl::unexpected(ok.error());
    compiled.push_back(std::move(re));
  }
  auto ignore = r.words("ignore", false);
  if (!ignore) return tl::unexpected(ignore.error());
  return std::make_unique<EntityRule>(std::move(*entity), std::move(compiled), std::move(*ignore),
                                      pattern_anchors(r, folded));
}

}  // namespace tactful::detail
