// The trigger attributes that appofapps_schedule and data "appofapps_schedule_preview" share
// (cron or recurrence, time_zone, start_time, end_time, enabled): their schema, and reading them
// into an internal/schedule spec with diagnostics at the attribute that is wrong.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "internal/schedule/next_runs.h"
#include "internal/schedule/schedule_error.h"
#include "internal/schedule/schedule_spec.h"
#include "schema/diagnostics.h"
#include "schema/schema.h"
#include "schema/value.h"

namespace aoa::provider {

// Adds cron, time_zone, start_time, end_time, enabled and the recurrence block. In the resource,
// time_zone and start_time are also computed (defaults: "UTC"; for a recurrence, the time of the
// first plan, which anchors its intervals).
void add_trigger_schema(schema::BlockBuilder& builder, bool resource);

// The trigger fields of `config` (all known) into `spec` (rule, time_zone, windows_time_zone,
// start_time, end_time normalized to local wall time, enabled). Errors go to `diags` with the
// attribute path; returns false then.
bool read_trigger(const cty::Value& config, schedule::ScheduleSpec& spec, schema::Diagnostics& diags);

// ScheduleError -> diagnostic at its field ("recurrence.interval" -> recurrence.interval).
void report(const schedule::ScheduleError& e, schema::Diagnostics& diags);

// "2026-03-29T03:00:00+02:00" for each fire time.
cty::Value run_list(const std::vector<date::sys_seconds>& runs, const date::time_zone* zone);

}  // namespace aoa::provider
