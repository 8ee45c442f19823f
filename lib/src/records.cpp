// Record sources for audits besides canonical JSON Lines: CSV (libcsv),
// helpdesk ticket exports (simdjson), and gzip-compressed input (zlib).
#include <csv.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <deque>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>
#include <simdjson.h>

#include "tactful/audit.hpp"
#include "tactful/mail.hpp"

namespace tactful {

// ---------------------------------------------------------------- input ---

namespace {

// Reads from another stream buffer, inflating it when it starts with the gzip
// magic bytes (concatenated gzip members included); otherwise passes the
// bytes through. A corrupt or truncated stream throws, which the istream
// turns into badbit.
class InputBuf final : public std::streambuf {
 public:
  InputBuf(std::streambuf* src, std::unique_ptr<std::istream> owned) : src_(src), owned_(std::move(owned)) {}
  ~InputBuf() override {
    if (gzip_) inflateEnd(&z_);
  }
  InputBuf(const InputBuf&) = delete;
  InputBuf& operator=(const InputBuf&) = delete;

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    std::size_t n = 0;
    try {
      if (!started_) start();
      n = gzip_ ? inflate_some() : raw_some();
    } catch (const std::exception& e) {
      error_ = e.what();
      throw;
    }
    if (n == 0) return traits_type::eof();
    setg(out_.data(), out_.data(), out_.data() + n);
    return traits_type::to_int_type(*gptr());
  }

 public:
  const std::string& error() const { return error_; }
  std::uint64_t consumed() const { return consumed_; }

 private:
  std::size_t read_raw(char* to, std::size_t max) {
    const auto n = static_cast<std::size_t>(src_->sgetn(to, static_cast<std::streamsize>(max)));
    consumed_ += n;
    return n;
  }

  void start() {
    started_ = true;
    in_len_ = read_raw(in_.data(), in_.size());
    if (in_len_ >= 2 && static_cast<unsigned char>(in_[0]) == 0x1f && static_cast<unsigned char>(in_[1]) == 0x8b) {
      gzip_ = true;
      std::memset(&z_, 0, sizeof z_);
      if (inflateInit2(&z_, 15 + 16) != Z_OK) throw std::runtime_error("cannot start gzip decompression");
      z_.next_in = reinterpret_cast<Bytef*>(in_.data());
      z_.avail_in = static_cast<uInt>(in_len_);
    }
  }

  std::size_t raw_some() {
    if (in_len_ > 0) {  // the bytes read to look for the magic
      std::memcpy(out_.data(), in_.data(), in_len_);
      const std::size_t n = in_len_;
      in_len_ = 0;
      return n;
    }
    return read_raw(out_.data(), out_.size());
  }

  std::size_t inflate_some() {
    z_.next_out = reinterpret_cast<Bytef*>(out_.data());
    z_.avail_out = static_cast<uInt>(out_.size());
    while (z_.avail_out == out_.size() && !ended_) {
      if (z_.avail_in == 0) {
        const std::size_t n = read_raw(in_.data(), in_.size());
        if (n == 0) {
          if (!member_done_) throw std::runtime_error("truncated gzip data");
          return 0;
        }
        z_.next_in = reinterpret_cast<Bytef*>(in_.data());
        z_.avail_in = static_cast<uInt>(n);
      }
      if (member_done_) {  // another gzip member follows
        if (inflateReset(&z_) != Z_OK) throw std::runtime_error("corrupt gzip data");
        member_done_ = false;
      }
      const int rc = inflate(&z_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        member_done_ = true;
        if (z_.avail_in == 0) {
          const std::size_t n = read_raw(in_.data(), in_.size());
          if (n == 0) {
            ended_ = true;
            break;
          }
          z_.next_in = reinterpret_cast<Bytef*>(in_.data());
          z_.avail_in = static_cast<uInt>(n);
        }
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        throw std::runtime_error(fmt::format("corrupt gzip data ({})", z_.msg ? z_.msg : "inflate failed"));
      }
    }
    return out_.size() - z_.avail_out;
  }

  std::streambuf* src_;
  std::unique_ptr<std::istream> owned_;
  std::array<char, 1 << 16> in_{};
  std::array<char, 1 << 18> out_{};
  std::size_t in_len_ = 0;
  z_stream z_{};
  bool started_ = false, gzip_ = false, member_done_ = false, ended_ = false;
  std::string error_;
  std::uint64_t consumed_ = 0;  // bytes read from the source (compressed, for gzip)
};

class InputStream final : public std::istream {
 public:
  InputStream(std::streambuf* src, std::unique_ptr<std::istream> owned)
      : std::istream(nullptr), buf_(src, std::move(owned)) {
    rdbuf(&buf_);
  }
  const std::string& error() const { return buf_.error(); }
  std::uint64_t consumed() const { return buf_.consumed(); }

 private:
  InputBuf buf_;
};

}  // namespace

std::string stream_error(const std::istream& in) {
  const auto* s = dynamic_cast<const InputStream*>(&in);
  return s ? s->error() : std::string();
}

std::uint64_t stream_consumed(const std::istream& in) {
  const auto* s = dynamic_cast<const InputStream*>(&in);
  return s ? s->consumed() : 0;
}

Result<std::unique_ptr<std::istream>> open_input(const std::string& path) {
  if (path == "-") return std::make_unique<InputStream>(std::cin.rdbuf(), nullptr);
  auto file = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*file) {
    Error e;
    e.code = ErrorCode::io;
    e.file = path;
    e.message = std::strerror(errno);
    return tl::unexpected(e);
  }
  std::streambuf* buf = file->rdbuf();
  return std::make_unique<InputStream>(buf, std::move(file));
}

// ------------------------------------------------------------------ CSV ---

struct CsvReader::Impl {
  std::istream& in;
  ColumnMap map;
  std::size_t max;
  csv_parser parser{};
  struct Row {
    std::vector<std::string> fields;
    bool oversized = false;  // over `max` bytes: its fields were dropped
  };
  std::deque<Row> rows;  // complete rows not yet read
  Row row;               // the row being parsed
  std::size_t row_bytes = 0;
  bool eof = false;
  bool have_header = false;
  std::string broken;  // why the CSV could not be read further
  bool broken_reported = false;
  // Column index of each Record field, or -1.
  std::array<int, 9> column{-1, -1, -1, -1, -1, -1, -1, -1, -1};
  std::string header_error;

  Impl(std::istream& i, ColumnMap m, std::size_t mx) : in(i), map(std::move(m)), max(mx) {
    csv_init(&parser, CSV_APPEND_NULL | CSV_STRICT | CSV_STRICT_FINI);
  }
  ~Impl() { csv_free(&parser); }

  static void on_field(void* s, std::size_t len, void* data) {
    auto* self = static_cast<Impl*>(data);
    self->row_bytes += len;
    if (self->row_bytes > self->max) {
      self->row.oversized = true;
      self->row.fields.emplace_back();
    } else {
      self->row.fields.emplace_back(static_cast<const char*>(s), len);
    }
  }
  static void on_row(int, void* data) {
    auto* self = static_cast<Impl*>(data);
    self->rows.push_back(std::move(self->row));
    self->row = Row{};
    self->row_bytes = 0;
  }

  // Reads until a row is complete. A CSV syntax error (an unbalanced quote)
  // leaves the parser lost: it becomes `broken`, and the reader reports one
  // error record for the rest of the input instead of guessing.
  bool fill() {
    std::array<char, 1 << 16> buf;
    while (rows.empty() && !eof) {
      in.read(buf.data(), buf.size());
      const auto n = static_cast<std::size_t>(in.gcount());
      if (n == 0) {
        eof = true;
        if (in.bad()) break;  // a read error: the last row is cut off, not complete
        if (csv_fini(&parser, on_field, on_row, this) != 0) broken = csv_strerror(csv_error(&parser));
        break;
      }
      if (csv_parse(&parser, buf.data(), n, on_field, on_row, this) != n) {
        broken = csv_strerror(csv_error(&parser));
        eof = true;
        break;
      }
    }
    return !rows.empty();
  }
};

namespace {
constexpr std::array<const char*, 9> kFields = {"id",      "reply",  "customer",   "customer_name",      "agent",
                                                "channel", "ticket", "created_at", "customer_created_at"};
std::string* field_of(Record& r, std::size_t i) {
  std::array<std::string*, 9> f = {&r.id,      &r.reply,  &r.customer,   &r.customer_name,      &r.agent,
                                   &r.channel, &r.ticket, &r.created_at, &r.customer_created_at};
  return f[i];
}
}  // namespace

CsvReader::CsvReader(std::istream& in, ColumnMap map, std::size_t max_record_bytes)
    : impl_(std::make_unique<Impl>(in, std::move(map), max_record_bytes)) {}
CsvReader::~CsvReader() = default;

bool CsvReader::next(Record& rec, std::string& error) {
  rec = Record{};
  error.clear();
  Impl& m = *impl_;
  if (!m.have_header) {
    if (!m.fill()) {
      if (m.broken.empty() || m.broken_reported) return false;
      m.broken_reported = true;
      error = fmt::format("malformed CSV header ({})", m.broken);
      return true;
    }
    std::vector<std::string> header = std::move(m.rows.front().fields);
    m.rows.pop_front();
    ++row_;
    m.have_header = true;
    if (!header.empty() && header[0].starts_with("\xEF\xBB\xBF")) header[0].erase(0, 3);  // a byte-order mark
    for (std::size_t f = 0; f < kFields.size(); ++f) {
      std::string want = kFields[f];
      for (const auto& [field, col] : m.map) {
        if (field == kFields[f]) want = col;
      }
      for (std::size_t c = 0; c < header.size(); ++c) {
        if (header[c] == want) m.column[f] = static_cast<int>(c);
      }
      const bool mapped = std::any_of(m.map.begin(), m.map.end(), [&](const auto& e) { return e.first == kFields[f]; });
      if (m.column[f] < 0 && f == 1) {
        m.header_error = fmt::format("the CSV header has no column '{}' for the reply (map one with --map reply=COLUMN)", want);
      } else if (m.column[f] < 0 && mapped && m.header_error.empty()) {
        m.header_error = fmt::format("the CSV header has no column '{}' (from --map {}={})", want, kFields[f], want);
      }
    }
  }
  if (!m.fill()) {
    if (m.broken.empty() || m.broken_reported) return false;
    m.broken_reported = true;
    ++row_;
    error = fmt::format("malformed CSV from row {} on ({}): the rest of the input was not read", row_, m.broken);
    return true;
  }
  std::vector<std::string> row = std::move(m.rows.front().fields);
  const bool oversized = m.rows.front().oversized;
  m.rows.pop_front();
  ++row_;
  for (std::size_t f = 0; f < kFields.size(); ++f) {
    const int c = m.column[f];
    if (c >= 0 && static_cast<std::size_t>(c) < row.size()) *field_of(rec, f) = std::move(row[static_cast<std::size_t>(c)]);
  }
  if (!m.header_error.empty()) {
    error = m.header_error;
  } else if (oversized) {
    error = fmt::format("row is over the limit of {} bytes", m.max);
  } else if (static_cast<std::size_t>(m.column[1]) >= row.size()) {
    error = fmt::format("row has {} fields; the reply is in column {}", row.size(), m.column[1] + 1);
  }
  return true;
}

// ------------------------------------------------------------- helpdesk ---

struct HelpdeskReader::Impl {
  std::istream& in;
  std::size_t max;
  simdjson::dom::parser parser;
  std::deque<std::pair<Record, std::string>> pending;  // records (or errors) of tickets read
  std::string line;
  std::unique_ptr<std::istringstream> rest;  // lines read ahead, when a first line did not parse
  std::size_t line_no = 0;
  bool started = false, done = false, seen_line = false;

  Impl(std::istream& i, std::size_t m) : in(i), max(m) {}

  // A string field, or "" (numbers as written: ids).
  static std::string text(simdjson::dom::element e, std::string_view key) {
    simdjson::dom::element v;
    if (e[key].get(v)) return {};
    if (v.is_string()) return std::string(std::string_view(v));
    if (v.is_int64() || v.is_uint64()) return simdjson::minify(v);
    return {};
  }
  static std::string name_of(simdjson::dom::element e, std::string_view key) {
    simdjson::dom::element v;
    if (e[key].get(v) || !v.is_object()) return {};
    return text(v, "name");
  }
  static bool flag(simdjson::dom::element e, std::string_view key, bool fallback) {
    simdjson::dom::element v;
    if (e[key].get(v) || !v.is_bool()) return fallback;
    return bool(v);
  }
  static std::string body_of(simdjson::dom::element c) {
    for (const char* k : {"plain_body", "body_text", "body"}) {
      std::string t = text(c, k);
      if (t.empty()) continue;
      if (std::string_view(k) == "body" && looks_like_html(t)) return html_to_text(t);
      return t;
    }
    const std::string html = text(c, "html_body");
    return html.empty() ? std::string() : html_to_text(html);
  }

  void error(std::string id, std::string why) {
    Record r;
    r.id = std::move(id);
    pending.emplace_back(std::move(r), std::move(why));
  }

  void ticket(simdjson::dom::element t) {
    if (!t.is_object()) return error("", "a ticket must be a JSON object");
    const std::string id = text(t, "id");
    const std::string requester = text(t, "requester_id");
    const std::string customer_name = name_of(t, "requester");
    std::string context = body_of_description(t);
    simdjson::dom::array list;
    const bool zendesk = !t["comments"].get(list);
    if (!zendesk && t["conversations"].get(list)) {
      return error(id, "the ticket has neither 'comments' (Zendesk) nor 'conversations' (Freshdesk)");
    }
    std::size_t n = 0;
    const std::size_t before = pending.size();
    std::string asked = context.empty() ? std::string() : text(t, "created_at");  // when the customer first wrote
    for (simdjson::dom::element c : list) {
      ++n;
      if (!c.is_object()) return error(id, fmt::format("comment {} is not a JSON object", n));
      bool agent;
      bool is_public;
      if (zendesk) {
        simdjson::dom::element author;
        std::string role;
        if (!c["author"].get(author) && author.is_object()) role = text(author, "role");
        if (role.empty() && requester.empty()) {
          return error(id, "the ticket has no 'requester_id' and its comments no author role: "
                           "agent replies cannot be told from the customer's");
        }
        agent = !role.empty() ? role != "end-user" : text(c, "author_id") != requester;
        is_public = flag(c, "public", true);
      } else {
        agent = !flag(c, "incoming", false);
        is_public = !flag(c, "private", false);
      }
      std::string body = body_of(c);
      if (!agent) {
        if (!context.empty()) context += "\n\n";
        context += body;
        if (asked.empty()) asked = text(c, "created_at");
        continue;
      }
      if (!is_public) continue;  // an internal note is not a reply
      Record r;
      const std::string cid = text(c, "id");
      r.id = fmt::format("{}/{}", id, cid.empty() ? std::to_string(n) : cid);
      r.reply = std::move(body);
      r.customer = std::move(context);
      context.clear();
      r.customer_created_at = std::move(asked);
      asked.clear();
      r.customer_name = customer_name;
      r.agent = name_of(c, "author");
      if (r.agent.empty()) r.agent = text(c, zendesk ? "author_id" : "user_id");
      r.ticket = id;
      r.created_at = text(c, "created_at");
      simdjson::dom::element via;
      if (!t["via"].get(via) && via.is_object()) r.channel = text(via, "channel");
      if (r.channel.empty()) r.channel = text(t, "source");
      std::string why = r.reply.empty() ? "the comment has no body" : "";
      pending.emplace_back(std::move(r), std::move(why));
    }
    if (pending.size() == before) error(id, "the ticket has no public agent reply");
  }

  // Freshdesk keeps the customer's first message on the ticket itself.
  static std::string body_of_description(simdjson::dom::element t) {
    std::string d = text(t, "description_text");
    if (d.empty()) {
      d = text(t, "description");
      if (looks_like_html(d)) d = html_to_text(d);
    }
    simdjson::dom::element list;
    return t["conversations"].get(list) ? std::string() : d;
  }

  void document(std::string_view json) {
    if (json.size() > max) return error("", fmt::format("the export is over the limit of {} bytes", max));
    simdjson::padded_string padded(json);
    simdjson::dom::element doc;
    if (auto e = parser.parse(padded).get(doc)) return error("", fmt::format("malformed JSON: {}", simdjson::error_message(e)));
    simdjson::dom::array tickets;
    if (doc.is_array()) {
      if (doc.get_array().get(tickets)) return error("", "the export is not an array of tickets");
    } else if (doc["tickets"].get(tickets)) {
      return ticket(doc);  // one ticket
    }
    for (simdjson::dom::element t : tickets) ticket(t);
  }

  // The rest of the stream. A failing stream (read error, corrupt gzip)
  // throws from its buffer; it ends the input with badbit set, as getline would.
  std::string slurp() {
    try {
      return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    } catch (const std::exception&) {
      in.setstate(std::ios::badbit);
      return {};
    }
  }

  bool next_line() {
    if (rest) {
      if (std::getline(*rest, line)) return ++line_no, true;
      return false;
    }
    if (std::getline(in, line)) return ++line_no, true;
    return false;
  }

  void fill() {
    while (pending.empty() && !done) {
      if (!started) {
        started = true;
        // A document that starts with '[' is read whole; so is one spread
        // over lines (its first line does not parse); otherwise one ticket
        // per line.
        const int c = (in >> std::ws).peek();
        if (c == '[') {
          document(slurp());
          done = true;
          return;
        }
      }
      if (!next_line()) {
        done = true;
        return;
      }
      if (line.find_first_not_of(" \t\r\n") == std::string::npos) continue;
      const bool first_line = !seen_line;
      seen_line = true;
      simdjson::padded_string padded(line);
      simdjson::dom::element doc;
      if (auto e = parser.parse(padded).get(doc)) {
        if (first_line) {
          std::string all = line + "\n" + slurp();
          if (!rest && document_parses(all)) {
            document(all);
            done = true;
            return;
          }
          // Not one document either: a bad first line of JSON Lines. Go on
          // line by line through what was read.
          rest = std::make_unique<std::istringstream>(all.substr(line.size() + 1));
        }
        error("", fmt::format("line {}: malformed JSON: {}", line_no, simdjson::error_message(e)));
        continue;
      }
      simdjson::dom::array tickets;
      if (!doc["tickets"].get(tickets)) {
        for (simdjson::dom::element t : tickets) ticket(t);
      } else {
        ticket(doc);
      }
    }
  }

  bool document_parses(std::string_view json) {
    if (json.size() > max) return false;
    simdjson::padded_string padded(json);
    simdjson::dom::element doc;
    return !parser.parse(padded).get(doc);
  }
};

HelpdeskReader::HelpdeskReader(std::istream& in, std::size_t max_record_bytes)
    : impl_(std::make_unique<Impl>(in, max_record_bytes)) {}
HelpdeskReader::~HelpdeskReader() = default;

bool HelpdeskReader::next(Record& rec, std::string& error) {
  impl_->fill();
  if (impl_->pending.empty()) return false;
  rec = std::move(impl_->pending.front().first);
  error = std::move(impl_->pending.front().second);
  impl_->pending.pop_front();
  ++record_;
  return true;
}

}  // namespace tactful
