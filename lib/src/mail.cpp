// Mail messages through GMime. See tactful/mail.hpp.
#include <dlfcn.h>
#include <filesystem>
#include <unistd.h>

#include <cctype>
#include <memory>
#include <algorithm>
#include <mutex>
#include <unordered_map>
#include <string>

#include <fmt/format.h>

#include "tactful/mail.hpp"
#include "mime_module.hpp"
#include "text.hpp"

namespace tactful {
namespace {

Error mail_error(std::string message) {
  Error e;
  e.code = ErrorCode::malformed_input;
  e.message = std::move(message);
  return e;
}

// The GMime module, loaded once; its parse function, or why it could not be
// loaded.
struct MimeModule {
  detail::MimeParseFn parse = nullptr;
  std::string error;
};

const MimeModule& mime_module() {
  static const MimeModule module = [] {
    MimeModule m;
    std::string path;
    if (const char* env = std::getenv("TACTFUL_MIME_MODULE"); env && *env) {
      path = env;
    } else {
      // Where it was built, where it is installed, and beside the running
      // program (a relocated install: bin/tactful and lib/tactful/).
      std::error_code ec;
      const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec).parent_path();
      const std::string relocated = ec ? std::string() : (exe / ".." / "lib" / "tactful" / "libtactful_mime.so").string();
      for (const std::string& candidate : {std::string(TACTFUL_MIME_MODULE_BUILD), std::string(TACTFUL_MIME_MODULE_INSTALL), relocated}) {
        if (!candidate.empty() && access(candidate.c_str(), R_OK) == 0) {
          path = candidate;
          break;
        }
      }
    }
    if (path.empty()) path = "libtactful_mime.so";
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      const char* why = dlerror();
      m.error = fmt::format("mail support could not be loaded ({}): {}", path, why ? why : "unknown error");
      return m;
    }
    m.parse = reinterpret_cast<detail::MimeParseFn>(dlsym(handle, detail::kMimeParseSymbol));
    if (!m.parse) m.error = fmt::format("mail support could not be loaded ({}): no {}", path, detail::kMimeParseSymbol);
    return m;
  }();
  return module;
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
    from |= detail::starts_with_ci(line, "from:");
    other |= detail::starts_with_ci(line, "mime-version:") || detail::starts_with_ci(line, "subject:") ||
             detail::starts_with_ci(line, "date:");
  }
  return from && other;
}

Result<Email> read_email(std::string_view bytes) {
  const MimeModule& module = mime_module();
  if (!module.parse) return tl::unexpected(mail_error(module.error));
  detail::MimeParts parts;
  if (!module.parse(bytes.data(), bytes.size(), &parts)) return tl::unexpected(mail_error(parts.error));
  std::string decoded = std::move(parts.text);
  if (auto ok = validate_input(decoded); !ok && ok.error().code != ErrorCode::empty_input) {
    return tl::unexpected(mail_error("the body is not valid text after decoding: " + ok.error().message));
  }

  Email out;
  out.from_html = parts.html;
  if (out.from_html) {
    out.body = html_to_text(decoded);
  } else {
    // A plain part without transfer encoding is in the file as written:
    // findings can then point at the file's own lines.
    const std::size_t from = parts.headers_end > 0 ? static_cast<std::size_t>(parts.headers_end) : 0;
    const std::size_t at = bytes.find(decoded, from);
    if (!decoded.empty() && at != std::string_view::npos && decoded.find('\r') == std::string::npos) {
      out.body_offset = at;
      out.body = std::move(decoded);
    } else {
      out.body = unix_lines(std::move(decoded));
    }
  }
  out.subject = std::move(parts.subject);
  out.from_name = std::move(parts.from_name);
  out.from_address = std::move(parts.from_address);
  out.to_name = std::move(parts.to_name);
  out.message_id = std::move(parts.message_id);
  out.thread = std::move(parts.thread);
  out.date = std::move(parts.date);
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
