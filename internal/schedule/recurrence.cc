#include "internal/schedule/recurrence.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "internal/schedule/schedule_error.h"

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

void check_numbers(const std::vector<int>& values, int min, int max, const std::string& field) {
  std::set<int> seen;
  for (int v : values) {
    if (v < min || v > max) {
      throw ScheduleError(field, std::to_string(v) + " is out of range " + std::to_string(min) + "-" +
                                     std::to_string(max));
    }
    if (!seen.insert(v).second) throw ScheduleError(field, std::to_string(v) + " is listed twice");
  }
}

}  // namespace

Frequency parse_frequency(std::string_view text) {
  const std::string name = lower(text);
  for (size_t i = 0; i < kFrequencies.size(); ++i) {
    if (name == kFrequencies[i]) return static_cast<Frequency>(i);
  }
  throw ScheduleError("recurrence.frequency",
                      "unknown frequency " + quoted(text) + "; use minute, hour, day, week or month");
}

std::string_view to_string(Frequency frequency) { return kFrequencies.at(static_cast<size_t>(frequency)); }

unsigned week_day_number(std::string_view name) {
  const std::string day = lower(name);
  for (size_t i = 0; i < kWeekDays.size(); ++i) {
    if (day == kWeekDays[i]) return static_cast<unsigned>(i);
  }
  throw ScheduleError("recurrence.week_days",
                      "unknown week day " + quoted(name) +
                          "; use monday, tuesday, wednesday, thursday, friday, saturday or sunday");
}

void validate(const Recurrence& r) {
  if (r.interval < 1) {
    throw ScheduleError("recurrence.interval", "interval must be at least 1, got " + std::to_string(r.interval));
  }
  const std::string frequency(to_string(r.frequency));
  const bool absolute = r.frequency == Frequency::minute || r.frequency == Frequency::hour;
  if (absolute) {
    // Azure ML runs these every `interval` from start_time; a schedule pattern has no meaning.
    const auto reject = [&](bool set, const char* field) {
      if (set) {
        throw ScheduleError(std::string("recurrence.") + field,
                            std::string(field) + " cannot be used with frequency " + frequency +
                                " (it runs every interval from start_time); use frequency day, week or month");
      }
    };
    reject(!r.hours.empty(), "hours");
    reject(!r.minutes.empty(), "minutes");
    reject(!r.week_days.empty(), "week_days");
    reject(!r.month_days.empty(), "month_days");
    return;
  }
  if (r.hours.empty()) {
    throw ScheduleError("recurrence.hours", "hours are required with frequency " + frequency +
                                                " (Azure ML needs both hours and minutes), e.g. [2]");
  }
  if (r.minutes.empty()) {
    throw ScheduleError("recurrence.minutes", "minutes are required with frequency " + frequency +
                                                  " (Azure ML needs both hours and minutes), e.g. [0]");
  }
  check_numbers(r.hours, 0, 23, "recurrence.hours");
  check_numbers(r.minutes, 0, 59, "recurrence.minutes");
  if (!r.week_days.empty() && r.frequency != Frequency::week) {
    throw ScheduleError("recurrence.week_days", "week_days can only be used with frequency week, not " + frequency);
  }
  if (!r.month_days.empty() && r.frequency != Frequency::month) {
    throw ScheduleError("recurrence.month_days",
                        "month_days can only be used with frequency month, not " + frequency);
  }
  std::set<unsigned> days;
  for (const auto& name : r.week_days) {
    if (!days.insert(week_day_number(name)).second) {
      throw ScheduleError("recurrence.week_days", quoted(lower(name)) + " is listed twice");
    }
  }
  check_numbers(r.month_days, 1, 31, "recurrence.month_days");
}

Recurrence canonical(Recurrence recurrence) {
  validate(recurrence);
  for (auto& day : recurrence.week_days) day = lower(day);
  return recurrence;
}

}  // namespace aoa::schedule
