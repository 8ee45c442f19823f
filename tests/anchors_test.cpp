// Literal anchors gate pattern rules: every match must contain one of them,
// so a text without any can skip the rule. When unsure, no anchors.
#include <doctest/doctest.h>

#include "rules/rule.hpp"

using tactful::detail::literal_anchors;
using V = std::vector<std::string>;

TEST_CASE("anchors are required literals, lower case") {
  CHECK(literal_anchors("I GUARANTEE") == V{"i guarantee"});
  CHECK(literal_anchors(R"(\bguarantee[sd]?\b)") == V{"guarantee"});
  CHECK(literal_anchors("(?i)100%") == V{"100%"});
  CHECK(literal_anchors(R"(per (my|our) last email)") == V{" last email"});
  CHECK(literal_anchors(R"(\$\d+ refund)") == V{" refund"});
}

TEST_CASE("each alternative needs an anchor") {
  CHECK(literal_anchors("sorry|apologies") == V{"apologies", "sorry"});
  CHECK(literal_anchors(R"(^\s*(hi|hello|hey)\b)") == V{"hello", "hey", "hi"});
  CHECK(literal_anchors(R"(^\s*(hello|greetings)\b)") == V{"greetings", "hello"});
  CHECK(literal_anchors("sorry|x") == V{"sorry", "x"});
  CHECK(literal_anchors(R"(sorry|\w+)").empty());
  CHECK(literal_anchors(R"(\?+($|\s))") == V{"?"});  // one character still gates
}

TEST_CASE("optional parts are not anchors") {
  CHECK(literal_anchors("(?:very )?sorry") == V{"sorry"});
  CHECK(literal_anchors("colou?r") == V{"colo"});
  CHECK(literal_anchors("(word)*x") == V{"x"});
  CHECK(literal_anchors("(word)*").empty());
  CHECK(literal_anchors("[A-Z]{2,}").empty());
  CHECK(literal_anchors(R"(\p{Lu}+ now)") == V{" now"});
}

TEST_CASE("anchors prefer literals that are not common words") {
  // "must " is as long as "hard", but says far less about the text.
  CHECK(literal_anchors(R"(\bmust have been (?:exhausting|hard)\b)") == V{"exhausting", "hard"});
  // Ties go to the longer literals: "which is why" over "you".
  CHECK(literal_anchors(R"(\byou \w+ed\b[^.!?]*?\bwhich is why\b)") == V{"which is why"});
}
