// `audit --html FILE`: one self-contained page (inline CSS and SVG, no
// scripts, nothing fetched) for a support lead: score distribution, habits
// overall and per agent, the rules that fire most, the trend over time, and
// example replies with the flagged words highlighted.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "audit_summary.hpp"
#include "tactful/format.hpp"
#include "tactful/types.hpp"

namespace tactful {
namespace {

using detail::Example;
using detail::Tally;

std::string esc(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// Red below 50, amber below 75, green above.
std::string_view tone(double score) { return score < 50 ? "#c0392b" : score < 75 ? "#d68910" : "#1e8449"; }

std::string_view severity_class(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::suggestion: return "suggestion";
    default: return "info";
  }
}

constexpr std::string_view kStyle = R"(
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;margin:0;background:#f6f7f9}
header{background:#1f3a5f;color:#fff;padding:20px 32px}
header h1{margin:0 0 4px;font-size:24px}
main{max-width:1100px;margin:0 auto;padding:16px 32px 48px}
section{background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.08);padding:16px 20px;margin:16px 0}
h2{font-size:18px;margin:0 0 12px}
.cards{display:flex;gap:16px;flex-wrap:wrap}
.card{flex:1;min-width:150px;background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.08);padding:12px 16px}
.card b{display:block;font-size:26px}
table{border-collapse:collapse;width:100%}
th,td{padding:6px 8px;border-bottom:1px solid #eee;text-align:right}
th:first-child,td:first-child{text-align:left}
td.heat{color:#fff;font-weight:600}
details{border-top:1px solid #eee;padding:8px 0}
summary{cursor:pointer;font-weight:600}
.reply{white-space:pre-wrap;background:#fafafa;border-left:3px solid #ccd;padding:8px 12px;margin:8px 0;font-size:14px}
mark{border-radius:3px;padding:0 2px}
mark.error{background:#f5b7b1}mark.warning{background:#fad7a0}mark.suggestion{background:#d6eaf8}mark.info{background:#e8f8f5}
.muted{color:#777;font-size:13px}
svg text{font:12px system-ui,sans-serif;fill:#333}
)";

// The reply with each finding's span in a <mark> (overlaps: the first wins).
std::string highlighted(const Example& e) {
  std::vector<const Finding*> fs;
  for (const Finding& f : e.findings) {
    if (f.span.length > 0 && f.span.length < e.text.size()) fs.push_back(&f);  // not whole-reply policy spans
  }
  std::sort(fs.begin(), fs.end(), [](const Finding* x, const Finding* y) { return x->span.offset < y->span.offset; });
  std::string out;
  std::size_t at = 0;
  for (const Finding* f : fs) {
    if (f->span.offset < at) continue;
    out += esc(std::string_view(e.text).substr(at, f->span.offset - at));
    out += fmt::format("<mark class=\"{}\" title=\"{}: {}\">{}</mark>", severity_class(f->severity), esc(f->rule),
                       esc(f->message), esc(std::string_view(e.text).substr(f->span.offset, f->span.length)));
    at = f->span.offset + f->span.length;
  }
  out += esc(std::string_view(e.text).substr(at));
  return out;
}

void example(std::ostream& out, const Example& e) {
  fmt::print(out, "<p class=\"muted\">{} &middot; agent {} &middot; score <b style=\"color:{}\">{}</b></p>\n",
             esc(e.id), esc(e.agent.empty() ? "(none)" : e.agent), tone(e.score), e.score);
  fmt::print(out, "<div class=\"reply\">{}</div>\n", highlighted(e));
  if (!e.findings.empty()) {
    // One line per rule, with how often it fired in this reply.
    std::vector<std::pair<const Finding*, std::size_t>> rules;
    for (const Finding& f : e.findings) {
      auto it = std::find_if(rules.begin(), rules.end(), [&](const auto& r) { return r.first->rule == f.rule; });
      if (it == rules.end()) rules.emplace_back(&f, 1);
      else ++it->second;
    }
    fmt::print(out, "<ul>");
    for (const auto& [f, count] : rules) {
      fmt::print(out, "<li><span class=\"muted\">{}</span> {}{}</li>", esc(f->rule), esc(f->message),
                 count > 1 ? fmt::format(" <span class=\"muted\">(&times;{})</span>", count) : "");
    }
    fmt::print(out, "</ul>\n");
  }
}

void histogram(std::ostream& out, const std::array<std::size_t, 10>& h) {
  const double peak = static_cast<double>(std::max<std::size_t>(1, *std::max_element(h.begin(), h.end())));
  const int w = 640, bh = 160, bw = 56, top = 16;
  fmt::print(out, "<svg role=\"img\" aria-label=\"score distribution\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\">\n",
             w, bh + 40 + top, w, bh + 40 + top);
  for (std::size_t b = 0; b < h.size(); ++b) {
    const double height = static_cast<double>(h[b]) / peak * bh;
    const double x = 10.0 + static_cast<double>(b) * (bw + 6);
    fmt::print(out, "<rect x=\"{:.0f}\" y=\"{:.0f}\" width=\"{}\" height=\"{:.0f}\" fill=\"{}\"><title>{}-{}: {}</title></rect>",
               x, bh - height + 10 + top, bw, height, tone(static_cast<double>(b) * 10 + 5), b * 10, b == 9 ? 100 : b * 10 + 9,
               h[b]);
    fmt::print(out, "<text x=\"{:.0f}\" y=\"{}\" text-anchor=\"middle\">{}</text>", x + bw / 2.0, bh + 26 + top, b * 10);
    if (h[b] > 0) {
      fmt::print(out, "<text x=\"{:.0f}\" y=\"{:.0f}\" text-anchor=\"middle\">{}</text>", x + bw / 2.0,
                 bh - height + 6 + top, h[b]);
    }
  }
  fmt::print(out, "</svg>\n");
}

void hbars(std::ostream& out, const std::vector<std::pair<std::string, double>>& rows, double max, std::string_view unit,
           bool by_tone) {
  const int row = 22, label = 330, width = 360;
  fmt::print(out, "<svg role=\"img\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\">\n", label + width + 70,
             rows.size() * row + 6, label + width + 70, rows.size() * row + 6);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const double len = max > 0 ? rows[i].second / max * width : 0;
    const auto y = static_cast<double>(i * row);
    fmt::print(out, "<text x=\"{}\" y=\"{:.0f}\" text-anchor=\"end\">{}</text>", label - 8, y + 15, esc(rows[i].first));
    fmt::print(out, "<rect x=\"{}\" y=\"{:.0f}\" width=\"{:.1f}\" height=\"16\" fill=\"{}\"/>", label, y + 3, len,
               by_tone ? tone(rows[i].second) : std::string_view("#2e86c1"));
    fmt::print(out, "<text x=\"{:.1f}\" y=\"{:.0f}\">{:.1f}{}</text>", label + len + 6, y + 15, rows[i].second, unit);
  }
  fmt::print(out, "</svg>\n");
}

void trend(std::ostream& out, const std::map<std::string, Tally>& days) {
  const int w = 700, h = 200, pad = 36;
  fmt::print(out, "<svg role=\"img\" aria-label=\"mean score by day\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\">\n",
             w, h + 30, w, h + 30);
  for (int v = 0; v <= 100; v += 25) {
    const double y = h - v / 100.0 * (h - 20);
    fmt::print(out, "<line x1=\"{}\" x2=\"{}\" y1=\"{:.0f}\" y2=\"{:.0f}\" stroke=\"#eee\"/><text x=\"4\" y=\"{:.0f}\">{}</text>",
               pad, w - 10, y, y, y + 4, v);
  }
  std::string points;
  std::size_t i = 0;
  const double step = days.size() > 1 ? static_cast<double>(w - pad - 20) / static_cast<double>(days.size() - 1) : 0;
  for (const auto& [day, t] : days) {
    const double mean = t.score / static_cast<double>(t.replies);
    const double x = pad + step * static_cast<double>(i);
    const double y = h - mean / 100.0 * (h - 20);
    points += fmt::format("{:.1f},{:.1f} ", x, y);
    fmt::print(out, "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3\" fill=\"#1f3a5f\"><title>{}: {:.1f} ({} replies)</title></circle>",
               x, y, esc(day), mean, t.replies);
    if (i == 0 || i + 1 == days.size() || (days.size() > 8 && i % (days.size() / 6) == 0)) {
      const std::string_view anchor = i == 0 ? "start" : i + 1 == days.size() ? "end" : "middle";
      fmt::print(out, "<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"{}\">{}</text>", x, h + 22, anchor, esc(day));
    }
    ++i;
  }
  fmt::print(out, "<polyline fill=\"none\" stroke=\"#1f3a5f\" stroke-width=\"2\" points=\"{}\"/></svg>\n", points);
}

}  // namespace

void AuditSummary::write_html(std::ostream& out, std::string_view title) const {
  const Impl& m = *impl_;
  const std::size_t ok = m.all.replies;
  const double n = static_cast<double>(std::max<std::size_t>(1, ok));
  fmt::print(out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                  "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                  "<title>tactful audit: {}</title><style>{}</style></head><body>\n",
             esc(title), kStyle);
  fmt::print(out, "<header><h1>Support replies audit</h1><div>{} &middot; tactful {}</div></header><main>\n", esc(title),
             version());
  fmt::print(out, "<div class=\"cards\" id=\"totals\">"
                  "<div class=\"card\">Replies checked<b>{}</b></div>"
                  "<div class=\"card\">Mean score<b style=\"color:{}\">{:.1f}</b></div>"
                  "<div class=\"card\">Agents<b>{}</b></div>"
                  "<div class=\"card\">Records not checked<b>{}</b></div></div>\n",
             ok, tone(m.all.score / n), m.all.score / n, m.agents.size(), m.errors);

  fmt::print(out, "<section id=\"distribution\"><h2>Score distribution</h2>\n");
  histogram(out, m.histogram);
  fmt::print(out, "</section>\n");

  fmt::print(out, "<section id=\"habits\"><h2>The five habits</h2>\n");
  std::vector<std::pair<std::string, double>> habits;
  for (Habit h : kHabits) habits.emplace_back(std::string(name(h)), m.all.habits[static_cast<std::size_t>(h)] / n);
  hbars(out, habits, 100, "", true);
  fmt::print(out, "<h2>Habits per agent</h2><table><thead><tr><th>agent</th><th>replies</th><th>score</th>");
  for (Habit h : kHabits) fmt::print(out, "<th>{}</th>", name(h));
  fmt::print(out, "</tr></thead><tbody>\n");
  const auto agents = m.agents_by_replies();
  for (std::size_t i = 0; i < agents.size() && i < 50; ++i) {
    const auto& [who, t] = agents[i];
    const double k = static_cast<double>(t.replies);
    fmt::print(out, "<tr><td>{}</td><td>{}</td><td class=\"heat\" style=\"background:{}\">{:.0f}</td>", esc(who), t.replies,
               tone(t.score / k), t.score / k);
    for (std::size_t h = 0; h < kHabitCount; ++h) {
      fmt::print(out, "<td class=\"heat\" style=\"background:{}\">{:.0f}</td>", tone(t.habits[h] / k), t.habits[h] / k);
    }
    fmt::print(out, "</tr>\n");
  }
  fmt::print(out, "</tbody></table>{}</section>\n",
             agents.size() > 50 ? fmt::format("<p class=\"muted\">and {} more agents</p>", agents.size() - 50) : "");

  const auto rules = m.rules_by_count();
  fmt::print(out, "<section id=\"rules\"><h2>What gets flagged most (share of replies)</h2>\n");
  std::vector<std::pair<std::string, double>> top;
  for (std::size_t i = 0; i < rules.size() && i < 15; ++i) {
    top.emplace_back(rules[i].first, 100.0 * static_cast<double>(rules[i].second) / n);
  }
  hbars(out, top, top.empty() ? 1 : top.front().second, "%", false);
  fmt::print(out, "<h2>Examples to coach from</h2>\n");
  for (std::size_t i = 0; i < rules.size() && i < 15; ++i) {
    const auto msg = m.messages.find(rules[i].first);
    fmt::print(out, "<details class=\"rule\"><summary>{} <span class=\"muted\">{} {} &middot; {}</span></summary>\n",
               esc(rules[i].first), rules[i].second, rules[i].second == 1 ? "reply" : "replies",
               esc(msg == m.messages.end() ? "" : msg->second));
    for (const Example& e : m.examples.at(rules[i].first)) example(out, e);
    fmt::print(out, "</details>\n");
  }
  fmt::print(out, "</section>\n");

  const ThreadStats& th = m.threads.stats();
  if (th.threaded > 0) {
    fmt::print(out, "<section id=\"threads\"><h2>Threads</h2><p>{} replies carry a ticket and a time; {} repeat an "
                    "earlier reply of their ticket word for word.</p>\n", th.threaded, th.repeated);
    fmt::print(out, "<table><thead><tr><th>time</th><th>median</th><th>90% within</th><th>replies</th></tr></thead><tbody>");
    for (const auto& row : detail::time_rows(th)) {
      fmt::print(out, "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", row.what, row.median, row.p90, row.count);
    }
    fmt::print(out, "</tbody></table>\n");
    if (!th.promises.empty()) {
      fmt::print(out, "<h2>Follow-up promises kept</h2><p class=\"muted\">A reply that promises a follow-up by a time "
                      "(\"I'll get back to you tomorrow\") is kept when the next agent reply in the ticket comes by then.</p>"
                      "<table id=\"promises\"><thead><tr><th>agent</th><th>made</th><th>kept</th><th>broken</th><th>open</th>"
                      "<th>kept rate</th></tr></thead><tbody>");
      for (const auto& [who, p] : th.promises) {
        const std::size_t settled = p.kept + p.broken;
        const double rate = settled ? 100.0 * static_cast<double>(p.kept) / static_cast<double>(settled) : 0;
        fmt::print(out, "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"heat\" style=\"background:{}\">{}</td></tr>",
                   esc(who), p.made, p.kept, p.broken, p.open, settled ? tone(rate) : std::string_view("#999"),
                   settled ? fmt::format("{:.0f}%", rate) : std::string("-"));
      }
      fmt::print(out, "</tbody></table>\n");
    }
    fmt::print(out, "</section>\n");
  }

  if (m.days.size() >= 2) {
    fmt::print(out, "<section id=\"trend\"><h2>Mean score by day</h2>\n");
    trend(out, m.days);
    fmt::print(out, "</section>\n");
  }

  fmt::print(out, "<section id=\"worst\"><h2>Lowest-scoring replies</h2>\n");
  for (const Example& e : m.worst) example(out, e);
  fmt::print(out, "</section>\n");

  if (m.errors > 0) {
    fmt::print(out, "<section id=\"errors\"><h2>Records that could not be checked</h2><table>\n");
    for (const auto& [reason, count] : m.error_reasons) fmt::print(out, "<tr><td>{}</td><td>{}</td></tr>\n", esc(reason), count);
    fmt::print(out, "</table></section>\n");
  }
  fmt::print(out, "</main></body></html>\n");
}

}  // namespace tactful
