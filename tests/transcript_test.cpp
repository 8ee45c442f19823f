// Chat transcripts: turns, context from the customer's turns, positions.
#include <doctest/doctest.h>

#include "helpers.hpp"
#include "tactful/transcript.hpp"

TEST_CASE("plain transcripts: labelled lines, continuation lines, time stamps") {
  const std::string t =
      "[10:01] Customer: my parcel is late\n"
      "  and nobody answers\n"
      "[10:02] Agent: Sorry to hear that.\n"
      "Agent: Let me check.\n";
  auto turns = tactful::parse_transcript(t);
  REQUIRE(turns.has_value());
  REQUIRE(turns->size() == 3);
  CHECK_FALSE((*turns)[0].agent);
  CHECK((*turns)[0].text == "my parcel is late\n  and nobody answers");
  CHECK((*turns)[1].agent);
  CHECK((*turns)[1].speaker == "Agent");
  CHECK((*turns)[1].text == "Sorry to hear that.");
  CHECK(t.substr((*turns)[1].offset, 19) == "Sorry to hear that.");
  CHECK((*turns)[2].line == 4);
}

TEST_CASE("text that is not a transcript") {
  CHECK_FALSE(tactful::parse_transcript("Hi Dana,\nyour order shipped.\n").has_value());
  CHECK_FALSE(tactful::parse_transcript("Agent: only one side\nAgent: talking\n").has_value());
  CHECK_FALSE(tactful::parse_transcript("Note: see below\nCustomer: hi\nAgent: hello\n").has_value());
}

TEST_CASE("JSON turns") {
  auto turns = tactful::parse_transcript_json(
      R"([{"role": "user", "text": "Where is it?"}, {"role": "assistant", "content": "It ships today."}])");
  REQUIRE(turns.has_value());
  REQUIRE(turns->size() == 2);
  CHECK((*turns)[1].agent);
  CHECK((*turns)[1].text == "It ships today.");
  CHECK_FALSE(tactful::parse_transcript_json(R"([{"role": "pirate", "text": "arr"}])").has_value());
  CHECK_FALSE(tactful::parse_transcript_json(R"({"role": "user"})").has_value());
  CHECK_FALSE(tactful::parse_transcript_json("[{\"role\": \"user\"}]").has_value());
}

TEST_CASE("each agent turn is checked with the customer's turns before it") {
  auto rules = tactful::test::test_pack();
  tactful::Checker checker(rules);
  const std::string t =
      "Customer: This is unacceptable.\n"
      "Agent: Sadly you forgot to sign.\n"
      "Agent: It ships Monday.\n"
      "Customer: ok\n"
      "Agent: Done.\n";
  auto turns = tactful::parse_transcript(t);
  REQUIRE(turns.has_value());
  auto reports = tactful::check_transcript(checker, t, *turns, "chat.txt");
  REQUIRE(reports.has_value());
  REQUIRE(reports->size() == 3);
  const auto& first = (*reports)[0].report;
  CHECK(first.source == "chat.txt");
  CHECK(first.turn == 2);
  CHECK(first.customer_facts == std::vector<std::string>{"upset"});
  bool blame = false;
  for (const auto& f : first.findings) {
    if (f.rule != "test.blame") continue;
    blame = true;
    CHECK(f.text == "you forgot to");
    CHECK(f.span.line == 2);
    CHECK(f.span.column == 14);
    CHECK(t.substr(f.span.offset, f.span.length) == "you forgot to");
  }
  CHECK(blame);
  CHECK((*reports)[1].report.customer_facts == std::vector<std::string>{"upset"});  // the same customer words
  CHECK((*reports)[2].report.customer_facts.empty());                               // "ok" is not upset
}
