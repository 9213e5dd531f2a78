// Fixed instants for the schedule tests, written and compared as UTC text.
#pragma once

#include <string>
#include <vector>

#include <date/tz.h>

#include "internal/schedule/time_parse.h"
#include "internal/schedule/time_zone.h"

namespace aoa::schedule::testing {

// "2026-03-29T01:00:00Z" -> the instant.
inline date::sys_seconds utc(const std::string& text) {
  return parse_time(text, locate_zone("UTC").value(), "test").value();
}

inline std::vector<std::string> as_utc(const std::vector<date::sys_seconds>& times) {
  std::vector<std::string> out;
  for (auto t : times) out.push_back(format_local_time(t, locate_zone("UTC").value()) + "Z");
  return out;
}

inline std::vector<std::string> as_local(const std::vector<date::sys_seconds>& times, const std::string& zone) {
  std::vector<std::string> out;
  for (auto t : times) out.push_back(format_rfc3339(t, locate_zone(zone).value()));
  return out;
}

}  // namespace aoa::schedule::testing
