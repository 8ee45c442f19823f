// Batch audits: reading replies from helpdesk exports and writing one output
// record per input record (a result or an error: nothing is lost).
//
//   std::ifstream in("export.jsonl");
//   tactful::JsonlReader reader(in);
//   tactful::Record rec;
//   std::string error;
//   while (reader.next(rec, error)) {
//     if (!error.empty()) emit(tactful::audit_error_json("export.jsonl", reader.record_number(), rec.id, error));
//     else emit(tactful::audit_result_json(*checker.check(draft_of(rec)), rec));
//   }
#pragma once

#include <cstddef>
#include <istream>
#include <memory>
#include <string>
#include <string_view>

#include "tactful/check.hpp"
#include "tactful/export.hpp"

namespace tactful {

// One reply to audit. Only `reply` is required.
struct TACTFUL_API Record {
  std::string id, reply, customer, customer_name, agent, channel, ticket, created_at;
};

// Reads canonical JSON Lines (docs/audit.md): one object per line with the
// fields of Record. Blank lines are not records.
class TACTFUL_API JsonlReader {
 public:
  explicit JsonlReader(std::istream& in, std::size_t max_record_bytes = std::size_t{64} << 20);
  ~JsonlReader();
  JsonlReader(const JsonlReader&) = delete;
  JsonlReader& operator=(const JsonlReader&) = delete;

  // Reads the next record: false at the end of the input. When the record is
  // bad, `error` says why (malformed JSON, invalid UTF-8, missing reply...)
  // and `rec` holds what could be read (its id, if any); else `error` is empty.
  bool next(Record& rec, std::string& error);
  // The 1-based line number of the record last read.
  std::size_t record_number() const { return line_; }

 private:
  struct Impl;
  std::istream& in_;
  std::size_t max_;
  std::size_t line_ = 0;
  std::unique_ptr<Impl> impl_;
};

// The output line for a checked record: the `check --format json` result
// object with the record's id, agent, ticket, channel and created_at.
TACTFUL_API std::string audit_result_json(const Report& report, const Record& rec);
// The output line for a record that could not be checked.
TACTFUL_API std::string audit_error_json(std::string_view input, std::size_t record, std::string_view id,
                                         std::string_view reason);

}  // namespace tactful
