// kind: address — the reply must not greet the customer by a name that is
// not theirs (docs/rules.md). Runs when the customer's name is known: given
// with --customer-name, the addressee of a mail message, or what the
// customer signed with.
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <fmt/format.h>

#include "rules/rule.hpp"

namespace tactful::detail {
namespace {

bool capitalised(std::string_view s, std::uint32_t at) {
  const std::string_view head = s.substr(at, 4);
  const auto c = icu::UnicodeString::fromUTF8(icu::StringPiece(head.data(), static_cast<std::int32_t>(head.size())));
  return !c.isEmpty() && u_isupper(c.char32At(0));
}

class AddressRule final : public Rule {
 public:
  AddressRule(WordSet greetings, WordSet titles, WordSet not_names)
      : greetings_(std::move(greetings)), titles_(std::move(titles)), not_names_(std::move(not_names)) {}

  bool is_policy() const override { return true; }
  int stage() const override { return 0; }

  void judge(const Analysis& a, const CompiledRules&, std::uint32_t self, std::vector<Hit>& out) const override {
    if (a.customer_name.empty()) return;
    // The parts of the customer's name, folded: "Maria Lopez" -> maria, lopez.
    const Tokens name(a.customer_name);
    WordSet parts;
    std::string first;
    for (const Token& t : name.list()) {
      if (!t.word() || titles_.contains(name.key(t))) continue;
      parts.insert(name.key(t));
      if (first.empty()) first = std::string(a.customer_name.substr(t.begin, t.end - t.begin));
    }
    if (parts.empty()) return;

    const Tokens& toks = a.reply->tokens();
    const std::string_view s = a.reply->norm();
    bool line_start = true;  // at the start of a line (or of the text)
    for (std::size_t i = 0; i < toks.size(); ++i) {
      if (i > 0 && s.substr(toks[i - 1].end, toks[i].begin - toks[i - 1].end).find('\n') != std::string_view::npos) {
        line_start = true;
      }
      if (!line_start) continue;
      line_start = false;
      if (!toks[i].word() || !greetings_.contains(toks.key(toks[i]))) continue;
      // After the greeting: more greeting words ("good morning"), a title,
      // then the name, before any punctuation.
      std::size_t j = i + 1;
      while (j < toks.size() && toks[j].word() && greetings_.contains(toks.key(toks[j]))) ++j;
      if (j < toks.size() && toks.key(toks[j]) == ",") ++j;  // "Hi, John"
      bool titled = false;
      if (j < toks.size() && toks[j].word() && titles_.contains(toks.key(toks[j]))) {
        titled = true;
        ++j;
        if (j < toks.size() && toks.key(toks[j]) == ".") ++j;
      }
      if (j >= toks.size() || !toks[j].word()) continue;
      const std::string_view addressed = toks.key(toks[j]);
      if (!capitalised(s, toks[j].begin) || not_names_.contains(addressed)) continue;
      if (j + 1 < toks.size() && toks[j + 1].begin == toks[j].begin) continue;  // a contraction
      if (parts.contains(addressed)) continue;
      // "Dear Ms Baptiste" when all we know is "Simone": no surname to compare.
      if (titled && parts.size() < 2) continue;
      // A short form sharing the first three letters ("Mike", "Michael")
      // gets the benefit of the doubt.
      const bool near = std::any_of(parts.begin(), parts.end(), [&](const std::string& p) {
        return p.size() >= 3 && addressed.size() >= 3 && p.compare(0, 3, addressed.substr(0, 3)) == 0;
      });
      if (near) continue;
      out.push_back({self, {toks[j].begin, toks[j].end}, fmt::format("Use the customer's name: {}", first)});
    }
  }

 private:
  WordSet greetings_, titles_, not_names_;
};

}  // namespace

Result<std::unique_ptr<Rule>> make_address_rule(const RuleReader& r) {
  if (r.info().customer_scope) return r.error(nullptr, "an 'address' rule reads the reply");
  auto greetings = r.words("greetings", true);
  if (!greetings) return tl::unexpected(greetings.error());
  auto titles = r.words("titles", false);
  if (!titles) return tl::unexpected(titles.error());
  auto not_names = r.words("not_names", false);
  if (!not_names) return tl::unexpected(not_names.error());
  return std::make_unique<AddressRule>(std::move(*greetings), std::move(*titles), std::move(*not_names));
}

}  // namespace tactful::detail
