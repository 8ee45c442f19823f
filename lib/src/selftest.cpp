#include "tactful/selftest.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "tactful/check.hpp"

namespace tactful {
namespace {

// A neutral reply for examples of rules that read the customer's message.
constexpr std::string_view kNeutralReply = "Here is the information you asked for.";

}  // namespace

std::vector<ExampleFailure> check_examples(const RuleSet& rules) {
  std::vector<ExampleFailure> failures;
  const Checker checker(rules);
  for (const RuleInfo& rule : rules.rules()) {
    for (const RuleExample& ex : rule.examples) {
      auto fail = [&](std::string msg) { failures.push_back({rule.id, rule.file, ex.line, std::move(msg)}); };
      Draft d;
      if (rule.customer_scope) {
        d.text = kNeutralReply;
        d.context = ex.text;
      } else {
        d.text = ex.text;
        d.context = ex.context;
      }
      d.customer_name = ex.customer_name;
      auto report = checker.check(d);
      if (!report) {
        fail("the example cannot be checked: " + report.error().to_string());
        continue;
      }
      std::string_view text = rule.customer_scope ? d.context : d.text;
      // Where the rule fired: its first finding, or for detectors and customer rules its first evidence.
      std::optional<std::pair<std::size_t, std::size_t>> at;
      std::optional<std::string> suggestion;
      if (rule.report) {
        auto f = std::find_if(report->findings.begin(), report->findings.end(),
                              [&](const Finding& x) { return x.rule == rule.id; });
        if (f != report->findings.end()) {
          at = std::pair{f->span.offset, f->span.length};
          suggestion = f->suggestion;
        }
      } else {
        auto e = std::find_if(report->evidence.begin(), report->evidence.end(), [&](const Evidence& x) {
          return x.rule == rule.id && x.in_context == rule.customer_scope;
        });
        if (e != report->evidence.end()) at = std::pair{e->offset, e->length};
      }
      if (!ex.must_fire) {
        if (at) fail(fmt::format("fired on \"{}\" at \"{}\"", ex.text, text.substr(at->first, at->second)));
        continue;
      }
      if (!at) {
        fail(fmt::format("did not fire on \"{}\"", ex.text));
        continue;
      }
      if (ex.span && text.substr(at->first, at->second) != *ex.span) {
        fail(fmt::format("flagged \"{}\", expected \"{}\"", text.substr(at->first, at->second), *ex.span));
      }
      if (ex.suggestion && suggestion != ex.suggestion) {
        fail(fmt::format("suggested \"{}\", expected \"{}\"", suggestion.value_or("(nothing)"), *ex.suggestion));
      }
    }
  }
  return failures;
}

}  // namespace tactful
