// Checking one draft against a RuleSet.
//
//   tactful::Checker checker(*tactful::RuleSet::builtin());
//   tactful::Draft d{.text = reply, .context = customer_message};
//   tactful::Result<tactful::Report> r = checker.check(d);
//   if (r) for (const auto& f : r->findings) ...
//
// check() is const and thread-safe: share one Checker between threads.
#pragma once

#include <array>
#include <bitset>
#include <memory>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tactful/error.hpp"
#include "tactful/export.hpp"
#include "tactful/rules.hpp"
#include "tactful/types.hpp"

namespace tactful {

namespace detail {
class PatternIndex;
}

struct TACTFUL_API Draft {
  std::string_view text;           // the reply, UTF-8
  std::string_view context;        // the customer's message it answers; may be empty
  std::string_view customer_name;  // may be empty
  std::string source;              // name used in reports ("-" for standard input)
};

// A place in the draft. Offsets are bytes into Draft::text; lines and columns
// are 1-based, columns count Unicode code points; the end is exclusive (just
// past the last character).
struct TACTFUL_API Span {
  std::size_t offset = 0;
  std::size_t length = 0;
  std::size_t line = 1, column = 1;
  std::size_t end_line = 1, end_column = 1;
};

struct TACTFUL_API Finding {
  std::string rule;
  Habit habit = Habit::listen;
  Severity severity = Severity::info;
  std::string message;
  Span span;
  std::string text;                       // the draft's words at the span
  std::optional<std::string> suggestion;  // a replacement or advice
};

// Why a signal or customer fact was set: the rule and the words.
struct TACTFUL_API Evidence {
  std::string rule;
  bool in_context = false;  // found in the customer's message, not the reply
  std::size_t offset = 0, length = 0;
  std::string sets;  // the signal (reply) or customer fact (context) the rule sets; empty when none
};

// Something the customer named in their message: an order or ticket number,
// an amount, a date, a person, their own name. Offsets are bytes into the
// customer's message as given.
struct TACTFUL_API Entity {
  std::string kind;  // the entity rule's `entity`: "order", "ticket", "amount", "date", "person", "name"...
  std::string text;
  std::size_t offset = 0, length = 0;
};

struct TACTFUL_API Report {
  std::string source;
  std::size_t turn = 0;                     // in a transcript: the 1-based turn checked; 0 otherwise
  int score = 100;                          // 0..100, see docs/scoring.md
  std::array<int, kHabitCount> habits{};    // per-habit scores, indexed by Habit
  std::bitset<kSignalCount> signals;        // indexed by Signal
  std::vector<Finding> findings;            // sorted by position
  std::vector<Evidence> evidence;           // where each rule that fired first fired, detectors included
  std::vector<std::string> customer_facts;  // facts read from the context, sorted
  std::vector<Entity> customer_entities;    // what the context named, in order, each text once per kind
  std::string customer_name;                // the name used: given, or read from the context's sign-off

  bool has(Signal s) const { return signals.test(static_cast<std::size_t>(s)); }
  int habit_score(Habit h) const { return habits[static_cast<std::size_t>(h)]; }
};

struct TACTFUL_API CheckOptions {
  // Drafts larger than this are refused with ErrorCode::input_too_large.
  std::size_t max_bytes = std::size_t{256} << 20;
  // Many drafts will be checked: spend some milliseconds up front on an index
  // that makes each check cheaper (batch audits, servers).
  bool batch = false;
};

class TACTFUL_API Checker {
 public:
  explicit Checker(RuleSet rules, CheckOptions options = {});
  ~Checker();
  Checker(const Checker&);
  Checker& operator=(const Checker&);

  // Validates the draft (UTF-8, not binary, not empty) and checks it. An
  // invalid context is reported the same way, with Error::file = "context".
  Result<Report> check(const Draft& draft) const;

  const RuleSet& rules() const { return rules_; }

 private:
  RuleSet rules_;
  CheckOptions options_;
  std::shared_ptr<const detail::PatternIndex> patterns_;  // with options.batch
};

// Checks that `bytes` can be a draft: valid UTF-8, not binary, not empty.
// The error carries the byte offset of the first offending byte.
TACTFUL_API Result<void> validate_input(std::string_view bytes);

}  // namespace tactful
