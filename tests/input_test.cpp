// Bad input: every kind gets an error value naming the byte, never a crash.
#include <string>

#include <doctest/doctest.h>

#include "helpers.hpp"

using tactful::ErrorCode;
using tactful::validate_input;

TEST_CASE("valid text passes") {
  CHECK(validate_input("Hello").has_value());
  CHECK(validate_input("Gr\u00FC\u00DFe \U0001F600").has_value());
  CHECK(validate_input("tab\tand\r\nlines").has_value());
}

TEST_CASE("invalid UTF-8 names the first bad byte") {
  for (auto [text, offset] : {std::pair{std::string("abc\xFF"), 3}, std::pair{std::string("ab\xC3("), 2},
                              std::pair{std::string("x\xE2\x82"), 1},          // truncated sequence
                              std::pair{std::string("\xC0\xAF"), 0},           // overlong
                              std::pair{std::string("ok \xED\xA0\x80"), 3}}) {  // surrogate
    auto r = validate_input(text);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == ErrorCode::invalid_utf8);
    CHECK(r.error().offset == static_cast<std::size_t>(offset));
    CHECK(r.error().to_string().find("offset " + std::to_string(offset)) != std::string::npos);
  }
}

TEST_CASE("empty and blank drafts are refused") {
  for (std::string_view s : {"", "   \n\t ", "\u00A0\u2003"}) {
    auto r = validate_input(s);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == ErrorCode::empty_input);
  }
}

TEST_CASE("binary input is refused") {
  auto r = validate_input(std::string("PK\x03\x04\0\0abc", 10));
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == ErrorCode::binary_input);
  CHECK(r.error().offset == 4);
  std::string controls(100, '\x01');
  auto c = validate_input(controls);
  REQUIRE_FALSE(c.has_value());
  CHECK(c.error().code == ErrorCode::binary_input);
  CHECK(validate_input("a stray \x07 bell is fine").has_value());
}

TEST_CASE("the checker refuses bad drafts and bad context with the same errors") {
  auto rules = tactful::test::test_pack();
  tactful::Checker checker(rules, tactful::CheckOptions{64});
  CHECK(checker.check({"\xFF", {}, {}, "d"}).error().code == ErrorCode::invalid_utf8);
  CHECK(checker.check({"  ", {}, {}, "d"}).error().code == ErrorCode::empty_input);
  CHECK(checker.check({std::string(65, 'a'), {}, {}, "d"}).error().code == ErrorCode::input_too_large);
  auto ctx = checker.check({"Hello", "bad \xFF", {}, "d"});
  REQUIRE_FALSE(ctx.has_value());
  CHECK(ctx.error().file == "context");
  CHECK(ctx.error().offset == 4);
}

TEST_CASE("a large draft is checked in one pass with bounded output") {
  // 4 MiB of ordinary sentences with a finding in each; the benchmark
  // (bench/) measures the time, this checks that it completes correctly.
  std::string big;
  const std::string sentence = "You should have checked the box, sorry. ";
  while (big.size() < (std::size_t{4} << 20)) big += sentence;
  auto rules = tactful::test::test_pack();
  auto r = tactful::Checker(rules, tactful::CheckOptions{std::size_t{8} << 20}).check({big, {}, {}, "big"});
  REQUIRE(r.has_value());
  std::size_t blame = 0;
  for (const auto& f : r->findings) blame += f.rule == "test.blame";
  CHECK(blame == big.size() / sentence.size());
  CHECK(r->findings.back().span.line == 1);
  CHECK(r->findings.back().span.column == big.size() - sentence.size() + 1);
}
