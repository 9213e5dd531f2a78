// Looking up a zone without an exception: date::locate_zone (date/tz.h) reports an unknown name
// by throwing std::runtime_error, which is not how this project's engines report expected
// failures (internal/status/status.h); they call find_zone instead.
#pragma once

#include <string_view>

#include <date/tz.h>

namespace aoa::date_tz {

// The zone of the system tz database named `name` (exact, case-sensitive), or nullptr.
const date::time_zone* find_zone(std::string_view name);

}  // namespace aoa::date_tz
