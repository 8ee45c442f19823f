// Runs every rule's own examples: each `fire` example must make the rule fire
// at the expected span (and with the expected suggestion), each `pass` example
// must not. The test suite runs this over every pack; `tactful test-rules`
// lets pack authors run it on theirs.
#pragma once

#include <string>
#include <vector>

#include "tactful/export.hpp"
#include "tactful/rules.hpp"

namespace tactful {

struct TACTFUL_API ExampleFailure {
  std::string rule;
  std::string file;
  std::size_t line = 0;  // the example's line in its rule file
  std::string message;   // what was expected and what happened
};

// Every failure, in rule order; empty when all examples behave.
TACTFUL_API std::vector<ExampleFailure> check_examples(const RuleSet& rules);

}  // namespace tactful
