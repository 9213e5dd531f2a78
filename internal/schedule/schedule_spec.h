// What one appofapps_schedule writes: its identity, rule, zone, window and job, with the checks
// the provider runs on its attributes. schedule_yaml.h turns a spec into the Azure ML file.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "internal/schedule/cron.h"
#include "internal/schedule/next_runs.h"
#include "internal/schedule/recurrence.h"

namespace aoa::schedule {

// What names a schedule (and its file, gitops::layout::schedule_file()): root, environment and app
// are DNS-1123 labels, name passes validate_schedule_name(). Invalid argument ("root",
// "environment", "app", "name") for the first invalid part.
Status validate_schedule_identity(std::string_view root, std::string_view environment, std::string_view app,
                                  std::string_view name);

// The schedule's `name` attribute: 1-127 letters, digits, '-' or '_', starting with a letter. 127
// leaves room for "<app>-<environment>-" (two DNS-1123 labels of at most 63) within the 255
// characters of an Azure ML name. Invalid argument at field "name".
Status validate_schedule_name(std::string_view name);

// The Azure ML schedule name: "<app>-<environment>-<name>" (e.g. "fraud-prod-nightly"), following
// the endpoints' "<app>-<environment>": unique per workspace when environments share one, and
// listed by app in the studio. Azure ML names are letters, digits, '-' and '_', starting with a
// letter, at most 255 characters; an app whose name starts with a digit therefore cannot have a
// schedule (invalid argument, field "app").
Result<std::string> azureml_schedule_name(std::string_view app, std::string_view environment, std::string_view name);

// The job a schedule creates: "azureml:<job name>" (an existing job in the workspace) or the path of
// a pipeline job YAML (.yml/.yaml) relative to the provider's repository folder, such as
// "pipelines/retrain.yml": no absolute path, no "." or ".." segment, no empty segment or backslash.
// Invalid argument at field "job".
Status validate_job(std::string_view job);

struct ScheduleSpec {
  std::string root, environment, app;  // DNS-1123 labels
  std::string name;                    // validate_schedule_name; Azure ML: azureml_schedule_name()
  std::string display_name, description;  // free text; omitted from the file when empty
  std::variant<CronExpression, Recurrence> rule;
  std::string time_zone;          // IANA name, e.g. "Europe/Berlin" (property appofapps.io/time-zone)
  // windows_zone(time_zone), e.g. "W. Europe Standard Time" (trigger.time_zone). Kept apart so that a
  // hand edit of trigger.time_zone reads back as a difference.
  std::string windows_time_zone;
  // Local wall times in time_zone, "YYYY-MM-DDTHH:MM:SS" (normalize_time() of what users write);
  // "" when not set. The provider always sets start_time for a recurrence (its anchor).
  std::string start_time, end_time;
  // Written as property appofapps.io/enabled ("true"/"false"). Azure ML's own is_enabled is read-only
  // in the schedule YAML: `az ml schedule create/update -f` cannot disable a schedule, so the
  // pipeline that applies these files runs `az ml schedule disable -n <name>` (or `enable`) when
  // this property says so.
  bool enabled = true;
  std::string job;  // validate_job

  bool operator==(const ScheduleSpec&) const = default;
};

// Every check above plus: the recurrence is valid; time_zone is known; windows_time_zone is a
// plausible Windows name (printable ASCII, not checked against time_zone); start_time and end_time
// are "" or local times that exist in the zone, with end after start.
// The first failure is returned, its field one of those named in this file.
Status validate_spec(const ScheduleSpec& spec);

// The Trigger for next_runs: zone located, start and end interpreted in it.
Result<Trigger> make_trigger(const ScheduleSpec& spec);

}  // namespace aoa::schedule
