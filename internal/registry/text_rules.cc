#include "internal/registry/text_rules.h"

#include "schema/diagnostics.h"

namespace aoa::registry::detail {

std::string text_problem(std::string_view s) {
  if (schema::sanitize_utf8(s) != s) return "is not valid UTF-8 text";
  if (s.find("\xEF\xBF\xBE") != std::string_view::npos || s.find("\xEF\xBF\xBF") != std::string_view::npos) {
    return "contains U+FFFE or U+FFFF, which are not characters";
  }
  return {};
}

}  // namespace aoa::registry::detail
