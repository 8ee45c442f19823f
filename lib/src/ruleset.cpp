// Loading rule packs (YAML) and compiling them into a RuleSet.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <re2/re2.h>
#include <re2/set.h>
#include <yaml-cpp/yaml.h>

#include "compiled.hpp"
#include "embedded_pack.hpp"
#include "tactful/rules.hpp"

namespace tactful {
namespace detail {

// Parsed rules waiting to be compiled together.
struct PackSource {
  std::vector<RuleInfo> infos;
  std::vector<std::unique_ptr<Rule>> rules;
  std::map<std::string, std::pair<std::string, std::size_t>, std::less<>> seen;  // id -> file, line
};

namespace {

constexpr std::string_view kCommonKeys[] = {"id",    "kind",   "habit",  "severity", "message", "rationale", "signal",
                                            "report", "scope", "sets",   "unless",   "suggest", "examples"};

tl::unexpected<Error> node_error(ErrorCode code, std::string_view file, const YAML::Node& at, std::string rule,
                                 std::string message) {
  Error e;
  e.code = code;
  e.file = std::string(file);
  e.rule = std::move(rule);
  e.message = std::move(message);
  if (at.IsDefined() && !at.Mark().is_null()) {
    e.line = static_cast<std::size_t>(at.Mark().line) + 1;
    e.column = static_cast<std::size_t>(at.Mark().column) + 1;
  }
  return tl::unexpected<Error>(std::move(e));
}

bool valid_id(std::string_view id) {
  if (id.empty() || !(std::islower(static_cast<unsigned char>(id[0])) || std::isdigit(static_cast<unsigned char>(id[0]))))
    return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '.' ||
           c == '-' || c == '_';
  });
}

Result<RuleExample> read_example(std::string_view file, const std::string& id, const YAML::Node& n, bool fire) {
  RuleExample ex;
  ex.must_fire = fire;
  ex.line = n.Mark().is_null() ? 0 : static_cast<std::size_t>(n.Mark().line) + 1;
  if (n.IsScalar()) {
    ex.text = n.Scalar();
    return ex;
  }
  if (!n.IsMap()) return node_error(ErrorCode::rule_invalid, file, n, id, "an example is a string or a map with 'text'");
  for (const auto& kv : n) {
    const std::string key = kv.first.Scalar();
    if (!kv.second.IsScalar()) return node_error(ErrorCode::rule_invalid, file, kv.second, id, fmt::format("example '{}' must be a string", key));
    const std::string& v = kv.second.Scalar();
    if (key == "text") ex.text = v;
    else if (key == "span" && fire) ex.span = v;
    else if (key == "suggestion" && fire) ex.suggestion = v;
    else if (key == "context") ex.context = v;
    else if (key == "customer_name") ex.customer_name = v;
    else return node_error(ErrorCode::rule_invalid, file, kv.first, id, fmt::format("unknown example key '{}'", key));
  }
  if (ex.text.empty()) return node_error(ErrorCode::rule_invalid, file, n, id, "an example needs 'text'");
  return ex;
}

Result<std::unique_ptr<Rule>> read_rule(std::string_view file, const YAML::Node& n, RuleInfo& info) {
  auto err = [&](const YAML::Node& at, std::string msg) {
    return node_error(ErrorCode::rule_invalid, file, at, info.id, std::move(msg));
  };
  if (!n.IsMap()) return err(n, "a rule must be a map of keys");
  info.file = std::string(file);
  info.line = static_cast<std::size_t>(n.Mark().line) + 1;
  auto scalar = [&](std::string_view key) -> std::string {
    const YAML::Node v = n[std::string(key)];
    return v && v.IsScalar() ? v.Scalar() : std::string();
  };
  info.id = scalar("id");
  if (info.id.empty()) return err(n, "a rule needs an 'id'");
  if (!valid_id(info.id)) return err(n["id"], fmt::format("bad rule id '{}': use lower case letters, digits, '.', '-'", info.id));

  info.kind = scalar("kind");
  const auto kinds = rule_kinds();
  const auto kind = std::find_if(kinds.begin(), kinds.end(), [&](const KindEntry& k) { return k.kind == info.kind; });
  if (kind == kinds.end()) {
    return err(n["kind"] ? n["kind"] : n, info.kind.empty() ? "a rule needs a 'kind'"
                                                            : fmt::format("unknown rule kind '{}' (limit, metric, "
                                                                          "pattern, phrase, require, substitution)",
                                                                          info.kind));
  }
  for (const auto& kv : n) {
    const std::string key = kv.first.Scalar();
    const bool common = std::find(std::begin(kCommonKeys), std::end(kCommonKeys), key) != std::end(kCommonKeys);
    const bool own = std::find(kind->keys.begin(), kind->keys.end(), key) != kind->keys.end();
    if (!common && !own) return err(kv.first, fmt::format("unknown key '{}' for a '{}' rule", key, info.kind));
  }

  auto habit = parse_habit(scalar("habit"));
  if (!habit) {
    return err(n["habit"] ? n["habit"] : n, fmt::format("unknown habit '{}' (listen, empathize, promise, respect, reinforce)", scalar("habit")));
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
  if (!scope.empty() && scope != "reply" && scope != "customer") return err(n["scope"], "'scope' must be 'reply' or 'customer'");
  info.customer_scope = scope == "customer";
  if (info.customer_scope) {
    info.fact = scalar("sets");
    if (info.fact.empty()) return err(n, "a rule with 'scope: customer' needs 'sets': the fact it sets");
    if (info.kind != "phrase" && info.kind != "pattern" && info.kind != "metric") {
      return err(n["kind"], "only phrase, pattern and metric rules can read the customer's message");
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
  if (!info.report && !info.signal && !info.customer_scope) return err(n, "a detector ('report: false') needs a 'signal'");
  if (info.report) {
    auto sev = parse_severity(scalar("severity"));
    if (!sev) return err(n["severity"] ? n["severity"] : n, fmt::format("unknown severity '{}' (error, warning, suggestion, info)", scalar("severity")));
    info.severity = *sev;
  }
  info.message = scalar("message");
  if (info.message.empty()) return err(n, "a rule needs a 'message'");
  info.rationale = scalar("rationale");
  if (info.rationale.empty()) return err(n, "a rule needs a 'rationale'");
  info.suggest = scalar("suggest");

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

  RuleReader reader(n, info);
  return kind->make(reader);
}

Result<void> add_file(PackSource& src, std::string_view text, std::string_view file) {
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
  if (!doc || doc.IsNull()) return {};
  const YAML::Node list = doc.IsMap() ? doc["rules"] : YAML::Node();
  if (!doc.IsMap() || !list || !list.IsSequence()) {
    return node_error(ErrorCode::rule_invalid, file, doc, "", "a rule file holds a list of rules under 'rules:'");
  }
  for (const auto& item : doc) {
    if (item.first.Scalar() != "rules") {
      return node_error(ErrorCode::rule_invalid, file, item.first, "", fmt::format("unknown top-level key '{}'", item.first.Scalar()));
    }
  }
  for (const auto& n : list) {
    RuleInfo info;
    auto rule = read_rule(file, n, info);
    if (!rule) return tl::unexpected(rule.error());
    const std::size_t line = static_cast<std::size_t>(n.Mark().line) + 1;
    if (auto it = src.seen.find(info.id); it != src.seen.end()) {
      return node_error(ErrorCode::rule_invalid, file, n["id"], info.id,
                        fmt::format("duplicate rule id, first defined at {}:{}", it->second.first, it->second.second));
    }
    src.seen.emplace(info.id, std::pair{std::string(file), line});
    src.infos.push_back((*rule)->info());
    src.rules.push_back(std::move(*rule));
  }
  return {};
}

Result<void> build_scope(Scope& scope, const CompiledRules& c, bool customer) {
  RE2::Options opts;
  opts.set_max_mem(std::int64_t{256} << 20);
  opts.set_log_errors(false);
  scope.set = std::make_unique<RE2::Set>(opts, RE2::UNANCHORED);
  for (std::uint32_t i = 0; i < c.rules.size(); ++i) {
    const RuleInfo& info = c.infos[i];
    if (info.customer_scope != customer) continue;
    std::string p = c.rules[i]->prefilter();
    if (p.empty()) {
      if (!c.rules[i]->is_policy() || c.rules[i]->counts_only()) scope.always.push_back(i);
      continue;
    }
    std::string error;
    if (scope.set->Add(p, &error) < 0) {
      Error e;
      e.code = ErrorCode::bad_pattern;
      e.file = info.file;
      e.line = info.line;
      e.rule = info.id;
      e.message = "pattern rejected by the prefilter: " + error;
      return tl::unexpected(e);
    }
    scope.by_set.push_back(i);
  }
  if (!scope.set->Compile()) {
    return make_error(ErrorCode::bad_pattern, "the rule patterns are too large to compile together");
  }
  return {};
}

}  // namespace
}  // namespace detail

RuleSetBuilder::RuleSetBuilder() : src_(std::make_unique<detail::PackSource>()) {}
RuleSetBuilder::~RuleSetBuilder() = default;
RuleSetBuilder::RuleSetBuilder(RuleSetBuilder&&) noexcept = default;
RuleSetBuilder& RuleSetBuilder::operator=(RuleSetBuilder&&) noexcept = default;

Result<void> RuleSetBuilder::add_builtin() {
  for (const auto& f : detail::embedded_pack()) {
    auto r = detail::add_file(*src_, f.text, "<builtin>/" + std::string(f.path));
    if (!r) return r;
  }
  return {};
}

Result<void> RuleSetBuilder::add_yaml(std::string_view yaml, std::string_view name) {
  return detail::add_file(*src_, yaml, name);
}

Result<void> RuleSetBuilder::add_directory(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    Error e;
    e.code = ErrorCode::io;
    e.file = dir;
    e.message = fs::exists(dir, ec) ? "not a directory of rule files" : "no such directory";
    return tl::unexpected(e);
  }
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    const auto ext = it->path().extension();
    if (it->is_regular_file(ec) && (ext == ".yaml" || ext == ".yml")) files.push_back(it->path());
  }
  if (ec) {
    Error e;
    e.code = ErrorCode::io;
    e.file = dir;
    e.message = "cannot list the directory: " + ec.message();
    return tl::unexpected(e);
  }
  std::sort(files.begin(), files.end());
  for (const auto& p : files) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    if (!in) {
      Error e;
      e.code = ErrorCode::io;
      e.file = p.string();
      e.message = "cannot read the rule file";
      return tl::unexpected(e);
    }
    auto r = detail::add_file(*src_, ss.str(), p.string());
    if (!r) return r;
  }
  return {};
}

Result<RuleSet> RuleSetBuilder::build() {
  auto c = std::make_shared<detail::CompiledRules>();
  c->infos = std::move(src_->infos);
  c->rules = std::move(src_->rules);
  src_ = std::make_unique<detail::PackSource>();
  for (std::uint32_t i = 0; i < c->rules.size(); ++i) {
    if (c->rules[i]->is_policy()) c->policies.push_back(i);
  }
  if (auto r = detail::build_scope(c->reply, *c, false); !r) return tl::unexpected(r.error());
  if (auto r = detail::build_scope(c->customer, *c, true); !r) return tl::unexpected(r.error());
  return RuleSet(std::move(c));
}

Result<RuleSet> RuleSet::builtin() {
  static const Result<RuleSet> cached = [] {
    RuleSetBuilder b;
    if (auto r = b.add_builtin(); !r) return Result<RuleSet>(tl::unexpected(r.error()));
    return b.build();
  }();
  return cached;
}

std::span<const RuleInfo> RuleSet::rules() const { return impl_->infos; }

const RuleInfo* RuleSet::find(std::string_view id) const {
  for (const auto& r : impl_->infos) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

}  // namespace tactful
