// The default rule pack, embedded at build time by cmake/embed_rules.cmake.
#pragma once

#include <span>
#include <string_view>

namespace tactful::detail {

struct EmbeddedFile {
  std::string_view path;  // relative to the pack folder
  std::string_view text;
};

std::span<const EmbeddedFile> embedded_pack();

}  // namespace tactful::detail
