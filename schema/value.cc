#include "schema/value.h"

#include <algorithm>
#include <stdexcept>
#include <variant>

namespace aoa::cty {

struct Value::Impl {
  enum class State { Null, Unknown, Known } state = State::Null;
  Type type;
  bool wholly_known = true;
  std::variant<std::monostate, std::string, Number, bool, std::vector<Value>, std::map<std::string, Value>> data;
};

using State = Value::Impl::State;

namespace {
std::shared_ptr<const Value::Impl> null_dynamic() {
  static const std::shared_ptr<const Value::Impl> p = std::make_shared<Value::Impl>();
  return p;
}
}  // namespace

bool type_conforms(const Type& v, const Type& slot) {
  if (slot.kind() == Type::Kind::Dynamic || v.kind() == Type::Kind::Dynamic) return true;
  if (v.kind() != slot.kind()) return false;
  switch (v.kind()) {
    case Type::Kind::List:
    case Type::Kind::Set:
    case Type::Kind::Map: return type_conforms(v.element(), slot.element());
    case Type::Kind::Tuple: {
      const auto& a = v.tuple_elements();
      const auto& b = slot.tuple_elements();
      if (a.size() != b.size()) return false;
      for (size_t i = 0; i < a.size(); ++i)
        if (!type_conforms(a[i], b[i])) return false;
      return true;
    }
    case Type::Kind::Object: {
      const auto& a = v.attributes();
      const auto& b = slot.attributes();
      if (a.size() != b.size()) return false;
      for (auto ia = a.begin(), ib = b.begin(); ia != a.end(); ++ia, ++ib)
        if (ia->first != ib->first || !type_conforms(ia->second, ib->second)) return false;
      return true;
    }
    default: return true;
  }
}

namespace {
void check_conforms(const Value& v, const Type& slot, const char* what) {
  if (!type_conforms(v.type(), slot))
    throw std::invalid_argument(std::string(what) + ": value of type " + v.type().friendly_name() +
                                " does not conform to " + slot.friendly_name());
}
}  // namespace

Value::Value() : impl_(null_dynamic()) {}

Value Value::null(Type t) {
  auto p = std::make_shared<Impl>();
  p->type = std::move(t);
  return Value(std::move(p));
}
Value Value::unknown(Type t) {
  auto p = std::make_shared<Impl>();
  p->state = State::Unknown;
  p->wholly_known = false;
  p->type = std::move(t);
  return Value(std::move(p));
}
Value Value::string(std::string s) {
  auto p = std::make_shared<Impl>();
  p->state = State::Known;
  p->type = Type::string();
  p->data = std::move(s);
  return Value(std::move(p));
}
Value Value::number(Number n) {
  auto p = std::make_shared<Impl>();
  p->state = State::Known;
  p->type = Type::number();
  p->data = std::move(n);
  return Value(std::move(p));
}
Value Value::number(int64_t n) { return number(Number::from_int(n)); }
Value Value::boolean(bool b) {
  auto p = std::make_shared<Impl>();
  p->state = State::Known;
  p->type = Type::boolean();
  p->data = b;
  return Value(std::move(p));
}

Value Value::list(Type element, std::vector<Value> elems) {
  auto p = std::make_shared<Impl>();
  p->state = State::Known;
  for (const auto& e : elems) {
    check_conforms(e, element, "list element");
    p->wholly_known = p->wholly_known && e.is_wholly_known();
  }
  p->type = Type::list(std::move(element));
  p->data = std::move(elems);
  return Value(std::move(p));
}

Value Value::set(Type element, std::vector<Value> elems) {
  auto p = std::make_shared<Impl>();
  p->state = State::Known;
  for (const auto& e : elems) {
    check_conforms(e, element, "set element");
    p->wholly_known = p->wholly_known && e.is_wholly_known();
  }
  std::stable_sort(elems.begin(), elems.end(), [](const Value& a, const Value& b) { return compare(a, b) < 0; });
  std::vector<Value> out;
  out.reserve(elems.size());
  for (auto& e : elems) {
    if (!out.empty() && e.is_wholly_known() && out.back().is_wholly_known() && compare(out.back(), e) == 0) continue;
    out.push_back(std::move(e));
  }
  p->type = Type::set(std::move(element));
  p->data = std::move(out);
  return Value(std::move(p));
}

Value Value::map(Type element, std::map<std::string, Value> entries) {
  auto p = std::make_shared<Impl>();
  p->state = State::Known;
  for (const auto& [_, e] : entries) {
    check_conforms(e, element, "map element");
    p->wholly_known = p->wholly_known && e.is_wholly_known();
  }
  p->type = Type::map(std::move(element));
  p->data = std::move(entries);
  return Value(std::move(p));
}

Value Value::tuple(std::vector<Value> elems) {
  auto p = std::make_shared<Impl>();
  p->state = State::Known;
  std::vector<Type> types;
  types.reserve(elems.size());
  for (const auto& e : elems) {
    types.push_back(e.type());
    p->wholly_known = p->wholly_known && e.is_wholly_known();
  }
  p->type = Type::tuple(std::move(types));
  p->data = std::move(elems);
  return Value(std::move(p));
}

Value Value::object(std::map<std::string, Value> attrs) {
  auto p = std::make_shared<Impl>();
  p->state = State::Known;
  std::map<std::string, Type> types;
  for (const auto& [k, v] : attrs) {
    types.emplace(k, v.type());
    p->wholly_known = p->wholly_known && v.is_wholly_known();
  }
  p->type = Type::object(std::move(types));
  p->data = std::move(attrs);
  return Value(std::move(p));
}

Value Value::object(Type object_type, std::map<std::string, Value> attrs) {
  if (object_type.kind() != Type::Kind::Object)
    throw std::invalid_argument("Value::object: type is " + object_type.friendly_name() + ", not an object");
  for (const auto& [k, v] : attrs) {
    if (!object_type.has_attribute(k)) throw std::invalid_argument("Value::object: unsupported attribute \"" + k + "\"");
    check_conforms(v, object_type.attribute(k), ("object attribute \"" + k + "\"").c_str());
  }
  auto p = std::make_shared<Impl>();
  p->state = State::Known;
  for (const auto& [k, t] : object_type.attributes()) {
    auto it = attrs.find(k);
    if (it == attrs.end()) attrs.emplace(k, Value::null(t));
    else p->wholly_known = p->wholly_known && it->second.is_wholly_known();
  }
  p->type = std::move(object_type);
  p->data = std::move(attrs);
  return Value(std::move(p));
}

const Type& Value::type() const { return impl_->type; }
bool Value::is_null() const { return impl_->state == State::Null; }
bool Value::is_unknown() const { return impl_->state == State::Unknown; }
bool Value::is_wholly_known() const { return impl_->wholly_known; }

namespace {
[[noreturn]] void wrong(const Value& v, const char* want) {
  std::string what = v.is_null() ? "null" : v.is_unknown() ? "unknown" : v.type().friendly_name();
  throw std::logic_error(std::string("cty value is ") + what + ", not " + want);
}
}  // namespace

const std::string& Value::as_string() const {
  if (auto* s = std::get_if<std::string>(&impl_->data); s && impl_->state == State::Known) return *s;
  wrong(*this, "a known string");
}
const Number& Value::as_number() const {
  if (auto* s = std::get_if<Number>(&impl_->data); s && impl_->state == State::Known) return *s;
  wrong(*this, "a known number");
}
bool Value::as_bool() const {
  if (auto* s = std::get_if<bool>(&impl_->data); s && impl_->state == State::Known) return *s;
  wrong(*this, "a known bool");
}
const std::vector<Value>& Value::elements() const {
  if (auto* s = std::get_if<std::vector<Value>>(&impl_->data); s && impl_->state == State::Known) return *s;
  wrong(*this, "a known list, set or tuple");
}
const std::map<std::string, Value>& Value::entries() const {
  if (auto* s = std::get_if<std::map<std::string, Value>>(&impl_->data); s && impl_->state == State::Known) return *s;
  wrong(*this, "a known map or object");
}
size_t Value::length() const {
  if (auto* s = std::get_if<std::vector<Value>>(&impl_->data); s && impl_->state == State::Known) return s->size();
  if (auto* s = std::get_if<std::map<std::string, Value>>(&impl_->data); s && impl_->state == State::Known) return s->size();
  if (auto* s = std::get_if<std::string>(&impl_->data); s && impl_->state == State::Known) return s->size();
  wrong(*this, "a known collection");
}
bool Value::has_attr(const std::string& name) const {
  if (impl_->state != State::Known || impl_->type.kind() != Type::Kind::Object) return false;
  return std::get<std::map<std::string, Value>>(impl_->data).count(name) != 0;
}
const Value& Value::attr(const std::string& name) const {
  if (impl_->type.kind() != Type::Kind::Object || impl_->state != State::Known)
    throw std::out_of_range("attr(\"" + name + "\"): value is not a known object");
  const auto& m = std::get<std::map<std::string, Value>>(impl_->data);
  auto it = m.find(name);
  if (it == m.end()) throw std::out_of_range("object has no attribute \"" + name + "\"");
  return it->second;
}
Value Value::with_attr(const std::string& name, Value v) const {
  if (impl_->type.kind() != Type::Kind::Object || impl_->state != State::Known)
    throw std::out_of_range("with_attr(\"" + name + "\"): value is not a known object");
  auto m = std::get<std::map<std::string, Value>>(impl_->data);
  auto it = m.find(name);
  if (it == m.end()) throw std::out_of_range("object has no attribute \"" + name + "\"");
  check_conforms(v, impl_->type.attribute(name), ("object attribute \"" + name + "\"").c_str());
  it->second = std::move(v);
  auto p = std::make_shared<Impl>();
  p->state = State::Known;
  p->type = impl_->type;
  for (const auto& [_, e] : m) p->wholly_known = p->wholly_known && e.is_wholly_known();
  p->data = std::move(m);
  return Value(std::move(p));
}

namespace {
int compare_types(const Type& a, const Type& b) {
  if (a == b) return 0;
  std::string ja = a.to_json(), jb = b.to_json();
  return ja < jb ? -1 : (ja > jb ? 1 : 0);
}
}  // namespace

int Value::compare(const Value& a, const Value& b) {
  if (a.impl_ == b.impl_) return 0;
  // Known values sort before unknown, unknown before null.
  auto rank = [](State s) { return s == State::Known ? 0 : s == State::Unknown ? 1 : 2; };
  int ra = rank(a.impl_->state), rb = rank(b.impl_->state);
  if (ra != rb) return ra < rb ? -1 : 1;
  const Type& ta = a.impl_->type;
  const Type& tb = b.impl_->type;
  if (a.impl_->state == State::Known && !ta.is_primitive() && ta.kind() == tb.kind() && type_conforms(ta, tb)) {
    // Known containers: declared types may differ only where one side says `dynamic`
    // (e.g. an object built from a schema type vs. one with inferred attribute types);
    // the children decide.
  } else if (int t = compare_types(ta, tb); t != 0) {
    return t;
  }
  if (a.impl_->state != State::Known) return 0;
  const auto& da = a.impl_->data;
  const auto& db = b.impl_->data;
  if (da.index() != db.index()) return da.index() < db.index() ? -1 : 1;
  switch (da.index()) {
    case 1: {
      int c = std::get<std::string>(da).compare(std::get<std::string>(db));
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case 2: return std::get<Number>(da).compare(std::get<Number>(db));
    case 3: return static_cast<int>(std::get<bool>(da)) - static_cast<int>(std::get<bool>(db));
    case 4: {
      const auto& va = std::get<std::vector<Value>>(da);
      const auto& vb = std::get<std::vector<Value>>(db);
      for (size_t i = 0; i < va.size() && i < vb.size(); ++i)
        if (int c = compare(va[i], vb[i]); c != 0) return c;
      return va.size() == vb.size() ? 0 : (va.size() < vb.size() ? -1 : 1);
    }
    case 5: {
      const auto& ma = std::get<std::map<std::string, Value>>(da);
      const auto& mb = std::get<std::map<std::string, Value>>(db);
      auto ia = ma.begin();
      auto ib = mb.begin();
      for (; ia != ma.end() && ib != mb.end(); ++ia, ++ib) {
        int k = ia->first.compare(ib->first);
        if (k != 0) return k < 0 ? -1 : 1;
        if (int c = compare(ia->second, ib->second); c != 0) return c;
      }
      return ma.size() == mb.size() ? 0 : (ma.size() < mb.size() ? -1 : 1);
    }
    default: return 0;
  }
}

bool Value::operator==(const Value& o) const { return compare(*this, o) == 0; }

namespace {
bool is_ident(const std::string& s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) return false;
  return true;
}
std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: out.push_back(c);
    }
  }
  out.push_back('"');
  return out;
}
void debug(const Value& v, std::string& out) {
  if (v.is_null()) {
    out += "null";
    return;
  }
  if (v.is_unknown()) {
    out += "(known after apply)";
    return;
  }
  switch (v.type().kind()) {
    case Type::Kind::String: out += quote(v.as_string()); return;
    case Type::Kind::Number: out += v.as_number().to_string(); return;
    case Type::Kind::Bool: out += v.as_bool() ? "true" : "false"; return;
    case Type::Kind::List:
    case Type::Kind::Set:
    case Type::Kind::Tuple: {
      out += "[";
      bool first = true;
      for (const auto& e : v.elements()) {
        if (!first) out += ", ";
        first = false;
        debug(e, out);
      }
      out += "]";
      return;
    }
    case Type::Kind::Map:
    case Type::Kind::Object: {
      out += "{";
      bool first = true;
      for (const auto& [k, e] : v.entries()) {
        out += first ? "" : ", ";
        first = false;
        out += is_ident(k) ? k : quote(k);
        out += " = ";
        debug(e, out);
      }
      out += "}";
      return;
    }
    default: out += "?"; return;
  }
}
}  // namespace

std::string Value::debug_string() const {
  std::string out;
  debug(*this, out);
  return out;
}

}  // namespace aoa::cty
