#include "schema/type.h"

#include <nlohmann/json.hpp>

#include "schema/internal.h"

namespace aoa::cty {

struct Type::Impl {
  Kind kind;
  std::vector<Type> elems;             // element (size 1) for collections, elements for tuple
  std::map<std::string, Type> attrs;   // object
  bool has_dynamic = false;
};

namespace {
std::shared_ptr<const Type::Impl> make_prim(Type::Kind k) {
  auto p = std::make_shared<Type::Impl>();
  p->kind = k;
  p->has_dynamic = (k == Type::Kind::Dynamic);
  return p;
}
const std::shared_ptr<const Type::Impl>& prim(Type::Kind k) {
  static const std::shared_ptr<const Type::Impl> s = make_prim(Type::Kind::String);
  static const std::shared_ptr<const Type::Impl> n = make_prim(Type::Kind::Number);
  static const std::shared_ptr<const Type::Impl> b = make_prim(Type::Kind::Bool);
  static const std::shared_ptr<const Type::Impl> d = make_prim(Type::Kind::Dynamic);
  switch (k) {
    case Type::Kind::String: return s;
    case Type::Kind::Number: return n;
    case Type::Kind::Bool: return b;
    default: return d;
  }
}
}  // namespace

Type::Type() : impl_(prim(Kind::Dynamic)) {}
Type Type::string() { return Type(prim(Kind::String)); }
Type Type::number() { return Type(prim(Kind::Number)); }
Type Type::boolean() { return Type(prim(Kind::Bool)); }
Type Type::dynamic() { return Type(prim(Kind::Dynamic)); }


Type Type::list(Type element) {
  auto p = std::make_shared<Impl>();
  p->kind = Kind::List;
  p->has_dynamic = element.contains_dynamic();
  p->elems.push_back(std::move(element));
  return Type(std::move(p));
}
Type Type::set(Type element) {
  auto p = std::make_shared<Impl>();
  p->kind = Kind::Set;
  p->has_dynamic = element.contains_dynamic();
  p->elems.push_back(std::move(element));
  return Type(std::move(p));
}
Type Type::map(Type element) {
  auto p = std::make_shared<Impl>();
  p->kind = Kind::Map;
  p->has_dynamic = element.contains_dynamic();
  p->elems.push_back(std::move(element));
  return Type(std::move(p));
}
Type Type::tuple(std::vector<Type> elements) {
  auto p = std::make_shared<Impl>();
  p->kind = Kind::Tuple;
  for (const auto& e : elements) p->has_dynamic = p->has_dynamic || e.contains_dynamic();
  p->elems = std::move(elements);
  return Type(std::move(p));
}
Type Type::object(std::map<std::string, Type> attributes) {
  auto p = std::make_shared<Impl>();
  p->kind = Kind::Object;
  for (const auto& [_, t] : attributes) p->has_dynamic = p->has_dynamic || t.contains_dynamic();
  p->attrs = std::move(attributes);
  return Type(std::move(p));
}

Type::Kind Type::kind() const { return impl_->kind; }
bool Type::is_primitive() const {
  auto k = kind();
  return k == Kind::String || k == Kind::Number || k == Kind::Bool;
}
bool Type::is_collection() const {
  auto k = kind();
  return k == Kind::List || k == Kind::Set || k == Kind::Map;
}
bool Type::contains_dynamic() const { return impl_->has_dynamic; }

const Type& Type::element() const {
  if (!is_collection()) throw std::logic_error("Type::element() called on " + friendly_name());
  return impl_->elems[0];
}
const std::vector<Type>& Type::tuple_elements() const {
  if (kind() != Kind::Tuple) throw std::logic_error("Type::tuple_elements() called on " + friendly_name());
  return impl_->elems;
}
const std::map<std::string, Type>& Type::attributes() const {
  if (kind() != Kind::Object) throw std::logic_error("Type::attributes() called on " + friendly_name());
  return impl_->attrs;
}
bool Type::has_attribute(const std::string& name) const {
  return kind() == Kind::Object && impl_->attrs.count(name) != 0;
}
const Type& Type::attribute(const std::string& name) const {
  if (kind() != Kind::Object) throw std::out_of_range("not an object type: no attribute " + name);
  auto it = impl_->attrs.find(name);
  if (it == impl_->attrs.end()) throw std::out_of_range("object type has no attribute " + name);
  return it->second;
}

bool Type::operator==(const Type& o) const {
  if (impl_ == o.impl_) return true;
  if (impl_->kind != o.impl_->kind) return false;
  if (impl_->elems.size() != o.impl_->elems.size() || impl_->attrs.size() != o.impl_->attrs.size()) return false;
  for (size_t i = 0; i < impl_->elems.size(); ++i)
    if (impl_->elems[i] != o.impl_->elems[i]) return false;
  auto a = impl_->attrs.begin();
  auto b = o.impl_->attrs.begin();
  for (; a != impl_->attrs.end(); ++a, ++b)
    if (a->first != b->first || a->second != b->second) return false;
  return true;
}

namespace {
nlohmann::json to_j(const Type& t) {
  switch (t.kind()) {
    case Type::Kind::String: return "string";
    case Type::Kind::Number: return "number";
    case Type::Kind::Bool: return "bool";
    case Type::Kind::Dynamic: return "dynamic";
    case Type::Kind::List: return nlohmann::json::array({"list", to_j(t.element())});
    case Type::Kind::Set: return nlohmann::json::array({"set", to_j(t.element())});
    case Type::Kind::Map: return nlohmann::json::array({"map", to_j(t.element())});
    case Type::Kind::Tuple: {
      auto arr = nlohmann::json::array();
      for (const auto& e : t.tuple_elements()) arr.push_back(to_j(e));
      return nlohmann::json::array({"tuple", std::move(arr)});
    }
    case Type::Kind::Object: {
      auto obj = nlohmann::json::object();
      for (const auto& [k, v] : t.attributes()) obj[k] = to_j(v);
      return nlohmann::json::array({"object", std::move(obj)});
    }
  }
  return "dynamic";
}
}  // namespace

std::string Type::to_json() const {
  return to_j(*this).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace internal {
Type type_from_nlohmann(const nlohmann::json& j, int depth) {
  if (depth > 256) throw TypeError("type nesting too deep");
  if (j.is_string()) {
    const auto& s = j.get_ref<const std::string&>();
    if (s == "string") return Type::string();
    if (s == "number") return Type::number();
    if (s == "bool") return Type::boolean();
    if (s == "dynamic") return Type::dynamic();
    throw TypeError("unsupported primitive type \"" + s + "\"");
  }
  if (!j.is_array() || j.size() < 2 || !j[0].is_string())
    throw TypeError("invalid type specification: expected a string or [kind, ...] array");
  const auto& kind = j[0].get_ref<const std::string&>();
  if (kind == "list" || kind == "set" || kind == "map") {
    if (j.size() != 2) throw TypeError("invalid " + kind + " type specification");
    Type e = type_from_nlohmann(j[1], depth + 1);
    if (kind == "list") return Type::list(std::move(e));
    if (kind == "set") return Type::set(std::move(e));
    return Type::map(std::move(e));
  }
  if (kind == "tuple") {
    if (j.size() != 2 || !j[1].is_array()) throw TypeError("invalid tuple type specification");
    std::vector<Type> elems;
    for (const auto& e : j[1]) elems.push_back(type_from_nlohmann(e, depth + 1));
    return Type::tuple(std::move(elems));
  }
  if (kind == "object") {
    // Optional third element lists optional attributes (type constraints only); accept and ignore.
    if (j.size() > 3 || !j[1].is_object()) throw TypeError("invalid object type specification");
    if (j.size() == 3 && !j[2].is_array()) throw TypeError("invalid object optional-attributes list");
    std::map<std::string, Type> attrs;
    for (auto it = j[1].begin(); it != j[1].end(); ++it) attrs.emplace(it.key(), type_from_nlohmann(it.value(), depth + 1));
    return Type::object(std::move(attrs));
  }
  throw TypeError("unsupported type kind \"" + kind + "\"");
}
}  // namespace internal

Type Type::from_json(std::string_view text) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::exception& e) {
    throw TypeError(std::string("invalid type JSON: ") + e.what());
  }
  return internal::type_from_nlohmann(j, 0);
}

std::string Type::friendly_name() const {
  switch (kind()) {
    case Kind::String: return "string";
    case Kind::Number: return "number";
    case Kind::Bool: return "bool";
    case Kind::Dynamic: return "dynamic";
    case Kind::List: return "list of " + element().friendly_name();
    case Kind::Set: return "set of " + element().friendly_name();
    case Kind::Map: return "map of " + element().friendly_name();
    case Kind::Tuple: return "tuple";
    case Kind::Object: return "object";
  }
  return "dynamic";
}

}  // namespace aoa::cty
