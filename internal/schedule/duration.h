// Durations written the way Terraform users write them elsewhere ("30m", "24h", "1h30m", "7d"):
// soak times, the length of a promotion window, the pause between canary steps.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "internal/status/status.h"

namespace aoa::schedule {

// The longest duration accepted: a year. Longer soaks or windows are mistakes, not policies.
inline constexpr std::chrono::seconds kMaxDuration{366LL * 24 * 3600};

// Parses one or more <digits><unit> terms, units d, h, m, s, each at most once and in that order
// ("1d12h", "90m", "45s"); "0s" is zero. Invalid argument (what is allowed) otherwise, or when
// the total exceeds kMaxDuration.
Result<std::chrono::seconds> parse_duration(std::string_view text);

// The shortest text parse_duration reads back as `d`: "1d12h", "30m", "0s".
std::string format_duration(std::chrono::seconds d);

}  // namespace aoa::schedule
