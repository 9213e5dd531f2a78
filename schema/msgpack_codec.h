// msgpack encoding of cty values as used by the Terraform plugin protocol (DynamicValue.msgpack).
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "schema/type.h"
#include "schema/value.h"

namespace aoa::cty {

// Thrown by decode_msgpack / decode_json. `path` names the offending location in go-cty style
// (".environment[0].name", ".labels[\"team\"]"; empty for the root); `message` is the bare reason.
struct DecodeError : std::runtime_error {
  DecodeError(std::string path, std::string message);
  std::string path;
  std::string message;
};

constexpr int kMaxDecodeDepth = 256;

// Decodes `bytes` as a value of schema type `type`. Throws DecodeError on malformed input,
// type mismatches, objects with missing/extra attributes, nesting deeper than kMaxDecodeDepth
// or trailing bytes. Any ext type decodes as unknown (refinements are dropped).
Value decode_msgpack(std::string_view bytes, const Type& type);

// Encodes `v` for a slot of schema type `type` (dynamic slots are written as [bin(type json), value]).
// Throws std::invalid_argument when `v` does not conform to `type`.
std::string encode_msgpack(const Value& v, const Type& type);

}  // namespace aoa::cty
