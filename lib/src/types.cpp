#include "tactful/types.hpp"

#include <fmt/format.h>

#include "tactful/error.hpp"

namespace tactful {
namespace {

constexpr std::array<std::string_view, kHabitCount> kHabitNames = {"listen", "empathize", "promise", "respect",
                                                                   "reinforce"};
constexpr std::array<std::string_view, 4> kSeverityNames = {"info", "suggestion", "warning", "error"};
constexpr std::array<std::string_view, kSignalCount> kSignalNames = {
    "thanks", "apology", "empathy", "paraphrase", "offer_help", "question", "check_in",
    "greeting", "name", "blame", "condescension", "overpromise", "non_apology", "dismissive"};

template <class E, std::size_t N>
std::optional<E> parse(const std::array<std::string_view, N>& names, std::string_view s) noexcept {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == s) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view name(Habit h) noexcept { return kHabitNames[static_cast<std::size_t>(h)]; }
std::string_view name(Severity s) noexcept { return kSeverityNames[static_cast<std::size_t>(s)]; }
std::string_view name(Signal s) noexcept { return kSignalNames[static_cast<std::size_t>(s)]; }

std::optional<Habit> parse_habit(std::string_view s) noexcept { return parse<Habit>(kHabitNames, s); }
std::optional<Severity> parse_severity(std::string_view s) noexcept { return parse<Severity>(kSeverityNames, s); }
std::optional<Signal> parse_signal(std::string_view s) noexcept { return parse<Signal>(kSignalNames, s); }

std::string Error::to_string() const {
  std::string out;
  if (!file.empty()) {
    out += file;
    if (line > 0) {
      out += fmt::format(":{}", line);
      if (column > 0) out += fmt::format(":{}", column);
    }
    out += ": ";
  }
  if (!rule.empty()) out += fmt::format("rule '{}': ", rule);
  out += message;
  if (offset != static_cast<std::size_t>(-1) && line == 0) out += fmt::format(" (at byte {})", offset);
  return out;
}

}  // namespace tactful
