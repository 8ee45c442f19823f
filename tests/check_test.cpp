// The checker: matchers, vetoes, policies, signals, positions and the score.
#include <algorithm>

#include <doctest/doctest.h>

#include "helpers.hpp"

using tactful::Signal;
using tactful::test::check;
using tactful::test::has_finding;

TEST_CASE("a phrase finding carries rule, habit, severity, span and advice") {
  auto rules = tactful::test::test_pack();
  auto r = check(rules, "Hi.\nSadly, you should have checked.");
  REQUIRE(has_finding(r, "test.blame"));
  const auto& f = *std::find_if(r.findings.begin(), r.findings.end(), [](const auto& x) { return x.rule == "test.blame"; });
  CHECK(f.rule == "test.blame");
  CHECK(f.habit == tactful::Habit::respect);
  CHECK(f.severity == tactful::Severity::warning);
  CHECK(f.text == "you should have");
  CHECK(f.span.offset == 11);
  CHECK(f.span.length == 15);
  CHECK(f.span.line == 2);
  CHECK(f.span.column == 8);
  CHECK(f.span.end_column == 23);
  CHECK(f.suggestion == "Say what happened and what you will do next.");
  CHECK(r.has(Signal::blame));
  CHECK(r.has(Signal::greeting));
}

TEST_CASE("unless vetoes a match in the same sentence only") {
  auto rules = tactful::test::test_pack();
  CHECK_FALSE(has_finding(check(rules, "You should have received a code."), "test.blame"));
  CHECK(has_finding(check(rules, "You should have received a code. You should have asked."), "test.blame"));
}

TEST_CASE("positions point into the original bytes when quotes were folded") {
  auto rules = tactful::test::pack(tactful::test::rule_yaml("r.dont", "phrase", "phrases: [\"don't worry\"]"));
  const std::string text = "\u201COK\u201D \u2014 don\u2019t worry";
  auto r = check(rules, text);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].text == "don\u2019t worry");
  CHECK(r.findings[0].span.offset == text.find("don"));
  CHECK(r.findings[0].span.column == 8);
}

TEST_CASE("substitutions suggest their replacement, capitalised like the match") {
  auto rules = tactful::test::test_pack();
  auto r = check(rules, "Sorry for any inconvenience. Also, per my last email, it shipped.");
  std::vector<std::string> suggestions;
  for (const auto& f : r.findings) {
    if (f.rule == "test.inconvenience") suggestions.push_back(f.suggestion.value_or(""));
  }
  CHECK(suggestions == std::vector<std::string>{"I'm sorry for the trouble this caused", "as I mentioned"});
  CHECK(r.has(Signal::non_apology));
}

TEST_CASE("require rules use conditions on the reply and on the customer's message") {
  auto rules = tactful::test::test_pack();
  CHECK(has_finding(check(rules, "Your order has shipped today from our warehouse."), "test.check-in"));
  CHECK_FALSE(has_finding(check(rules, "Shipped today."), "test.check-in"));  // under min_words
  auto upset = check(rules, "Your order ships Monday.", "This is UNACCEPTABLE.");
  CHECK(has_finding(upset, "test.empathy-when-upset"));
  CHECK(upset.customer_facts == std::vector<std::string>{"upset"});
  CHECK_FALSE(has_finding(check(rules, "Your order ships Monday.", "When will it ship?"), "test.empathy-when-upset"));
  CHECK_FALSE(has_finding(check(rules, "Your order ships Monday."), "test.empathy-when-upset"));
}

TEST_CASE("a require finding points at the last line when at: end") {
  auto rules = tactful::test::test_pack();
  auto r = check(rules, "Hello,\nyour order has shipped today from our warehouse.\n\n");
  for (const auto& f : r.findings) {
    if (f.rule == "test.check-in") {
      CHECK(f.span.line == 2);
      CHECK(f.text == "your order has shipped today from our warehouse.");
    }
  }
}

TEST_CASE("limit flags the first occurrence past the limit") {
  auto rules = tactful::test::test_pack();
  auto r = check(rules, "Sorry. Sorry again. So sorry. Sorry!");
  std::size_t n = 0;
  for (const auto& f : r.findings) {
    if (f.rule == "test.apologies") {
      ++n;
      CHECK(f.span.offset == 23);
    }
  }
  CHECK(n == 1);
}

TEST_CASE("metrics: long sentences and capitals") {
  auto rules = tactful::test::test_pack();
  auto r = check(rules, "Short one. This sentence has far too many words in it to read. PLEASE READ the FAQ ASAP.");
  std::vector<std::string> caps;
  for (const auto& f : r.findings) {
    if (f.rule == "test.caps") caps.push_back(f.text);
    if (f.rule == "test.long-sentence") CHECK(f.text == "This sentence has far too many words in it to read.");
  }
  CHECK(caps == std::vector<std::string>{"PLEASE", "READ"});
  auto bracketed = check(rules, "Your order [ORDER NUMBER] ships. [Note] DONE");
  std::vector<std::string> shouted;
  for (const auto& f : bracketed.findings) {
    if (f.rule == "test.caps") shouted.push_back(f.text);
  }
  CHECK(shouted == std::vector<std::string>{"DONE"});  // placeholders in brackets are not shouting
}

TEST_CASE("the customer's name sets the name signal") {
  auto rules = tactful::test::test_pack();
  CHECK(check(rules, "Thanks, Dana!", {}, "Dana Smith").has(Signal::name));
  CHECK(check(rules, "Thanks, dana!", {}, "Dana").has(Signal::name));
  CHECK_FALSE(check(rules, "Thanks, Danai!", {}, "Dana").has(Signal::name));
  CHECK_FALSE(check(rules, "Thanks!", {}, "Dana").has(Signal::name));
  CHECK_FALSE(check(rules, "Thanks, Dana!").has(Signal::name));
}

TEST_CASE("the score rewards warmth, punishes blame, and ignores repetition") {
  auto rules = tactful::test::test_pack();
  const int warm = check(rules, "Hi Dana, thank you. Let me know if it helps.", {}, "Dana").score;
  const int cold = check(rules, "You should have checked the box first.").score;
  const int stuffed = check(rules, "Hi Dana, thank you, thank you, thanks. Let me know if it helps.", {}, "Dana").score;
  CHECK(warm > cold);
  CHECK(cold <= 79);  // a warning caps the score
  CHECK(stuffed == warm);
  auto r = check(rules, "Hi Dana, thank you.", {}, "Dana");
  for (int h : r.habits) {
    CHECK(h >= 0);
    CHECK(h <= 100);
  }
}

TEST_CASE("findings come sorted by position") {
  auto rules = tactful::test::test_pack();
  auto r = check(rules, "PLEASE note. You forgot to sign. You should have signed.");
  for (std::size_t i = 1; i < r.findings.size(); ++i) CHECK(r.findings[i - 1].span.offset <= r.findings[i].span.offset);
}

TEST_CASE("echo: the reply names the customer's own terms") {
  auto rules = tactful::test::pack(R"(rules:
  - id: e.echo
    kind: echo
    habit: listen
    signal: paraphrase
    report: false
    message: m
    rationale: r
    min_terms: 2
    ignore: [the, my, your, for, is, it, has, been, sorry, about, please, us, dm, issue]
    instructions: [restart]
    examples:
      fire: [{text: "Sorry the refund for order 4411 is late.", context: "Where is my refund for order 4411?", span: "refund"}]
      pass: [{text: "Sorry about the issue.", context: "Where is my refund?"}]
)");
  using tactful::Signal;
  auto has = [&](std::string_view reply, std::string_view ctx) { return check(rules, reply, ctx).has(Signal::paraphrase); };
  CHECK(has("Both missing refunds were sent.", "Two refunds missing"));          // refund(s) and missing
  CHECK_FALSE(has("Please DM us about the issue.", "My refund is missing"));       // nothing of theirs
  CHECK(has("The 4411 order ships today.", "Order 4411?"));                        // a number is enough
  CHECK(has("Glad the AirPods work now.", "my airpods stopped"));                  // a name capitalised in the reply
  CHECK_FALSE(has("Your refund is on its way.", "My refund is late"));             // one plain term is not enough
  CHECK_FALSE(has("See https://example.com/refund/late now.", "refund late"));     // links do not count
  CHECK_FALSE(has("Hi @refund late", "refund late x"));                            // nor handles: "late" alone
  CHECK_FALSE(has("Your refund is on its way.", ""));                              // no message, no echo
  CHECK_FALSE(has("Restart the 4411 router.", "router 4411 drops"));               // an instruction restates the fix
  CHECK_FALSE(has("@dana Please restart the 4411 router.", "router 4411 drops"));  // after a handle and "please" too
  CHECK(has("Restart it. The 4411 router should work.", "router 4411 drops"));     // the next sentence counts
}

TEST_CASE("batch checking finds exactly what one-off checking finds") {
  auto rules = tactful::RuleSet::builtin();
  REQUIRE(rules.has_value());
  const tactful::Checker one(*rules), batch(*rules, tactful::CheckOptions{.batch = true});
  for (std::string_view draft : {
           "Hi Dana, thanks for waiting! Is the app still crashing? Let me know.",
           "You SHOULD have read the FAQ!!! As I already said, there is nothing we can do.",
           "Dear valued customer, we apologise for any inconvenience. I guarantee it ships tomorrow.",
           "Hello [Customer Name], your order {{name}} is ready. Go to Settings > Account to update it.",
           "ok"}) {
    CAPTURE(draft);
    auto a = one.check({draft, "Where is my order?!", {}, "d"});
    auto b = batch.check({draft, "Where is my order?!", {}, "d"});
    REQUIRE(a.has_value());
    REQUIRE(b.has_value());
    CHECK(a->signals == b->signals);
    REQUIRE(a->findings.size() == b->findings.size());
    for (std::size_t i = 0; i < a->findings.size(); ++i) {
      CHECK(a->findings[i].rule == b->findings[i].rule);
      CHECK(a->findings[i].span.offset == b->findings[i].span.offset);
    }
  }
}

TEST_CASE("the default pack reads what the customer named, and their name from the sign-off") {
  auto rules = tactful::RuleSet::builtin();
  REQUIRE(rules);
  tactful::Checker checker(*rules);
  const std::string customer =
      "Hi, order #4411 arrived on Monday with a cracked screen. I paid $240 for it, as a gift for my son. "
      "Case 88213 is still open.\n\nThanks,\nMaria Lopez\n";
  auto r = checker.check({"Hi John, we're looking into it.", customer, "", "draft"});
  REQUIRE(r);
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& e : r->customer_entities) {
    got.emplace_back(e.kind, e.text);
    CHECK(customer.compare(e.offset, e.length, e.text) == 0);
  }
  const std::vector<std::pair<std::string, std::string>> want = {
      {"order", "#4411"}, {"date", "Monday"}, {"amount", "$240"}, {"person", "son"}, {"ticket", "88213"},
      {"name", "Maria Lopez"}};
  CHECK(got == want);
  CHECK(r->customer_name == "Maria Lopez");
  CHECK_FALSE(r->has(tactful::Signal::name));  // "John" is not her name
  CHECK(has_finding(*r, "reinforce.name.wrong-name"));

  auto right = checker.check({"Hi Maria, we're looking into it.", customer, "", "draft"});
  REQUIRE(right);
  CHECK(right->has(tactful::Signal::name));
  CHECK_FALSE(has_finding(*right, "reinforce.name.wrong-name"));
}
