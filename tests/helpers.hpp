// Shared by the unit tests: rule sets built from inline YAML or test packs.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include <doctest/doctest.h>

#include "tactful/tactful.hpp"

namespace tactful::test {

// A file under tests/data, whole.
inline std::string read_test_file(std::string_view relative) {
  std::ifstream f(std::string(TACTFUL_TEST_DATA) + "/" + std::string(relative), std::ios::binary);
  REQUIRE_MESSAGE(f.good(), "cannot open test data " << relative);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

inline RuleSet pack(std::string_view yaml) {
  RuleSetBuilder b;
  auto added = b.add_yaml(yaml, "inline.yaml");
  REQUIRE_MESSAGE(added.has_value(), (added ? std::string() : added.error().to_string()));
  auto built = b.build();
  REQUIRE_MESSAGE(built.has_value(), (built ? std::string() : built.error().to_string()));
  return *built;
}

inline RuleSet test_pack() {
  RuleSetBuilder b;
  auto added = b.add_directory(TACTFUL_TEST_DATA "/pack");
  REQUIRE_MESSAGE(added.has_value(), (added ? std::string() : added.error().to_string()));
  auto built = b.build();
  REQUIRE(built.has_value());
  return *built;
}

inline Report check(const RuleSet& rules, std::string_view text, std::string_view context = {},
                    std::string_view name = {}) {
  auto r = Checker(rules).check({text, context, name, "t"});
  REQUIRE_MESSAGE(r.has_value(), (r ? std::string() : r.error().to_string()));
  return *r;
}

inline bool has_finding(const Report& r, std::string_view rule) {
  for (const auto& f : r.findings) {
    if (f.rule == rule) return true;
  }
  return false;
}

// A minimal rule with the keys every rule needs; `body` adds the kind's own keys.
inline std::string rule_yaml(std::string_view id, std::string_view kind, std::string_view body,
                             std::string_view examples = "examples: {fire: [{text: x, span: x}], pass: [y]}") {
  return "rules:\n  - id: " + std::string(id) + "\n    kind: " + std::string(kind) +
         "\n    habit: respect\n    severity: warning\n    message: m\n    rationale: r\n    " + std::string(body) +
         "\n    " + std::string(examples) + "\n";
}

}  // namespace tactful::test
