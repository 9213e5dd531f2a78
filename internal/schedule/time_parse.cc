#include "internal/schedule/time_parse.h"

#include <chrono>
#include <cstdio>
#include <optional>

#include "internal/schedule/quoted.h"

namespace aoa::schedule {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr std::string_view kForms =
    "use a local time \"YYYY-MM-DDTHH:MM:SS\" (in time_zone) or RFC 3339 with an offset, e.g. "
    "\"2026-03-29T03:00:00+02:00\" or \"2026-03-29T01:00:00Z\"";

struct Fields {
  date::year_month_day day;
  seconds time_of_day;
  std::optional<seconds> offset;  // set for RFC 3339
};

bool digits_at(std::string_view s, size_t pos, size_t count, int& value) {
  if (pos + count > s.size()) return false;
  value = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    value = value * 10 + (s[i] - '0');
  }
  return true;
}

bool char_at(std::string_view s, size_t pos, char c) { return pos < s.size() && s[pos] == c; }

// The "YYYY-MM-DDTHH:MM:SS" prefix; nullopt when malformed or not a real date and time.
std::optional<Fields> parse_local_part(std::string_view s) {
  int y, mo, d, h, mi, se;
  const bool shape = digits_at(s, 0, 4, y) && char_at(s, 4, '-') && digits_at(s, 5, 2, mo) && char_at(s, 7, '-') &&
                     digits_at(s, 8, 2, d) && (char_at(s, 10, 'T') || char_at(s, 10, 't')) &&
                     digits_at(s, 11, 2, h) && char_at(s, 13, ':') && digits_at(s, 14, 2, mi) &&
                     char_at(s, 16, ':') && digits_at(s, 17, 2, se);
  if (!shape) return std::nullopt;
  const date::year_month_day day{date::year{y}, date::month{static_cast<unsigned>(mo)},
                                 date::day{static_cast<unsigned>(d)}};
  if (y < 1900 || !day.ok() || h > 23 || mi > 59 || se > 59) return std::nullopt;
  return Fields{day, hours{h} + minutes{mi} + seconds{se}, std::nullopt};
}

Status malformed(std::string_view text, std::string_view field) {
  const std::string name(field);
  return Status::invalid_argument(name + " " + quoted(text) + " is not a date and time; " + std::string(kForms), name);
}

Result<Fields> parse_fields(std::string_view text, std::string_view field) {
  std::optional<Fields> fields = parse_local_part(text);
  if (!fields) {
    int y, mo, d;
    // Say "not a real date" when only the calendar is wrong (2026-02-30).
    if (text.size() >= 10 && digits_at(text, 0, 4, y) && char_at(text, 4, '-') && digits_at(text, 5, 2, mo) &&
        char_at(text, 7, '-') && digits_at(text, 8, 2, d)) {
      const date::year_month_day day{date::year{y}, date::month{static_cast<unsigned>(mo)},
                                     date::day{static_cast<unsigned>(d)}};
      const std::string name(field);
      if (y < 1900) return Status::invalid_argument(name + " " + quoted(text) + ": the year must be 1900-9999", name);
      if (!day.ok()) return Status::invalid_argument(name + " " + quoted(text) + " is not a calendar date", name);
    }
    return malformed(text, field);
  }
  const std::string_view rest = text.substr(19);
  if (rest.empty()) return *fields;
  if (rest.front() == '.') {
    const std::string name(field);
    return Status::invalid_argument(
        name + " " + quoted(text) + ": fractions of a second are not supported; " + std::string(kForms), name);
  }
  if (rest == "Z" || rest == "z") {
    fields->offset = seconds{0};
    return *fields;
  }
  int oh, om;
  if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && digits_at(rest, 1, 2, oh) && char_at(rest, 3, ':') &&
      digits_at(rest, 4, 2, om) && oh <= 23 && om <= 59) {
    const seconds offset = hours{oh} + minutes{om};
    fields->offset = rest[0] == '-' ? -offset : offset;
    return *fields;
  }
  return malformed(text, field);
}

std::string two(long long v) {
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "%02lld", v);
  return buffer;
}

std::string format_wall(date::local_seconds local) {
  const auto day = date::floor<date::days>(local);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<seconds> time{local - day};
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02lld:%02lld:%02lld", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<long long>(time.hours().count()), static_cast<long long>(time.minutes().count()),
                static_cast<long long>(time.seconds().count()));
  return buffer;
}

std::string hh_mm(seconds s) { return two(s.count() / 3600) + ":" + two(s.count() / 60 % 60); }

}  // namespace

bool is_local_time_text(std::string_view text) { return text.size() == 19 && parse_local_part(text) && text[10] == 'T'; }

Result<date::sys_seconds> parse_time(std::string_view text, const date::time_zone* zone, std::string_view field) {
  AOA_ASSIGN_OR_RETURN(const Fields f, parse_fields(text, field));
  const date::local_seconds local{date::local_days{f.day}.time_since_epoch() + f.time_of_day};
  if (f.offset) return date::sys_seconds{local.time_since_epoch() - *f.offset};
  const date::local_info info = zone->get_info(local);
  if (info.result == date::local_info::nonexistent) {
    const std::string name(field);
    // The gap runs from the wall time at the transition under the old offset to that under the new.
    const std::string from = format_wall(date::local_seconds{info.second.begin.time_since_epoch() + info.first.offset});
    const std::string to = format_wall(date::local_seconds{info.second.begin.time_since_epoch() + info.second.offset});
    const bool same_day = from.compare(0, 10, to, 0, 10) == 0;
    return Status::invalid_argument(name + " " + std::string(text) + " does not exist in " + zone->name() +
                                        ": clocks go from " + (same_day ? from.substr(11, 5) : from.substr(0, 16)) +
                                        " to " + (same_day ? to.substr(11, 5) : to.substr(0, 16)) +
                                        "; use a time outside the gap",
                                    name);
  }
  // Unique, or the first occurrence of a repeated time.
  return date::sys_seconds{local.time_since_epoch() - info.first.offset};
}

std::string format_local_time(date::sys_seconds t, const date::time_zone* zone) {
  return format_wall(zone->to_local(t));
}

std::string format_rfc3339(date::sys_seconds t, const date::time_zone* zone) {
  const seconds offset = zone->get_info(t).offset;
  const seconds shown = offset - offset % 60;  // whole minutes, toward zero
  const seconds magnitude = shown.count() < 0 ? -shown : shown;
  return format_wall(date::local_seconds{t.time_since_epoch() + shown}) + (shown.count() < 0 ? "-" : "+") +
         hh_mm(magnitude);
}

Result<std::string> normalize_time(std::string_view text, const date::time_zone* zone, std::string_view field) {
  AOA_ASSIGN_OR_RETURN(const date::sys_seconds t, parse_time(text, zone, field));
  std::string local = format_local_time(t, zone);
  // Fails only when the local time leaves years 1900-9999 (an offset near the ends).
  AOA_ASSIGN_OR_RETURN(const date::sys_seconds first, parse_time(local, zone, field));
  if (first != t) {
    const std::string name(field);
    return Status::invalid_argument(name + " " + quoted(text) + " is the second occurrence of " + local + " in " +
                                        zone->name() + " (clocks go back); Azure ML takes local times and would use "
                                        "the first occurrence: use " + format_rfc3339(first, zone) +
                                        " or a time outside the repeated hour",
                                    name);
  }
  return local;
}

}  // namespace aoa::schedule
