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
  RequireRule(RuleInfo info, std::vector<Signal> required, Conditions when, bool at_end)
      : Rule(std::move(info)), required_(std::move(required)), when_(std::move(when)), at_end_(at_end) {}
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
    if (a.reply_words < when_.min_words) return;
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

Result<std::vector<Signal>> signals_of(const RuleReader& r, const YAML::Node& n, std::string_view key) {
  std::vector<Signal> out;
  if (!n) return out;
  std::vector<std::string> names;
  if (n.IsScalar()) {
    names.push_back(n.Scalar());
  } else if (n.IsSequence()) {
    for (const auto& x : n) names.push_back(x.IsScalar() ? x.Scalar() : std::string());
  } else {
    return r.error(n, fmt::format("'{}' must be a signal name or a list of them", key));
  }
  for (const auto& name : names) {
    auto s = parse_signal(name);
    if (!s) return r.error(n, fmt::format("unknown signal '{}' in '{}'", name, key));
    out.push_back(*s);
  }
  return out;
}

}  // namespace

Result<std::unique_ptr<Rule>> make_require_rule(const RuleReader& r) {
  auto required = signals_of(r, r.node()["require"], "require");
  if (!required) return tl::unexpected(required.error());
  if (required->empty()) return r.error(r.node(), "a 'require' rule needs 'require': the signal(s) to show");
  Conditions when;
  if (const YAML::Node w = r.node()["when"]) {
    if (!w.IsMap()) return r.error(w, "'when' must be a map");
    for (const auto& kv : w) {
      const std::string key = kv.first.Scalar();
      if (key == "customer") {
        if (kv.second.IsScalar()) {
          when.customer.push_back(kv.second.Scalar());
        } else if (kv.second.IsSequence()) {
          for (const auto& x : kv.second) when.customer.push_back(x.Scalar());
        } else {
          return r.error(kv.second, "'when.customer' must be a fact or a list of facts");
        }
      } else if (key == "signals" || key == "absent") {
        auto s = signals_of(r, kv.second, "when." + key);
        if (!s) return tl::unexpected(s.error());
        (key == "signals" ? when.signals : when.absent) = std::move(*s);
      } else if (key == "min_words") {
        try {
          when.min_words = kv.second.as<std::size_t>();
        } catch (const YAML::Exception&) {
          return r.error(kv.second, "'when.min_words' must be a whole number");
        }
      } else {
        return r.error(kv.first, fmt::format("unknown condition '{}' (customer, signals, absent, min_words)", key));
      }
    }
  }
  auto at = r.string("at", false);
  if (!at) return tl::unexpected(at.error());
  if (!at->empty() && *at != "start" && *at != "end") return r.error(r.node()["at"], "'at' must be 'start' or 'end'");
  return std::make_unique<RequireRule>(r.info(), std::move(*required), std::move(when), *at == "end");
}

}  // namespace tactful::detail
