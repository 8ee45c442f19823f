// Email drafts: quoted history and signatures are not the agent's words.
#include <doctest/doctest.h>

#include "email.hpp"
#include "helpers.hpp"

using tactful::detail::split_email;

namespace {

// The draft with the hidden parts cut out, to compare easily.
std::string visible(std::string_view draft) {
  const auto parts = split_email(draft);
  std::string out;
  std::size_t at = 0;
  for (const auto& r : parts.hidden) {
    out.append(draft.substr(at, r.begin - at));
    at = r.end;
  }
  out.append(draft.substr(at));
  return out;
}

}  // namespace

TEST_CASE("'> ' lines and an 'On ... wrote:' block are quoted history") {
  const std::string d =
      "Hi Dana,\n\nYour refund went out today.\n\nThanks,\nSam\n\n"
      "On Mon, 2 Mar 2026, Dana Reyes <dana@example.com> wrote:\n> Where is my refund?\n> Thanks, Dana\n";
  CHECK(visible(d) == "Hi Dana,\n\nYour refund went out today.\n\nThanks,\nSam\n\n");
  CHECK(split_email(d).quoted == "Where is my refund?\nThanks, Dana");
}

TEST_CASE("an attribution wrapped over two lines") {
  const std::string d = "Done.\n\nOn Mon, 2 Mar 2026 at 10:04, Dana Reyes\n<dana@example.com> wrote:\n> Is it done?\n";
  CHECK(visible(d) == "Done.\n\n");
}

TEST_CASE("Outlook headers and Original Message separators start the history") {
  const std::string outlook =
      "All sorted now.\n\nFrom: Dana Reyes <dana@example.com>\nSent: Monday, March 2, 2026 10:04\n"
      "To: Support\nSubject: Refund\n\nWhere is my refund?\n";
  CHECK(visible(outlook) == "All sorted now.\n\n");
  CHECK(split_email(outlook).quoted == "Where is my refund?");
  const std::string original = "Sorted.\n-----Original Message-----\nWhere is it?\n";
  CHECK(visible(original) == "Sorted.\n");
}

TEST_CASE("the signature after '-- ' and legal disclaimers are not the reply") {
  CHECK(visible("Sorted.\n-- \nSam, Support\nGuaranteed 100% satisfaction\n") == "Sorted.\n");
  CHECK(visible("Sorted.\n\nThis email and any attachments are confidential.\n") == "Sorted.\n\n");
}

TEST_CASE("a plain draft has nothing hidden") {
  CHECK(split_email("Hi,\nthe part ships Monday.\nFrom: here on, it is tracked.\n").hidden.empty());
  CHECK(split_email("I think 5 > 3.\n").hidden.empty());
}

TEST_CASE("the checker ignores quoted words and uses them as the customer's message") {
  auto rules = tactful::test::test_pack();
  const std::string d =
      "Hello Dana, your refund went out today.\n\nOn Mon, 2 Mar 2026, Dana <dana@example.com> wrote:\n"
      "> You should have sent it last week. This is UNACCEPTABLE.\n";
  auto r = tactful::test::check(rules, d);
  CHECK_FALSE(tactful::test::has_finding(r, "test.blame"));  // the customer's words, not the agent's
  CHECK_FALSE(tactful::test::has_finding(r, "test.caps"));
  CHECK(r.customer_facts == std::vector<std::string>{"upset"});  // read from the quoted text
  CHECK(tactful::test::has_finding(r, "test.empathy-when-upset"));
  // Quoted text only: nothing of the agent's to check.
  auto only = tactful::Checker(rules).check({"> just a quote\n", {}, {}, "q"});
  REQUIRE_FALSE(only.has_value());
  CHECK(only.error().code == tactful::ErrorCode::empty_input);
  // Non-breaking spaces outside the quote are no words either.
  auto spaces = tactful::Checker(rules).check({"\xC2\xA0\xC2\xA0\n> just a quote\n", {}, {}, "q"});
  REQUIRE_FALSE(spaces.has_value());
  CHECK(spaces.error().code == tactful::ErrorCode::empty_input);
}

TEST_CASE("findings keep their positions in the draft as written") {
  auto rules = tactful::test::test_pack();
  const std::string d = "> you should have\nSadly you forgot to sign.\n";
  auto r = tactful::test::check(rules, d);
  REQUIRE(tactful::test::has_finding(r, "test.blame"));
  for (const auto& f : r.findings) {
    if (f.rule == "test.blame") {
      CHECK(f.text == "you forgot to");
      CHECK(f.span.line == 2);
      CHECK(f.span.column == 7);
    }
  }
}
