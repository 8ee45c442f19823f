// Input validation: a draft must be UTF-8 text with something in it.
#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "tactful/check.hpp"
#include "text.hpp"

namespace tactful {
namespace {

bool is_control(unsigned char b) { return b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != '\v'; }

tl::unexpected<Error> input_error(ErrorCode code, std::size_t offset, std::string message) {
  Error e;
  e.code = code;
  e.offset = offset;
  e.message = std::move(message);
  return tl::unexpected<Error>(std::move(e));
}

}  // namespace

Result<void> validate_input(std::string_view bytes) {
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  const auto n = static_cast<int64_t>(bytes.size());
  std::size_t controls = 0;
  std::size_t first_control = 0;
  bool blank = true;
  for (int64_t i = 0; i < n;) {
    const uint8_t b = s[i];
    if (b < 0x80) {
      if (b == 0) {
        return input_error(ErrorCode::binary_input, static_cast<std::size_t>(i),
                           fmt::format("input looks binary: NUL byte at offset {}", i));
      }
      if (is_control(b) && controls++ == 0) first_control = static_cast<std::size_t>(i);
      if (blank && !(b == ' ' || (b >= '\t' && b <= '\r'))) blank = false;
      ++i;
      continue;
    }
    const int64_t start = i;
    UChar32 c;
    if (n - i > INT32_MAX) {  // U8_NEXT takes 32-bit indices: validate in windows
      int32_t j = 0;
      U8_NEXT(s + i, j, 4, c);
      i += j;
    } else {
      int32_t j = 0;
      U8_NEXT(s + i, j, static_cast<int32_t>(n - i), c);
      i += j;
    }
    if (c < 0) {
      return input_error(ErrorCode::invalid_utf8, static_cast<std::size_t>(start),
                         fmt::format("invalid UTF-8: byte 0x{:02X} at offset {}", s[start], start));
    }
    if (blank && !detail::is_white_space(static_cast<char32_t>(c))) blank = false;
  }
  // A few stray control characters happen in pasted text; many mean binary data.
  if (controls > 8 && controls * 100 > bytes.size()) {
    return input_error(ErrorCode::binary_input, first_control,
                       fmt::format("input looks binary: {} control bytes, the first at offset {}", controls,
                                   first_control));
  }
  if (blank) {
    return input_error(ErrorCode::empty_input, static_cast<std::size_t>(-1),
                       bytes.empty() ? "the draft is empty" : "the draft holds only white space");
  }
  return {};
}

}  // namespace tactful
