// Mail messages through GMime. See tactful/mail.hpp.
#include <gmime/gmime.h>

#include <cctype>
#include <memory>
#include <algorithm>
#include <mutex>
#include <unordered_map>
#include <string>

#include <fmt/format.h>

#include "tactful/mail.hpp"
#include "text.hpp"

namespace tactful {
namespace {

void init_gmime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

template <typename T>
struct Unref {
  void operator()(T* p) const {
    if (p) g_object_unref(p);
  }
};
template <typename T>
using Ref = std::unique_ptr<T, Unref<T>>;

struct GFree {
  void operator()(char* p) const { g_free(p); }
};

Error mail_error(std::string message) {
  Error e;
  e.code = ErrorCode::malformed_input;
  e.message = std::move(message);
  return e;
}

bool is_attachment(GMimeObject* part) {
  GMimeContentDisposition* d = g_mime_object_get_content_disposition(part);
  return d && g_mime_content_disposition_is_attachment(d);
}

// The best text part under `obj`: text/plain before text/html, the first of
// each, attachments and nested messages skipped.
void find_text(GMimeObject* obj, GMimeTextPart*& plain, GMimeTextPart*& html) {
  if (GMIME_IS_MULTIPART(obj)) {
    GMimeMultipart* mp = GMIME_MULTIPART(obj);
    const int n = g_mime_multipart_get_count(mp);
    for (int i = 0; i < n; ++i) find_text(g_mime_multipart_get_part(mp, i), plain, html);
    return;
  }
  if (!GMIME_IS_TEXT_PART(obj) || is_attachment(obj)) return;
  GMimeContentType* type = g_mime_object_get_content_type(obj);
  if (g_mime_content_type_is_type(type, "text", "plain")) {
    if (!plain) plain = GMIME_TEXT_PART(obj);
  } else if (g_mime_content_type_is_type(type, "text", "html")) {
    if (!html) html = GMIME_TEXT_PART(obj);
  }
}

std::string display_name(InternetAddressList* list) {
  if (!list || internet_address_list_length(list) == 0) return {};
  InternetAddress* a = internet_address_list_get_address(list, 0);
  const char* name = a ? internet_address_get_name(a) : nullptr;
  return name ? std::string(name) : std::string();
}

// Line breaks as the rules expect them: CRLF and lone CR become LF.
std::string unix_lines(std::string s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out += '\n';
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool looks_like_email(std::string_view bytes) {
  bool from = false, other = false;
  std::size_t pos = 0;
  for (int lines = 0; lines < 200 && pos < bytes.size(); ++lines) {
    std::size_t end = bytes.find('\n', pos);
    if (end == std::string_view::npos) end = bytes.size();
    std::string_view line = bytes.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = end + 1;
    if (line.empty()) break;                                      // end of the header block
    if (line.front() == ' ' || line.front() == '\t') continue;  // a folded header
    if (lines == 0 && line.starts_with("From ")) continue;      // an mbox "From " line
    const std::size_t colon = line.find(':');
    if (colon == 0 || colon == std::string_view::npos) return false;
    for (char c : line.substr(0, colon)) {
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-')) return false;
    }
    from |= starts_with_ci(line, "from:");
    other |= starts_with_ci(line, "mime-version:") || starts_with_ci(line, "subject:") || starts_with_ci(line, "date:");
  }
  return from && other;
}

Result<Email> read_email(std::string_view bytes) {
  init_gmime();
  Ref<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size()));
  Ref<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  Ref<GMimeMessage> msg(g_mime_parser_construct_message(parser.get(), nullptr));
  if (!msg) return tl::unexpected(mail_error("not a mail message (no header block)"));
  GMimeObject* body = g_mime_message_get_mime_part(msg.get());
  if (!body) return tl::unexpected(mail_error("the message has no body"));
  GMimeTextPart* plain = nullptr;
  GMimeTextPart* html = nullptr;
  find_text(body, plain, html);
  GMimeTextPart* chosen = plain ? plain : html;
  if (!chosen) return tl::unexpected(mail_error("the message has no text/plain or text/html part"));

  // g_mime_text_part_get_text() decodes the transfer encoding and converts
  // from the part's charset to UTF-8.
  std::unique_ptr<char, GFree> raw(g_mime_text_part_get_text(chosen));
  if (!raw) {
    const char* cs = g_mime_text_part_get_charset(chosen);
    return tl::unexpected(mail_error(fmt::format("cannot decode the body from charset '{}'", cs ? cs : "?")));
  }
  std::string decoded(raw.get());
  if (auto ok = validate_input(decoded); !ok && ok.error().code != ErrorCode::empty_input) {
    return tl::unexpected(mail_error("the body is not valid text after decoding: " + ok.error().message));
  }

  Email out;
  out.from_html = chosen == html;
  if (out.from_html) {
    out.body = html_to_text(decoded);
  } else {
    // A plain part without transfer encoding is in the file as written:
    // findings can then point at the file's own lines.
    const auto headers_end = g_mime_parser_get_headers_end(parser.get());
    const std::size_t from = headers_end > 0 ? static_cast<std::size_t>(headers_end) : 0;
    const std::size_t at = bytes.find(decoded, from);
    if (!decoded.empty() && at != std::string_view::npos && decoded.find('\r') == std::string::npos) {
      out.body_offset = at;
      out.body = std::move(decoded);
    } else {
      out.body = unix_lines(std::move(decoded));
    }
  }
  if (const char* s = g_mime_message_get_subject(msg.get())) out.subject = s;
  if (const char* id = g_mime_message_get_message_id(msg.get())) out.message_id = id;
  out.thread = out.message_id;
  for (const char* header : {"In-Reply-To", "References"}) {  // References wins: its first id is the root
    const char* value = g_mime_object_get_header(GMIME_OBJECT(msg.get()), header);
    if (!value) continue;
    GMimeReferences* refs = g_mime_references_parse(nullptr, value);
    if (refs && g_mime_references_length(refs) > 0) out.thread = g_mime_references_get_message_id(refs, 0);
    if (refs) g_mime_references_free(refs);
  }
  if (GDateTime* date = g_mime_message_get_date(msg.get())) {
    out.date = fmt::format("{}", g_date_time_to_unix(date));
    GDateTime* utc = g_date_time_to_utc(date);
    if (utc) {
      std::unique_ptr<char, GFree> iso(g_date_time_format(utc, "%Y-%m-%dT%H:%M:%SZ"));
      out.date = iso ? iso.get() : "";
      g_date_time_unref(utc);
    }
  }
  if (InternetAddressList* from = g_mime_message_get_from(msg.get()); from && internet_address_list_length(from) > 0) {
    InternetAddress* a = internet_address_list_get_address(from, 0);
    if (a && INTERNET_ADDRESS_IS_MAILBOX(a)) {
      if (const char* addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a))) out.from_address = addr;
    }
  }
  out.from_name = display_name(g_mime_message_get_from(msg.get()));
  out.to_name = display_name(g_mime_message_get_to(msg.get()));
  return out;
}

void relocate(Report& report, std::string_view whole, std::size_t offset) {
  for (Finding& f : report.findings) f.span.offset += offset;
  for (Evidence& e : report.evidence) {
    if (!e.in_context) e.offset += offset;
  }
  detail::LineMap lines(whole);
  for (Finding& f : report.findings) lines.locate(f.span);
}

}  // namespace tactful

// ----------------------------------------------------------------- mbox ---

namespace tactful {

struct MboxReader::Impl {
  std::istream& in;
  std::string agent_from;
  std::size_t max;
  std::string line;
  bool started = false, done = false, have_from_line = false;
  struct Context {
    std::string text, at;
  };
  std::unordered_map<std::string, Context> context;  // customer messages waiting for a reply, by thread

  Impl(std::istream& i, std::string a, std::size_t m) : in(i), agent_from(std::move(a)), max(m) {
    std::transform(agent_from.begin(), agent_from.end(), agent_from.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  }

  // The next message's bytes; false at the end. `oversized` when it was
  // over the limit (its bytes are skipped).
  bool message(std::string& out, bool& oversized) {
    out.clear();
    oversized = false;
    if (done) return false;
    if (!started) {
      started = true;
      while (std::getline(in, line)) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        have_from_line = line.starts_with("From ");
        break;
      }
      if (!have_from_line) {
        done = true;
        return false;
      }
    }
    bool blank_before = false;
    bool any = false;
    while (std::getline(in, line)) {
      if (line.starts_with("From ") && (blank_before || !any)) {
        if (any) return true;
        continue;  // an empty message: skip its separator
      }
      any = true;
      std::string_view l = line;
      if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
      blank_before = l.empty();
      // mboxrd: ">From " and ">>From " lose one '>'.
      const std::size_t quotes = l.find_first_not_of('>');
      if (quotes != std::string_view::npos && quotes > 0 && l.substr(quotes).starts_with("From ")) l.remove_prefix(1);
      if (out.size() + l.size() + 1 > max) {
        oversized = true;
        continue;
      }
      out.append(l);
      out += '\n';
    }
    done = true;
    return any;
  }

  bool from_agent(const Email& e) const {
    if (agent_from.empty()) return true;
    std::string from = e.from_address;
    std::transform(from.begin(), from.end(), from.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return from.find(agent_from) != std::string::npos;
  }
};

MboxReader::MboxReader(std::istream& in, std::string agent_from, std::size_t max_message_bytes)
    : impl_(std::make_unique<Impl>(in, std::move(agent_from), max_message_bytes)) {}
MboxReader::~MboxReader() = default;

bool MboxReader::next(Record& rec, std::string& error) {
  Impl& m = *impl_;
  std::string bytes;
  bool oversized = false;
  while (true) {
    rec = Record{};
    error.clear();
    const bool had_start = m.started;
    if (!m.message(bytes, oversized)) {
      if (!had_start && !m.have_from_line && m.line.find_first_not_of(" \t\r\n") != std::string::npos) {
        // Not an mbox at all: one error record says so.
        ++message_;
        error = "not an mbox archive (it does not start with a 'From ' line)";
        return true;
      }
      return false;
    }
    ++message_;
    if (oversized) {
      error = fmt::format("message is over the limit of {} bytes", m.max);
      return true;
    }
    auto mail = read_email(bytes);
    if (!mail) {
      error = mail.error().message;
      return true;
    }
    if (!m.from_agent(*mail)) {  // a customer's message: the context of the next reply in its thread
      Impl::Context& c = m.context[mail->thread];
      if (!c.text.empty()) c.text += "\n\n";
      c.text += mail->body;
      if (c.at.empty()) c.at = mail->date;
      continue;
    }
    rec.id = mail->message_id.empty() ? std::string() : mail->message_id;
    rec.reply = std::move(mail->body);
    if (auto c = m.context.find(mail->thread); c != m.context.end()) {
      rec.customer = std::move(c->second.text);
      rec.customer_created_at = std::move(c->second.at);
      m.context.erase(c);
    }
    rec.customer_name = std::move(mail->to_name);
    rec.agent = mail->from_name.empty() ? mail->from_address : mail->from_name;
    rec.channel = "email";
    rec.ticket = std::move(mail->thread);
    rec.created_at = std::move(mail->date);
    return true;
  }
}

}  // namespace tactful
