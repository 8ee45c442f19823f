// Loading rule packs and compiling them into a RuleSet.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "compiled.hpp"
#include "pack_source.hpp"
#include "spec.hpp"
#include "tactful/rules.hpp"

namespace tactful {
namespace detail {

Result<void> PackSource::add(std::vector<RuleSpec> specs, bool trusted) {
  for (RuleSpec& spec : specs) {
    if (auto it = seen.find(spec.info.id); it != seen.end()) {
      Error e;
      e.code = ErrorCode::rule_invalid;
      e.file = spec.info.file;
      e.line = spec.info.line;
      e.rule = spec.info.id;
      e.message = fmt::format("duplicate rule id, first defined at {}:{}", it->second.first, it->second.second);
      return tl::unexpected(e);
    }
    const auto kinds = rule_kinds();
    const auto kind = std::find_if(kinds.begin(), kinds.end(), [&](const KindEntry& k) { return k.kind == spec.info.kind; });
    if (kind == kinds.end()) return make_error(ErrorCode::rule_invalid, "unknown rule kind '" + spec.info.kind + "'");
    auto rule = kind->make(RuleReader(spec, trusted));
    if (!rule) return tl::unexpected(rule.error());
    seen.emplace(spec.info.id, std::pair{spec.info.file, spec.info.line});
    infos.push_back(std::move(spec.info));
    rules.push_back(std::move(*rule));
  }
  return {};
}

std::string PackSource::index(bool customer) const {
  std::vector<PhraseIndex::Entry> entries;
  for (std::uint32_t i = 0; i < rules.size(); ++i) {
    if (infos[i].customer_scope != customer) continue;
    for (const auto& [seq, alt] : rules[i]->sequences()) entries.push_back({&seq, i, alt});
  }
  return entries.empty() ? std::string() : PhraseIndex::build(std::move(entries));
}

namespace {

// The phrase indexes of one scope: the prebuilt ones, and one for the rest.
void index_phrases(Scope& scope, const PackSource& src, bool customer) {
  for (const auto& p : src.prebuilt) {
    scope.phrases.push_back(PhraseIndex::view(customer ? p.customer : p.reply, p.offset));
  }
  if (std::string own = src.index(customer); !own.empty()) scope.phrases.push_back(PhraseIndex::own(std::move(own), 0));
}

}  // namespace
}  // namespace detail

RuleSetBuilder::RuleSetBuilder() : src_(std::make_unique<detail::PackSource>()) {}
RuleSetBuilder::~RuleSetBuilder() = default;
RuleSetBuilder::RuleSetBuilder(RuleSetBuilder&&) noexcept = default;
RuleSetBuilder& RuleSetBuilder::operator=(RuleSetBuilder&&) noexcept = default;

Result<void> RuleSetBuilder::add_yaml(std::string_view yaml, std::string_view name) {
  auto specs = detail::read_rule_file(yaml, name);
  if (!specs) return tl::unexpected(specs.error());
  return src_->add(std::move(*specs), /*trusted=*/false);
}

Result<void> RuleSetBuilder::add_directory(const std::string& dir) {
  namespace fs = std::filesystem;
  auto io_error = [&](std::string file, std::string message) {
    Error e;
    e.code = ErrorCode::io;
    e.file = std::move(file);
    e.message = std::move(message);
    return tl::unexpected(e);
  };
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return io_error(dir, fs::exists(dir, ec) ? "not a directory of rule files" : "no such directory");
  }
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    const auto ext = it->path().extension();
    if (it->is_regular_file(ec) && (ext == ".yaml" || ext == ".yml")) files.push_back(it->path());
  }
  if (ec) return io_error(dir, "cannot list the directory: " + ec.message());
  std::sort(files.begin(), files.end());
  for (const auto& p : files) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    if (!in) return io_error(p.string(), "cannot read the rule file");
    if (auto r = add_yaml(ss.str(), p.string()); !r) return r;
  }
  return {};
}

Result<RuleSet> RuleSetBuilder::build() {
  auto src = std::move(src_);
  src_ = std::make_unique<detail::PackSource>();
  auto c = std::make_shared<detail::CompiledRules>();
  detail::index_phrases(c->reply, *src, false);  // reads src->rules: before they move
  detail::index_phrases(c->customer, *src, true);
  c->infos = std::move(src->infos);
  c->rules = std::move(src->rules);
  for (std::uint32_t i = 0; i < c->rules.size(); ++i) {
    if (c->rules[i]->is_policy()) c->policies.push_back(i);
  }
  std::stable_sort(c->policies.begin(), c->policies.end(),
                   [&](std::uint32_t x, std::uint32_t y) { return c->rules[x]->stage() < c->rules[y]->stage(); });
  for (auto* scope : {&c->reply, &c->customer}) {
    std::vector<std::uint32_t> patterns, always;
    for (std::uint32_t i = 0; i < c->rules.size(); ++i) {
      if (c->infos[i].customer_scope != (scope == &c->customer)) continue;
      if (c->rules[i]->regex()) {  // pattern and limit rules with patterns
        patterns.push_back(i);
      } else if (c->rules[i]->reads_whole_text()) {
        always.push_back(i);
      }
    }
    scope->patterns = std::move(patterns);
    scope->always = std::move(always);
  }
  return RuleSet(std::move(c));
}

std::span<const RuleInfo> RuleSet::rules() const { return impl_->infos; }

const RuleInfo* RuleSet::find(std::string_view id) const {
  for (const auto& r : impl_->infos) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

}  // namespace tactful
