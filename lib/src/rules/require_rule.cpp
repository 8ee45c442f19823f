// kind: require — the reply must show a signal, optionally only `when` the
// conditions hold (docs/rules.md).
#include <fmt/format.h>

#include "rules/rule.hpp"

namespace tactful::detail {
namespace {

struct Conditions {
  std::vector<std::string> customer;
  std::vector<Signal> signals, absent;
  std::size_t min_words = 0;
};

// The first or last non-blank line of the reply.
Range line_at(const Text& text, bool end) {
  const std::string_view s = text.norm();
  std::size_t b = 0, e = s.size();
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (b < e && blank(s[b])) ++b;
  while (e > b && blank(s[e - 1])) --e;
  if (end) {
    std::size_t nl = s.rfind('\n', e > 0 ? e - 1 : 0);
    if (nl != std::string_view::npos && nl >= b) b = nl + 1;
  } else {
    std::size_t nl = s.find('\n', b);
    if (nl != std::string_view::npos && nl < e) e = nl;
  }
  while (e > b && blank(s[e - 1])) --e;
  return {b, e};
}

class RequireRule final : public Rule {
 public:
  RequireRule(std::vector<Signal> required, Conditions when, bool at_end)
      : required_(std::move(required)), when_(std::move(when)), at_end_(at_end) {}
  bool is_policy() const override { return true; }
  void judge(const Analysis& a, const CompiledRules&, std::uint32_t self, std::vector<Hit>& out) const override {
    for (const auto& f : when_.customer) {
      if (!a.facts.contains(f)) return;
    }
    for (Signal s : when_.signals) {
      if (!a.signals.test(static_cast<std::size_t>(s))) return;
    }
    for (Signal s : when_.absent) {
      if (a.signals.test(static_cast<std::size_t>(s))) return;
    }
    if (a.reply_words() < when_.min_words) return;
    for (Signal s : required_) {
      if (a.signals.test(static_cast<std::size_t>(s))) return;
    }
    out.push_back({self, line_at(*a.reply, at_end_), {}});
  }

 private:
  std::vector<Signal> required_;
  Conditions when_;
  bool at_end_;
};

Result<std::vector<Signal>> signals_of(const RuleReader& r, std::string_view key) {
  auto names = r.strings(key, false);
  if (!names) return tl::unexpected(names.error());
  std::vector<Signal> out;
  for (std::size_t i = 0; i < names->size(); ++i) {
    auto s = parse_signal((*names)[i]);
    if (!s) return r.error(r.param(key), fmt::format("unknown signal '{}' in '{}'", (*names)[i], key), i);
    out.push_back(*s);
  }
  return out;
}

}  // namespace

Result<std::unique_ptr<Rule>> make_require_rule(const RuleReader& r) {
  auto required = signals_of(r, "require");
  if (!required) return tl::unexpected(required.error());
  if (required->empty()) return r.error(nullptr, "a 'require' rule needs 'require': the signal(s) to show");
  Conditions when;
  for (const auto& [key, param] : r.spec().params) {
    if (!key.starts_with("when.")) continue;
    const std::string_view cond = std::string_view(key).substr(5);
    if (cond == "customer") {
      auto facts = r.strings(key, true);
      if (!facts) return tl::unexpected(facts.error());
      when.customer = std::move(*facts);
    } else if (cond == "signals" || cond == "absent") {
      auto s = signals_of(r, key);
      if (!s) return tl::unexpected(s.error());
      (cond == "signals" ? when.signals : when.absent) = std::move(*s);
    } else if (cond == "min_words") {
      auto n = r.number(key);
      if (!n) return tl::unexpected(n.error());
      if (**n < 0) return r.error(&param, "'when.min_words' must not be negative");
      when.min_words = static_cast<std::size_t>(**n);
    } else {
      return r.error(&param, fmt::format("unknown condition '{}' (customer, signals, absent, min_words)", cond));
    }
  }
  auto at = r.string("at", false);
  if (!at) return tl::unexpected(at.error());
  if (!at->empty() && *at != "start" && *at != "end") return r.error(r.param("at"), "'at' must be 'start' or 'end'");
  return std::make_unique<RequireRule>(std::move(*required), std::move(when), *at == "end");
}

}  // namespace tactful::detail
