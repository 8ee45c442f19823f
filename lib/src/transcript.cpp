#include "tactful/transcript.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <simdjson.h>

#include "text.hpp"

namespace tactful {
namespace {

constexpr std::array<std::string_view, 9> kAgentRoles = {"agent", "support", "assistant", "advisor", "rep",
                                                         "representative", "staff", "operator", "bot"};
constexpr std::array<std::string_view, 5> kCustomerRoles = {"customer", "user", "client", "guest", "visitor"};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// agent: 1, customer: 0, neither: -1.
int role_of(std::string_view speaker) {
  const std::string l = lower(speaker);
  if (std::find(kAgentRoles.begin(), kAgentRoles.end(), l) != kAgentRoles.end()) return 1;
  if (std::find(kCustomerRoles.begin(), kCustomerRoles.end(), l) != kCustomerRoles.end()) return 0;
  return -1;
}

// "Agent: hi" or "[10:02] Customer: hello" -> speaker and where the words start.
std::optional<std::pair<std::string_view, std::size_t>> label(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  if (i < line.size() && line[i] == '[') {
    const std::size_t close = line.find(']', i);
    if (close == std::string_view::npos || close - i > 24) return std::nullopt;
    i = close + 1;
    while (i < line.size() && line[i] == ' ') ++i;
  }
  const std::size_t colon = line.find(':', i);
  if (colon == std::string_view::npos || colon == i || colon - i > 20) return std::nullopt;
  const std::string_view speaker = line.substr(i, colon - i);
  if (role_of(speaker) < 0) return std::nullopt;
  std::size_t words = colon + 1;
  while (words < line.size() && (line[words] == ' ' || line[words] == '\t')) ++words;
  return std::pair{speaker, words};
}

}  // namespace

std::optional<std::vector<Turn>> parse_transcript(std::string_view text) {
  std::vector<Turn> turns;
  std::size_t line_no = 1;
  std::size_t turn_end = 0;  // end of the current turn's text (byte)
  for (std::size_t b = 0; b < text.size();) {
    std::size_t e = text.find('\n', b);
    if (e == std::string_view::npos) e = text.size();
    const std::string_view line = text.substr(b, e - b);
    if (auto l = label(line)) {
      if (!turns.empty()) turns.back().text = std::string(text.substr(turns.back().offset, turn_end - turns.back().offset));
      Turn t;
      t.speaker = std::string(l->first);
      t.agent = role_of(l->first) == 1;
      t.offset = b + l->second;
      t.line = line_no;
      turns.push_back(std::move(t));
      turn_end = e;
    } else if (!turns.empty()) {
      if (line.find_first_not_of(" \t\r") != std::string_view::npos) turn_end = e;
    } else if (line.find_first_not_of(" \t\r") != std::string_view::npos) {
      return std::nullopt;  // words before the first label: not a transcript
    }
    b = e + 1;
    ++line_no;
  }
  if (!turns.empty()) turns.back().text = std::string(text.substr(turns.back().offset, turn_end - turns.back().offset));
  const bool agent = std::any_of(turns.begin(), turns.end(), [](const Turn& t) { return t.agent; });
  const bool customer = std::any_of(turns.begin(), turns.end(), [](const Turn& t) { return !t.agent; });
  if (!agent || !customer) return std::nullopt;
  for (Turn& t : turns) {
    while (!t.text.empty() && (t.text.back() == '\r' || t.text.back() == ' ')) t.text.pop_back();
  }
  return turns;
}

Result<std::vector<Turn>> parse_transcript_json(std::string_view json) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::padded_string padded(json);
  if (auto e = parser.parse(padded).get(doc)) {
    Error err;
    err.code = ErrorCode::malformed_input;
    err.message = fmt::format("not a JSON transcript: {}", simdjson::error_message(e));
    // simdjson says what is wrong, not where: a SAX pass that builds nothing finds the place.
    struct Where : nlohmann::json::json_sax_t {
      std::size_t byte = 0;
      bool null() override { return true; }
      bool boolean(bool) override { return true; }
      bool number_integer(number_integer_t) override { return true; }
      bool number_unsigned(number_unsigned_t) override { return true; }
      bool number_float(number_float_t, const string_t&) override { return true; }
      bool string(string_t&) override { return true; }
      bool binary(binary_t&) override { return true; }
      bool start_object(std::size_t) override { return true; }
      bool key(string_t&) override { return true; }
      bool end_object() override { return true; }
      bool start_array(std::size_t) override { return true; }
      bool end_array() override { return true; }
      bool parse_error(std::size_t position, const std::string&, const nlohmann::json::exception&) override {
        byte = position;
        return false;
      }
    } where;
    if (!nlohmann::json::sax_parse(json, &where) && where.byte > 0) {
      Span at;
      at.offset = std::min(where.byte - 1, json.size());
      detail::LineMap(json).locate(at);
      err.offset = at.offset;
      err.line = at.line;
      err.column = at.column;
    }
    return tl::unexpected(err);
  }
  simdjson::dom::array arr;
  if (doc.get_array().get(arr)) return make_error(ErrorCode::usage, "a JSON transcript is an array of turns");
  std::vector<Turn> turns;
  std::size_t n = 0;
  for (simdjson::dom::element item : arr) {
    ++n;
    std::string_view role, words;
    if (item["role"].get_string().get(role) ||
        (item["text"].get_string().get(words) && item["content"].get_string().get(words))) {
      return make_error(ErrorCode::usage, fmt::format("turn {} needs a \"role\" and a \"text\" string", n));
    }
    const int r = role_of(role);
    if (r < 0) return make_error(ErrorCode::usage, fmt::format("turn {}: unknown role '{}'", n, role));
    Turn t;
    t.agent = r == 1;
    t.speaker = std::string(role);
    t.text = std::string(words);
    t.offset = std::string_view::npos;
    turns.push_back(std::move(t));
  }
  return turns;
}

Result<std::vector<TurnReport>> check_transcript(const Checker& checker, std::string_view transcript,
                                                 const std::vector<Turn>& turns, std::string_view source,
                                                 std::string_view customer_name) {
  std::vector<TurnReport> reports;
  std::string context;  // the customer's turns since the last agent turn
  std::string last;     // the context of the last agent turn
  detail::LineMap lines(transcript);
  for (std::size_t i = 0; i < turns.size(); ++i) {
    const Turn& t = turns[i];
    if (!t.agent) {
      if (!context.empty()) context += '\n';
      context += t.text;
      continue;
    }
    if (!context.empty()) last = std::move(context);
    context.clear();
    if (t.text.find_first_not_of(" \t\r\n") == std::string::npos) continue;
    auto r = checker.check({t.text, last, customer_name, std::string(source)});
    if (!r) {
      Error e = r.error();
      e.file = fmt::format("{} (turn {})", source, i + 1);
      return tl::unexpected(e);
    }
    r->turn = i + 1;
    if (t.offset != std::string_view::npos) {  // point into the transcript as given
      for (Finding& f : r->findings) {
        f.span.offset += t.offset;
        lines.locate(f.span);
      }
      for (Evidence& ev : r->evidence) {
        if (!ev.in_context) ev.offset += t.offset;
      }
    }
    reports.push_back({i, std::move(*r)});
  }
  return reports;
}

}  // namespace tactful
