// The Azure ML CLI v2 schedule file of an appofapps_schedule, schedules/<root>/<env>/<app>/<name>.yaml
// (see gitops::layout), in the shape of Azure/azureml-examples cli/schedules/*-job-schedule.yml, which
// `az ml schedule create -f` reads:
//
//   $schema: https://azuremlschemas.azureedge.net/latest/schedule.schema.json
//   name: fraud-prod-nightly                    # azureml_schedule_name(app, environment, name)
//   display_name: Nightly retraining            # when set
//   description: Retrain on yesterday's data     # when set
//   tags:
//     appofapps.io/root: ml-platform
//     appofapps.io/environment: prod
//     appofapps.io/app: fraud
//   properties:                                 # what Azure ML has no field for, for import
//     appofapps.io/time-zone: Europe/Berlin
//     appofapps.io/enabled: "true"              # see ScheduleSpec::enabled
//   trigger:
//     type: cron                                # or: type: recurrence, frequency: week,
//     expression: "30 2 * * *"                  #     interval: 1, schedule: {hours: [2],
//     start_time: "2026-01-01T00:00:00"         #     minutes: [30], week_days: [monday]}
//     end_time: "2027-01-01T00:00:00"           # when set
//     time_zone: "W. Europe Standard Time"
//   create_job: azureml:retrain-fraud          # or "../../../../pipelines/retrain.yml"
//
// A job path is relative to the provider's repository folder in the spec and relative to the
// file (four folders down) in the YAML, which is how `az ml` resolves it.
#pragma once

#include <string>
#include <string_view>

#include "internal/schedule/schedule_spec.h"

namespace aoa::schedule {

inline constexpr std::string_view kScheduleSchema = "https://azuremlschemas.azureedge.net/latest/schedule.schema.json";
inline constexpr std::string_view kPropertyTimeZone = "appofapps.io/time-zone";
inline constexpr std::string_view kPropertyEnabled = "appofapps.io/enabled";
// From schedules/<root>/<env>/<app>/ back to the repository folder.
inline constexpr std::string_view kJobPathPrefix = "../../../../";

// Deterministic YAML ending with "\n". Validates first (validate_spec's Status).
// Week days are written in lower case, the schedule lists (hours, minutes, week_days,
// month_days) only when set, in the order given.
Result<std::string> render_schedule(const ScheduleSpec& spec);

// Reads a schedule file back (drift detection, import). Corruption (no field) when the text is
// not one YAML mapping in this shape (a missing $schema is accepted, another is not; a required
// key is missing or has the wrong type; an inline create_job), and invalid argument at the field
// when a value is invalid (same checks as render_schedule). Never hangs or crashes on any input.
// parse_schedule(render_schedule(s)) == s for every valid spec with lower-case week days; keys
// this spec does not model are ignored, so compare render_schedule(parse_schedule(text)) with
// text to see edits there.
Result<ScheduleSpec> parse_schedule(std::string_view text);

}  // namespace aoa::schedule
