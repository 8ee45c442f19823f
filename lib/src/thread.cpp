// Thread checks for audits (tactful/thread.hpp).
#include "tactful/thread.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <unordered_map>
#include <unordered_set>

#include "score.hpp"
#include "tactful/audit.hpp"
#include "text.hpp"

namespace tactful {
namespace {

constexpr std::int64_t kDay = 86400;

// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

int weekday(std::int64_t t) {  // 0 = Sunday
  const std::int64_t days = (t >= 0 ? t : t - kDay + 1) / kDay;
  return static_cast<int>(((days + 4) % 7 + 7) % 7);
}

std::int64_t end_of_day(std::int64_t t) {
  const std::int64_t days = (t >= 0 ? t : t - kDay + 1) / kDay;
  return (days + 1) * kDay - 1;
}

std::int64_t add_business_days(std::int64_t t, int n) {
  while (n > 0) {
    t += kDay;
    const int w = weekday(t);
    if (w != 0 && w != 6) --n;
  }
  return t;
}

int weekday_of(std::string_view name) {
  static const char* kNames[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  for (int i = 0; i < 7; ++i) {
    if (name.size() >= 3 && name.compare(0, 3, kNames[i]) == 0) return i;
  }
  return -1;
}

struct Patterns {
  RE2 commitment{
      R"((?i)\b(?:i|we|our team|someone|a colleague)(?:'ll| will| shall|'re going to| are going to|'m going to| am going to)\s+(?:\w+\s+){0,3}?(?:get back to you|follow up|update you|be in touch|reply|respond|call you|ring you|email you|contact you|let you know|check back|come back to you|get in touch|reach out|message you|send you an update|update|confirm|have an answer|have an update)\b|\byou(?:'ll| will| should) (?:hear|get an update|get a reply|receive an update|receive a reply) (?:back )?(?:from (?:us|me))?)"};
  RE2 within{R"((?i)\b(?:within|in|inside)(?: the next)? (?:(\d+)\s*(?:-|to)\s*)?(\d+|one|two|three|four|five|a|an|a couple of|24|48|72) ?(minutes?|mins?|hours?|hrs?|h|days?|business days?|working days?|weeks?)\b)"};
  RE2 today{R"((?i)\b(today|this afternoon|this evening|tonight|end of (?:the )?day|eod|cob|close of business|later today|shortly|within the hour)\b)"};
  RE2 tomorrow{R"((?i)\btomorrow\b)"};
  RE2 weekday{R"((?i)\b(?:by|on|this|next|before|until)?\s*(mon|tues|wednes|thurs|fri|satur|sun)day\b)"};
  RE2 week_end{R"((?i)\b(?:(?:by )?(?:the )?end of (?:the|this) week|later this week|this week)\b)"};
  RE2 next_week{R"((?i)\bnext week\b)"};
};

const Patterns& patterns() {
  static const Patterns p;
  return p;
}

int number(std::string_view s) {
  if (s == "one" || s == "a" || s == "an") return 1;
  if (s == "two" || s == "a couple of") return 2;
  if (s == "three") return 3;
  if (s == "four") return 4;
  if (s == "five") return 5;
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

// The deadline a sentence names, from `t` (when it was written).
std::optional<std::int64_t> deadline(std::string_view sentence, std::int64_t t) {
  const Patterns& p = patterns();
  const re2::StringPiece in(sentence.data(), sentence.size());
  std::string low, high, unit;
  if (RE2::PartialMatch(in, p.within, &low, &high, &unit)) {
    std::transform(unit.begin(), unit.end(), unit.begin(), [](unsigned char c) { return std::tolower(c); });
    std::transform(high.begin(), high.end(), high.begin(), [](unsigned char c) { return std::tolower(c); });
    const int n = number(high);
    if (unit.starts_with("min")) return t + n * 60;
    if (unit.starts_with("h")) return t + n * 3600;
    if (unit.starts_with("business") || unit.starts_with("working")) return end_of_day(add_business_days(t, n));
    if (unit.starts_with("day")) return end_of_day(t + n * kDay);
    if (unit.starts_with("week")) return end_of_day(t + n * 7 * kDay);
  }
  if (RE2::PartialMatch(in, p.tomorrow)) return end_of_day(t + kDay);
  std::string day;
  if (RE2::PartialMatch(in, p.weekday, &day)) {
    std::transform(day.begin(), day.end(), day.begin(), [](unsigned char c) { return std::tolower(c); });
    const int want = weekday_of(day);
    int ahead = (want - weekday(t) + 7) % 7;
    if (ahead == 0) ahead = 7;
    return end_of_day(t + ahead * kDay);
  }
  if (RE2::PartialMatch(in, p.next_week)) return end_of_day(t + 7 * kDay);
  if (RE2::PartialMatch(in, p.week_end)) {
    const int ahead = (5 - weekday(t) + 7) % 7;  // the coming Friday (today if it is Friday)
    return end_of_day(t + ahead * kDay);
  }
  if (RE2::PartialMatch(in, p.today)) return end_of_day(t);
  return std::nullopt;
}

std::uint64_t fingerprint(std::string_view reply, std::size_t& letters) {
  // Letters and digits only, lower case: the same answer pasted again
  // matches whatever the spacing, handle or punctuation.
  std::uint64_t h = 1469598103934665603ull;
  letters = 0;
  bool skip = false;  // inside an @handle
  for (unsigned char c : reply) {
    if (c == '@') skip = true;
    if (std::isspace(c)) skip = false;
    if (skip || !std::isalnum(c)) continue;
    h = (h ^ static_cast<unsigned char>(std::tolower(c))) * 1099511628211ull;
    ++letters;
  }
  return h;
}

}  // namespace

std::optional<std::int64_t> parse_timestamp(std::string_view s) {
  auto digits = [&](std::size_t at, std::size_t n) -> std::optional<int> {
    if (at + n > s.size()) return std::nullopt;
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  const auto y = digits(0, 4), mo = digits(5, 2), d = digits(8, 2);
  if (!y || !mo || !d || s[4] != '-' || s[7] != '-' || *mo < 1 || *mo > 12 || *d < 1 || *d > 31) return std::nullopt;
  std::int64_t t = days_from_civil(*y, static_cast<unsigned>(*mo), static_cast<unsigned>(*d)) * kDay;
  if (s.size() == 10) return t;
  if (s[10] != 'T' && s[10] != ' ') return std::nullopt;
  const auto h = digits(11, 2), mi = digits(14, 2);
  if (!h || !mi || s[13] != ':' || *h > 23 || *mi > 59) return std::nullopt;
  t += *h * 3600 + *mi * 60;
  std::size_t at = 16;
  if (at < s.size() && s[at] == ':') {
    const auto sec = digits(at + 1, 2);
    if (!sec || *sec > 60) return std::nullopt;
    t += *sec;
    at += 3;
    if (at < s.size() && s[at] == '.') {  // fractions of a second
      ++at;
      while (at < s.size() && s[at] >= '0' && s[at] <= '9') ++at;
    }
  }
  if (at == s.size() || (s[at] == 'Z' && at + 1 == s.size())) return t;
  if ((s[at] == '+' || s[at] == '-') && at + 6 == s.size() && s[at + 3] == ':') {
    const auto oh = digits(at + 1, 2), om = digits(at + 4, 2);
    if (!oh || !om) return std::nullopt;
    const int offset = *oh * 3600 + *om * 60;
    return s[at] == '+' ? t - offset : t + offset;
  }
  return std::nullopt;
}

std::optional<std::int64_t> promised_by(std::string_view reply, std::int64_t written) {
  const Patterns& p = patterns();
  std::size_t begin = 0;
  while (begin < reply.size()) {
    std::size_t end = reply.find_first_of(".!?\n", begin);
    if (end == std::string_view::npos) end = reply.size();
    const std::string_view sentence = reply.substr(begin, end - begin);
    if (RE2::PartialMatch(re2::StringPiece(sentence.data(), sentence.size()), p.commitment)) {
      if (auto d = deadline(sentence, written)) return d;
    }
    begin = end + 1;
  }
  return std::nullopt;
}

void Durations::add(std::int64_t seconds) {
  seconds = std::max<std::int64_t>(seconds, 0);
  // Bucket i holds durations up to 60 * 1.1^i seconds (the last: 125 days and more).
  std::size_t i = 0;
  double bound = 60;
  while (i + 1 < buckets_.size() && static_cast<double>(seconds) > bound) {
    bound *= 1.1;
    ++i;
  }
  ++buckets_[i];
  ++count_;
}

std::int64_t Durations::percentile(double p) const {
  if (count_ == 0) return 0;
  const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(count_)));
  std::size_t seen = 0;
  double bound = 60;
  for (std::size_t i = 0; i < buckets_.size(); ++i) {
    seen += buckets_[i];
    if (seen >= std::max<std::size_t>(rank, 1)) return static_cast<std::int64_t>(bound);
    bound *= 1.1;
  }
  return static_cast<std::int64_t>(bound);
}

struct ThreadTracker::Impl {
  struct Promise {
    std::string agent;
    std::int64_t by = 0;
  };
  struct Ticket {
    std::int64_t last = 0;  // when its last agent reply was written
    bool answered = false;
    std::optional<Promise> promise;
    std::unordered_set<std::uint64_t> replies;
  };
  std::unordered_map<std::string, Ticket> tickets;
  std::int64_t latest = 0;  // the latest reply time seen
  std::size_t since_sweep = 0;
  ThreadStats stats;

  void settle(const Promise& p, std::optional<std::int64_t> next) {
    PromiseTally& t = stats.promises[p.agent];
    if (next) {
      ++(*next <= p.by ? t.kept : t.broken);
    } else if (latest > p.by) {
      ++t.broken;  // the deadline passed with no reply in the export
    } else {
      ++t.open;
    }
  }

  // Tickets quiet for 30 days are settled and forgotten, so memory follows
  // the number of open tickets, not the size of the export.
  void sweep() {
    for (auto it = tickets.begin(); it != tickets.end();) {
      if (latest - it->second.last > 30 * kDay) {
        if (it->second.promise) settle(*it->second.promise, std::nullopt);
        it = tickets.erase(it);
      } else {
        ++it;
      }
    }
  }
};

ThreadTracker::ThreadTracker() : impl_(std::make_unique<Impl>()) {}
ThreadTracker::~ThreadTracker() = default;

void ThreadTracker::observe(Audited& a) {
  if (!a.error.empty() || a.record.ticket.empty()) return;
  const auto t = parse_timestamp(a.record.created_at);
  if (!t) return;
  Impl& m = *impl_;
  ++m.stats.threaded;
  m.latest = std::max(m.latest, *t);
  Impl::Ticket& ticket = m.tickets[a.record.ticket];

  if (ticket.promise) {
    m.settle(*ticket.promise, *t);
    ticket.promise.reset();
  }
  if (ticket.answered) m.stats.between_replies.add(*t - ticket.last);
  if (!a.record.customer_created_at.empty()) {
    if (const auto asked = parse_timestamp(a.record.customer_created_at)) {
      m.stats.response.add(*t - *asked);
      if (!ticket.answered) m.stats.first_response.add(*t - *asked);
    }
  }

  std::size_t letters = 0;
  const std::uint64_t print = fingerprint(a.record.reply, letters);
  if (letters >= 30 && !ticket.replies.insert(print).second) {
    ++m.stats.repeated;
    Finding f;
    f.rule = "listen.thread.repeated-answer";
    f.habit = Habit::listen;
    f.severity = Severity::warning;
    f.message = "This reply repeats an earlier reply in the same ticket word for word.";
    f.suggestion = "Answer what the customer asked this time, or say what has changed since.";
    f.span.offset = 0;
    f.span.length = a.record.reply.size();
    f.text = a.record.reply;
    detail::LineMap(a.record.reply).locate(f.span);
    a.report.findings.insert(a.report.findings.begin(), std::move(f));
    detail::score(a.report);
  }

  if (const auto by = promised_by(a.record.reply, *t)) {
    Impl::Promise p{a.record.agent.empty() ? "(no agent)" : a.record.agent, *by};
    ++m.stats.promises[p.agent].made;
    ticket.promise = std::move(p);
  }
  ticket.last = std::max(ticket.last, *t);
  ticket.answered = true;
  if (++m.since_sweep >= 4096) {
    m.since_sweep = 0;
    m.sweep();
  }
}

const ThreadStats& ThreadTracker::finish() {
  Impl& m = *impl_;
  for (auto& [id, ticket] : m.tickets) {
    if (ticket.promise) m.settle(*ticket.promise, std::nullopt);
  }
  m.tickets.clear();
  return m.stats;
}

const ThreadStats& ThreadTracker::stats() const { return impl_->stats; }

}  // namespace tactful
