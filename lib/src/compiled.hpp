// The compiled form of a RuleSet: every rule, and per text (reply, customer
// message) the one-pass index that says which rules can match.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "phrase_index.hpp"
#include "rules/rule.hpp"
#include "tactful/rules.hpp"

namespace tactful::detail {

// The rules that run on one text (the reply, or the customer's message).
struct Scope {
  std::vector<PhraseIndex> phrases;     // the default pack's, prebuilt, and one for the rest
  std::vector<std::uint32_t> patterns;  // pattern and limit rules: gated by literals, or by the batch index
  std::vector<std::uint32_t> always;    // whole-text rules: metrics; entities (gated in batch checks)
};

class CompiledRules {
 public:
  std::vector<RuleInfo> infos;  // parallel to rules
  std::vector<std::unique_ptr<Rule>> rules;
  Scope reply, customer;
  std::vector<std::uint32_t> policies;  // phase-2 rules, in load order

  const Rule& rule(std::uint32_t i) const { return *rules[i]; }
  // The signal a hit of rule `i` sets: its `signal`, unless it only counts
  // matches for a limit.
  std::optional<Signal> signal_of(std::uint32_t i) const {
    return rules[i]->counts_only() ? std::nullopt : infos[i].signal;
  }
};

}  // namespace tactful::detail
