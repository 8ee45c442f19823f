// Errors are values. Every fallible call returns Result<T>: either the value or
// an Error that says what went wrong and where (file, line, column, byte offset
// or rule id), ready to print with to_string().
#pragma once

#include <cstddef>
#include <string>

#include <tl/expected.hpp>

#include "tactful/export.hpp"

namespace tactful {

enum class ErrorCode {
  io,              // a file could not be read
  invalid_utf8,    // input is not valid UTF-8; `offset` is the first bad byte
  binary_input,    // input looks binary (NUL or control bytes); `offset` is the first one
  empty_input,     // input holds nothing but white space
  input_too_large, // input exceeds the configured size limit
  rule_syntax,     // a rule file is not valid YAML
  rule_invalid,    // a rule is malformed (unknown kind, habit, key, duplicate id...)
  bad_pattern,     // a rule's regular expression does not compile
  usage,           // the caller asked for something that does not exist
  malformed_input, // input is not in the shape it claims: a mail message, a CSV row, a helpdesk export
};

struct TACTFUL_API Error {
  ErrorCode code = ErrorCode::usage;
  std::string message;   // one sentence, lower case start, no trailing period
  std::string file;      // input or rule file, when known
  std::string rule;      // rule id, when known
  std::size_t line = 0;  // 1-based; 0 when unknown
  std::size_t column = 0;
  std::size_t offset = static_cast<std::size_t>(-1);  // byte offset into the input, when known

  // "file:line:col: rule 'id': message" with the parts that are known.
  std::string to_string() const;
};

template <class T>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> make_error(ErrorCode code, std::string message) {
  Error e;
  e.code = code;
  e.message = std::move(message);
  return tl::unexpected<Error>(std::move(e));
}

}  // namespace tactful
