// How the registry words what is wrong with a record (inside internal/registry only).
#pragma once

#include <string>

#include "internal/status/status.h"

namespace aoa::registry::detail {

// `field` is the path of the offending field in the record ("metrics.auc", "lineage.run_id"),
// empty for the document as a whole. The message reads "model version record: <field>: <problem>",
// complete for a diagnostic's detail.
Status record_error(StatusCode code, const std::string& field, const std::string& problem);

}  // namespace aoa::registry::detail
