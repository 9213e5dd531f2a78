#include "internal/protocol/convert.h"

#include "schema/json_codec.h"
#include "schema/msgpack_codec.h"

namespace aoa::protocol {
namespace {

tfplugin6::Schema::NestedBlock::NestingMode nesting_to_proto(schema::Nesting n) {
  using M = tfplugin6::Schema::NestedBlock;
  switch (n) {
    case schema::Nesting::Single: return M::SINGLE;
    case schema::Nesting::Group: return M::GROUP;
    case schema::Nesting::List: return M::LIST;
    case schema::Nesting::Set: return M::SET;
    case schema::Nesting::Map: return M::MAP;
  }
  return M::INVALID;
}

void block_to_proto(const schema::Block& in, tfplugin6::Schema::Block* out) {
  out->set_description(in.description);
  out->set_description_kind(tfplugin6::MARKDOWN);
  out->set_deprecated(in.deprecated);
  for (const auto& a : in.attributes) {
    auto* pa = out->add_attributes();
    pa->set_name(a.name);
    pa->set_type(a.type.to_json());
    pa->set_description(a.description);
    pa->set_description_kind(tfplugin6::MARKDOWN);
    pa->set_required(a.required);
    pa->set_optional(a.optional);
    pa->set_computed(a.computed);
    pa->set_sensitive(a.sensitive);
    pa->set_deprecated(a.deprecated);
  }
  for (const auto& b : in.block_types) {
    auto* pb = out->add_block_types();
    pb->set_type_name(b.type_name);
    pb->set_nesting(nesting_to_proto(b.nesting));
    pb->set_min_items(b.min_items);
    pb->set_max_items(b.max_items);
    block_to_proto(*b.block, pb->mutable_block());
  }
}

}  // namespace

void to_proto(const schema::Schema& in, tfplugin6::Schema* out) {
  out->set_version(in.version);
  block_to_proto(in.block, out->mutable_block());
}

void to_proto(const schema::AttributePath& in, tfplugin6::AttributePath* out) {
  using K = schema::AttributePath::Step::Kind;
  for (const auto& s : in.steps()) {
    auto* step = out->add_steps();
    switch (s.kind) {
      case K::Attribute: step->set_attribute_name(s.name); break;
      case K::KeyString: step->set_element_key_string(s.name); break;
      case K::KeyInt: step->set_element_key_int(s.index); break;
    }
  }
}

void to_proto(const schema::FunctionSignature& in, tfplugin6::Function* out) {
  out->set_summary(in.summary);
  out->set_description(in.description);
  out->set_description_kind(tfplugin6::MARKDOWN);
  for (const auto& p : in.parameters) {
    auto* pp = out->add_parameters();
    pp->set_name(p.name);
    pp->set_type(p.type.to_json());
    pp->set_description(p.description);
    pp->set_description_kind(tfplugin6::MARKDOWN);
    pp->set_allow_null_value(p.allow_null);
    pp->set_allow_unknown_values(false);
  }
  out->mutable_return_()->set_type(in.return_type.to_json());
}

void to_proto(const schema::FunctionError& in, tfplugin6::FunctionError* out) {
  out->set_text(in.text);
  if (in.argument) out->set_function_argument(*in.argument);
}

schema::AttributePath from_proto(const tfplugin6::AttributePath& in) {
  schema::AttributePath path;
  for (const auto& s : in.steps()) {
    switch (s.selector_case()) {
      case tfplugin6::AttributePath::Step::kAttributeName: path = path.attr(s.attribute_name()); break;
      case tfplugin6::AttributePath::Step::kElementKeyString: path = path.key(s.element_key_string()); break;
      case tfplugin6::AttributePath::Step::kElementKeyInt: path = path.index(s.element_key_int()); break;
      default: break;
    }
  }
  return path;
}

void to_proto(const schema::Diagnostics& in, google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic>* out) {
  for (const auto& d : in.items()) {
    auto* pd = out->Add();
    pd->set_severity(d.severity == schema::Severity::Error ? tfplugin6::Diagnostic::ERROR
                                                           : tfplugin6::Diagnostic::WARNING);
    pd->set_summary(d.summary);
    pd->set_detail(d.detail);
    if (d.path && !d.path->empty()) to_proto(*d.path, pd->mutable_attribute());
  }
}

cty::Value decode_dynamic(const tfplugin6::DynamicValue& in, const cty::Type& type) {
  if (!in.msgpack().empty()) return cty::decode_msgpack(in.msgpack(), type);
  if (!in.json().empty()) return cty::decode_json(in.json(), type);
  return cty::Value::null(type);
}

void encode_dynamic(const cty::Value& value, const cty::Type& type, tfplugin6::DynamicValue* out) {
  out->set_msgpack(cty::encode_msgpack(value, type));
}

}  // namespace aoa::protocol
