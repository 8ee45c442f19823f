// A rule as written, before it is compiled: what every rule has (RuleInfo)
// plus its kind's own settings. Specs come from YAML files (yaml_reader.cpp)
// or from the default pack embedded in binary form (pack_io.cpp).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tactful/error.hpp"
#include "tactful/rules.hpp"

namespace tactful::detail {

// Where a value stands in its rule file (1-based; 0 when unknown).
struct Mark {
  std::uint32_t line = 0, column = 0;
};

// One kind-specific setting: a string, a list of strings or a map of strings.
struct Param {
  enum class Type : std::uint8_t { scalar, list, map };
  Type type = Type::scalar;
  std::vector<std::string> items;                            // scalar: one; list: each item
  std::vector<std::pair<std::string, std::string>> entries;  // map
  Mark mark;
  std::vector<Mark> item_marks;  // list items, or map keys
};

struct RuleSpec {
  RuleInfo info;
  // Kind-specific keys in file order; nested maps are flattened ("when.customer").
  std::vector<std::pair<std::string, Param>> params;

  const Param* find(std::string_view key) const {
    for (const auto& [k, v] : params) {
      if (k == key) return &v;
    }
    return nullptr;
  }
};

// Reads one YAML rule file; checks what every rule needs (id, kind, habit,
// severity, message, rationale, examples) and that each key is known.
Result<std::vector<RuleSpec>> read_rule_file(std::string_view yaml, std::string_view file);

// The compact binary form the default pack is embedded in: the specs and the
// prebuilt phrase indexes (phrase_index.hpp) of the reply and customer rules.
struct Pack {
  std::vector<RuleSpec> specs;
  std::string_view reply_index, customer_index;  // views into the bytes read
};
std::string write_pack(const std::vector<RuleSpec>& specs, std::string_view reply_index,
                       std::string_view customer_index);
Result<Pack> read_pack(std::string_view bytes);

}  // namespace tactful::detail
