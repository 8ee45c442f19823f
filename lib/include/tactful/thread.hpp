// Thread checks for audits: what only shows across the replies of a ticket.
// - Promise keeping: a reply that promises a follow-up by a time ("I'll get
//   back to you tomorrow", "within 24 hours", "by Friday") is checked against
//   the next agent reply in the same ticket.
// - Repetition: a reply that pastes an earlier reply of the ticket again.
// - Response times: from the customer's message to the reply (when the
//   export has its time), and between consecutive agent replies.
// Records need `ticket` and `created_at` (ISO 8601); others are skipped.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tactful/export.hpp"

namespace tactful {

struct Audited;

// Seconds since 1970-01-01 UTC from "2026-11-01T10:00:00Z", "2026-11-01
// 10:00", "2026-11-01T10:00:00+02:00" or "2026-11-01"; nullopt otherwise.
TACTFUL_API std::optional<std::int64_t> parse_timestamp(std::string_view iso);

// A follow-up promise in a reply: by when (seconds since the epoch), given
// when the reply was written; nullopt when the reply promises no time.
TACTFUL_API std::optional<std::int64_t> promised_by(std::string_view reply, std::int64_t written);

// Durations in seconds, kept as a histogram with log-spaced buckets so that
// memory stays fixed however many are added; percentiles are bucket bounds.
class TACTFUL_API Durations {
 public:
  void add(std::int64_t seconds);
  std::size_t count() const { return count_; }
  std::int64_t percentile(double p) const;  // an upper bound of the bucket holding it

 private:
  std::vector<std::size_t> buckets_ = std::vector<std::size_t>(128);
  std::size_t count_ = 0;
};

struct TACTFUL_API PromiseTally {
  std::size_t made = 0, kept = 0, broken = 0, open = 0;  // open: no later reply, deadline not yet passed
};

struct TACTFUL_API ThreadStats {
  std::map<std::string, PromiseTally> promises;  // by agent
  std::size_t repeated = 0;                      // replies that paste an earlier one
  Durations first_response, response, between_replies;
  std::size_t threaded = 0;                      // replies with ticket and created_at
};

class TACTFUL_API ThreadTracker {
 public:
  ThreadTracker();
  ~ThreadTracker();
  ThreadTracker(const ThreadTracker&) = delete;
  ThreadTracker& operator=(const ThreadTracker&) = delete;
  // Records must come in input order. A repeated reply gets a finding
  // (`listen.thread.repeated-answer`) added to its report.
  void observe(Audited& a);
  // Settles what is still open (call once, at the end of the input).
  const ThreadStats& finish();
  const ThreadStats& stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tactful
