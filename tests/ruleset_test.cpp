// Rule files: every mistake is an error value that names file:line:column and
// the rule id.
#include <doctest/doctest.h>

#include "helpers.hpp"
#include "compiled.hpp"
#include "rules/rule.hpp"

using tactful::ErrorCode;

namespace {

tactful::Error load_dir_error(std::string_view sub) {
  tactful::RuleSetBuilder b;
  auto r = b.add_directory(std::string(TACTFUL_TEST_DATA "/bad/") + std::string(sub));
  if (r) {
    auto built = b.build();
    REQUIRE_FALSE(built.has_value());
    return built.error();
  }
  return r.error();
}

tactful::Error yaml_error(const std::string& yaml) {
  tactful::RuleSetBuilder b;
  auto r = b.add_yaml(yaml, "inline.yaml");
  REQUIRE_FALSE(r.has_value());
  return r.error();
}

}  // namespace

TEST_CASE("malformed YAML names file:line:col") {
  auto e = load_dir_error("syntax");
  CHECK(e.code == ErrorCode::rule_syntax);
  CHECK(e.file.ends_with("bad/syntax/r.yaml"));
  CHECK(e.line == 5);
  CHECK(e.column > 0);
  CHECK(e.to_string().find("r.yaml:5:") != std::string::npos);
}

TEST_CASE("unknown kind and habit name the rule and the line") {
  auto k = load_dir_error("kind");
  CHECK(k.code == ErrorCode::rule_invalid);
  CHECK(k.rule == "bad.kind");
  CHECK(k.line == 3);
  CHECK(k.message.find("unknown rule kind 'sentiment'") != std::string::npos);
  auto h = load_dir_error("habit");
  CHECK(h.rule == "bad.kind");
  CHECK(h.line == 5);
  CHECK(h.message.find("unknown habit 'courtesy'") != std::string::npos);
}

TEST_CASE("a bad RE2 pattern names the rule and the pattern's line") {
  auto e = load_dir_error("regex");
  CHECK(e.code == ErrorCode::bad_pattern);
  CHECK(e.rule == "bad.regex");
  CHECK(e.line == 10);
  CHECK(e.message.find("(unclosed") != std::string::npos);
}

TEST_CASE("a duplicate rule id names both places") {
  auto e = load_dir_error("dup");
  CHECK(e.rule == "dup.rule");
  CHECK(e.file.ends_with("b.yaml"));
  CHECK(e.message.find("a.yaml:2") != std::string::npos);
}

TEST_CASE("a rule without examples that must pass fails to load") {
  auto e = load_dir_error("noexamples");
  CHECK(e.rule == "no.pass");
  CHECK(e.message.find("must pass") != std::string::npos);
}

TEST_CASE("a missing pack directory is an io error") {
  auto e = load_dir_error("does-not-exist");
  CHECK(e.code == ErrorCode::io);
  CHECK(e.message == "no such directory");
}

TEST_CASE("rule shape mistakes") {
  using tactful::test::rule_yaml;
  CHECK(yaml_error(rule_yaml("a", "phrase", "phrases: [x]\n    colour: red")).message.find("unknown key 'colour'") !=
        std::string::npos);
  CHECK(yaml_error(rule_yaml("a", "phrase", "phrases: ['{x|y']")).message.find("bad phrase") != std::string::npos);
  CHECK(yaml_error(rule_yaml("a", "phrase", "phrases: []")).message.find("'phrases' is empty") != std::string::npos);
  CHECK(yaml_error(rule_yaml("A b", "phrase", "phrases: [x]")).message.find("bad rule id") != std::string::npos);
  CHECK(yaml_error(rule_yaml("a", "phrase", "phrases: [x]\n    signal: kindness")).message.find("unknown signal") !=
        std::string::npos);
  CHECK(yaml_error(rule_yaml("a", "phrase", "phrases: [x]", "examples: {fire: [x], pass: [y]}"))
            .message.find("needs 'span'") != std::string::npos);
  CHECK(yaml_error(rule_yaml("a", "metric", "metric: vibes")).message.find("unknown metric") != std::string::npos);
  CHECK(yaml_error(rule_yaml("a", "limit", "phrases: [x]")).message.find("needs 'max'") != std::string::npos);
  CHECK(yaml_error(rule_yaml("a", "require", "require: [politeness]")).message.find("unknown signal") !=
        std::string::npos);
  CHECK(yaml_error(rule_yaml("a", "pattern", "patterns: ['(?!x)y']")).code == ErrorCode::bad_pattern);
  CHECK(yaml_error("rules: {a: 1}").message.find("list of rules") != std::string::npos);
  CHECK(yaml_error("rulez: []").message.find("list of rules") != std::string::npos);
}

TEST_CASE("the builtin pack and a directory pack combine; ids stay unique") {
  tactful::RuleSetBuilder b;
  REQUIRE(b.add_builtin().has_value());
  REQUIRE(b.add_directory(TACTFUL_TEST_DATA "/pack").has_value());
  auto rules = b.build();
  REQUIRE(rules.has_value());
  CHECK(rules->find("test.blame") != nullptr);
  CHECK(rules->find("nope") == nullptr);
  tactful::RuleSetBuilder twice;
  REQUIRE(twice.add_directory(TACTFUL_TEST_DATA "/pack").has_value());
  auto again = twice.add_directory(TACTFUL_TEST_DATA "/pack");
  REQUIRE_FALSE(again.has_value());
  CHECK(again.error().message.find("duplicate rule id") != std::string::npos);
}

TEST_CASE("large_repeat finds counted repetition above the limit, outside classes and escapes") {
  using tactful::detail::large_repeat;
  CHECK(large_repeat("a{0,80}b") == "{0,80}");
  CHECK(large_repeat("x{25}") == "{25}");
  CHECK(large_repeat("x{21,}") == "{21,}");
  CHECK(large_repeat("[A-Z0-9]{11,30}") == "{11,30}");
  CHECK(large_repeat("\\d{1,2}[/.]\\d{4}").empty());
  CHECK(large_repeat("x{0,20}").empty());
  CHECK(large_repeat("[{]0,80}").empty());      // a brace in a class is a literal
  CHECK(large_repeat("\\{0,80}").empty());      // so is an escaped one
  CHECK(large_repeat("wait\\x{2014}what").empty());  // the braces of a hex escape
  CHECK(large_repeat("\\p{Greek}+").empty());
  CHECK(large_repeat("\\Q{0,80}\\E").empty());   // quoted text
  CHECK(large_repeat("x{,30}").empty());        // not a count to RE2: literal text
  CHECK(large_repeat("a{,").empty());
}

TEST_CASE("a rule with a large repetition loads and runs in batch checks; the default pack has none") {
  // Left out of the batch index, it runs on every text.
  tactful::RuleSetBuilder b;
  REQUIRE(b.add_yaml(tactful::test::rule_yaml("a", "pattern", "patterns: ['\\b[A-Z0-9]{11,30}\\b']",
                                              "examples: {fire: [{text: 'GB29NWBK6016133192', span: 'GB29NWBK6016133192'}], pass: [y]}"),
                     "iban.yaml"));
  auto rules = b.build();
  REQUIRE(rules);
  const tactful::Checker batch(*rules, tactful::CheckOptions{.batch = true});
  auto r = batch.check({"Pay into GB29NWBK6016133192 today.", {}, {}, "d"});
  REQUIRE(r);
  CHECK(tactful::test::has_finding(*r, "a"));
  // Every expression of the default pack goes into the batch index.
  auto builtin = tactful::RuleSet::builtin();
  REQUIRE(builtin);
  const auto& c = builtin->compiled();
  for (std::uint32_t i = 0; i < c.rules.size(); ++i) {
    std::vector<const tactful::detail::LazyRegex*> gates;
    c.rule(i).gates(gates);
    for (const auto* re : gates) CHECK_MESSAGE(tactful::detail::large_repeat(re->pattern()).empty(), c.infos[i].id);
  }
}
