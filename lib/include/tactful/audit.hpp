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
#include <cstdint>
#include <functional>
#include <ostream>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tactful/check.hpp"
#include "tactful/error.hpp"
#include "tactful/export.hpp"

namespace tactful {

// One reply to audit. Only `reply` is required.
struct TACTFUL_API Record {
  std::string id, reply, customer, customer_name, agent, channel, ticket, created_at;
  std::string customer_created_at;  // when the customer wrote the message answered (for response times)
};

// A source of records to audit. Each call to next() yields one record, good
// or bad: nothing in the input is skipped silently.
class TACTFUL_API RecordReader {
 public:
  virtual ~RecordReader() = default;
  // Reads the next record: false at the end of the input. When the record is
  // bad, `error` says why (malformed JSON, invalid UTF-8, missing reply...)
  // and `rec` holds what could be read (its id, if any); else `error` is empty.
  virtual bool next(Record& rec, std::string& error) = 0;
  // Where the record last read sits in the input, for error records: the
  // line (JSON Lines), the row (CSV, the header is row 1), or the record's
  // 1-based position (helpdesk exports).
  virtual std::size_t record_number() const = 0;
};

// Canonical JSON Lines (docs/audit.md): one object per line with the fields
// of Record. Blank lines are not records.
class TACTFUL_API JsonlReader final : public RecordReader {
 public:
  explicit JsonlReader(std::istream& in, std::size_t max_record_bytes = std::size_t{64} << 20);
  ~JsonlReader() override;
  JsonlReader(const JsonlReader&) = delete;
  JsonlReader& operator=(const JsonlReader&) = delete;
  bool next(Record& rec, std::string& error) override;
  std::size_t record_number() const override { return line_; }

 private:
  struct Impl;
  std::istream& in_;
  std::size_t max_;
  std::size_t line_ = 0;
  std::unique_ptr<Impl> impl_;
};

// CSV (RFC 4180 through libcsv: quoted fields, embedded newlines and quotes)
// with a header row. `map` names, for each Record field, the column it comes
// from ("reply" -> "body"); a field not in `map` is read from the column of
// its own name, when there is one.
using ColumnMap = std::vector<std::pair<std::string, std::string>>;
class TACTFUL_API CsvReader final : public RecordReader {
 public:
  CsvReader(std::istream& in, ColumnMap map, std::size_t max_record_bytes = std::size_t{64} << 20);
  ~CsvReader() override;
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;
  bool next(Record& rec, std::string& error) override;
  std::size_t record_number() const override { return row_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::size_t row_ = 0;
};

// Helpdesk ticket exports, one ticket per line (Zendesk's incremental export)
// or one document ({"tickets": [...]} or a top-level array):
// - Zendesk: {"id", "requester_id", "requester": {"name"}, "comments": [{"author_id",
//   "public", "body" | "html_body" | "plain_body", "created_at", "author": {"name", "role"}}]}
// - Freshdesk: {"id", "description_text", "requester": {"name"}, "conversations":
//   [{"incoming", "private", "body_text" | "body", "user_id", "created_at"}]}
// Each public agent comment is a record; the customer's comments since the
// previous agent comment are its context. A ticket that cannot be read is
// one error record.
class TACTFUL_API HelpdeskReader final : public RecordReader {
 public:
  explicit HelpdeskReader(std::istream& in, std::size_t max_record_bytes = std::size_t{64} << 20);
  ~HelpdeskReader() override;
  HelpdeskReader(const HelpdeskReader&) = delete;
  HelpdeskReader& operator=(const HelpdeskReader&) = delete;
  bool next(Record& rec, std::string& error) override;
  std::size_t record_number() const override { return record_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::size_t record_ = 0;
};

// Opens a file, or standard input for "-", decompressing gzip transparently
// (detected by its magic bytes). Errors name the file.
TACTFUL_API Result<std::unique_ptr<std::istream>> open_input(const std::string& path);
// Why a stream from open_input() went bad ("truncated gzip data"), or "".
TACTFUL_API std::string stream_error(const std::istream& in);
// How many bytes a stream from open_input() has read from its file so far
// (compressed bytes for gzip): progress against the file's size.
TACTFUL_API std::uint64_t stream_consumed(const std::istream& in);

// The output line for a checked record: the `check --format json` result
// object with the record's id, agent, ticket, channel and created_at.
TACTFUL_API std::string audit_result_json(const Report& report, const Record& rec);
// The output line for a record that could not be checked.
TACTFUL_API std::string audit_error_json(std::string_view input, std::size_t record, std::string_view id,
                                         std::string_view reason);

}  // namespace tactful

namespace tactful {

// One audited record, handed to the sink in input order.
struct TACTFUL_API Audited {
  Record record;
  std::size_t number = 0;  // the reader's record_number()
  std::string error;       // why the record could not be checked; empty when `report` holds
  Report report;
};

// Checks every record of `reader` on up to `threads` threads (0: all cores),
// through a oneTBB pipeline: read in order, check in parallel, hand each
// result to `sink` in input order. At most a few records per thread are in
// flight, so memory stays flat however long the input.
// A record without an id is named "INPUT:NUMBER" after `input`.
TACTFUL_API void run_audit(RecordReader& reader, const Checker& checker, std::size_t threads, std::string_view input,
                           const std::function<void(Audited&)>& sink);

// The tables of `audit --format summary`: score distribution, per-habit and
// per-agent scores, per-rule hit rates, and the worst replies.
class TACTFUL_API AuditSummary {
 public:
  AuditSummary();
  ~AuditSummary();
  AuditSummary(const AuditSummary&) = delete;
  AuditSummary& operator=(const AuditSummary&) = delete;
  // Tallies a record; thread checks may add a finding to it (a repeated
  // answer), so call this before writing the record out.
  void add(Audited& a);
  // Settles the thread checks at the end of the input; call before writing.
  void finish();
  void write(std::ostream& out) const;
  // One self-contained HTML page (inline CSS and SVG charts, no scripts).
  void write_html(std::ostream& out, std::string_view title) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// `audit --csv FILE`: one row per record, for spreadsheets.
TACTFUL_API std::string audit_csv_header();
TACTFUL_API std::string audit_csv_row(const Audited& a);

}  // namespace tactful
