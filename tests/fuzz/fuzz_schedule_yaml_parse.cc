// Fuzzes the parser of schedule files (schedules/<root>/<env>/<app>/<name>.yaml live in a Git
// repository people edit by hand). It must never crash or hang; whatever parses must render and
// parse back to the same spec, and its next runs must be computable.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "internal/render/root_application.h"  // RenderError
#include "internal/schedule/next_runs.h"
#include "internal/schedule/schedule_error.h"
#include "internal/schedule/schedule_yaml.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace aoa::schedule;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  ScheduleSpec spec;
  try {
    spec = parse_schedule(text);
  } catch (const aoa::render::RenderError&) {
    return 0;
  } catch (const ScheduleError&) {
    return 0;
  }
  // parse_schedule validated everything render_schedule checks: rendering must not throw.
  const std::string rendered = render_schedule(spec);
  if (!(parse_schedule(rendered) == spec)) std::abort();
  if (render_schedule(parse_schedule(rendered)) != rendered) std::abort();
  try {
    const date::sys_seconds after = date::sys_days{date::year{2026} / 1 / 1};
    const auto runs = next_runs(make_trigger(spec), after, 5);
    for (size_t i = 0; i < runs.size(); ++i) {
      if (runs[i] <= after || (i > 0 && runs[i] <= runs[i - 1])) std::abort();
    }
  } catch (const ScheduleError& e) {
    if (e.field != "start_time") std::abort();  // a recurrence without start_time has no anchor
  }
  return 0;
}
