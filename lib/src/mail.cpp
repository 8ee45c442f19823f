// Mail messages through GMime. See tactful/mail.hpp.
#include <gmime/gmime.h>

#include <cctype>
#include <memory>
#include <mutex>
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
