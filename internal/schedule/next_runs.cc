#include "internal/schedule/next_runs.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <set>

#include "internal/schedule/quoted.h"
#include "internal/schedule/time_parse.h"
#include "internal/schedule/wall_clock.h"

namespace aoa::schedule {
namespace {

using date::days;
using date::local_days;
using date::sys_seconds;
using std::chrono::seconds;

constexpr days kCalendarCycle{146097};  // 400 Gregorian years
constexpr int kMaxEmptyPeriods = 400;
constexpr int kLastYear = 9999;

// Which instants a run may have, and when to stop collecting.
class Window {
 public:
  Window(const Trigger& trigger, sys_seconds after, int count)
      : zone_(*trigger.zone), start_(trigger.start), end_(trigger.end), count_(count) {
    lower_ = start_ && *start_ > after ? *start_ : after + seconds{1};
    if (end_) last_day_ = date::floor<days>(zone_.to_local(*end_)) + days{1};
  }

  const date::time_zone& zone() const { return zone_; }
  // The first local day that can hold a run (one day early: a time skipped by a gap just before
  // midnight fires on the next local day).
  local_days first_day() const { return date::floor<days>(zone_.to_local(lower_)) - days{1}; }
  sys_seconds lower() const { return lower_; }

  // Local day `day` starts after every possible run.
  bool past_end(local_days day) const {
    return (last_day_ && day > *last_day_) || date::year_month_day{day}.year() > date::year{kLastYear};
  }
  bool past_end(sys_seconds t) const { return (end_ && t > *end_) || t >= kAfterLastYear; }

  // Adds the admissible instants of `candidates`; true when one was added.
  bool add(const std::vector<sys_seconds>& candidates) {
    bool added = false;
    for (sys_seconds t : candidates) {
      if (t < lower_ || past_end(t)) continue;
      added = runs_.insert(t).second || added;  // a set: the same instant from two days counts once
    }
    return added;
  }
  bool full() const { return runs_.size() >= static_cast<size_t>(count_); }

  std::vector<sys_seconds> result() const {
    std::vector<sys_seconds> out(runs_.begin(), runs_.end());
    if (out.size() > static_cast<size_t>(count_)) out.resize(static_cast<size_t>(count_));
    return out;
  }

 private:
  static constexpr sys_seconds kAfterLastYear = date::sys_days{date::year{kLastYear + 1} / 1 / 1};
  const date::time_zone& zone_;
  sys_seconds lower_;
  std::optional<sys_seconds> start_, end_;
  std::optional<local_days> last_day_;
  int count_;
  std::set<sys_seconds> runs_;
};

std::vector<int> times_of_day(const std::vector<int>& hours, const std::vector<int>& minutes) {
  std::vector<int> times;
  for (int h : hours) {
    for (int m : minutes) times.push_back(h * 3600 + m * 60);
  }
  std::sort(times.begin(), times.end());
  return times;
}

// --- cron ------------------------------------------------------------------------------------

std::vector<sys_seconds> cron_runs(const CronExpression& cron, Window& window) {
  if (!can_fire(cron)) return {};
  std::vector<int> hours, minutes;
  for (int h = 0; h < 24; ++h) {
    if (cron.hours().test(h)) hours.push_back(h);
  }
  for (int m = 0; m < 60; ++m) {
    if (cron.minutes().test(m)) minutes.push_back(m);
  }
  const std::vector<int> times = times_of_day(hours, minutes);
  const DstPolicy policy = cron.fixed_time() ? DstPolicy::fixed_time : DstPolicy::every_occurrence;

  local_days day = window.first_day();
  local_days last_progress = day;
  std::optional<local_days> filled_on;
  std::vector<sys_seconds> candidates;
  // Runs of one day can only interleave with the next day's (a gap across midnight), so one more
  // day after the window is full settles the order.
  while (!window.past_end(day) && day - last_progress <= kCalendarCycle && !(filled_on && day > *filled_on + days{1})) {
    const date::year_month_day ymd{day};
    if (!cron.months().test(static_cast<unsigned>(ymd.month()))) {
      day = local_days{(ymd.year() / ymd.month() + date::months{1}) / 1};  // the next month's first day
      continue;
    }
    if (cron.matches_date(ymd)) {
      candidates.clear();
      fire_instants_on_day(window.zone(), day, times, policy, candidates);
      if (window.add(candidates)) last_progress = day;
      if (window.full() && !filled_on) filled_on = day;
    }
    day += days{1};
  }
  return window.result();
}

// --- recurrence ------------------------------------------------------------------------------

std::vector<sys_seconds> absolute_runs(const Recurrence& r, sys_seconds anchor, Window& window, int count) {
  const std::int64_t unit = r.frequency == Frequency::minute ? 60 : 3600;
  const seconds step{unit * r.interval};
  std::int64_t k = 0;
  if (window.lower() > anchor) k = (window.lower() - anchor - seconds{1}) / step + 1;
  std::vector<sys_seconds> one(1);
  for (int n = 0; n < count; ++n, ++k) {
    one[0] = anchor + step * k;
    if (window.past_end(one[0])) break;
    window.add(one);
  }
  return window.result();
}

// Local days of period k of a day, week or month recurrence; empty when the month has none of the
// days. `base` is the anchor's local date.
class Periods {
 public:
  Periods(const Recurrence& r, local_days base) : r_(r), base_(base) {
    const date::year_month_day ymd{base};
    const unsigned weekday = date::weekday{base}.iso_encoding() - 1;  // Monday = 0
    monday_ = base - days{weekday};
    anchor_month_ = static_cast<std::int64_t>(static_cast<int>(ymd.year())) * 12 + static_cast<unsigned>(ymd.month()) - 1;
    if (r.week_days.empty()) {
      week_offsets_.push_back(weekday);
    } else {
      for (const auto& name : r.week_days) week_offsets_.push_back((*week_day_number(name) + 6) % 7  /* validated */);
    }
    std::sort(week_offsets_.begin(), week_offsets_.end());
    month_days_ = r.month_days.empty() ? std::vector<int>{static_cast<int>(static_cast<unsigned>(ymd.day()))}
                                       : r.month_days;
    std::sort(month_days_.begin(), month_days_.end());
  }

  // The first period that can hold a run on or after local day `day` (one early, for safety).
  std::int64_t first_period(local_days day) const {
    std::int64_t elapsed = 0;  // whole units (days, weeks, months) from the anchor's
    switch (r_.frequency) {
      case Frequency::day: elapsed = (day - base_).count(); break;
      case Frequency::week: elapsed = (day - monday_).count() / 7; break;
      default: {
        const date::year_month_day ymd{day};
        elapsed = static_cast<std::int64_t>(static_cast<int>(ymd.year())) * 12 + static_cast<unsigned>(ymd.month()) -
                  1 - anchor_month_;
      }
    }
    return std::max<std::int64_t>(0, elapsed / r_.interval - 1);
  }

  // The local date the period starts on; past kLastYear means "stop".
  local_days start(std::int64_t k) const {
    const std::int64_t units = k * r_.interval;
    switch (r_.frequency) {
      case Frequency::day: return clamp_days(base_, units);
      case Frequency::week: return clamp_days(monday_, units * 7);
      default: {
        const std::int64_t month = anchor_month_ + units;
        if (month / 12 > kLastYear) return local_days{date::year{kLastYear + 1} / 1 / 1};
        return local_days{date::year{static_cast<int>(month / 12)} / date::month{static_cast<unsigned>(month % 12 + 1)} / 1};
      }
    }
  }

  std::vector<local_days> days_of(std::int64_t k) const {
    const local_days first = start(k);
    switch (r_.frequency) {
      case Frequency::day: return {first};
      case Frequency::week: {
        std::vector<local_days> out;
        for (unsigned offset : week_offsets_) out.push_back(first + days{offset});
        return out;
      }
      default: {
        const date::year_month_day ymd{first};
        const unsigned last = static_cast<unsigned>(date::year_month_day_last{ymd.year() / ymd.month() / date::last}.day());
        std::vector<local_days> out;
        for (int d : month_days_) {
          if (static_cast<unsigned>(d) <= last) out.push_back(first + days{d - 1});  // 31 in April: skipped
        }
        return out;
      }
    }
  }

 private:
  static local_days clamp_days(local_days from, std::int64_t count) {
    constexpr std::int64_t kLimit = 4'000'000;  // ~10,950 years: beyond kLastYear from any start
    return from + days{static_cast<int>(std::min(count, kLimit))};
  }

  const Recurrence& r_;
  local_days base_, monday_;
  std::int64_t anchor_month_ = 0;
  std::vector<unsigned> week_offsets_;
  std::vector<int> month_days_;
};

std::vector<sys_seconds> calendar_runs(const Recurrence& r, sys_seconds anchor, Window& window) {
  const Periods periods(r, date::floor<days>(window.zone().to_local(anchor)));
  const std::vector<int> times = times_of_day(r.hours, r.minutes);
  std::vector<sys_seconds> candidates;
  int empty_in_a_row = 0;
  bool one_more = false;  // like cron_runs: one period after the window is full settles the order
  for (std::int64_t k = periods.first_period(window.first_day());; ++k) {
    if (window.past_end(periods.start(k))) break;
    const std::vector<local_days> days_of_period = periods.days_of(k);
    if (days_of_period.empty()) {
      if (++empty_in_a_row >= kMaxEmptyPeriods) break;
      continue;
    }
    empty_in_a_row = 0;
    for (local_days day : days_of_period) {
      candidates.clear();
      fire_instants_on_day(window.zone(), day, times, DstPolicy::fixed_time, candidates);
      window.add(candidates);
    }
    if (one_more) break;
    one_more = window.full();
  }
  return window.result();
}

}  // namespace

Status validate(const Trigger& trigger) {
  if (trigger.zone == nullptr) return Status::invalid_argument("a time zone is required, e.g. \"UTC\"", "time_zone");
  if (const auto* recurrence = std::get_if<Recurrence>(&trigger.rule)) {
    AOA_RETURN_IF_ERROR(validate(*recurrence));
    if (!trigger.start) {
      return Status::invalid_argument("a recurrence needs start_time: its periods are counted from it", "start_time");
    }
  }
  if (trigger.start && trigger.end && *trigger.end <= *trigger.start) {
    const std::string end = format_local_time(*trigger.end, trigger.zone);
    const std::string start = format_local_time(*trigger.start, trigger.zone);
    if (*trigger.end == *trigger.start) {
      return Status::invalid_argument("end_time " + end + " is the same as start_time; it must be later", "end_time");
    }
    return Status::invalid_argument("end_time " + end + " is before start_time " + start, "end_time");
  }
  return {};
}

Result<std::vector<date::sys_seconds>> next_runs(const Trigger& trigger, date::sys_seconds after, int count) {
  if (count < 1 || count > kMaxRuns) {
    return Status::invalid_argument(
        "count must be 1-" + std::to_string(kMaxRuns) + ", got " + std::to_string(count), "count");
  }
  AOA_RETURN_IF_ERROR(validate(trigger));
  if (!trigger.enabled) return std::vector<date::sys_seconds>{};
  Window window(trigger, after, count);
  if (const auto* cron = std::get_if<CronExpression>(&trigger.rule)) return cron_runs(*cron, window);
  const auto& recurrence = std::get<Recurrence>(trigger.rule);
  if (recurrence.frequency == Frequency::minute || recurrence.frequency == Frequency::hour) {
    return absolute_runs(recurrence, *trigger.start, window, count);
  }
  return calendar_runs(recurrence, *trigger.start, window);
}

}  // namespace aoa::schedule
