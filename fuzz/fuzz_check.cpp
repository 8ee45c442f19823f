// Any bytes as a draft (and its second half as the customer's message): an
// error value or a report, never a crash; every finding inside the draft.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "tactful/tactful.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const tactful::Checker checker(*tactful::RuleSet::builtin());
  const std::string_view all(reinterpret_cast<const char*>(data), size);
  const std::size_t cut = all.find('\x1e');  // record separator: draft | context
  const std::string_view draft = all.substr(0, cut);
  const std::string_view context = cut == std::string_view::npos ? std::string_view() : all.substr(cut + 1);
  auto r = checker.check({draft, context, "Dana", "fuzz"});
  if (r) {
    for (const auto& f : r->findings) {
      if (f.span.offset + f.span.length > draft.size() || f.text != draft.substr(f.span.offset, f.span.length)) {
        std::abort();
      }
    }
  }
  return 0;
}
