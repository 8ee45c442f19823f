// Any bytes as a rule file: loaded or refused with an error, never a crash;
// a pack that loads can check a draft.
#include <cstdint>
#include <string_view>

#include "tactful/tactful.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tactful::RuleSetBuilder b;
  if (!b.add_yaml(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.yaml")) return 0;
  auto rules = b.build();
  if (!rules) return 0;
  tactful::Checker checker(*rules);
  (void)checker.check({"Hi Dana, you should have asked sooner. Sorry! Is it fixed?", "It is broken!!!", "Dana", "f"});
  return 0;
}
