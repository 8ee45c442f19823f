// kind: substitution — phrase -> suggested replacement (docs/rules.md).
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "rules/rule.hpp"

namespace tactful::detail {
namespace {

// "i'm sorry..." -> "I'm sorry..." when the matched words start with a capital.
std::string match_case(std::string replacement, std::string_view matched) {
  if (matched.empty() || replacement.empty()) return replacement;
  const char32_t first = code_point_at(matched, 0);
  if (!u_isupper(static_cast<UChar32>(first))) return replacement;
  const char32_t r = code_point_at(replacement, 0);
  const UChar32 upper = u_toupper(static_cast<UChar32>(r));
  if (upper == static_cast<UChar32>(r)) return replacement;
  int32_t old_len = U8_LENGTH(static_cast<UChar32>(r));
  char buf[4];
  int32_t n = 0;
  UBool err = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), n, 4, upper, err);
  if (err) return replacement;
  return std::string(buf, static_cast<std::size_t>(n)) + replacement.substr(static_cast<std::size_t>(old_len));
}

class SubstitutionRule final : public Rule {
 public:
  SubstitutionRule(RuleInfo info, Matcher m, std::vector<std::string> replacements)
      : Rule(std::move(info)), matcher_(std::move(m)), replacements_(std::move(replacements)) {}
  std::string prefilter() const override { return matcher_.pattern(); }
  void find(const Text& text, std::uint32_t self, std::vector<Hit>& out) const override {
    matcher_.each(text, [&](Range r, int which) {
      std::string s = which >= 0 ? replacements_[static_cast<std::size_t>(which)] : std::string();
      out.push_back({self, r, match_case(std::move(s), text.norm().substr(r.begin, r.size()))});
    });
  }

 private:
  Matcher matcher_;
  std::vector<std::string> replacements_;
};

}  // namespace

Result<std::unique_ptr<Rule>> make_substitution_rule(const RuleReader& r) {
  const YAML::Node swap = r.node()["swap"];
  if (!swap || !swap.IsMap() || swap.size() == 0) {
    return r.error(swap ? swap : r.node(), "a 'substitution' rule needs 'swap': a map of phrase: replacement");
  }
  std::vector<std::string> phrases, replacements;
  for (const auto& kv : swap) {
    if (!kv.first.IsScalar() || !kv.second.IsScalar()) {
      return r.error(kv.first, "'swap' entries must be phrase: replacement strings");
    }
    phrases.push_back(kv.first.Scalar());
    replacements.push_back(kv.second.Scalar());
  }
  auto m = Matcher::build(r, phrases, /*phrases=*/true, /*case_sensitive=*/false, /*capture_each=*/true);
  if (!m) return tl::unexpected(m.error());
  return std::make_unique<SubstitutionRule>(r.info(), std::move(*m), std::move(replacements));
}

}  // namespace tactful::detail
