// Typed models: a resource declares its model once, as a struct of `Field`s with a table of
// attribute names next to it, and the runtime decodes configuration, prior state and plan into it
// and encodes results back. Nothing else in provider/ reads an attribute of a `cty::Value` by name.
//
//   struct Lineage {
//     runtime::String run_id;
//     static constexpr auto fields() { return std::tuple{runtime::field("run_id", &Lineage::run_id)}; }
//   };
//
// A `Field<T>` keeps null, unknown and known apart. Collections decode as a whole: a list, set or
// map with an unknown element is an unknown field (the raw value stays available to plan hooks).
// Nested blocks are models too (`Field<Lineage>`, `Field<std::vector<Environment>>`); like a known
// object, a known list of models keeps each element's known fields.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "schema/number.h"
#include "schema/type.h"
#include "schema/value.h"

namespace aoa::runtime {

template <typename T>
class Field {
 public:
  Field() = default;  // null
  Field(T value) : state_(State::Known), value_(std::move(value)) {}  // NOLINT: a known value converts
  static Field null() { return Field(); }
  static Field unknown() {
    Field f;
    f.state_ = State::Unknown;
    return f;
  }

  bool is_null() const { return state_ == State::Null; }
  bool is_unknown() const { return state_ == State::Unknown; }
  bool is_known() const { return state_ == State::Known; }  // known and not null
  // Precondition: is_known().
  const T& get() const {
    if (!is_known()) throw std::logic_error("runtime::Field::get() of a null or unknown value");
    return value_;
  }
  T value_or(T fallback) const { return is_known() ? value_ : std::move(fallback); }

  bool operator==(const Field& o) const { return state_ == o.state_ && (!is_known() || value_ == o.value_); }

 private:
  enum class State { Null, Unknown, Known };
  State state_ = State::Null;
  T value_{};
};

using String = Field<std::string>;
using Bool = Field<bool>;
using Number = Field<cty::Number>;
using StringList = Field<std::vector<std::string>>;  // a list or a set of strings
using StringMap = Field<std::map<std::string, std::string>>;

// One row of a model's field table.
template <typename M, typename T>
struct FieldRef {
  const char* name;
  T M::*member;
};
template <typename M, typename T>
constexpr FieldRef<M, T> field(const char* name, T M::*member) {
  return {name, member};
}

template <typename M>
concept Model = requires { M::fields(); };

// A list or set of models (a list or set block).
template <typename T>
inline constexpr bool kModelList = false;
template <Model E>
inline constexpr bool kModelList<std::vector<E>> = true;

// ---------------------------------------------------------------- codecs
// Codec<T>::decode(value) of a known, non-null value; Codec<T>::encode(v, type) to a value of `type`.
template <typename T>
struct Codec;

template <>
struct Codec<std::string> {
  static std::string decode(const cty::Value& v) { return v.as_string(); }
  static cty::Value encode(const std::string& s, const cty::Type&) { return cty::Value::string(s); }
};
template <>
struct Codec<bool> {
  static bool decode(const cty::Value& v) { return v.as_bool(); }
  static cty::Value encode(bool b, const cty::Type&) { return cty::Value::boolean(b); }
};
template <>
struct Codec<cty::Number> {
  static cty::Number decode(const cty::Value& v) { return v.as_number(); }
  static cty::Value encode(const cty::Number& n, const cty::Type&) { return cty::Value::number(n); }
};

template <typename T>
struct Codec<Field<T>> {
  static Field<T> decode(const cty::Value& v) {
    if (v.is_null()) return Field<T>::null();
    if (!v.is_known()) return Field<T>::unknown();
    if constexpr (!Model<T> && !kModelList<T>) {  // known objects keep their known fields; other collections are all or nothing
      if (!v.is_wholly_known()) return Field<T>::unknown();
    }
    return Field<T>(Codec<T>::decode(v));
  }
  static cty::Value encode(const Field<T>& f, const cty::Type& type) {
    if (f.is_null()) return cty::Value::null(type);
    if (f.is_unknown()) return cty::Value::unknown(type);
    return Codec<T>::encode(f.get(), type);
  }
};

template <typename E>
struct Codec<std::vector<E>> {  // list or set, by the schema's type
  static std::vector<E> decode(const cty::Value& v) {
    std::vector<E> out;
    for (const auto& e : v.elements()) out.push_back(Codec<E>::decode(e));
    return out;
  }
  static cty::Value encode(const std::vector<E>& items, const cty::Type& type) {
    std::vector<cty::Value> elems;
    for (const auto& e : items) elems.push_back(Codec<E>::encode(e, type.element()));
    return type.kind() == cty::Type::Kind::Set ? cty::Value::set(type.element(), std::move(elems))
                                               : cty::Value::list(type.element(), std::move(elems));
  }
};

template <typename E>
struct Codec<std::map<std::string, E>> {
  static std::map<std::string, E> decode(const cty::Value& v) {
    std::map<std::string, E> out;
    for (const auto& [k, e] : v.entries()) out.emplace(k, Codec<E>::decode(e));
    return out;
  }
  static cty::Value encode(const std::map<std::string, E>& items, const cty::Type& type) {
    std::map<std::string, cty::Value> entries;
    for (const auto& [k, e] : items) entries.emplace(k, Codec<E>::encode(e, type.element()));
    return cty::Value::map(type.element(), std::move(entries));
  }
};

template <Model M>
struct Codec<M> {
  static M decode(const cty::Value& v) {
    M m{};
    std::apply([&](const auto&... f) { ((m.*(f.member) = decode_attr<M>(v, f)), ...); }, M::fields());
    return m;
  }
  static cty::Value encode(const M& m, const cty::Type& type) {
    std::map<std::string, cty::Value> attrs;
    std::apply([&](const auto&... f) {
      ((attrs[f.name] = Codec<std::remove_cvref_t<decltype(m.*(f.member))>>::encode(m.*(f.member), type.attribute(f.name))), ...);
    }, M::fields());
    return cty::Value::object(type, std::move(attrs));
  }

 private:
  template <typename Owner, typename T>
  static T decode_attr(const cty::Value& obj, const FieldRef<Owner, T>& f) {
    // Within a known object every attribute is present; an unknown object makes every field unknown.
    if (!obj.is_known()) return Codec<T>::decode(cty::Value::unknown(cty::Type::dynamic()));
    return Codec<T>::decode(obj.attr(f.name));
  }
};

// A model from an object value (null or unknown objects give all-null or all-unknown fields).
template <Model M>
M decode(const cty::Value& object) {
  if (object.is_null()) return M{};
  return Codec<M>::decode(object);
}
template <Model M>
cty::Value encode(const M& model, const cty::Type& object_type) {
  return Codec<M>::encode(model, object_type);
}

// True when no field of `m` is unknown, in nested models too (null fields are known).
template <Model M>
bool wholly_known(const M& m);
template <typename T>
bool wholly_known(const Field<T>& f) {
  if constexpr (Model<T>) {
    if (f.is_known()) return wholly_known(f.get());
  }
  if constexpr (kModelList<T>) {
    if (f.is_known()) {
      for (const auto& e : f.get())
        if (!wholly_known(e)) return false;
    }
  }
  return !f.is_unknown();
}
template <Model M>
bool wholly_known(const M& m) {
  return std::apply([&](const auto&... f) { return (wholly_known(m.*(f.member)) && ...); }, M::fields());
}

// `base` (an object `before` was decoded from) with the fields that `after` changed encoded anew;
// unchanged fields keep base's value as it is, including partly unknown collections that a Field
// can only hold as wholly unknown. Models compare with a defaulted operator==.
template <Model M>
cty::Value encode_over(const cty::Value& base, const M& before, const M& after, const cty::Type& object_type) {
  if (base.is_null() || !base.is_known()) return encode(after, object_type);
  cty::Value out = base;
  std::apply([&](const auto&... f) {
    ((before.*(f.member) == after.*(f.member)
          ? void()
          : void(out = out.with_attr(f.name, Codec<std::remove_cvref_t<decltype(after.*(f.member))>>::encode(
                                                 after.*(f.member), object_type.attribute(f.name))))),
     ...);
  }, M::fields());
  return out;
}

// The attribute names of M's table that `object_type` lacks, and those it has that M lacks:
// both empty when the model matches the schema (a unit test per resource checks this).
template <Model M>
std::pair<std::vector<std::string>, std::vector<std::string>> model_mismatch(const cty::Type& object_type) {
  std::vector<std::string> missing_in_schema, missing_in_model;
  std::vector<std::string> names;
  std::apply([&](const auto&... f) { (names.push_back(f.name), ...); }, M::fields());
  for (const auto& n : names)
    if (!object_type.has_attribute(n)) missing_in_schema.push_back(n);
  for (const auto& [n, _] : object_type.attributes()) {
    bool found = false;
    for (const auto& m : names) found = found || m == n;
    if (!found) missing_in_model.push_back(n);
  }
  return {missing_in_schema, missing_in_model};
}

}  // namespace aoa::runtime
