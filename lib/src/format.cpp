#include "tactful/format.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <nlohmann/json.hpp>

#include "json_writer.hpp"
#include "text.hpp"

namespace tactful {
namespace {

constexpr std::string_view kReset = "\033[0m";
constexpr std::string_view kBold = "\033[1m";
constexpr std::string_view kGreen = "\033[32m";
constexpr std::string_view kCyan = "\033[36m";

std::string_view severity_color(Severity s) {
  switch (s) {
    case Severity::error: return "\033[1;31m";
    case Severity::warning: return "\033[1;35m";
    case Severity::suggestion: return "\033[1;36m";
    case Severity::info: return "\033[1;34m";
  }
  return "";
}

// Code points in s (tabs count one, like the line we print).
std::size_t width(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string_view line_of(std::string_view text, std::size_t offset) {
  const std::size_t b = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  const std::size_t begin = (b == std::string_view::npos || offset == 0) ? 0 : b + 1;
  std::size_t end = text.find('\n', offset);
  if (end == std::string_view::npos) end = text.size();
  if (end > begin && text[end - 1] == '\r') --end;
  return text.substr(begin, end - begin);
}

std::string plural(std::size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

void write_result(std::string& out, const Report& r, bool evidence = false) {
  detail::JsonWriter w(out);
  w.begin_object().key("source").value(r.source);
  if (r.turn > 0) w.key("turn").value(r.turn);
  w.key("score").value(r.score);
  w.key("habits").begin_object();
  for (Habit h : kHabits) w.key(name(h)).value(r.habit_score(h));
  w.end_object();
  w.key("signals").begin_object();
  for (std::size_t i = 0; i < kSignalCount; ++i) w.key(name(static_cast<Signal>(i))).value(r.signals.test(i));
  w.end_object();
  w.key("findings").begin_array();
  for (const Finding& f : r.findings) {
    w.begin_object()
        .key("rule").value(f.rule)
        .key("habit").value(name(f.habit))
        .key("severity").value(name(f.severity))
        .key("message").value(f.message)
        .key("line").value(f.span.line)
        .key("column").value(f.span.column)
        .key("end_line").value(f.span.end_line)
        .key("end_column").value(f.span.end_column)
        .key("offset").value(f.span.offset)
        .key("length").value(f.span.length)
        .key("text").value(f.text)
        .key("suggestion");
    if (f.suggestion) w.value(*f.suggestion);
    else w.null();
    w.end_object();
  }
  w.end_array();
  if (!r.customer_facts.empty() || !r.customer_entities.empty() || !r.customer_name.empty()) {
    w.key("customer").begin_object();
    if (!r.customer_name.empty()) w.key("name").value(r.customer_name);
    w.key("facts").begin_array();
    for (const auto& f : r.customer_facts) w.value(f);
    w.end_array();
    w.key("entities").begin_array();
    for (const Entity& e : r.customer_entities) {
      w.begin_object().key("kind").value(e.kind).key("text").value(e.text).key("offset").value(e.offset);
      w.key("length").value(e.length).end_object();
    }
    w.end_array().end_object();
  }
  if (evidence) {
    w.key("evidence").begin_array();
    for (const Evidence& e : r.evidence) {
      w.begin_object().key("rule").value(e.rule).key("sets");
      if (e.sets.empty()) w.null();
      else w.value(e.sets);
      w.key("in").value(e.in_context ? "customer" : "reply").key("offset").value(e.offset);
      w.key("length").value(e.length).end_object();
    }
    w.end_array();
  }
  w.end_object();
}

}  // namespace

std::string_view version() noexcept { return TACTFUL_VERSION; }

void TextFormatter::write(std::ostream& out, const Report& r, std::string_view text) const {
  auto paint = [&](std::string_view color, std::string_view s) {
    return color_ ? fmt::format("{}{}{}", color, s, kReset) : std::string(s);
  };
  std::array<std::size_t, 4> counts{};
  for (const Finding& f : r.findings) {
    ++counts[static_cast<std::size_t>(f.severity)];
    fmt::print(out, "{} {} {} [{}]\n", paint(kBold, fmt::format("{}:{}:{}:", r.source, f.span.line, f.span.column)),
               paint(severity_color(f.severity), fmt::format("{}:", name(f.severity))),
               paint(kBold, f.message), f.rule);
    const std::string_view line = line_of(text, f.span.offset);
    const std::size_t line_begin = static_cast<std::size_t>(line.data() - text.data());
    std::string shown(line);
    std::replace(shown.begin(), shown.end(), '\t', ' ');
    const std::string gutter(fmt::formatted_size("{}", f.span.line), ' ');
    fmt::print(out, " {} | {}\n", f.span.line, shown);
    const std::size_t lead = width(text.substr(line_begin, f.span.offset - line_begin));
    const std::size_t span_end = std::min(f.span.offset + f.span.length, line_begin + line.size());
    const std::size_t len = std::max<std::size_t>(1, width(text.substr(f.span.offset, span_end - f.span.offset)));
    std::string underline(len, '~');
    underline[0] = '^';
    fmt::print(out, " {} | {}{}\n", gutter, std::string(lead, ' '), paint(kGreen, underline));
    if (f.suggestion) fmt::print(out, " {} = {} {}\n", gutter, paint(kCyan, "suggestion:"), *f.suggestion);
  }
  std::string tally;
  for (int s = 3; s >= 0; --s) {
    if (counts[static_cast<std::size_t>(s)] == 0) continue;
    if (!tally.empty()) tally += ", ";
    tally += plural(counts[static_cast<std::size_t>(s)], name(static_cast<Severity>(s)));
  }
  std::string habits;
  for (Habit h : kHabits) habits += fmt::format("{}{} {}", habits.empty() ? "" : ", ", name(h), r.habit_score(h));
  const std::string who = r.turn > 0 ? fmt::format("{} (turn {})", r.source, r.turn) : r.source;
  if (evidence_) {
    // Why each signal and customer fact is set: the first place its rules fired.
    detail::LineMap lines(text);
    for (const Evidence& e : r.evidence) {
      if (e.sets.empty()) continue;
      if (e.in_context) {
        fmt::print(out, "  customer {}: {} (bytes {}..{} of the customer's message)\n", paint(kBold, e.sets), e.rule,
                   e.offset, e.offset + e.length);
        continue;
      }
      Span at;  // line and column as findings count them
      at.offset = std::min(e.offset, text.size());
      at.length = e.length;
      lines.locate(at);
      std::string words(text.substr(at.offset, e.length));
      std::replace(words.begin(), words.end(), '\n', ' ');
      if (words.size() > 60) words = words.substr(0, 57) + "...";
      fmt::print(out, "  signal {}: {} at {}:{} \"{}\"\n", paint(kBold, e.sets), e.rule, at.line, at.column, words);
    }
  }
  fmt::print(out, "{}: score {}/100 ({}); {}\n", who, paint(kBold, std::to_string(r.score)), habits,
             tally.empty() ? "no findings" : tally);
}

void JsonFormatter::begin(std::ostream& out) const {
  first_ = true;
  fmt::print(out, "{{\"tool\": {{\"name\": \"tactful\", \"version\": \"{}\", \"format\": \"{}\"}}, \"results\": [",
             version(), kJsonFormatVersion);
}

void JsonFormatter::add(std::ostream& out, const Report& r) const {
  std::string json;
  write_result(json, r, evidence_);
  out << (first_ ? "\n  " : ",\n  ") << json;
  first_ = false;
}

void JsonFormatter::end(std::ostream& out) const { out << (first_ ? "]}\n" : "\n]}\n"); }

std::string JsonFormatter::result_json(const Report& r) {
  std::string json;
  write_result(json, r);
  return json;
}

void write_rule_list(std::ostream& out, const RuleSet& rules) {
  std::size_t id_width = 0;
  for (const auto& r : rules.rules()) id_width = std::max(id_width, r.id.size());
  for (const auto& r : rules.rules()) {
    const std::string sev = r.customer_scope ? "context" : r.report ? std::string(name(r.severity)) : "signal";
    fmt::print(out, "{:<{}}  {:<9}  {:<10}  {}\n", r.id, id_width, name(r.habit), sev, r.message);
  }
}

void write_rule_explanation(std::ostream& out, const RuleInfo& r) {
  fmt::print(out, "{}\n  kind: {}   habit: {}   severity: {}", r.id, r.kind, name(r.habit),
             r.customer_scope ? "context" : r.report ? std::string(name(r.severity)) : "signal (no finding)");
  if (r.signal) fmt::print(out, "   sets signal: {}", name(*r.signal));
  if (r.customer_scope) fmt::print(out, "   sets customer fact: {}", r.fact);
  fmt::print(out, "\n  defined at {}:{}\n\n{}\n\n{}\n", r.file, r.line, r.message, r.rationale);
  if (!r.suggest.empty()) fmt::print(out, "\nSuggestion: {}\n", r.suggest);
  for (bool fire : {true, false}) {
    fmt::print(out, "\n{}\n", fire ? "Flags:" : "Does not flag:");
    for (const auto& e : r.examples) {
      if (e.must_fire != fire) continue;
      fmt::print(out, "  - {}", e.text);
      if (e.span) fmt::print(out, "   [{}]", *e.span);
      if (e.suggestion) fmt::print(out, " -> {}", *e.suggestion);
      if (!e.context.empty()) fmt::print(out, "   (customer: {})", e.context);
      out << '\n';
    }
  }
}

}  // namespace tactful
