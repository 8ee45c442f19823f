// The audit pipeline (oneTBB), its summary tables and CSV rows.
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_pipeline.h>

#include <algorithm>
#include <map>
#include <memory>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "tactful/audit.hpp"
#include "tactful/types.hpp"
#include "audit_summary.hpp"

namespace tactful {

void run_audit(RecordReader& reader, const Checker& checker, std::size_t threads, std::string_view input,
               const std::function<void(Audited&)>& sink) {
  const std::size_t cores = static_cast<std::size_t>(std::max(1, tbb::info::default_concurrency()));
  const std::size_t n = threads == 0 ? cores : threads;
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, n);
  using Item = std::unique_ptr<Audited>;
  tbb::parallel_pipeline(
      n * 4,  // records in flight: enough to keep every thread busy, few enough to keep memory flat
      tbb::make_filter<void, Audited*>(tbb::filter_mode::serial_in_order,
                                       [&](tbb::flow_control& fc) -> Audited* {
                                         Item a = std::make_unique<Audited>();
                                         if (!reader.next(a->record, a->error)) {
                                           fc.stop();
                                           return nullptr;
                                         }
                                         a->number = reader.record_number();
                                         if (a->record.id.empty() && a->error.empty()) {
                                           a->record.id = fmt::format("{}:{}", input, a->number);
                                         }
                                         return a.release();
                                       }) &
          tbb::make_filter<Audited*, Audited*>(tbb::filter_mode::parallel,
                                               [&](Audited* a) {
                                                 if (!a->error.empty()) return a;
                                                 const Record& r = a->record;
                                                 try {
                                                   auto report = checker.check({r.reply, r.customer, r.customer_name, r.id});
                                                   if (report) {
                                                     a->report = std::move(*report);
                                                   } else {
                                                     a->error = report.error().to_string();
                                                   }
                                                 } catch (const std::exception& e) {  // out of memory, say: this record only
                                                   a->error = fmt::format("could not be checked: {}", e.what());
                                                 }
                                                 return a;
                                               }) &
          tbb::make_filter<Audited*, void>(tbb::filter_mode::serial_in_order, [&](Audited* a) {
            Item owned(a);
            sink(*owned);
          }));
}

// ------------------------------------------------------------- summary ---

namespace detail {

Example Example::of(const Audited& a) {
  Example e;
  e.score = a.report.score;
  e.id = a.record.id;
  e.agent = a.record.agent;
  std::size_t n = std::min(a.record.reply.size(), kMaxText);
  while (n < a.record.reply.size() && n > 0 && (static_cast<unsigned char>(a.record.reply[n]) & 0xC0) == 0x80) --n;
  e.text = a.record.reply.substr(0, n);
  for (const Finding& f : a.report.findings) {
    if (f.span.offset + f.span.length <= n) e.findings.push_back(f);
  }
  return e;
}

std::string human_duration(std::int64_t s) {
  if (s < 3600) return fmt::format("{} min", (s + 59) / 60);
  if (s < 2 * 86400) return fmt::format("{:.1f} h", static_cast<double>(s) / 3600.0);
  return fmt::format("{:.1f} d", static_cast<double>(s) / 86400.0);
}

std::vector<TimeRow> time_rows(const ThreadStats& th) {
  std::vector<TimeRow> rows;
  for (auto [what, d] : {std::pair{"first response", &th.first_response}, std::pair{"response", &th.response},
                         std::pair{"between agent replies", &th.between_replies}}) {
    if (d->count() == 0) continue;
    rows.push_back({what, human_duration(d->percentile(0.5)), human_duration(d->percentile(0.9)), d->count()});
  }
  return rows;
}

}  // namespace detail

std::vector<std::pair<std::string, std::size_t>> AuditSummary::Impl::rules_by_count() const {
  std::vector<std::pair<std::string, std::size_t>> out(rules.begin(), rules.end());
  std::stable_sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
  return out;
}

std::vector<std::pair<std::string, detail::Tally>> AuditSummary::Impl::agents_by_replies() const {
  std::vector<std::pair<std::string, detail::Tally>> out(agents.begin(), agents.end());
  std::stable_sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.second.replies > y.second.replies; });
  return out;
}

namespace {

using detail::Example;
using detail::Tally;

std::string bar(double fraction, std::size_t width) {
  const auto n = static_cast<std::size_t>(fraction * static_cast<double>(width) + 0.5);
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += "\u2588";
  return s;
}

}  // namespace

AuditSummary::AuditSummary() : impl_(std::make_unique<Impl>()) {}
AuditSummary::~AuditSummary() = default;

void AuditSummary::finish() { impl_->threads.finish(); }

void AuditSummary::add(Audited& a) {
  Impl& m = *impl_;
  m.threads.observe(a);
  ++m.records;
  if (!a.error.empty()) {
    ++m.errors;
    // Group by the kind of reason: no "line 4: " prefix, nothing after the
    // first ": ", digits as N ("record of N bytes is over the limit...").
    std::string_view why = a.error;
    if (why.starts_with("line ")) why.remove_prefix(std::min(why.size(), why.find(": ") + 2));
    why = why.substr(0, why.find(": "));
    std::string reason;
    for (char c : why) {
      const bool digit = c >= '0' && c <= '9';
      if (!digit) reason += c;
      else if (reason.empty() || reason.back() != 'N') reason += 'N';
    }
    ++m.error_reasons[reason];
    return;
  }
  const Report& r = a.report;
  m.all.add(r);
  ++m.histogram[static_cast<std::size_t>(std::clamp(r.score, 0, 99) / 10)];
  std::vector<std::string_view> seen;
  for (const Finding& f : r.findings) {
    if (std::find(seen.begin(), seen.end(), f.rule) != seen.end()) continue;
    seen.push_back(f.rule);
    ++m.rules[f.rule];
    auto& ex = m.examples[f.rule];
    if (ex.size() < Impl::kExamplesPerRule) {
      ex.push_back(Example::of(a));
      m.messages.emplace(f.rule, f.message);
    }
  }
  m.agents[a.record.agent.empty() ? "(no agent)" : a.record.agent].add(r);
  if (a.record.created_at.size() >= 10) m.days[a.record.created_at.substr(0, 10)].add(r);
  if (m.worst.size() < Impl::kWorst || r.score < m.worst.back().score) {
    auto at = std::upper_bound(m.worst.begin(), m.worst.end(), r.score,
                               [](int s, const Example& x) { return s < x.score; });
    m.worst.insert(at, Example::of(a));
    if (m.worst.size() > Impl::kWorst) m.worst.pop_back();
  }
}

void AuditSummary::write(std::ostream& out) const {
  const Impl& m = *impl_;
  const std::size_t ok = m.all.replies;
  fmt::print(out, "tactful audit summary: {} records = {} replies checked + {} errors\n\n", m.records, ok, m.errors);
  if (ok > 0) {
    const double n = static_cast<double>(ok);
    fmt::print(out, "Score: mean {:.1f}\n", m.all.score / n);
    const std::size_t peak = *std::max_element(m.histogram.begin(), m.histogram.end());
    for (std::size_t b = m.histogram.size(); b-- > 0;) {
      fmt::print(out, "  {:>3}-{:<3} {:>8}  {}\n", b * 10, b == 9 ? 100 : b * 10 + 9, m.histogram[b],
                 bar(peak ? static_cast<double>(m.histogram[b]) / static_cast<double>(peak) : 0, 40));
    }
    fmt::print(out, "\nHabits (mean score)\n");
    for (Habit h : kHabits) {
      const double v = m.all.habits[static_cast<std::size_t>(h)] / n;
      fmt::print(out, "  {:<10} {:>5.1f}  {}\n", name(h), v, bar(v / 100.0, 40));
    }
    const auto rules = m.rules_by_count();
    fmt::print(out, "\nRules (share of replies flagged)\n");
    for (std::size_t i = 0; i < rules.size() && i < 20; ++i) {
      fmt::print(out, "  {:>6.2f}%  {:>8}  {}\n", 100.0 * static_cast<double>(rules[i].second) / n, rules[i].second,
                 rules[i].first);
    }
    if (rules.size() > 20) fmt::print(out, "  ... {} more rules\n", rules.size() - 20);
    const auto agents = m.agents_by_replies();
    fmt::print(out, "\nAgents (mean scores)\n  {:<24} {:>8} {:>6}", "agent", "replies", "score");
    for (Habit h : kHabits) fmt::print(out, " {:>9}", name(h));
    fmt::print(out, "\n");
    for (std::size_t i = 0; i < agents.size() && i < 25; ++i) {
      const auto& [who, t] = agents[i];
      const double k = static_cast<double>(t.replies);
      fmt::print(out, "  {:<24} {:>8} {:>6.1f}", who.size() > 24 ? who.substr(0, 21) + "..." : who, t.replies,
                 t.score / k);
      for (std::size_t h = 0; h < kHabitCount; ++h) fmt::print(out, " {:>9.1f}", t.habits[h] / k);
      fmt::print(out, "\n");
    }
    if (agents.size() > 25) fmt::print(out, "  ... {} more agents\n", agents.size() - 25);
    const ThreadStats& th = m.threads.stats();
    if (th.threaded > 0) {
      fmt::print(out, "\nThreads ({} replies with a ticket and a time)\n", th.threaded);
      fmt::print(out, "  repeated answers: {}\n", th.repeated);
      for (const auto& row : detail::time_rows(th)) {
        fmt::print(out, "  {:<22} median {}, 90% within {} ({} replies)\n", row.what, row.median, row.p90, row.count);
      }
      if (!th.promises.empty()) {
        fmt::print(out, "  Follow-up promises ({}: by the time promised, the next reply came)\n", "kept");
        fmt::print(out, "    {:<24} {:>6} {:>6} {:>7} {:>6}\n", "agent", "made", "kept", "broken", "open");
        for (const auto& [who, p] : th.promises) {
          fmt::print(out, "    {:<24} {:>6} {:>6} {:>7} {:>6}\n", who.size() > 24 ? who.substr(0, 21) + "..." : who,
                     p.made, p.kept, p.broken, p.open);
        }
      }
    }
    fmt::print(out, "\nLowest scores\n");
    for (const Example& w : m.worst) {
      fmt::print(out, "  {:>3}  {}\n", w.score, w.id);
      for (std::size_t i = 0; i < w.findings.size() && i < 3; ++i) {
        const Finding& f = w.findings[i];
        fmt::print(out, "         {}: {}\n", f.rule, f.message);
      }
    }
  }
  if (m.errors > 0) {
    fmt::print(out, "\nErrors\n");
    for (const auto& [reason, count] : m.error_reasons) fmt::print(out, "  {:>8}  {}\n", count, reason);
  }
}

// ----------------------------------------------------------------- CSV ---

namespace {

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace

std::string audit_csv_header() {
  std::string h = "id,agent,ticket,channel,created_at,score";
  for (Habit x : kHabits) h += fmt::format(",{}", name(x));
  h += ",errors,warnings,suggestions,rules,error\n";
  return h;
}

std::string audit_csv_row(const Audited& a) {
  const Record& r = a.record;
  std::string row = fmt::format("{},{},{},{},{}", csv_field(r.id), csv_field(r.agent), csv_field(r.ticket),
                                csv_field(r.channel), csv_field(r.created_at));
  if (!a.error.empty()) {
    row += ",,,,,,,,,,," + csv_field(a.error) + "\n";
    return row;
  }
  const Report& rep = a.report;
  row += fmt::format(",{}", rep.score);
  for (Habit x : kHabits) row += fmt::format(",{}", rep.habit_score(x));
  std::array<std::size_t, 4> counts{};
  std::string rules;
  std::vector<std::string_view> seen;
  for (const Finding& f : rep.findings) {
    ++counts[static_cast<std::size_t>(f.severity)];
    if (std::find(seen.begin(), seen.end(), f.rule) != seen.end()) continue;
    seen.push_back(f.rule);
    rules += (rules.empty() ? "" : " ") + f.rule;
  }
  row += fmt::format(",{},{},{},{},\n", counts[static_cast<std::size_t>(Severity::error)],
                     counts[static_cast<std::size_t>(Severity::warning)],
                     counts[static_cast<std::size_t>(Severity::suggestion)], csv_field(rules));
  return row;
}

}  // namespace tactful
