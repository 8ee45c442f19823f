// The vocabulary of tactful: the five habits, the severities, and the 14
// signals. Names are a contract: they appear in rule files and JSON output
// spelled exactly as name() returns them.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "tactful/export.hpp"

namespace tactful {

// The five habits of empathetic service that rules are grouped by.
enum class Habit : std::uint8_t { listen, empathize, promise, respect, reinforce };
inline constexpr std::size_t kHabitCount = 5;
inline constexpr std::array<Habit, kHabitCount> kHabits = {Habit::listen, Habit::empathize, Habit::promise,
                                                            Habit::respect, Habit::reinforce};

// How much a finding matters, lowest first; comparisons follow that order.
enum class Severity : std::uint8_t { info, suggestion, warning, error };

// Yes/no facts about a reply (see docs/signals.md); every result reports all 14.
enum class Signal : std::uint8_t {
  thanks, apology, empathy, paraphrase, offer_help, question, check_in, greeting, name,
  blame, condescension, overpromise, non_apology, dismissive
};
inline constexpr std::size_t kSignalCount = 14;

TACTFUL_API std::string_view name(Habit h) noexcept;
TACTFUL_API std::string_view name(Severity s) noexcept;
TACTFUL_API std::string_view name(Signal s) noexcept;

// Parse a name as written in rule files; nullopt when it is not one.
TACTFUL_API std::optional<Habit> parse_habit(std::string_view s) noexcept;
TACTFUL_API std::optional<Severity> parse_severity(std::string_view s) noexcept;
TACTFUL_API std::optional<Signal> parse_signal(std::string_view s) noexcept;

// True for the signals a good reply shows (thanks ... name), false for the
// ones that mark a problem (blame ... dismissive).
constexpr bool is_positive(Signal s) noexcept { return s < Signal::blame; }

}  // namespace tactful
