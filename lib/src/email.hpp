// The parts of a plain-text email draft that are not the agent's own words:
// quoted history ("> " lines, "On ... wrote:", "-----Original Message-----",
// Outlook From/Sent/To/Subject headers, forwarded messages) and the signature
// ("-- " and what follows, legal disclaimers). The reply's own findings skip
// them; the quoted text serves as the customer's message when none is given.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "text.hpp"

namespace tactful::detail {

struct EmailParts {
  std::vector<Range> hidden;  // byte ranges that are not the agent's words, sorted
  std::string quoted;         // the quoted lines' text, markers removed
};

EmailParts split_email(std::string_view draft);

}  // namespace tactful::detail
