// JSON encoding of cty values (go-cty cty/json): DynamicValue.json and RawState.json.
#pragma once

#include <string>
#include <string_view>

#include "schema/msgpack_codec.h"  // DecodeError
#include "schema/type.h"
#include "schema/value.h"

namespace aoa::cty {

// Decodes state JSON against `type`. Dynamic slots are {"value": …, "type": …}; objects with
// missing attributes get nulls, unknown attributes are ignored; numbers keep their exact decimal
// text. Primitive conversions as go-cty: strings accept numbers/bools, numbers accept numeric strings,
// bools accept "true"/"false". Throws DecodeError (with path) on malformed JSON or mismatches.
// Limitation: JSON number literals outside double range (e.g. 1e400) are rejected by the JSON lexer;
// integers of any length up to that range and all decimals within it are kept exactly.
Value decode_json(std::string_view json, const Type& type);

// Encodes `v` for a slot of schema type `type`. Throws std::invalid_argument on unknown values,
// type mismatches or strings that are not valid UTF-8.
std::string encode_json(const Value& v, const Type& type);

}  // namespace aoa::cty
