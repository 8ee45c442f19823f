// Normalisation, offsets back into the original, sentences and positions.
#include <doctest/doctest.h>

#include "text.hpp"

using tactful::detail::LineMap;
using tactful::detail::Text;

TEST_CASE("plain text is matched as it is") {
  Text t("Hello there.");
  CHECK(t.norm() == "Hello there.");
  CHECK(t.to_original(5) == 5);
}

TEST_CASE("curly quotes fold and offsets map back") {
  const std::string s = "I\u2019m \u201Chere\u201D now";
  Text t(s);
  CHECK(t.norm() == "I'm \"here\" now");
  CHECK(t.to_original(1) == 1);                    // the apostrophe starts at byte 1
  CHECK(t.to_original(2) == 4);                    // 'm' follows the 3-byte apostrophe
  CHECK(s.substr(t.to_original(5), 4) == "here");  // inside the quotes
  CHECK(t.to_original(t.norm().size()) == s.size());
}

TEST_CASE("decomposed text is matched in NFC and maps back") {
  const std::string s = "cafe\u0301 ok";  // e + combining acute
  Text t(s);
  CHECK(t.norm() == "caf\u00E9 ok");
  CHECK(t.to_original(t.norm().find("ok")) == s.find("ok"));
}

TEST_CASE("sentences") {
  Text t("Hi Sam. Thanks for waiting! Is it fixed?\nYes");
  const auto& s = t.sentences();
  REQUIRE(s.size() == 4);
  CHECK(t.norm().substr(s[1].begin, s[1].size()) == "Thanks for waiting! ");
  CHECK(t.sentence_at(t.norm().find("fixed")).begin == s[2].begin);
  CHECK(t.count_words({0, t.norm().size()}) == 9);
}

TEST_CASE("abbreviations do not end sentences") {
  Text t("Dear Mr. Okafor, your claim was approved. See e.g. the letter. Thanks!");
  const auto& s = t.sentences();
  REQUIRE(s.size() == 3);
  CHECK(t.norm().substr(s[0].begin, s[0].size()) == "Dear Mr. Okafor, your claim was approved. ");
  CHECK(t.norm().substr(s[1].begin, s[1].size()) == "See e.g. the letter. ");
}

TEST_CASE("line and column count code points, end is exclusive") {
  const std::string s = "ab\nc\u00E9d xyz\n";
  LineMap lines(s);
  tactful::Span sp;
  sp.offset = s.find("xyz");
  sp.length = 3;
  lines.locate(sp);
  CHECK(sp.line == 2);
  CHECK(sp.column == 5);  // c, é, d, space: é is one column
  CHECK(sp.end_line == 2);
  CHECK(sp.end_column == 8);
  tactful::Span first;
  first.offset = 0;
  first.length = 4;  // "ab\nc"
  lines.locate(first);
  CHECK(first.line == 1);
  CHECK(first.end_line == 2);
  CHECK(first.end_column == 2);
}
