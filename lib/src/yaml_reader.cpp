// Reading rule files: YAML -> RuleSpec, with every mistake reported at its
// file:line:column and rule id.
#include <algorithm>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "rules/rule.hpp"
#include "spec.hpp"

namespace tactful::detail {
namespace {

constexpr std::string_view kCommonKeys[] = {"id",     "kind",  "habit", "severity", "message", "rationale", "signal",
                                            "report", "scope", "sets",  "unless",   "suggest", "examples",
                                            "unless_signals"};

Mark mark_of(const YAML::Node& n) {
  if (!n.IsDefined() || n.Mark().is_null()) return {};
  return {static_cast<std::uint32_t>(n.Mark().line) + 1, static_cast<std::uint32_t>(n.Mark().column) + 1};
}

tl::unexpected<Error> node_error(ErrorCode code, std::string_view file, const YAML::Node& at, std::string rule,
                                 std::string message) {
  Error e;
  e.code = code;
  e.file = std::string(file);
  e.rule = std::move(rule);
  e.message = std::move(message);
  const Mark m = mark_of(at);
  e.line = m.line;
  e.column = m.column;
  return tl::unexpected<Error>(std::move(e));
}

bool valid_id(std::string_view id) {
  auto ok = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  return !id.empty() && ok(id[0]) &&
         std::all_of(id.begin(), id.end(), [&](char c) { return ok(c) || c == '.' || c == '-' || c == '_'; });
}

Result<RuleExample> read_example(std::string_view file, const std::string& id, const YAML::Node& n, bool fire) {
  RuleExample ex;
  ex.must_fire = fire;
  ex.line = mark_of(n).line;
  if (n.IsScalar()) {
    ex.text = n.Scalar();
    return ex;
  }
  if (!n.IsMap()) return node_error(ErrorCode::rule_invalid, file, n, id, "an example is a string or a map with 'text'");
  for (const auto& kv : n) {
    const std::string key = kv.first.Scalar();
    if (!kv.second.IsScalar()) {
      return node_error(ErrorCode::rule_invalid, file, kv.second, id, fmt::format("example '{}' must be a string", key));
    }
    const std::string& v = kv.second.Scalar();
    if (key == "text") {
      ex.text = v;
    } else if (key == "span" && fire) {
      ex.span = v;
    } else if (key == "suggestion" && fire) {
      ex.suggestion = v;
    } else if (key == "context") {
      ex.context = v;
    } else if (key == "customer_name") {
      ex.customer_name = v;
    } else {
      return node_error(ErrorCode::rule_invalid, file, kv.first, id, fmt::format("unknown example key '{}'", key));
    }
  }
  if (ex.text.empty()) return node_error(ErrorCode::rule_invalid, file, n, id, "an example needs 'text'");
  return ex;
}

// A kind-specific value: a scalar, a list of scalars, or a map of scalars.
Result<Param> read_param(std::string_view file, const std::string& id, const std::string& key, const YAML::Node& n) {
  Param p;
  p.mark = mark_of(n);
  if (n.IsScalar()) {
    p.items.push_back(n.Scalar());
  } else if (n.IsSequence()) {
    p.type = Param::Type::list;
    for (const auto& item : n) {
      if (!item.IsScalar()) return node_error(ErrorCode::rule_invalid, file, item, id, fmt::format("'{}' must be a list of strings", key));
      p.items.push_back(item.Scalar());
      p.item_marks.push_back(mark_of(item));
    }
  } else if (n.IsMap()) {
    p.type = Param::Type::map;
    for (const auto& kv : n) {
      if (!kv.first.IsScalar() || !kv.second.IsScalar()) {
        return node_error(ErrorCode::rule_invalid, file, kv.first, id, fmt::format("'{}' must map strings to strings", key));
      }
      p.entries.emplace_back(kv.first.Scalar(), kv.second.Scalar());
      p.item_marks.push_back(mark_of(kv.first));
    }
  } else {
    return node_error(ErrorCode::rule_invalid, file, n, id, fmt::format("'{}' has no value", key));
  }
  return p;
}

Result<RuleSpec> read_rule(std::string_view file, const YAML::Node& n) {
  RuleSpec spec;
  RuleInfo& info = spec.info;
  auto err = [&](const YAML::Node& at, std::string msg) {
    return node_error(ErrorCode::rule_invalid, file, at, info.id, std::move(msg));
  };
  if (!n.IsMap()) return err(n, "a rule must be a map of keys");
  info.file = std::string(file);
  info.line = mark_of(n).line;
  auto scalar = [&](std::string_view key) -> std::string {
    const YAML::Node v = n[std::string(key)];
    return v && v.IsScalar() ? v.Scalar() : std::string();
  };
  info.id = scalar("id");
  if (info.id.empty()) return err(n, "a rule needs an 'id'");
  if (!valid_id(info.id)) {
    return err(n["id"], fmt::format("bad rule id '{}': use lower case letters, digits, '.', '-'", info.id));
  }

  info.kind = scalar("kind");
  const auto kinds = rule_kinds();
  const auto kind = std::find_if(kinds.begin(), kinds.end(), [&](const KindEntry& k) { return k.kind == info.kind; });
  if (kind == kinds.end()) {
    return err(n["kind"] ? n["kind"] : n,
               info.kind.empty() ? "a rule needs a 'kind'"
                                 : fmt::format("unknown rule kind '{}' (address, echo, entity, limit, metric, "
                                               "pattern, phrase, require, substitution)",
                                               info.kind));
  }
  for (const auto& kv : n) {
    const std::string key = kv.first.Scalar();
    const bool common = std::find(std::begin(kCommonKeys), std::end(kCommonKeys), key) != std::end(kCommonKeys);
    const bool own = std::find(kind->keys.begin(), kind->keys.end(), key) != kind->keys.end();
    if (!common && !own) return err(kv.first, fmt::format("unknown key '{}' for a '{}' rule", key, info.kind));
    if (!own && key != "unless") continue;
    if (key == "when") {  // a map of conditions, flattened
      if (!kv.second.IsMap()) return err(kv.second, "'when' must be a map");
      for (const auto& c : kv.second) {
        auto p = read_param(file, info.id, "when." + c.first.Scalar(), c.second);
        if (!p) return tl::unexpected(p.error());
        p->mark = mark_of(c.first);
        spec.params.emplace_back("when." + c.first.Scalar(), std::move(*p));
      }
      continue;
    }
    auto p = read_param(file, info.id, key, kv.second);
    if (!p) return tl::unexpected(p.error());
    spec.params.emplace_back(key, std::move(*p));
  }

  auto habit = parse_habit(scalar("habit"));
  if (!habit) {
    return err(n["habit"] ? n["habit"] : n,
               fmt::format("unknown habit '{}' (listen, empathize, promise, respect, reinforce)", scalar("habit")));
  }
  info.habit = *habit;
  if (n["report"]) {
    try {
      info.report = n["report"].as<bool>();
    } catch (const YAML::Exception&) {
      return err(n["report"], "'report' must be true or false");
    }
  }
  const std::string scope = scalar("scope");
  if (!scope.empty() && scope != "reply" && scope != "customer") {
    return err(n["scope"], "'scope' must be 'reply' or 'customer'");
  }
  info.customer_scope = scope == "customer";
  if (info.customer_scope) {
    info.fact = scalar("sets");
    if (info.fact.empty()) return err(n, "a rule with 'scope: customer' needs 'sets': the fact it sets");
    if (info.kind != "phrase" && info.kind != "pattern" && info.kind != "metric" && info.kind != "entity") {
      return err(n["kind"], "only phrase, pattern, metric and entity rules can read the customer's message");
    }
    if (n["signal"]) return err(n["signal"], "a customer rule sets a fact ('sets'), not a signal");
    info.report = false;
  } else if (n["sets"]) {
    return err(n["sets"], "'sets' is for rules with 'scope: customer'");
  }
  if (const std::string sig = scalar("signal"); !sig.empty()) {
    info.signal = parse_signal(sig);
    if (!info.signal) return err(n["signal"], fmt::format("unknown signal '{}'", sig));
  }
  if (!info.report && !info.signal && !info.customer_scope) {
    return err(n, "a detector ('report: false') needs a 'signal'");
  }
  if (info.report) {
    auto sev = parse_severity(scalar("severity"));
    if (!sev) {
      return err(n["severity"] ? n["severity"] : n,
                 fmt::format("unknown severity '{}' (error, warning, suggestion, info)", scalar("severity")));
    }
    info.severity = *sev;
  }
  info.message = scalar("message");
  if (info.message.empty()) return err(n, "a rule needs a 'message'");
  info.rationale = scalar("rationale");
  if (info.rationale.empty()) return err(n, "a rule needs a 'rationale'");
  info.suggest = scalar("suggest");
  if (const YAML::Node u = n["unless_signals"]) {
    if (!u.IsSequence()) return err(u, "'unless_signals' must be a list of signal names");
    for (const auto& item : u) {
      const std::string name = item.IsScalar() ? item.Scalar() : std::string();
      const auto sig = parse_signal(name);
      if (!sig) return err(item, fmt::format("unknown signal '{}' in 'unless_signals'", name));
      info.unless_signals.push_back(*sig);
    }
  }

  const YAML::Node ex = n["examples"];
  if (!ex || !ex.IsMap()) return err(ex ? ex : n, "a rule needs 'examples' with 'fire' and 'pass' lists");
  for (const auto& kv : ex) {
    const std::string key = kv.first.Scalar();
    if (key != "fire" && key != "pass") return err(kv.first, fmt::format("unknown examples key '{}' (fire, pass)", key));
    if (!kv.second.IsSequence()) return err(kv.second, fmt::format("'examples.{}' must be a list", key));
    for (const auto& item : kv.second) {
      auto e = read_example(file, info.id, item, key == "fire");
      if (!e) return tl::unexpected(e.error());
      info.examples.push_back(std::move(*e));
    }
  }
  const bool spans = info.kind == "phrase" || info.kind == "pattern" || info.kind == "substitution";
  std::size_t fires = 0, passes = 0;
  for (const auto& e : info.examples) {
    (e.must_fire ? fires : passes)++;
    if (e.must_fire && spans && !e.span) {
      return err(ex["fire"], fmt::format("the fire example on line {} needs 'span': the words the rule must flag", e.line));
    }
    if (e.must_fire && info.kind == "substitution" && !e.suggestion) {
      return err(ex["fire"], fmt::format("the fire example on line {} needs 'suggestion'", e.line));
    }
  }
  if (fires == 0) return err(ex, "a rule needs at least one example that must fire");
  if (passes == 0) return err(ex, "a rule needs at least one example that must pass");
  return spec;
}

}  // namespace

Result<std::vector<RuleSpec>> read_rule_file(std::string_view text, std::string_view file) {
  YAML::Node doc;
  try {
    doc = YAML::Load(std::string(text));
  } catch (const YAML::ParserException& e) {
    Error err;
    err.code = ErrorCode::rule_syntax;
    err.file = std::string(file);
    err.line = static_cast<std::size_t>(e.mark.line) + 1;
    err.column = static_cast<std::size_t>(e.mark.column) + 1;
    err.message = "invalid YAML: " + e.msg;
    return tl::unexpected(err);
  }
  std::vector<RuleSpec> specs;
  if (!doc || doc.IsNull()) return specs;
  const YAML::Node list = doc.IsMap() ? doc["rules"] : YAML::Node();
  if (!doc.IsMap() || !list || !list.IsSequence()) {
    return node_error(ErrorCode::rule_invalid, file, doc, "", "a rule file holds a list of rules under 'rules:'");
  }
  for (const auto& item : doc) {
    if (item.first.Scalar() != "rules") {
      return node_error(ErrorCode::rule_invalid, file, item.first, "",
                        fmt::format("unknown top-level key '{}'", item.first.Scalar()));
    }
  }
  for (const auto& n : list) {
    auto spec = read_rule(file, n);
    if (!spec) return tl::unexpected(spec.error());
    specs.push_back(std::move(*spec));
  }
  return specs;
}

}  // namespace tactful::detail
