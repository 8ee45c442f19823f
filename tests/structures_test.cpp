// The data structures that make checks fast must not change what they find:
// word tables, the literal bitmap, and single checks that compile only the
// patterns a text's literals allow.
#include <doctest/doctest.h>

#include "helpers.hpp"
#include "text.hpp"
#include "tokens.hpp"

using tactful::detail::Text;
using tactful::detail::WordSet;
using tactful::detail::WordTable;

TEST_CASE("WordTable finds every key through many growths, and no other") {
  std::vector<std::string> keys;
  for (int i = 0; i < 2000; ++i) {
    std::string k = "w";
    k += std::to_string(i * 7919);
    keys.push_back(std::move(k));
  }
  WordTable<int> table;
  for (int i = 0; i < 2000; ++i) table[keys[static_cast<std::size_t>(i)]] = i;
  CHECK(table.size() == 2000);
  for (int i = 0; i < 2000; ++i) {
    const int* v = table.find(keys[static_cast<std::size_t>(i)]);
    REQUIRE(v != nullptr);
    CHECK(*v == i);
  }
  CHECK(table.find("w1") == nullptr);
  CHECK(table.find("") == nullptr);
  table["w0"] = 42;  // an existing key keeps its entry
  CHECK(table.size() == 2000);
  CHECK(*table.find("w0") == 42);
}

TEST_CASE("WordSet keeps its words valid as it grows and when copied") {
  WordSet set;
  for (int i = 0; i < 500; ++i) {
    std::string w = "word";
    w += std::to_string(i);
    set.insert(w);
  }
  set.insert("word7");  // once only
  CHECK(set.size() == 500);
  const WordSet copy = set;
  CHECK(copy.contains("word0"));
  CHECK(copy.contains("word499"));
  CHECK_FALSE(copy.contains("word500"));
}

TEST_CASE("has_literal agrees with a search, at the ends and for short literals") {
  const Text t("Hello World, thanks for WAITING");
  CHECK(t.has_literal("hello"));      // at the start
  CHECK(t.has_literal("waiting"));    // at the end, folded
  CHECK(t.has_literal("o w"));        // shorter than a window
  CHECK(t.has_literal("thanks for"));
  CHECK_FALSE(t.has_literal("thanks a lot"));
  CHECK_FALSE(t.has_literal("hello world, thanks for waiting!"));  // longer than the text
  const Text tiny("Hi");
  CHECK(tiny.has_literal("hi"));
  CHECK_FALSE(tiny.has_literal("hiya"));
}

TEST_CASE("a single check finds what a batch check finds, compiling only the patterns that can match") {
  tactful::RuleSetBuilder b;
  REQUIRE(b.add_yaml(tactful::test::rule_yaml("multi", "pattern",
                                              "patterns: ['\\bapple (pie|tart)\\b', '\\bbanana\\b', 'cherr(y|ies)', '\\d+ ?kg']",
                                              "examples: {fire: [{text: 'a banana', span: 'banana'}], pass: [y]}"),
                     "multi.yaml"));
  auto rules = b.build();
  REQUIRE(rules);
  const tactful::Checker one_off(*rules);
  const tactful::Checker batch(*rules, tactful::CheckOptions{.batch = true});
  for (const char* text : {"An apple pie and a banana.", "Cherries, 5 kg of them, and apple tart.", "Nothing here.",
                           "banana banana apple pie 3kg cherry", "APPLE TART"}) {
    auto a = one_off.check({text, {}, {}, "d"});
    auto c = batch.check({text, {}, {}, "d"});
    REQUIRE(a);
    REQUIRE(c);
    REQUIRE(a->findings.size() == c->findings.size());
    for (std::size_t i = 0; i < a->findings.size(); ++i) {
      CHECK(a->findings[i].span.offset == c->findings[i].span.offset);
      CHECK(a->findings[i].span.length == c->findings[i].span.length);
    }
  }
}
