// The state behind `audit --format summary` and `--html` (internal).
#pragma once

#include <array>
#include <map>
#include <string>
#include <vector>

#include "tactful/audit.hpp"
#include "tactful/thread.hpp"

namespace tactful::detail {

struct Tally {
  std::size_t replies = 0;
  std::array<double, kHabitCount> habits{};
  double score = 0;
  void add(const Report& r) {
    ++replies;
    score += r.score;
    for (std::size_t h = 0; h < kHabitCount; ++h) habits[h] += r.habits[h];
  }
};

// A reply kept to show: its text (at most kMaxText bytes) and the findings
// that fall inside it.
struct Example {
  static constexpr std::size_t kMaxText = 4000;
  int score = 0;
  std::string id, agent, text;
  std::vector<Finding> findings;
  static Example of(const Audited& a);
};

// "45 min", "3.2 h", "2.5 d".
std::string human_duration(std::int64_t seconds);

// One line of the response-time table: what, median, 90th percentile, count.
struct TimeRow {
  const char* what;
  std::string median, p90;
  std::size_t count;
};
std::vector<TimeRow> time_rows(const ThreadStats& stats);

}  // namespace tactful::detail

namespace tactful {

struct AuditSummary::Impl {
  static constexpr std::size_t kWorst = 10;
  static constexpr std::size_t kExamplesPerRule = 3;
  std::size_t records = 0, errors = 0;
  detail::Tally all;
  std::array<std::size_t, 10> histogram{};
  std::map<std::string, std::size_t> rules;  // replies with the rule, by rule id
  std::map<std::string, std::string> messages;  // a rule's message, by rule id
  std::map<std::string, std::vector<detail::Example>> examples;  // the first replies of each rule
  std::map<std::string, detail::Tally> agents;
  std::map<std::string, detail::Tally> days;  // by created_at's date (YYYY-MM-DD)
  std::map<std::string, std::size_t> error_reasons;
  std::vector<detail::Example> worst;  // the lowest scores, at most kWorst
  ThreadTracker threads;

  // Rules by how many replies they flagged, agents by how many replies.
  std::vector<std::pair<std::string, std::size_t>> rules_by_count() const;
  std::vector<std::pair<std::string, detail::Tally>> agents_by_replies() const;
};

}  // namespace tactful
