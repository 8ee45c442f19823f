#include "score.hpp"

#include <algorithm>
#include <cmath>

namespace tactful::detail {
namespace {

// Where each habit starts: promises and respect are kept unless broken; the
// other habits are earned by what the reply does.
constexpr std::array<int, kHabitCount> kBase = {/*listen*/ 50, /*empathize*/ 40, /*promise*/ 95, /*respect*/ 95,
                                                /*reinforce*/ 40};

struct Bonus {
  Signal signal;
  Habit habit;
  int points;
};
// Each positive signal counts once, however often the reply shows it: saying
// thanks five times earns what saying it once does.
constexpr Bonus kBonuses[] = {
    {Signal::paraphrase, Habit::listen, 35},   {Signal::question, Habit::listen, 15},
    {Signal::empathy, Habit::empathize, 35},   {Signal::thanks, Habit::empathize, 15},
    {Signal::apology, Habit::empathize, 10},   {Signal::offer_help, Habit::reinforce, 25},
    {Signal::check_in, Habit::reinforce, 20},  {Signal::greeting, Habit::reinforce, 10},
    {Signal::name, Habit::reinforce, 5},
};

// Points a finding takes from its habit, by severity (info, suggestion, warning, error).
constexpr std::array<int, 4> kPenalty = {0, 8, 20, 35};

}  // namespace

void score(Report& report) {
  std::array<int, kHabitCount> h = kBase;
  for (const Bonus& b : kBonuses) {
    if (report.has(b.signal)) h[static_cast<std::size_t>(b.habit)] += b.points;
  }
  int worst = -1;
  for (const Finding& f : report.findings) {
    h[static_cast<std::size_t>(f.habit)] -= kPenalty[static_cast<std::size_t>(f.severity)];
    worst = std::max(worst, static_cast<int>(f.severity));
  }
  int sum = 0;
  for (std::size_t i = 0; i < kHabitCount; ++i) {
    h[i] = std::clamp(h[i], 0, 100);
    sum += h[i];
  }
  int overall = static_cast<int>(std::lround(static_cast<double>(sum) / kHabitCount));
  // One rude sentence spoils a reply however warm the rest is.
  if (worst == static_cast<int>(Severity::error)) overall = std::min(overall, 49);
  if (worst == static_cast<int>(Severity::warning)) overall = std::min(overall, 79);
  report.habits = h;
  report.score = overall;
}

}  // namespace tactful::detail
