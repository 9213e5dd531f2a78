// Internal: the id of audit records (and part of their file names, gitops::layout::audit_file()).
#pragma once

#include <string_view>

namespace aoa::promotion::detail {

// 1 to 64 ASCII letters, digits, '-' or '_'.
bool is_valid_audit_id(std::string_view id);

}  // namespace aoa::promotion::detail
