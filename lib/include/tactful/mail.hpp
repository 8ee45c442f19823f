// Drafts as they arrive by mail: MIME messages (.eml) read through GMime, and
// HTML bodies turned into text through gumbo, an HTML5 parser.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "tactful/check.hpp"
#include "tactful/error.hpp"
#include "tactful/export.hpp"

namespace tactful {

// The text of an HTML document as a reader sees it: block elements on lines
// of their own, entities decoded, scripts and styles dropped. Quoted history
// (<blockquote>, Gmail's and Outlook's reply blocks) comes out as "> " lines,
// so that the email rules treat it as quoted.
TACTFUL_API std::string html_to_text(std::string_view html);

// Does this look like an HTML document or fragment ("<html", "<!doctype
// html", "<body", "<div", "<p>" at the start)?
TACTFUL_API bool looks_like_html(std::string_view text);

// Does this start like a mail message: a block of "Name: value" header lines
// that includes From: and one of MIME-Version:, Subject: or Date:?
TACTFUL_API bool looks_like_email(std::string_view bytes);

// One mail message, decoded.
struct TACTFUL_API Email {
  std::string body;      // the reply's text in UTF-8: text/plain, or the HTML part as text
  bool from_html = false;
  // Where `body` sits in the message bytes when it is there verbatim (a plain
  // part without transfer encoding), so findings can point into the file.
  std::optional<std::size_t> body_offset;
  std::string subject;
  std::string from_name;  // display name of From: (the agent, for a draft)
  std::string to_name;    // display name of the first To: address (the customer)
  std::string from_address;  // the From: mailbox, "agent@example.com"
  std::string message_id;
  std::string thread;      // the first Message-ID of References:, else In-Reply-To:, else message_id
  std::string date;        // the Date: header in UTC, ISO 8601 ("2026-11-24T10:12:00Z"), or ""
};

// Reads one RFC 5322 message: multipart (alternative, mixed, related),
// quoted-printable and base64, any charset GMime knows. Prefers text/plain
// and falls back to text/html; attachments are skipped. Errors name the
// reason (no text part, undecodable charset).
TACTFUL_API Result<Email> read_email(std::string_view bytes);

// Moves a report made from a piece of a larger text (`whole`, where the piece
// begins at `offset`) so its findings point into `whole`.
TACTFUL_API void relocate(Report& report, std::string_view whole, std::size_t offset);

}  // namespace tactful

#include "tactful/audit.hpp"

namespace tactful {

// An mbox mail archive (mboxo or mboxrd: messages after "From " lines,
// ">From " unescaped), each message read as by read_email(). With
// `agent_from` (an address or a domain, "@example.com"), only messages from
// it are replies; the others are customer messages, kept as the context of
// the next reply in their thread. Without it every message is a reply.
class TACTFUL_API MboxReader final : public RecordReader {
 public:
  MboxReader(std::istream& in, std::string agent_from, std::size_t max_message_bytes = std::size_t{64} << 20);
  ~MboxReader() override;
  MboxReader(const MboxReader&) = delete;
  MboxReader& operator=(const MboxReader&) = delete;
  bool next(Record& rec, std::string& error) override;
  std::size_t record_number() const override { return message_; }  // the message's 1-based position

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::size_t message_ = 0;
};

}  // namespace tactful
