// aoa::cty::Value — immutable value tree modelled on go-cty.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "schema/number.h"
#include "schema/type.h"

namespace aoa::cty {

class Value {
 public:
  Value();  // null of dynamic type

  static Value null(Type t);
  static Value unknown(Type t);
  static Value string(std::string s);
  static Value number(Number n);
  static Value number(int64_t n);
  static Value boolean(bool b);
  // Collections. Element values must conform to `element` (equal type, or `element` is dynamic, or the
  // element is a null/unknown of dynamic type); throws std::invalid_argument otherwise.
  static Value list(Type element, std::vector<Value> elems);
  // Dedupes equal wholly-known elements and stores elements in a canonical order. Elements that
  // contain unknowns are never merged with each other.
  static Value set(Type element, std::vector<Value> elems);
  static Value map(Type element, std::map<std::string, Value> entries);
  static Value tuple(std::vector<Value> elems);              // type from element types
  static Value object(std::map<std::string, Value> attrs);   // type from attribute types
  // Object of the given type; missing attributes become null of their type; unknown names or
  // non-conforming values throw std::invalid_argument. The value's type() is `object_type`.
  static Value object(Type object_type, std::map<std::string, Value> attrs);

  const Type& type() const;
  bool is_null() const;
  bool is_unknown() const;
  bool is_known() const { return !is_unknown(); }
  bool is_wholly_known() const;

  const std::string& as_string() const;  // throw std::logic_error on wrong kind / null / unknown
  const Number& as_number() const;
  bool as_bool() const;
  const std::vector<Value>& elements() const;              // list/set/tuple (known, non-null)
  const std::map<std::string, Value>& entries() const;     // map entries or object attributes
  size_t length() const;
  const Value& attr(const std::string& name) const;        // object attribute; throws std::out_of_range
  bool has_attr(const std::string& name) const;
  Value with_attr(const std::string& name, Value v) const;  // copy of an object with one attribute replaced

  bool operator==(const Value& o) const;
  bool operator!=(const Value& o) const { return !(*this == o); }
  // Total order used for canonical set ordering (not semantically meaningful).
  static int compare(const Value& a, const Value& b);

  std::string debug_string() const;

  struct Impl;

 private:
  explicit Value(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

// True when a value of type `value_type` may be stored in a slot of type `slot_type`
// (equal, or dynamic where either side is dynamic at any depth).
bool type_conforms(const Type& value_type, const Type& slot_type);

}  // namespace aoa::cty
