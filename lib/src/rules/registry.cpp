#include "rules/rule.hpp"

namespace tactful::detail {

std::span<const KindEntry> rule_kinds() {
  // Sorted by kind; one line per kind.
  static const KindEntry kKinds[] = {
      {"address", &make_address_rule, {"greetings", "titles", "not_names"}},
      {"echo", &make_echo_rule, {"min_terms", "ignore", "instructions", "requests", "addressed", "hostile"}},
      {"entity", &make_entity_rule, {"entity", "patterns", "case", "ignore"}},
      {"limit", &make_limit_rule, {"max", "phrases", "patterns"}},
      {"metric", &make_metric_rule, {"metric", "max", "min", "min_length", "min_words", "allow"}},
      {"pattern", &make_pattern_rule, {"patterns", "case"}},
      {"phrase", &make_phrase_rule, {"phrases"}},
      {"require", &make_require_rule, {"require", "when", "at"}},
      {"substitution", &make_substitution_rule, {"swap"}},
  };
  return kKinds;
}

}  // namespace tactful::detail
