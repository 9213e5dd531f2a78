// Text of offending values inside error messages of internal/schedule.
#pragma once

#include <string>
#include <string_view>

namespace aoa::schedule {

// `text` in double quotes for an error message: printable ASCII as is, other bytes as \xNN, cut
// after 64 characters ("…" marks the cut). Messages end up in diagnostics, which must be UTF-8,
// and the text may be any bytes from a hand-edited file.
std::string quoted(std::string_view text);

}  // namespace aoa::schedule
