// Rule packs, loaded and compiled once.
//
//   tactful::RuleSetBuilder b;
//   b.add_builtin();                       // the pack embedded from rules/en
//   if (auto r = b.add_directory("my-pack"); !r) { print(r.error()); }
//   tactful::Result<tactful::RuleSet> rules = b.build();
//
// A RuleSet is immutable and cheap to copy (it shares its compiled rules);
// one RuleSet can serve any number of Checkers on any number of threads.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tactful/error.hpp"
#include "tactful/export.hpp"
#include "tactful/types.hpp"

namespace tactful {

namespace detail {
class CompiledRules;
struct PackSource;
}  // namespace detail

// One example that a rule carries: text that must make it fire (with the
// expected span and suggestion) or text that must not.
struct TACTFUL_API RuleExample {
  bool must_fire = true;
  std::string text;
  std::optional<std::string> span;        // expected text of the first finding or match
  std::optional<std::string> suggestion;  // expected suggestion (substitutions)
  std::string context;                    // the customer's message, if any
  std::string customer_name;
  std::size_t line = 0;                   // where the example stands in its rule file
};

// What a rule is, as written in its pack.
struct TACTFUL_API RuleInfo {
  std::string id;
  std::string kind;                  // phrase, pattern, substitution, require, limit, metric
  Habit habit = Habit::listen;
  Severity severity = Severity::info;
  std::string message;
  std::string rationale;
  std::string suggest;               // advice shown with every finding; may be empty
  std::optional<Signal> signal;      // set on the reply when the rule fires
  bool report = true;                // false: a detector that only sets its signal
  bool customer_scope = false;       // runs on the customer's message, setting `fact`
  std::string fact;                  // with customer_scope: the fact it sets
  // The rule's hits are dropped when the reply shows one of these signals
  // elsewhere: a refusal followed by an alternative is not a bare refusal.
  std::vector<Signal> unless_signals;
  std::vector<RuleExample> examples;
  std::string file;                  // rule file (pack-relative for the embedded pack)
  std::size_t line = 0;
};

class TACTFUL_API RuleSet {
 public:
  // The embedded default pack; never fails in a correctly built binary.
  static Result<RuleSet> builtin();

  // Every rule, in load order (packs in the order added, files sorted by path).
  std::span<const RuleInfo> rules() const;
  // The rule with this id, or nullptr.
  const RuleInfo* find(std::string_view id) const;

  const detail::CompiledRules& compiled() const { return *impl_; }

 private:
  friend class RuleSetBuilder;
  explicit RuleSet(std::shared_ptr<const detail::CompiledRules> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const detail::CompiledRules> impl_;
};

// Collects packs, then compiles them into a RuleSet. Each add_* call parses
// and validates what it is given and reports the first error it meets, with
// file:line:column and the rule id. build() checks ids are unique across packs
// and compiles every pattern.
class TACTFUL_API RuleSetBuilder {
 public:
  RuleSetBuilder();
  ~RuleSetBuilder();
  RuleSetBuilder(RuleSetBuilder&&) noexcept;
  RuleSetBuilder& operator=(RuleSetBuilder&&) noexcept;

  Result<void> add_builtin();
  // Every *.yaml / *.yml file below `dir`, recursively, in sorted order.
  Result<void> add_directory(const std::string& dir);
  // One rule file held in memory; `name` is used in error messages.
  Result<void> add_yaml(std::string_view yaml, std::string_view name);

  Result<RuleSet> build();

 private:
  std::unique_ptr<detail::PackSource> src_;
};

}  // namespace tactful
