// The score of a reply (docs/scoring.md): per habit, from its signals and findings.
#pragma once

#include "tactful/check.hpp"

namespace tactful::detail {

// Fills report.habits and report.score from report.signals and report.findings.
void score(Report& report);

}  // namespace tactful::detail
