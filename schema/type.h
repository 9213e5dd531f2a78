// aoa::cty::Type — immutable value-semantic type descriptors modelled on go-cty.
#pragma once

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace aoa::cty {

struct TypeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Type {
 public:
  enum class Kind { String, Number, Bool, Dynamic, List, Set, Map, Tuple, Object };

  Type();  // dynamic

  static Type string();
  static Type number();
  static Type boolean();
  static Type dynamic();
  static Type list(Type element);
  static Type set(Type element);
  static Type map(Type element);
  static Type tuple(std::vector<Type> elements);
  static Type object(std::map<std::string, Type> attributes);

  Kind kind() const;
  bool is_primitive() const;   // string, number, bool
  bool is_collection() const;  // list, set, map
  bool is_dynamic() const { return kind() == Kind::Dynamic; }
  bool is_object() const { return kind() == Kind::Object; }
  bool is_tuple() const { return kind() == Kind::Tuple; }
  // True if `dynamic` appears anywhere in this type (including itself).
  bool contains_dynamic() const;

  const Type& element() const;                          // list/set/map; throws std::logic_error otherwise
  const std::vector<Type>& tuple_elements() const;      // tuple; throws std::logic_error otherwise
  const std::map<std::string, Type>& attributes() const;  // object; throws std::logic_error otherwise
  bool has_attribute(const std::string& name) const;
  const Type& attribute(const std::string& name) const;  // throws std::out_of_range

  // go-cty JSON type text: "string", ["list","string"], ["object",{"a":"number"}].
  std::string to_json() const;
  // Parses go-cty JSON type text. Throws TypeError on malformed input, unknown kinds,
  // trailing data or nesting deeper than 256.
  static Type from_json(std::string_view json);

  // "string", "list of string", "map of number", "object", "tuple", "dynamic".
  std::string friendly_name() const;

  bool operator==(const Type& other) const;
  bool operator!=(const Type& other) const { return !(*this == other); }

  struct Impl;

 private:
  explicit Type(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

}  // namespace aoa::cty
