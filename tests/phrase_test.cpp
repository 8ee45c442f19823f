// The phrase syntax (docs/rules.md): contractions, apostrophes, optional
// slots, inflections, word boundaries.
#include <vector>

#include <doctest/doctest.h>

#include "helpers.hpp"
#include "phrase.hpp"

namespace {

// A YAML single-quoted scalar's body.
std::string quoted(std::string_view s) {
  std::string out;
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out;
}

// The words a one-phrase rule flags in `text`.
std::vector<std::string> flagged(std::string_view phrase, std::string_view text) {
  auto rules = tactful::test::pack(tactful::test::rule_yaml(
      "p.test", "phrase", "phrases: ['" + quoted(phrase) + "']",
      "examples: {fire: [{text: x, span: x}], pass: [y]}"));
  std::vector<std::string> out;
  for (const auto& f : tactful::test::check(rules, text).findings) out.push_back(f.text);
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("phrases match case-insensitively on word boundaries") {
  CHECK(flagged("calm down", "Please CALM DOWN.") == V{"CALM DOWN"});
  CHECK(flagged("calm down", "calm downtown").empty());
  CHECK(flagged("calm down", "becalm down").empty());
  CHECK(flagged("calm down", "calm\n  down") == V{"calm\n  down"});
  CHECK(flagged("café", "Le café.") == V{"café"});
  CHECK(flagged("caf", "Le café.").empty());  // a boundary in any script
}

TEST_CASE("apostrophes: straight and curly match each other") {
  CHECK(flagged("don't worry", "Don\u2019t worry!") == V{"Don\u2019t worry"});
  CHECK(flagged("don\u2019t worry", "don't worry") == V{"don't worry"});
  CHECK(flagged("don\u02BCt worry", "don\u2019t worry") == V{"don\u2019t worry"});  // one folding table for both sides
}

TEST_CASE("contractions match both ways") {
  CHECK(flagged("I am sorry", "I'm sorry") == V{"I'm sorry"});
  CHECK(flagged("I'm sorry", "I am sorry") == V{"I am sorry"});
  CHECK(flagged("we cannot help", "We can't help. We can not help. We cannot help.").size() == 3);
  CHECK(flagged("it will not happen again", "It won\u2019t happen again") == V{"It won\u2019t happen again"});
  CHECK(flagged("let us", "Let's see") == V{"Let's"});
  CHECK(flagged("we have not", "We've not. We haven't. We have not.").size() == 3);
  CHECK(flagged("it will not happen", "It'll not happen") == V{"It'll not happen"});
}

TEST_CASE("alternatives and optional slots") {
  CHECK(flagged("sorry {for|about|} the delay", "Sorry about the delay, sorry the delay") ==
        V{"Sorry about the delay", "sorry the delay"});
  CHECK(flagged("{as I said|as I mentioned} before", "As I mentioned before") == V{"As I mentioned before"});
  CHECK(flagged("{just|} relax", "Just relax. relax.") == V{"Just relax", "relax"});
  CHECK(flagged("relax {now|}", "relax now") == V{"relax now"});
}

TEST_CASE("'*' stands for any one word") {
  CHECK(flagged("there is a * code", "There is a discount code. There is a code. There is a new promo code.") ==
        V{"There is a discount code"});
  CHECK(flagged("has been * refunded", "It has been fully refunded, it has been refunded") == V{"has been fully refunded"});
  CHECK(flagged("a * b", "a , b").empty());  // punctuation is not a word
  CHECK_FALSE(tactful::detail::expand_phrase("* code").has_value());
}

TEST_CASE("inflections and -ise/-ize spellings") {
  CHECK(flagged("apologise~", "We apologized and apologise and are apologising") ==
        V{"apologized", "apologise", "apologising"});
  CHECK(flagged("try~", "tries, tried, trying") == V{"tries", "tried", "trying"});
  CHECK(flagged("delay~", "delays delayed delaying") == V{"delays", "delayed", "delaying"});
  CHECK(flagged("guarantee~", "guaranteed guarantees") == V{"guaranteed", "guarantees"});
  CHECK(flagged("stop~", "stopped stopping") == V{"stopped", "stopping"});
  CHECK(flagged("prioritise", "we prioritize it") == V{"prioritize"});
}

TEST_CASE("bad phrases are errors") {
  using tactful::detail::expand_phrase;
  CHECK_FALSE(expand_phrase("").has_value());
  CHECK_FALSE(expand_phrase("{a|b").has_value());
  CHECK_FALSE(expand_phrase("a}").has_value());
  CHECK_FALSE(expand_phrase("{a|}").has_value());  // nothing but optional parts
  CHECK_FALSE(expand_phrase("{a|{b}}").has_value());
  CHECK(expand_phrase("a.b (c)").has_value());      // regex characters are literal
  CHECK(flagged("a.b (c)", "axb c, a.b (c)") == V{"a.b (c)"});
}

TEST_CASE("a phrase expands into token sequences") {
  using tactful::detail::expand_phrase;
  using S = std::vector<std::vector<std::string>>;
  CHECK(*expand_phrase("I'm {so|} sorry") == S{{"i", "am", "so", "sorry"}, {"i", "am", "sorry"}});
  CHECK(*expand_phrase("we can't") == S{{"we", "can", "not"}});
  CHECK(*expand_phrase("thanks, Sam!") == S{{"thanks", ",", "sam", "!"}});
  CHECK(expand_phrase("{a|b|c|d|e|f|g|h} {a|b|c|d|e|f|g|h} {a|b|c|d|e|f|g|h} {a|b|c|d|e|f|g|h} {a|b|c|d|e|f|g|h}")
            .error()
            .find("too many forms") != std::string::npos);
}
