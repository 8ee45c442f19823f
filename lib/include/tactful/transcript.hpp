// Chat transcripts: "Agent: ..." / "Customer: ..." lines, or a JSON array of
// turns ({"role": "agent", "text": "..."}). Each agent turn is checked with the
// customer's turns since the previous agent turn as its context.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tactful/check.hpp"
#include "tactful/error.hpp"
#include "tactful/export.hpp"

namespace tactful {

struct TACTFUL_API Turn {
  bool agent = false;       // the agent's turn (else the customer's)
  std::string speaker;      // as written: "Agent", "Sam", "customer"...
  std::string text;         // the turn's words
  std::size_t offset = 0;   // where `text` starts in the transcript; npos when it is not a verbatim slice (JSON)
  std::size_t line = 1;     // the line it starts on (plain transcripts)
};

// A plain-text transcript: lines that open with a speaker label ("Agent:",
// "Customer:", "Support:", "User:"...; an optional "[10:02]" time stamp before
// it); unlabelled lines continue the turn above. nullopt when the text is not
// a transcript (it needs both an agent and a customer turn).
TACTFUL_API std::optional<std::vector<Turn>> parse_transcript(std::string_view text);

// A JSON array of turns: objects with "role" (agent, assistant, support,
// customer, user...) and "text" (or "content").
TACTFUL_API Result<std::vector<Turn>> parse_transcript_json(std::string_view json);

// One agent turn's report; `turn` indexes the turns given.
struct TACTFUL_API TurnReport {
  std::size_t turn = 0;
  Report report;
};

// Checks every agent turn. Findings of plain transcripts point into the
// transcript as given; those of JSON turns into the turn's own text. Each
// report has `source` and the 1-based `turn` it checked (counting all turns).
// Consecutive agent turns share the customer's last words as context.
TACTFUL_API Result<std::vector<TurnReport>> check_transcript(const Checker& checker, std::string_view transcript,
                                                         const std::vector<Turn>& turns, std::string_view source,
                                                         std::string_view customer_name = {});

}  // namespace tactful
