// Output formats: the JSON contract (docs/json-format.md) and compiler-style text.
#include <sstream>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "helpers.hpp"

TEST_CASE("JSON: the document holds the tool, and every result all 14 signals") {
  auto rules = tactful::test::test_pack();
  auto r = tactful::test::check(rules, "Hello! Sadly you forgot to sign.");
  std::ostringstream out;
  tactful::JsonFormatter json;
  json.begin(out);
  json.add(out, r);
  json.add(out, r);
  json.end(out);
  const auto doc = nlohmann::json::parse(out.str());
  CHECK(doc["tool"]["name"] == "tactful");
  CHECK(doc["tool"]["version"] == std::string(tactful::version()));
  REQUIRE(doc["results"].size() == 2);
  const auto& res = doc["results"][0];
  CHECK(res["source"] == "t");
  CHECK(res["score"].is_number_integer());
  for (const char* h : {"listen", "empathize", "promise", "respect", "reinforce"}) CHECK(res["habits"][h].is_number());
  const char* names[] = {"thanks", "apology", "empathy", "paraphrase", "offer_help", "question", "check_in",
                         "greeting", "name", "blame", "condescension", "overpromise", "non_apology", "dismissive"};
  CHECK(res["signals"].size() == 14);
  for (const char* s : names) CHECK_MESSAGE(res["signals"][s].is_boolean(), s);
  CHECK(res["signals"]["blame"] == true);
  CHECK(res["signals"]["greeting"] == true);
  CHECK(res["signals"]["thanks"] == false);
  const auto& f = res["findings"][1];  // [0] is test.check-in, on the whole line
  CHECK(res["findings"][0]["rule"] == "test.check-in");
  for (const char* k : {"rule", "habit", "severity", "message", "line", "column", "end_line", "end_column", "offset",
                        "length", "text", "suggestion"}) {
    CHECK_MESSAGE(f.contains(k), k);
  }
  CHECK(f["text"] == "you forgot to");
  CHECK(f["offset"] == 13);
}

TEST_CASE("JSON: an empty run is still a document, and a finding without advice has a null suggestion") {
  std::ostringstream out;
  tactful::JsonFormatter json;
  json.begin(out);
  json.end(out);
  CHECK(nlohmann::json::parse(out.str())["results"].empty());
  auto rules = tactful::test::test_pack();
  auto line = tactful::JsonFormatter::result_json(tactful::test::check(rules, "Please READ it."));
  auto res = nlohmann::json::parse(line);
  CHECK(res["findings"][0]["rule"] == "test.caps");
  CHECK(res["findings"][0]["suggestion"].is_null());
}

TEST_CASE("text: compiler-style lines with the span underlined") {
  auto rules = tactful::test::test_pack();
  const std::string draft = "Hi.\nSadly, you should have checked.";
  auto r = tactful::test::check(rules, draft);
  std::ostringstream out;
  tactful::TextFormatter(false).write(out, r, draft);
  const std::string s = out.str();
  CHECK(s.find("t:2:8: warning: This blames the customer. [test.blame]\n"
               " 2 | Sadly, you should have checked.\n"
               "   |        ^~~~~~~~~~~~~~~\n"  // "you should have": 15 columns
               "   = suggestion: Say what happened and what you will do next.\n") != std::string::npos);
  CHECK(s.find("t: score ") != std::string::npos);
  CHECK(s.find('\033') == std::string::npos);
  std::ostringstream colored;
  tactful::TextFormatter(true).write(colored, r, draft);
  CHECK(colored.str().find('\033') != std::string::npos);
}
