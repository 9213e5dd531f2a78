// The one exception type of internal/schedule: what is wrong with which attribute.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace aoa::schedule {

// `field` is the attribute path as dotted text, for the provider to map to a Terraform path:
// "cron", "recurrence.frequency", "recurrence.interval", "recurrence.hours", "recurrence.minutes",
// "recurrence.week_days", "recurrence.month_days", "time_zone", "start_time", "end_time", and for
// the schedule file and its identity "name", "app", "environment", "root", "job", "enabled",
// "windows_time_zone", and "count" (next_runs). The message says what is wrong and what is
// allowed; it does not repeat the field name unless that reads better.
struct ScheduleError : std::runtime_error {
  ScheduleError(std::string field_path, const std::string& message)
      : std::runtime_error(message), field(std::move(field_path)) {}
  std::string field;
};

// `text` in double quotes for an error message: printable ASCII as is, other bytes as \xNN, cut
// after 64 characters ("…" marks the cut). Messages end up in diagnostics, which must be UTF-8,
// and the text may be any bytes from a hand-edited file.
std::string quoted(std::string_view text);

}  // namespace aoa::schedule
