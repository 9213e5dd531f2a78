// The value and schema names that resource and data source files use unqualified.
#pragma once

#include "schema/diagnostics.h"
#include "schema/schema.h"
#include "schema/value.h"

namespace aoa::provider {

using cty::Type;
using cty::Value;
using schema::AttributePath;
using schema::BlockBuilder;
using schema::Nesting;

}  // namespace aoa::provider
