// Internal: the id part of audit file names, shared by the parser and audit_path().
#pragma once

#include <string_view>

namespace aoa::promotion::detail {

// 1 to 64 ASCII letters, digits, '-' or '_'.
bool is_valid_audit_id(std::string_view id);

}  // namespace aoa::promotion::detail
