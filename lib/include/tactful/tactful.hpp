// tactful: lints customer-support replies for the habits of empathetic service.
// Include this header for the whole public API.
#pragma once

#include "tactful/audit.hpp"    // IWYU pragma: export
#include "tactful/check.hpp"    // IWYU pragma: export
#include "tactful/error.hpp"    // IWYU pragma: export
#include "tactful/format.hpp"   // IWYU pragma: export
#include "tactful/mail.hpp"     // IWYU pragma: export
#include "tactful/rules.hpp"    // IWYU pragma: export
#include "tactful/selftest.hpp" // IWYU pragma: export
#include "tactful/transcript.hpp" // IWYU pragma: export
#include "tactful/types.hpp"    // IWYU pragma: export
