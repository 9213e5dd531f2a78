// The one place where an engine's Status (internal/status/status.h) becomes what Terraform shows:
// a diagnostic at an attribute path, or a function error at an argument. Engines name the field
// of their own input as dotted text; the caller says where that input sits in its schema.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "internal/status/status.h"
#include "schema/diagnostics.h"
#include "schema/function.h"

namespace aoa::runtime {

// The attribute path of a Status field under `base`: "recurrence.hours" -> recurrence.hours,
// "apps[2]" -> apps[2], `labels["team"]` -> labels["team"], "metrics.auc" -> metrics.auc. Without a
// base, the field's first name is the root attribute. nullopt when field and base are both empty.
std::optional<schema::AttributePath> status_path(const std::string& field,
                                                 const std::optional<schema::AttributePath>& base = std::nullopt);

// Where a Status's diagnostic goes and what it says; every member is optional.
struct StatusReport {
  // Default "Invalid <field>" (the engine's field as written, e.g. "Invalid recurrence.hours").
  std::string summary;
  // The attribute the engine's input came from (status_path's base).
  std::optional<schema::AttributePath> base;
  // false: no attribute path, whatever the field says.
  bool at_field = true;
  // Put before the Status's message, e.g. "Could not parse the file: ".
  std::string detail_prefix;
};

// An error diagnostic for a failed `status` (nothing when ok): the summary, the Status's message as
// the detail, and the path of its field. Returns status.ok().
bool report_status(const Status& status, schema::Diagnostics& diags, const StatusReport& how = {});

// A function's failure: the Status's message, at argument `argument` (none: the call as a whole).
schema::FunctionResult function_failure(const Status& status, std::optional<int64_t> argument);

}  // namespace aoa::runtime
