// The boundary between libtactful and the GMime module (libtactful_mime.so),
// which is loaded on first use: GMime brings GLib, GIO, GPGME and a dozen
// more shared libraries, and loading them at every start would cost a
// one-draft check more time than checking the draft.
#pragma once

#include <cstddef>
#include <string>

namespace tactful::detail {

// What the module reads from one message: the chosen text part, decoded to
// UTF-8, and the headers tactful uses.
struct MimeParts {
  std::string text;       // text/plain, else text/html (then html is true)
  bool html = false;
  long headers_end = -1;  // byte offset where the body starts, when known
  std::string subject, from_name, from_address, to_name, message_id, thread, date;
  std::string error;      // why the message could not be read; empty on success
};

// The module's one entry point (extern "C", looked up with dlsym).
using MimeParseFn = bool (*)(const char* data, std::size_t size, MimeParts* out);
inline constexpr const char* kMimeParseSymbol = "tactful_mime_parse";

}  // namespace tactful::detail
