// Internal to the registry's YAML: which strings a record may hold so that render and parse
// agree byte for byte (yaml-cpp turns U+FFFE/U+FFFF and invalid UTF-8 into U+FFFD on output).
#pragma once

#include <string>
#include <string_view>

namespace aoa::registry::detail {

// "" when `s` is valid UTF-8 without the non-characters U+FFFE and U+FFFF; otherwise what is wrong.
std::string text_problem(std::string_view s);

}  // namespace aoa::registry::detail
