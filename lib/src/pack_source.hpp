// Rules parsed and checked, waiting to be compiled together by RuleSetBuilder.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "rules/rule.hpp"
#include "spec.hpp"

namespace tactful::detail {

struct PackSource {
  std::vector<RuleInfo> infos;
  std::vector<std::unique_ptr<Rule>> rules;
  std::map<std::string, std::pair<std::string, std::size_t>, std::less<>> seen;  // id -> file, line

  // The default pack's prebuilt phrase indexes, and the index of its first rule.
  struct Prebuilt {
    std::uint32_t offset;
    std::string_view reply, customer;
  };
  std::vector<Prebuilt> prebuilt;

  // Makes each spec into a rule (see RuleReader for `trusted`).
  Result<void> add(std::vector<RuleSpec> specs, bool trusted);
  // Builds the phrase index of the given scope's rules (the ones not prebuilt).
  std::string index(bool customer) const;
};

}  // namespace tactful::detail
