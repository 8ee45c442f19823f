// kind: substitution — phrase -> suggested replacement (docs/rules.md).
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "rules/rule.hpp"

namespace tactful::detail {
namespace {

// "i'm sorry..." -> "I'm sorry..." when the matched words start with a capital.
std::string match_case(std::string replacement, std::string_view matched) {
  if (matched.empty() || replacement.empty()) return replacement;
  if (!u_isupper(static_cast<UChar32>(code_point_at(matched, 0)))) return replacement;
  const auto r = static_cast<UChar32>(code_point_at(replacement, 0));
  const UChar32 upper = u_toupper(r);
  if (upper == r) return replacement;
  char buf[4];
  int32_t n = 0;
  UBool err = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), n, 4, upper, err);
  if (err) return replacement;
  return std::string(buf, static_cast<std::size_t>(n)) + replacement.substr(static_cast<std::size_t>(U8_LENGTH(r)));
}

class SubstitutionRule final : public Rule {
 public:
  SubstitutionRule(PhraseList phrases, std::vector<std::string> replacements)
      : phrases_(std::move(phrases)), replacements_(std::move(replacements)) {}
  std::span<const std::pair<Sequence, std::uint32_t>> sequences() const override { return phrases_.sequences(); }
  void on_phrases(const Text& text, std::span<const PhraseMatch> matches, std::uint32_t self,
                  std::vector<Hit>& out) const override {
    phrases_.accept(text, matches, [&](Range r, std::uint32_t alt) {
      out.push_back({self, r, match_case(replacements_[alt], text.norm().substr(r.begin, r.size()))});
    });
  }

 private:
  PhraseList phrases_;
  std::vector<std::string> replacements_;
};

}  // namespace

Result<std::unique_ptr<Rule>> make_substitution_rule(const RuleReader& r) {
  const Param* swap = r.param("swap");
  if (!swap || swap->type != Param::Type::map || swap->entries.empty()) {
    return r.error(swap, "a 'substitution' rule needs 'swap': a map of phrase: replacement");
  }
  std::vector<std::string> phrases, replacements;
  for (const auto& [phrase, replacement] : swap->entries) {
    phrases.push_back(phrase);
    replacements.push_back(replacement);
  }
  auto list = PhraseList::build(r, "swap", phrases);
  if (!list) return tl::unexpected(list.error());
  return std::make_unique<SubstitutionRule>(std::move(*list), std::move(replacements));
}

}  // namespace tactful::detail
