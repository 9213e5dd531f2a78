// Internal helpers shared between schema/*.cc files. Not part of the public API.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "schema/type.h"

namespace aoa::cty::internal {

// Converts parsed go-cty type JSON; throws TypeError (depth counts nesting levels, max 256).
Type type_from_nlohmann(const nlohmann::json& j, int depth);

}  // namespace aoa::cty::internal
