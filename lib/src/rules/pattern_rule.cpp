// kind: pattern — RE2 regular expressions (docs/rules.md).
#include "rules/rule.hpp"

namespace tactful::detail {
namespace {

class PatternRule final : public Rule {
 public:
  PatternRule(RuleInfo info, std::unique_ptr<LazyRegex> re, std::unique_ptr<LazyRegex> unless,
              std::vector<std::string> anchors)
      : Rule(std::move(info)), re_(std::move(re)), unless_(std::move(unless)), anchors_(std::move(anchors)) {}

  const std::vector<std::string>* anchors() const override { return &anchors_; }

  void find(const Text& text, std::uint32_t self, std::vector<Hit>& out) const override {
    const RE2& re = re_->get();
    const std::string_view s = text.norm();
    re2::StringPiece m;
    std::size_t pos = 0;
    while (pos <= s.size() && re.Match(re2::StringPiece(s.data(), s.size()), pos, s.size(), RE2::UNANCHORED, &m, 1)) {
      const auto begin = static_cast<std::size_t>(m.data() - s.data());
      const Range r{begin, begin + m.size()};
      if (r.size() > 0 && !vetoed(text, unless_.get(), r)) {
        out.push_back({self, r, {}});
        pos = r.end;
      } else {
        pos = begin + 1;  // step one code point past the start and look again
        while (pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) ++pos;
      }
    }
  }

 private:
  std::unique_ptr<LazyRegex> re_;
  std::unique_ptr<LazyRegex> unless_;
  std::vector<std::string> anchors_;
};

}  // namespace

Result<std::unique_ptr<Rule>> make_pattern_rule(const RuleReader& r) {
  auto patterns = r.strings("patterns", true);
  if (!patterns) return tl::unexpected(patterns.error());
  auto cs = r.string("case", false);
  if (!cs) return tl::unexpected(cs.error());
  if (!cs->empty() && *cs != "sensitive" && *cs != "insensitive") {
    return r.error(r.param("case"), "'case' must be 'sensitive' or 'insensitive'");
  }
  const bool sensitive = *cs == "sensitive";
  std::string joined;
  std::vector<std::string> anchors;
  bool anchored = true;  // every alternative has anchors
  for (std::size_t i = 0; i < patterns->size(); ++i) {
    const std::string p = fold_quotes((*patterns)[i]);
    if (auto ok = r.check_pattern(LazyRegex(p, sensitive), "patterns", i); !ok) return tl::unexpected(ok.error());
    auto a = literal_anchors(p);
    if (a.empty()) anchored = false;
    anchors.insert(anchors.end(), a.begin(), a.end());
    if (i) joined += '|';
    joined += "(?:" + p + ")";
  }
  if (!anchored) anchors.clear();
  auto unless = r.unless();
  if (!unless) return tl::unexpected(unless.error());
  return std::make_unique<PatternRule>(r.info(), std::make_unique<LazyRegex>(std::move(joined), sensitive),
                                       std::move(*unless), std::move(anchors));
}

}  // namespace tactful::detail
