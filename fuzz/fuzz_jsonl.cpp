// Any bytes as a JSON Lines export: every line a record or an error, never a crash.
#include <cstdint>
#include <sstream>
#include <string>

#include "tactful/tactful.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  tactful::JsonlReader reader(in, 1 << 20);
  tactful::Record rec;
  std::string error;
  while (reader.next(rec, error)) {
    if (error.empty()) (void)tactful::audit_error_json("f", reader.record_number(), rec.id, "x");
  }
  return 0;
}
