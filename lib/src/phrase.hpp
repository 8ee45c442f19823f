// The phrase syntax of rule files (docs/rules.md), compiled to RE2.
#pragma once

#include <string>
#include <string_view>

#include "tactful/error.hpp"

namespace tactful::detail {

// Compiles one phrase into an RE2 pattern without flags or word boundaries
// (the caller adds case-insensitivity and checks boundaries). On error the
// message says what is wrong with the phrase.
tl::expected<std::string, std::string> compile_phrase(std::string_view phrase);

// Folds curly quotes to straight ones, as Text does for drafts.
std::string fold_quotes(std::string_view s);

}  // namespace tactful::detail
