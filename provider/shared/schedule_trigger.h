// The trigger attributes that appofapps_schedule and data "appofapps_schedule_preview" share
// (cron or recurrence, time_zone, start_time, end_time, enabled): their schema, and reading them
// into an internal/schedule spec with diagnostics at the attribute that is wrong.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "internal/schedule/next_runs.h"
#include "internal/schedule/schedule_spec.h"
#include "provider/runtime/model.h"
#include "schema/diagnostics.h"
#include "schema/schema.h"
#include "schema/value.h"

namespace aoa::provider {

// The recurrence block and the trigger attributes, as typed models (provider/runtime/model.h).
struct RecurrenceModel {
  runtime::String frequency;
  runtime::Number interval;
  runtime::Field<std::vector<cty::Number>> hours, minutes, month_days;
  runtime::StringList week_days;
  bool operator==(const RecurrenceModel&) const = default;
  static constexpr auto fields() {
    using M = RecurrenceModel;
    return std::tuple{runtime::field("frequency", &M::frequency), runtime::field("interval", &M::interval),
                      runtime::field("hours", &M::hours),         runtime::field("minutes", &M::minutes),
                      runtime::field("week_days", &M::week_days), runtime::field("month_days", &M::month_days)};
  }
};

struct TriggerModel {
  runtime::String cron, time_zone, start_time, end_time;
  runtime::Bool enabled;
  runtime::Field<RecurrenceModel> recurrence;
  bool operator==(const TriggerModel&) const = default;
  static constexpr auto fields() {
    using M = TriggerModel;
    return std::tuple{runtime::field("cron", &M::cron),           runtime::field("time_zone", &M::time_zone),
                      runtime::field("start_time", &M::start_time), runtime::field("end_time", &M::end_time),
                      runtime::field("enabled", &M::enabled),     runtime::field("recurrence", &M::recurrence)};
  }
};

// Adds cron, time_zone, start_time, end_time, enabled and the recurrence block. In the resource,
// time_zone and start_time are also computed (defaults: "UTC"; for a recurrence, the time of the
// first plan, which anchors its intervals).
void add_trigger_schema(schema::BlockBuilder& builder, bool resource);

// The trigger fields of `config` (all known) into `spec` (rule, time_zone, windows_time_zone,
// start_time, end_time normalized to local wall time, enabled). Errors go to `diags` with the
// attribute path; returns false then.
bool read_trigger(const TriggerModel& config, schedule::ScheduleSpec& spec, schema::Diagnostics& diags);
// The same, of an object with the trigger attributes.
bool read_trigger(const cty::Value& config, schedule::ScheduleSpec& spec, schema::Diagnostics& diags);

// A schedule engine's Status -> "Invalid <field>" at its field ("recurrence.interval" ->
// recurrence.interval), through runtime::report_status. Returns status.ok().
bool report(const Status& status, schema::Diagnostics& diags);

// "2026-03-29T03:00:00+02:00" for each fire time.
cty::Value run_list(const std::vector<date::sys_seconds>& runs, const date::time_zone* zone);

// The next `count` runs from `from`, RFC 3339 in the schedule's zone.
Result<std::vector<std::string>> next_run_texts(const schedule::ScheduleSpec& spec, date::sys_seconds from,
                                                int count);

// The plan's view of a schedule's next `count` runs from `now`: a warning (the protocol has no
// informational severity) at `cron` or `recurrence` whose summary names the schedule, so Terraform
// does not fold several schedules into one message. `anchor_at_apply`: the recurrence has no
// start_time and is anchored at the apply (the detail says these runs assume it happens now).
// Fails only for a spec that read_trigger and validate_spec did not accept.
Status preview_next_runs(const schedule::ScheduleSpec& spec, bool anchor_at_apply, date::sys_seconds now, int count,
                         schema::Diagnostics& diags);

// The recurrence as a file has it (canonical), with empty lists as [] rather than null.
RecurrenceModel recurrence_model(const schedule::Recurrence& r);

}  // namespace aoa::provider
