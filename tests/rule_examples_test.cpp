// Every rule of every pack carries examples that must fire and examples that
// must not; this runs them all (LanguageTool's practice).
#include <filesystem>

#include <doctest/doctest.h>

#include "helpers.hpp"

namespace {

void run_pack(const tactful::RuleSet& rules) {
  const auto failures = tactful::check_examples(rules);
  for (const auto& f : failures) {
    const std::string where = f.file + ":" + std::to_string(f.line) + ": rule '" + f.rule + "': " + f.message;
    FAIL_CHECK(where);
  }
  std::size_t examples = 0;
  for (const auto& r : rules.rules()) {
    examples += r.examples.size();
    CHECK_MESSAGE(r.examples.size() >= 2, r.id);
  }
  MESSAGE(rules.rules().size() << " rules, " << examples << " examples, " << failures.size() << " failures");
}

}  // namespace

TEST_CASE("the embedded default pack loads and every rule's examples behave") {
  auto rules = tactful::RuleSet::builtin();
  REQUIRE_MESSAGE(rules.has_value(), (rules ? std::string() : rules.error().to_string()));
  CHECK(rules->rules().size() > 0);
  run_pack(*rules);
}

TEST_CASE("every pack under rules/ loads from disk and its examples behave") {
  for (const auto& entry : std::filesystem::directory_iterator(TACTFUL_SOURCE_DIR "/rules")) {
    if (!entry.is_directory()) continue;
    CAPTURE(entry.path().string());
    tactful::RuleSetBuilder b;
    auto added = b.add_directory(entry.path().string());
    REQUIRE_MESSAGE(added.has_value(), (added ? std::string() : added.error().to_string()));
    auto built = b.build();
    REQUIRE_MESSAGE(built.has_value(), (built ? std::string() : built.error().to_string()));
    run_pack(*built);
  }
}

TEST_CASE("the test pack's examples behave") { run_pack(tactful::test::test_pack()); }

TEST_CASE("a rule whose example does not fire is reported") {
  auto rules = tactful::test::pack(tactful::test::rule_yaml(
      "r.wrong", "phrase", "phrases: [rude]",
      "examples: {fire: [{text: 'polite words', span: polite}, {text: 'so rude', span: so}], pass: ['rude']}"));
  const auto failures = tactful::check_examples(rules);
  REQUIRE(failures.size() == 3);
  CHECK(failures[0].message.find("did not fire") != std::string::npos);
  CHECK(failures[1].message.find("flagged \"rude\", expected \"so\"") != std::string::npos);
  CHECK(failures[2].message.find("fired on") != std::string::npos);
}
