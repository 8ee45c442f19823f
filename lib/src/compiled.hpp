// The compiled form of a RuleSet: every rule, and the one-pass prefilters.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <re2/set.h>

#include "rules/rule.hpp"
#include "tactful/rules.hpp"

namespace tactful::detail {

// The rules that run on one text (the reply, or the customer's message).
struct Scope {
  std::unique_ptr<RE2::Set> set;     // prefilter over every rule with a pattern
  std::vector<std::uint32_t> by_set;  // set index -> rule index
  std::vector<std::uint32_t> always;  // rules without a prefilter
};

class CompiledRules {
 public:
  std::vector<RuleInfo> infos;              // parallel to rules
  std::vector<std::unique_ptr<Rule>> rules;
  Scope reply, customer;
  std::vector<std::uint32_t> policies;      // phase-2 rules, in load order

  const Rule& rule(std::uint32_t i) const { return *rules[i]; }
};

}  // namespace tactful::detail
