#include "internal/schedule/wall_clock.h"

#include <algorithm>
#include <chrono>

namespace aoa::schedule {

void fire_instants(const date::time_zone& zone, date::local_seconds t, DstPolicy policy,
                   std::vector<date::sys_seconds>& out) {
  const date::local_info info = zone.get_info(t);
  const auto at = [&](const date::sys_info& period) { return date::sys_seconds{t.time_since_epoch() - period.offset}; };
  switch (info.result) {
    case date::local_info::unique:
      out.push_back(at(info.first));
      break;
    case date::local_info::nonexistent:
      // info.second.begin is the transition: the first instant after the gap.
      if (policy == DstPolicy::fixed_time) out.push_back(info.second.begin);
      break;
    case date::local_info::ambiguous:
      out.push_back(at(info.first));  // the earlier occurrence (the offset before the change)
      if (policy == DstPolicy::every_occurrence) out.push_back(at(info.second));
      break;
  }
}

void fire_instants_on_day(const date::time_zone& zone, date::local_days day, const std::vector<int>& times_of_day,
                          DstPolicy policy, std::vector<date::sys_seconds>& out) {
  using std::chrono::seconds;
  const date::local_seconds midnight{day.time_since_epoch()};
  const date::local_info info = zone.get_info(midnight);
  const size_t first = out.size();
  // No transition within two days of this day: every time of the day has the same offset. (Offsets
  // differ by less than a day, so no other period's local times can reach into this day.)
  const date::sys_seconds approx{midnight.time_since_epoch() - info.first.offset};
  if (info.result == date::local_info::unique && info.first.begin <= approx - date::days{2} &&
      info.first.end >= approx + date::days{3}) {
    for (int s : times_of_day) out.push_back(approx + seconds{s});
    return;
  }
  for (int s : times_of_day) fire_instants(zone, midnight + seconds{s}, policy, out);
  std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end());
  out.erase(std::unique(out.begin() + static_cast<std::ptrdiff_t>(first), out.end()), out.end());
}

}  // namespace aoa::schedule
