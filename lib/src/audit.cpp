#include "tactful/audit.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <simdjson.h>

#include "tactful/format.hpp"
#include "json_writer.hpp"

namespace tactful {

struct JsonlReader::Impl {
  simdjson::dom::parser parser;  // the DOM API picks the fastest kernel at run time
  std::string line;
};

JsonlReader::JsonlReader(std::istream& in, std::size_t max_record_bytes)
    : in_(in), max_(max_record_bytes), impl_(std::make_unique<Impl>()) {}
JsonlReader::~JsonlReader() = default;

namespace {

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// A record field: strings as they are, null as absent.
// Identifiers (id, ticket, agent) may also be numbers, kept as written.
simdjson::error_code field_text(simdjson::dom::element v, std::string& out, bool identifier) {
  switch (v.type()) {
    case simdjson::dom::element_type::STRING:
      out.assign(std::string_view(v));
      return simdjson::SUCCESS;
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
    case simdjson::dom::element_type::DOUBLE:
      if (!identifier) return simdjson::INCORRECT_TYPE;
      out = simdjson::minify(v);
      return simdjson::SUCCESS;
    case simdjson::dom::element_type::NULL_VALUE:
      out.clear();
      return simdjson::SUCCESS;
    default:
      return simdjson::INCORRECT_TYPE;
  }
}

std::string describe(simdjson::error_code e) {
  switch (e) {
    case simdjson::UTF8_ERROR: return "invalid UTF-8";
    case simdjson::INCORRECT_TYPE: return "a field has the wrong type (expected a string)";
    default: return fmt::format("malformed JSON: {}", simdjson::error_message(e));
  }
}

}  // namespace

bool JsonlReader::next(Record& rec, std::string& error) {
  rec = Record{};
  error.clear();
  std::string& line = impl_->line;
  do {
    if (!std::getline(in_, line)) return false;
    ++line_;
  } while (blank(line));
  if (line.size() > max_) {
    error = fmt::format("record of {} bytes is over the limit of {} bytes", line.size(), max_);
    return true;
  }
  simdjson::padded_string padded(line);
  simdjson::dom::element doc;
  if (auto e = impl_->parser.parse(padded).get(doc)) {
    error = describe(e);
    return true;
  }
  simdjson::dom::object obj;
  if (doc.get_object().get(obj)) {
    error = "a record must be a JSON object";
    return true;
  }
  bool has_reply = false;
  for (auto [key, value] : obj) {
    std::string* target = nullptr;
    if (key == "id") target = &rec.id;
    else if (key == "reply") target = &rec.reply, has_reply = true;
    else if (key == "customer") target = &rec.customer;
    else if (key == "customer_name") target = &rec.customer_name;
    else if (key == "agent") target = &rec.agent;
    else if (key == "channel") target = &rec.channel;
    else if (key == "ticket") target = &rec.ticket;
    else if (key == "created_at") target = &rec.created_at;
    else if (key == "customer_created_at") target = &rec.customer_created_at;
    if (!target) continue;  // other fields are allowed
    const bool identifier = target == &rec.id || target == &rec.ticket || target == &rec.agent;
    if (field_text(value, *target, identifier)) {
      error = fmt::format("field '{}' must be a string", key);
      return true;
    }
  }
  if (!has_reply) error = "missing 'reply'";
  return true;
}

std::string audit_result_json(const Report& report, const Record& rec) {
  std::string out;
  out.reserve(1024);
  detail::JsonWriter w(out);
  w.begin_object().key("id").value(rec.id);
  for (auto [key, value] : {std::pair{"agent", &rec.agent}, std::pair{"ticket", &rec.ticket},
                            std::pair{"channel", &rec.channel}, std::pair{"created_at", &rec.created_at}}) {
    if (!value->empty()) w.key(key).value(*value);
  }
  const std::string body = JsonFormatter::result_json(report);  // {"source":...}
  out += ',';
  out.append(body, 1);  // without its '{'
  return out;
}

std::string audit_error_json(std::string_view input, std::size_t record, std::string_view id, std::string_view reason) {
  nlohmann::ordered_json j = {{"id", id}, {"input", input}, {"record", record}, {"error", reason}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace tactful
