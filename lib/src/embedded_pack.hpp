// The default rule pack in binary form, generated at build time from rules/en
// by tools/packc.cpp (see lib/CMakeLists.txt).
#pragma once

#include <string_view>

namespace tactful::detail {

std::string_view embedded_pack();

}  // namespace tactful::detail
