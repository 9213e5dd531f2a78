// Fuzzes the parser of schedule files (schedules/<root>/<env>/<app>/<name>.yaml live in a Git
// repository people edit by hand). It must never crash or hang; whatever parses must render and
// parse back to the same spec, and its next runs must be computable.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "internal/schedule/next_runs.h"
#include "internal/schedule/schedule_yaml.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace aoa::schedule;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const aoa::Result<ScheduleSpec> parsed = parse_schedule(text);
  if (!parsed.ok()) {
    if (parsed.status().message().empty()) std::abort();
    return 0;
  }
  const ScheduleSpec& spec = *parsed;
  // parse_schedule validated everything render_schedule checks: rendering must not fail.
  const aoa::Result<std::string> rendered = render_schedule(spec);
  if (!rendered.ok()) std::abort();
  const aoa::Result<ScheduleSpec> again = parse_schedule(*rendered);
  if (!again.ok() || !(*again == spec)) std::abort();
  if (render_schedule(*again).value_or("") != *rendered) std::abort();
  const aoa::Result<Trigger> trigger = make_trigger(spec);
  if (!trigger.ok()) std::abort();
  const date::sys_seconds after = date::sys_days{date::year{2026} / 1 / 1};
  const aoa::Result<std::vector<date::sys_seconds>> runs = next_runs(*trigger, after, 5);
  if (!runs.ok()) {
    if (runs.status().field() != "start_time") std::abort();  // a recurrence without start_time has no anchor
    return 0;
  }
  for (size_t i = 0; i < runs->size(); ++i) {
    if ((*runs)[i] <= after || (i > 0 && (*runs)[i] <= (*runs)[i - 1])) std::abort();
  }
  return 0;
}
