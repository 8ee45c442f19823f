#include <fmt/format.h>

#include "phrase.hpp"
#include "rules/rule.hpp"

namespace tactful::detail {

tl::unexpected<Error> RuleReader::error(const YAML::Node& at, std::string message) const {
  Error e;
  e.code = ErrorCode::rule_invalid;
  e.file = info_.file;
  e.rule = info_.id;
  e.message = std::move(message);
  if (at.IsDefined() && !at.Mark().is_null()) {
    e.line = static_cast<std::size_t>(at.Mark().line) + 1;
    e.column = static_cast<std::size_t>(at.Mark().column) + 1;
  } else {
    e.line = info_.line;
  }
  return tl::unexpected<Error>(std::move(e));
}

Result<std::vector<std::string>> RuleReader::strings(std::string_view key, bool required) const {
  const YAML::Node n = node_[std::string(key)];
  std::vector<std::string> out;
  if (!n) {
    if (required) return error(node_, fmt::format("a '{}' rule needs '{}'", info_.kind, key));
    return out;
  }
  if (n.IsScalar()) {
    out.push_back(n.Scalar());
  } else if (n.IsSequence()) {
    for (const auto& item : n) {
      if (!item.IsScalar()) return error(item, fmt::format("'{}' must be a list of strings", key));
      out.push_back(item.Scalar());
    }
  } else {
    return error(n, fmt::format("'{}' must be a string or a list of strings", key));
  }
  if (required && out.empty()) return error(n, fmt::format("'{}' is empty", key));
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i].empty()) return error(n.IsSequence() ? n[i] : n, fmt::format("empty entry in '{}'", key));
  }
  return out;
}

Result<std::optional<double>> RuleReader::number(std::string_view key) const {
  const YAML::Node n = node_[std::string(key)];
  if (!n) return std::optional<double>{};
  try {
    return std::optional<double>{n.as<double>()};
  } catch (const YAML::Exception&) {
    return error(n, fmt::format("'{}' must be a number", key));
  }
}

Result<std::string> RuleReader::string(std::string_view key, bool required) const {
  const YAML::Node n = node_[std::string(key)];
  if (!n) {
    if (required) return error(node_, fmt::format("a '{}' rule needs '{}'", info_.kind, key));
    return std::string();
  }
  if (!n.IsScalar()) return error(n, fmt::format("'{}' must be a string", key));
  return n.Scalar();
}

namespace {

std::string join_alternatives(const std::vector<std::string>& alts, bool capture) {
  std::string out;
  for (std::size_t i = 0; i < alts.size(); ++i) {
    if (i) out += '|';
    out += capture ? "(" : "(?:";
    out += alts[i];
    out += ')';
  }
  return out;
}

}  // namespace

Result<Matcher> Matcher::build(const RuleReader& r, const std::vector<std::string>& alternatives, bool phrases,
                               bool case_sensitive, bool capture_each) {
  const YAML::Node list = r.node()[phrases ? (r.info().kind == "substitution" ? "swap" : "phrases") : "patterns"];
  std::vector<std::string> compiled;
  for (std::size_t i = 0; i < alternatives.size(); ++i) {
    const YAML::Node at = list && list.IsSequence() && i < list.size() ? list[i] : list;
    if (phrases) {
      auto p = compile_phrase(alternatives[i]);
      if (!p) return r.error(at, fmt::format("bad phrase \"{}\": {}", alternatives[i], p.error()));
      compiled.push_back(*p);
    } else {
      RE2 one(fold_quotes(alternatives[i]), RE2::Quiet);
      if (!one.ok()) {
        auto e = r.error(at, fmt::format("bad pattern \"{}\": {}", alternatives[i], one.error()));
        e.value().code = ErrorCode::bad_pattern;
        return e;
      }
      compiled.push_back(fold_quotes(alternatives[i]));
    }
  }
  Matcher m;
  m.boundaries_ = phrases;
  m.pattern_ = (case_sensitive ? "" : "(?i)") + join_alternatives(compiled, capture_each);
  RE2::Options opts(RE2::Quiet);
  opts.set_longest_match(phrases);
  opts.set_max_mem(64 << 20);
  auto re = std::make_shared<RE2>(m.pattern_, opts);
  if (!re->ok()) {
    auto e = r.error(r.node(), fmt::format("patterns do not compile together: {}", re->error()));
    e.value().code = ErrorCode::bad_pattern;
    return e;
  }
  m.groups_ = capture_each ? re->NumberOfCapturingGroups() : 0;
  m.re_ = std::move(re);

  auto unless = r.strings("unless", false);
  if (!unless) return tl::unexpected(unless.error());
  if (!unless->empty()) {
    for (std::size_t i = 0; i < unless->size(); ++i) {
      RE2 one(fold_quotes((*unless)[i]), RE2::Quiet);
      if (!one.ok()) {
        const YAML::Node u = r.node()["unless"];
        auto e = r.error(u.IsSequence() ? u[i] : u, fmt::format("bad 'unless' pattern \"{}\": {}", (*unless)[i],
                                                                 one.error()));
        e.value().code = ErrorCode::bad_pattern;
        return e;
      }
    }
    std::vector<std::string> folded;
    for (const auto& u : *unless) folded.push_back(fold_quotes(u));
    m.unless_ = std::make_shared<RE2>("(?i)" + join_alternatives(folded, false), RE2::Quiet);
  }
  return m;
}

bool Matcher::accepted(const Text& text, Range r) const {
  const std::string_view s = text.norm();
  if (boundaries_) {
    // A match that starts or ends with a word character must not be part of a longer word.
    if (is_word_char(code_point_at(s, r.begin)) && is_word_char(code_point_before(s, r.begin))) return false;
    if (is_word_char(code_point_before(s, r.end)) && is_word_char(code_point_at(s, r.end))) return false;
  }
  if (unless_) {
    const Range sentence = text.sentence_at(r.begin);
    const Range last = text.sentence_at(r.end > r.begin ? r.end - 1 : r.begin);
    const std::string_view window = s.substr(sentence.begin, last.end - sentence.begin);
    if (RE2::PartialMatch(re2::StringPiece(window.data(), window.size()), *unless_)) return false;
  }
  return true;
}

int Matcher::which(const re2::StringPiece* groups) const {
  for (int i = 1; i <= groups_; ++i) {
    if (groups[i].data() != nullptr) return i - 1;
  }
  return -1;
}

}  // namespace tactful::detail
