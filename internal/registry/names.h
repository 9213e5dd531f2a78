// Name rules of the embedded registry. Each validator returns OK when the name is allowed,
// otherwise invalid argument (no field: the name is the whole input) with a message saying what is
// wrong and what is allowed (ready for a diagnostic).
//
// Model names and versions follow Azure ML asset names, so a record can be mirrored into a
// workspace or registry as is: 1 to 255 characters, ASCII letters, digits, '-', '_' and '.',
// starting with a letter or digit. Stricter than Azure ML on one point: no "..", so that
// registry/<model>/<version>.yaml can never leave its folder. Names are case-sensitive (note that
// "Fraud" and "fraud" collide on case-insensitive file systems; keep registry names lower-case).
//
// Metric names follow MLflow metric keys: 1 to 255 characters, ASCII letters, digits, '_', '-',
// '.', '/', starting with a letter ("auc", "latency_p95_ms", "val/loss").
#pragma once

#include <string>
#include <string_view>

#include "internal/status/status.h"

namespace aoa::registry {

inline constexpr size_t kMaxNameLength = 255;

Status validate_model_name(std::string_view name);
Status validate_version(std::string_view version);
Status validate_metric_name(std::string_view name);

}  // namespace aoa::registry
