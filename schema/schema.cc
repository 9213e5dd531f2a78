#include "schema/schema.h"

#include <set>
#include <stdexcept>

namespace aoa::schema {

cty::Type Block::implied_type() const {
  std::map<std::string, cty::Type> attrs;
  for (const auto& a : attributes) attrs.emplace(a.name, a.type);
  for (const auto& nb : block_types) {
    cty::Type obj = nb.block ? nb.block->implied_type() : cty::Type::object({});
    switch (nb.nesting) {
      case Nesting::Single:
      case Nesting::Group: attrs.emplace(nb.type_name, obj); break;
      case Nesting::List: attrs.emplace(nb.type_name, cty::Type::list(obj)); break;
      case Nesting::Set: attrs.emplace(nb.type_name, cty::Type::set(obj)); break;
      case Nesting::Map: attrs.emplace(nb.type_name, cty::Type::map(obj)); break;
    }
  }
  return cty::Type::object(std::move(attrs));
}

const Attribute* Block::find_attribute(const std::string& name) const {
  for (const auto& a : attributes)
    if (a.name == name) return &a;
  return nullptr;
}

const NestedBlock* Block::find_block(const std::string& type_name) const {
  for (const auto& b : block_types)
    if (b.type_name == type_name) return &b;
  return nullptr;
}

// ---------------------------------------------------------------- builder
Attribute& BlockBuilder::current_attribute(const char* what) {
  if (current_ != Current::Attribute || block_.attributes.empty())
    throw std::logic_error(std::string("BlockBuilder::") + what + "() must follow attribute()");
  return block_.attributes.back();
}
NestedBlock& BlockBuilder::current_block(const char* what) {
  if (current_ != Current::Block || block_.block_types.empty())
    throw std::logic_error(std::string("BlockBuilder::") + what + "() must follow block()");
  return block_.block_types.back();
}

BlockBuilder& BlockBuilder::description(std::string text) {
  switch (current_) {
    case Current::None: block_.description = std::move(text); break;
    case Current::Attribute: block_.attributes.back().description = std::move(text); break;
    case Current::Block: {
      auto& nb = block_.block_types.back();
      auto copy = std::make_shared<Block>(*nb.block);
      copy->description = std::move(text);
      nb.block = std::move(copy);
      break;
    }
  }
  return *this;
}
BlockBuilder& BlockBuilder::deprecated(bool value) {
  switch (current_) {
    case Current::None: block_.deprecated = value; break;
    case Current::Attribute: block_.attributes.back().deprecated = value; break;
    case Current::Block: {
      auto& nb = block_.block_types.back();
      auto copy = std::make_shared<Block>(*nb.block);
      copy->deprecated = value;
      nb.block = std::move(copy);
      break;
    }
  }
  return *this;
}
BlockBuilder& BlockBuilder::attribute(std::string name, cty::Type type) {
  Attribute a;
  a.name = std::move(name);
  a.type = std::move(type);
  block_.attributes.push_back(std::move(a));
  current_ = Current::Attribute;
  return *this;
}
BlockBuilder& BlockBuilder::required() {
  current_attribute("required").required = true;
  return *this;
}
BlockBuilder& BlockBuilder::optional() {
  current_attribute("optional").optional = true;
  return *this;
}
BlockBuilder& BlockBuilder::computed() {
  current_attribute("computed").computed = true;
  return *this;
}
BlockBuilder& BlockBuilder::sensitive() {
  current_attribute("sensitive").sensitive = true;
  return *this;
}
BlockBuilder& BlockBuilder::rule(Rule r) {
  current_attribute("rule").rules.push_back(std::move(r));
  return *this;
}
BlockBuilder& BlockBuilder::max_bytes(size_t n) {
  current_attribute("max_bytes").max_bytes = n;
  return *this;
}
BlockBuilder& BlockBuilder::multiline() {
  current_attribute("multiline").multiline = true;
  return *this;
}
BlockBuilder& BlockBuilder::requires_replace() {
  if (current_ == Current::Block)
    current_block("requires_replace").requires_replace = true;
  else
    current_attribute("requires_replace").requires_replace = true;
  return *this;
}
BlockBuilder& BlockBuilder::default_value(cty::Value v) {
  current_attribute("default_value").default_value = std::move(v);
  return *this;
}
BlockBuilder& BlockBuilder::block(std::string type_name, Nesting nesting, Block nested) {
  NestedBlock nb;
  nb.type_name = std::move(type_name);
  nb.nesting = nesting;
  nb.block = std::make_shared<const Block>(std::move(nested));
  block_.block_types.push_back(std::move(nb));
  current_ = Current::Block;
  return *this;
}
BlockBuilder& BlockBuilder::block(std::string type_name, Nesting nesting, const BlockBuilder& nested) {
  return block(std::move(type_name), nesting, nested.build());
}
BlockBuilder& BlockBuilder::min_items(int64_t n) {
  current_block("min_items").min_items = n;
  return *this;
}
BlockBuilder& BlockBuilder::max_items(int64_t n) {
  current_block("max_items").max_items = n;
  return *this;
}

Block BlockBuilder::build() const {
  validate_block(block_);
  return block_;
}

namespace {
bool valid_name(const std::string& n) {
  if (n.empty()) return false;
  for (char c : n)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}
bool set_contains_dynamic(const cty::Type& t) {
  switch (t.kind()) {
    case cty::Type::Kind::Set: return t.element().contains_dynamic();
    case cty::Type::Kind::List:
    case cty::Type::Kind::Map: return set_contains_dynamic(t.element());
    case cty::Type::Kind::Tuple:
      for (const auto& e : t.tuple_elements())
        if (set_contains_dynamic(e)) return true;
      return false;
    case cty::Type::Kind::Object:
      for (const auto& [_, e] : t.attributes())
        if (set_contains_dynamic(e)) return true;
      return false;
    default: return false;
  }
}
bool block_contains_dynamic(const Block& b) {
  for (const auto& a : b.attributes)
    if (a.type.contains_dynamic()) return true;
  for (const auto& nb : b.block_types)
    if (nb.block && block_contains_dynamic(*nb.block)) return true;
  return false;
}
}  // namespace

void validate_block(const Block& block, const std::string& where) {
  auto fail = [&](const std::string& name, const std::string& msg) {
    std::string loc = where.empty() ? name : where + "." + name;
    throw std::logic_error("invalid schema: " + loc + ": " + msg);
  };
  std::set<std::string> names;
  for (const auto& a : block.attributes) {
    if (!valid_name(a.name)) fail(a.name, "name must match ^[a-z0-9_]+$");
    if (!names.insert(a.name).second) fail(a.name, "duplicate attribute name");
    if (!a.required && !a.optional && !a.computed) fail(a.name, "must be required, optional or computed");
    if (a.required && (a.optional || a.computed)) fail(a.name, "required cannot be combined with optional or computed");
    if (set_contains_dynamic(a.type)) fail(a.name, "set types may not contain dynamic");
  }
  for (const auto& nb : block.block_types) {
    if (!valid_name(nb.type_name)) fail(nb.type_name, "name must match ^[a-z0-9_]+$");
    if (!names.insert(nb.type_name).second) fail(nb.type_name, "name used for both an attribute and a block, or twice");
    if (!nb.block) fail(nb.type_name, "nested block has no content");
    if (nb.min_items < 0 || nb.max_items < 0) fail(nb.type_name, "min_items/max_items must not be negative");
    if (nb.max_items != 0 && nb.min_items > nb.max_items) fail(nb.type_name, "min_items greater than max_items");
    switch (nb.nesting) {
      case Nesting::Single:
        if (nb.min_items != nb.max_items || nb.min_items > 1)
          fail(nb.type_name, "single blocks need min_items == max_items, both 0 or 1");
        break;
      case Nesting::Group:
        if (nb.min_items != 0 || nb.max_items != 0) fail(nb.type_name, "group blocks may not set min_items/max_items");
        break;
      case Nesting::Map:
        if (nb.min_items != 0 || nb.max_items != 0) fail(nb.type_name, "map blocks may not set min_items/max_items");
        [[fallthrough]];
      case Nesting::List:
      case Nesting::Set:
        if (block_contains_dynamic(*nb.block))
          fail(nb.type_name, "list, set and map blocks may not contain dynamic attributes (not supported)");
        break;
    }
    validate_block(*nb.block, where.empty() ? nb.type_name : where + "." + nb.type_name);
  }
}

}  // namespace aoa::schema
