#include "internal/schedule/recurrence.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "internal/schedule/quoted.h"

namespace aoa::schedule {
namespace {

constexpr std::array<std::string_view, 5> kFrequencies = {"minute", "hour", "day", "week", "month"};
constexpr std::array<std::string_view, 7> kWeekDays = {"sunday",   "monday", "tuesday", "wednesday",
                                                      "thursday", "friday", "saturday"};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Status check_numbers(const std::vector<int>& values, int min, int max, const std::string& field) {
  std::set<int> seen;
  for (int v : values) {
    if (v < min || v > max) {
      return Status::invalid_argument(
          std::to_string(v) + " is out of range " + std::to_string(min) + "-" + std::to_string(max), field);
    }
    if (!seen.insert(v).second) return Status::invalid_argument(std::to_string(v) + " is listed twice", field);
  }
  return {};
}

}  // namespace

Result<Frequency> parse_frequency(std::string_view text) {
  const std::string name = lower(text);
  for (size_t i = 0; i < kFrequencies.size(); ++i) {
    if (name == kFrequencies[i]) return static_cast<Frequency>(i);
  }
  return Status::invalid_argument("unknown frequency " + quoted(text) + "; use minute, hour, day, week or month",
                                  "recurrence.frequency");
}

std::string_view to_string(Frequency frequency) { return kFrequencies.at(static_cast<size_t>(frequency)); }

Result<unsigned> week_day_number(std::string_view name) {
  const std::string day = lower(name);
  for (size_t i = 0; i < kWeekDays.size(); ++i) {
    if (day == kWeekDays[i]) return static_cast<unsigned>(i);
  }
  return Status::invalid_argument(
      "unknown week day " + quoted(name) + "; use monday, tuesday, wednesday, thursday, friday, saturday or sunday",
      "recurrence.week_days");
}

Status validate(const Recurrence& r) {
  if (r.interval < 1) {
    return Status::invalid_argument("interval must be at least 1, got " + std::to_string(r.interval),
                                    "recurrence.interval");
  }
  const std::string frequency(to_string(r.frequency));
  const bool absolute = r.frequency == Frequency::minute || r.frequency == Frequency::hour;
  if (absolute) {
    // Azure ML runs these every `interval` from start_time; a schedule pattern has no meaning.
    const auto reject = [&](bool set, const char* field) {
      if (!set) return Status();
      return Status::invalid_argument(std::string(field) + " cannot be used with frequency " + frequency +
                                          " (it runs every interval from start_time); use frequency day, week or month",
                                      std::string("recurrence.") + field);
    };
    AOA_RETURN_IF_ERROR(reject(!r.hours.empty(), "hours"));
    AOA_RETURN_IF_ERROR(reject(!r.minutes.empty(), "minutes"));
    AOA_RETURN_IF_ERROR(reject(!r.week_days.empty(), "week_days"));
    return reject(!r.month_days.empty(), "month_days");
  }
  if (r.hours.empty()) {
    return Status::invalid_argument(
        "hours are required with frequency " + frequency + " (Azure ML needs both hours and minutes), e.g. [2]",
        "recurrence.hours");
  }
  if (r.minutes.empty()) {
    return Status::invalid_argument(
        "minutes are required with frequency " + frequency + " (Azure ML needs both hours and minutes), e.g. [0]",
        "recurrence.minutes");
  }
  AOA_RETURN_IF_ERROR(check_numbers(r.hours, 0, 23, "recurrence.hours"));
  AOA_RETURN_IF_ERROR(check_numbers(r.minutes, 0, 59, "recurrence.minutes"));
  if (!r.week_days.empty() && r.frequency != Frequency::week) {
    return Status::invalid_argument("week_days can only be used with frequency week, not " + frequency,
                                    "recurrence.week_days");
  }
  if (!r.month_days.empty() && r.frequency != Frequency::month) {
    return Status::invalid_argument("month_days can only be used with frequency month, not " + frequency,
                                    "recurrence.month_days");
  }
  std::set<unsigned> days;
  for (const auto& name : r.week_days) {
    AOA_ASSIGN_OR_RETURN(const unsigned day, week_day_number(name));
    if (!days.insert(day).second) {
      return Status::invalid_argument(quoted(lower(name)) + " is listed twice", "recurrence.week_days");
    }
  }
  return check_numbers(r.month_days, 1, 31, "recurrence.month_days");
}

Result<Recurrence> canonical(Recurrence recurrence) {
  AOA_RETURN_IF_ERROR(validate(recurrence));
  for (auto& day : recurrence.week_days) day = lower(day);
  return recurrence;
}

}  // namespace aoa::schedule
