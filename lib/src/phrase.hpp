// The phrase syntax of rule files (docs/rules.md), expanded into the token
// sequences it matches.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

namespace tactful::detail {

using Sequence = std::vector<std::string>;  // folded token keys

// The key of a `*` slot in a sequence: any one word.
inline constexpr std::string_view kWildcard = "\x01*";

// Every token sequence the phrase matches: alternatives, optional slots,
// inflections and -ise/-ize spellings expanded. Contractions are not: the
// tokenizer reads "I'm" as "i am" in phrases and drafts alike. On error, what
// is wrong with the phrase.
tl::expected<std::vector<Sequence>, std::string> expand_phrase(std::string_view phrase);

}  // namespace tactful::detail
