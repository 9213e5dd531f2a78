// Fuzzes the cron parser (expressions come from HCL and from hand-edited schedule files). Whatever
// parses must read back the same from its canonical text, and its next runs must come back
// quickly, in order and after the given instant (the search is bounded; see next_runs.h).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "internal/schedule/cron.h"
#include "internal/schedule/next_runs.h"
#include "internal/schedule/time_zone.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace aoa::schedule;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const aoa::Result<CronExpression> parsed = CronExpression::parse(text);
  if (!parsed.ok()) {
    if (parsed.status().field() != "cron") std::abort();
    return 0;
  }
  const CronExpression& cron = *parsed;
  const aoa::Result<CronExpression> reparsed = CronExpression::parse(cron.text());
  if (!reparsed.ok()) std::abort();
  const CronExpression& again = *reparsed;
  if (!(again == cron) || again.minutes() != cron.minutes() || again.hours() != cron.hours() ||
      again.days_of_month() != cron.days_of_month() || again.months() != cron.months() ||
      again.days_of_week() != cron.days_of_week() || again.fixed_time() != cron.fixed_time()) {
    std::abort();
  }
  // A zone with clock changes, so that both DST policies run.
  static const date::time_zone* const berlin = locate_zone("Europe/Berlin").value();
  Trigger trigger;
  trigger.rule = cron;
  trigger.zone = berlin;
  const date::sys_seconds after = date::sys_days{date::year{2026} / 3 / 28};
  const aoa::Result<std::vector<date::sys_seconds>> found = next_runs(trigger, after, 3);
  if (!found.ok()) std::abort();
  const std::vector<date::sys_seconds>& runs = *found;
  if (runs.size() > 3 || (runs.empty() && can_fire(cron) && cron.fixed_time())) std::abort();
  for (size_t i = 0; i < runs.size(); ++i) {
    if (runs[i] <= after || (i > 0 && runs[i] <= runs[i - 1])) std::abort();
  }
  return 0;
}
