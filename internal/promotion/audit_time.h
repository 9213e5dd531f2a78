// Times of audit records: RFC 3339 in UTC with second precision, "2026-11-23T19:15:02Z".
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace aoa::promotion {

std::string format_audit_time(std::chrono::system_clock::time_point t);

// True for exactly "YYYY-MM-DDTHH:MM:SSZ" naming a real calendar date and a time 00:00:00 to
// 23:59:59 (no fractions, offsets, lower-case 't'/'z' or leap seconds).
bool is_audit_time(std::string_view text);

// "2026-11-23T19:15:02Z" -> "20261123T191502Z" (the file-name form); nullopt unless is_audit_time.
std::optional<std::string> compact_audit_time(std::string_view text);

}  // namespace aoa::promotion
