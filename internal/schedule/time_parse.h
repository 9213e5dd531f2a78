// start_time / end_time: reading what users write, and writing instants for Azure ML (local wall
// time next to a Windows zone name) and for people reading a plan (RFC 3339 with the offset).
#pragma once

#include <string>
#include <string_view>

#include <date/tz.h>

#include "internal/status/status.h"

namespace aoa::schedule {

// Parses a time given as either
// * RFC 3339 with an offset or Z: "2026-03-29T03:00:00+02:00", "2026-03-29T01:00:00Z" (absolute;
//   the offset need not be the zone's), or
// * a local wall time "2026-03-29T03:00:00", as the Azure ML examples write start_time,
//   interpreted in `zone`. A local time that does not exist there (inside a spring-forward gap) is
//   an error; one that happens twice (fall back) means the earlier instant, its first occurrence.
// Seconds are required, fractions are not accepted; years 1900-9999. `field` ("start_time" or
// "end_time") is the Status field and starts the message, e.g. `start_time
// 2026-03-29T02:30:00 does not exist in Europe/Berlin: clocks go from 02:00 to 03:00`.
Result<date::sys_seconds> parse_time(std::string_view text, const date::time_zone* zone, std::string_view field);

// "2026-03-29T03:00:00": the wall time in `zone`, without offset (the Azure ML YAML form).
std::string format_local_time(date::sys_seconds t, const date::time_zone* zone);

// "2026-03-29T03:00:00+02:00": the wall time in `zone` with its offset, for plans. An offset with
// seconds (local mean time before ~1900) is cut to whole minutes and the wall time adjusted, so
// the text still names exactly `t`.
std::string format_rfc3339(date::sys_seconds t, const date::time_zone* zone);

// Exactly "YYYY-MM-DDTHH:MM:SS" with a real calendar date (years 1900-9999) and time of day.
bool is_local_time_text(std::string_view text);

// What the YAML carries for a user's start_time / end_time: parse_time, then format_local_time.
// Fails (invalid argument at `field`) also when the local text would name another instant, which happens only for
// the second occurrence of a repeated local time ("2026-10-25T02:30:00+01:00" in Berlin): Azure ML
// reads local times and takes the first occurrence.
Result<std::string> normalize_time(std::string_view text, const date::time_zone* zone, std::string_view field);

}  // namespace aoa::schedule
