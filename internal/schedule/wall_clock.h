// How a local wall-clock time maps to real instants when the clocks change, for the two kinds of
// jobs Vixie cron / cronie (Debian's cron) tell apart (cron(8), "Daylight Saving Time and other
// time changes"). Works on date/tz's local_info, so any size of shift is handled the same way
// (one hour in Berlin, 30 minutes on Lord Howe Island, a whole day in Samoa in 2011).
#pragma once

#include <vector>

#include <date/tz.h>

namespace aoa::schedule {

enum class DstPolicy {
  // A job at a fixed time. A local time inside a gap (spring forward) fires once, at the first
  // instant after the gap (the transition); several times in one gap collapse into that one run.
  // A local time that happens twice (fall back) fires once, at its first occurrence.
  fixed_time,
  // A wildcard job: fires at every real instant whose wall time matches, so never for a time in a
  // gap and twice for a time that happens twice.
  every_occurrence,
};

// Appends to `out` the instants at which a job due at local time `t` in `zone` fires.
void fire_instants(const date::time_zone& zone, date::local_seconds t, DstPolicy policy,
                   std::vector<date::sys_seconds>& out);

// Appends, in ascending order and without duplicates, the instants for each of `times_of_day`
// (seconds after local midnight, ascending) on local date `day`. Equivalent to fire_instants for
// each time, but cheap on the many days with no clock change.
void fire_instants_on_day(const date::time_zone& zone, date::local_days day, const std::vector<int>& times_of_day,
                          DstPolicy policy, std::vector<date::sys_seconds>& out);

}  // namespace aoa::schedule
