// Conversions between the SDK's types (schema/) and tfplugin6 protobuf messages.
#pragma once

#include <google/protobuf/repeated_field.h>

#include "internal/protocol/proto/tfplugin6.pb.h"
#include "schema/diagnostics.h"
#include "schema/function.h"
#include "schema/schema.h"
#include "schema/value.h"

namespace aoa::protocol {

void to_proto(const schema::Schema& in, tfplugin6::Schema* out);
void to_proto(const schema::AttributePath& in, tfplugin6::AttributePath* out);
void to_proto(const schema::Diagnostics& in, google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic>* out);
schema::AttributePath from_proto(const tfplugin6::AttributePath& in);
// A function's signature: parameters in order (nulls allowed only where declared, never unknowns),
// return type, summary and Markdown description.
void to_proto(const schema::FunctionSignature& in, tfplugin6::Function* out);
void to_proto(const schema::FunctionError& in, tfplugin6::FunctionError* out);

// A DynamicValue as Terraform sends it: msgpack if present, else JSON, else null of the type.
// Throws cty::DecodeError on malformed input.
cty::Value decode_dynamic(const tfplugin6::DynamicValue& in, const cty::Type& type);
// Always msgpack: JSON cannot carry unknowns.
void encode_dynamic(const cty::Value& value, const cty::Type& type, tfplugin6::DynamicValue* out);

}  // namespace aoa::protocol
