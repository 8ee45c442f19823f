// Any bytes as a transcript (plain or JSON) and as an email draft: parsed or
// refused, and every turn checked without a crash.
#include <cstdint>
#include <string_view>

#include "email.hpp"
#include "tactful/tactful.hpp"
#include "tactful/transcript.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const tactful::Checker checker(*tactful::RuleSet::builtin());
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)tactful::detail::split_email(text);
  if (auto turns = tactful::parse_transcript(text)) (void)tactful::check_transcript(checker, text, *turns, "f");
  if (auto turns = tactful::parse_transcript_json(text)) (void)tactful::check_transcript(checker, text, *turns, "f");
  return 0;
}
