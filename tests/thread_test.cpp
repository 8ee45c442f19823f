// Thread checks: timestamps, promised follow-up times, durations.
#include <doctest/doctest.h>

#include "tactful/thread.hpp"

using tactful::parse_timestamp;
using tactful::promised_by;

namespace {
constexpr std::int64_t kMon = 1793613600;  // 2026-11-02T10:00:00Z, a Monday
constexpr std::int64_t kHour = 3600, kDay = 86400;
constexpr std::int64_t kMonEnd = 1793663999;  // 2026-11-02T23:59:59Z
}  // namespace

TEST_CASE("ISO 8601 timestamps, with or without time, seconds, fractions and offsets") {
  CHECK(parse_timestamp("2026-11-02T10:00:00Z") == kMon);
  CHECK(parse_timestamp("2026-11-02 10:00") == kMon);
  CHECK(parse_timestamp("2026-11-02T12:00:00+02:00") == kMon);
  CHECK(parse_timestamp("2026-11-02T10:00:00.250Z") == kMon);
  CHECK(parse_timestamp("2026-11-02") == kMon - 10 * kHour);
  CHECK(parse_timestamp("1970-01-01T00:00:00Z") == 0);
  CHECK_FALSE(parse_timestamp("02/11/2026"));
  CHECK_FALSE(parse_timestamp("2026-13-02"));
  CHECK_FALSE(parse_timestamp("2026-11-02T25:00"));
  CHECK_FALSE(parse_timestamp(""));
}

TEST_CASE("a promised follow-up needs a commitment and a time in the same sentence") {
  CHECK(promised_by("I'll get back to you tomorrow.", kMon) == kMonEnd + kDay);
  CHECK(promised_by("We'll update you within 24 hours.", kMon) == kMon + 24 * kHour);
  CHECK(promised_by("I will email you by Friday.", kMon) == kMonEnd + 4 * kDay);
  CHECK(promised_by("We will be in touch within 2 business days.", kMon) == kMonEnd + 2 * kDay);
  CHECK(promised_by("I'll call you later today with an update.", kMon) == kMonEnd);
  CHECK(promised_by("You'll hear from us within 48 hours.", kMon) == kMon + 48 * kHour);
  CHECK(promised_by("I'll follow up next week.", kMon) == kMonEnd + 7 * kDay);
  // A time without a promise, a promise without a time, or in different sentences.
  CHECK_FALSE(promised_by("The store opens tomorrow.", kMon));
  CHECK_FALSE(promised_by("I'll get back to you as soon as I can.", kMon));
  CHECK_FALSE(promised_by("I'll get back to you. The store opens tomorrow.", kMon));
}

TEST_CASE("durations keep a fixed histogram; percentiles are bucket bounds") {
  tactful::Durations d;
  for (int i = 0; i < 90; ++i) d.add(30 * 60);   // half an hour
  for (int i = 0; i < 10; ++i) d.add(3 * kDay);  // three days
  CHECK(d.count() == 100);
  CHECK(d.percentile(0.5) >= 30 * 60);
  CHECK(d.percentile(0.5) < 40 * 60);
  CHECK(d.percentile(0.95) >= 3 * kDay);
  CHECK(d.percentile(0.95) < 4 * kDay);
}
