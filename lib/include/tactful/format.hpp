// Output formats, one class each. The CLI only chooses one and prints.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "tactful/check.hpp"
#include "tactful/export.hpp"
#include "tactful/rules.hpp"

namespace tactful {

// The version of the JSON document (docs/json-format.md).
inline constexpr std::string_view kJsonFormatVersion = "1.2";
TACTFUL_API std::string_view version() noexcept;

// Compiler-style text: `file:line:col: severity: message [rule]`, the line
// with the span underlined, the suggestion, and a closing score line.
class TACTFUL_API TextFormatter {
 public:
  // `evidence`: also list which rule set each signal and customer fact, and where.
  explicit TextFormatter(bool color, bool evidence = false) : color_(color), evidence_(evidence) {}
  // `text` is the draft the report was made from.
  void write(std::ostream& out, const Report& report, std::string_view text) const;

 private:
  bool color_;
  bool evidence_;
};

// One JSON document: {"tool": {...}, "results": [...]}. Call begin(), add()
// for each report, then end().
class TACTFUL_API JsonFormatter {
 public:
  // `evidence`: each result also carries "evidence" (docs/json-format.md).
  explicit JsonFormatter(bool evidence = false) : evidence_(evidence) {}
  void begin(std::ostream& out) const;
  void add(std::ostream& out, const Report& report) const;
  void end(std::ostream& out) const;
  // The result object alone, on one line (for JSON Lines output).
  static std::string result_json(const Report& report);

 private:
  bool evidence_;
  mutable bool first_ = true;
};

// `tactful rules` and `tactful explain`.
TACTFUL_API void write_rule_list(std::ostream& out, const RuleSet& rules);
TACTFUL_API void write_rule_explanation(std::ostream& out, const RuleInfo& rule);

}  // namespace tactful
