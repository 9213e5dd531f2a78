#include "schema/json_codec.h"

#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

#include "schema/internal.h"

namespace aoa::cty {

namespace {

// Minimal JSON tree that keeps number text exactly as written.
struct JNode {
  enum class K { Null, Bool, Num, Str, Arr, Obj } k = K::Null;
  bool b = false;
  std::string s;  // string value or number text
  std::vector<JNode> arr;          // array elements, or object member values
  std::vector<std::string> keys;   // object member names (parallel to arr)
};

class Sax {
 public:
  using json = nlohmann::json;
  explicit Sax(JNode& root) : root_(root) {}
  std::string error;

  bool null() { return put(JNode{}); }
  bool boolean(bool v) {
    JNode n;
    n.k = JNode::K::Bool;
    n.b = v;
    return put(std::move(n));
  }
  bool number_integer(json::number_integer_t v) { return num(std::to_string(v)); }
  bool number_unsigned(json::number_unsigned_t v) { return num(std::to_string(v)); }
  bool number_float(json::number_float_t, const json::string_t& raw) { return num(raw); }
  bool string(json::string_t& v) {
    JNode n;
    n.k = JNode::K::Str;
    n.s = std::move(v);
    return put(std::move(n));
  }
  bool binary(json::binary_t&) {
    error = "binary values are not supported";
    return false;
  }
  bool start_object(std::size_t) {
    JNode n;
    n.k = JNode::K::Obj;
    return open(std::move(n));
  }
  bool key(json::string_t& k) {
    pending_key_ = std::move(k);
    return true;
  }
  bool end_object() {
    stack_.pop_back();
    return true;
  }
  bool start_array(std::size_t) {
    JNode n;
    n.k = JNode::K::Arr;
    return open(std::move(n));
  }
  bool end_array() {
    stack_.pop_back();
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& ex) {
    error = ex.what();
    return false;
  }

 private:
  JNode& root_;
  bool have_root_ = false;
  std::vector<JNode*> stack_;
  std::string pending_key_;

  bool num(std::string text) {
    JNode n;
    n.k = JNode::K::Num;
    n.s = std::move(text);
    return put(std::move(n));
  }
  JNode* put_node(JNode&& n) {
    if (stack_.empty()) {
      root_ = std::move(n);
      have_root_ = true;
      return &root_;
    }
    JNode* top = stack_.back();
    if (top->k == JNode::K::Arr) {
      top->arr.push_back(std::move(n));
      return &top->arr.back();
    }
    top->keys.push_back(std::move(pending_key_));
    top->arr.push_back(std::move(n));
    return &top->arr.back();
  }
  bool put(JNode&& n) {
    put_node(std::move(n));
    return true;
  }
  bool open(JNode&& n) {
    if (stack_.size() >= static_cast<size_t>(kMaxDecodeDepth)) {
      error = "JSON nesting too deep";
      return false;
    }
    stack_.push_back(put_node(std::move(n)));
    return true;
  }
};

nlohmann::json to_nlohmann(const JNode& n) {
  switch (n.k) {
    case JNode::K::Null: return nullptr;
    case JNode::K::Bool: return n.b;
    case JNode::K::Num: return nlohmann::json::parse(n.s, nullptr, false);
    case JNode::K::Str: return n.s;
    case JNode::K::Arr: {
      auto a = nlohmann::json::array();
      for (const auto& e : n.arr) a.push_back(to_nlohmann(e));
      return a;
    }
    case JNode::K::Obj: {
      auto o = nlohmann::json::object();
      for (size_t i = 0; i < n.keys.size(); ++i) o[n.keys[i]] = to_nlohmann(n.arr[i]);
      return o;
    }
  }
  return nullptr;
}

const char* kind_name(JNode::K k) {
  switch (k) {
    case JNode::K::Null: return "null";
    case JNode::K::Bool: return "bool";
    case JNode::K::Num: return "number";
    case JNode::K::Str: return "string";
    case JNode::K::Arr: return "array";
    case JNode::K::Obj: return "object";
  }
  return "?";
}

class JsonDecoder {
 public:
  Value decode(const JNode& n, const Type& t, int depth) {
    if (depth > kMaxDecodeDepth) fail("value nesting too deep");
    if (n.k == JNode::K::Null) return Value::null(t);
    switch (t.kind()) {
      case Type::Kind::Dynamic: {
        if (n.k != JNode::K::Obj) fail("dynamic value must be a JSON object with \"value\" and \"type\"");
        const JNode* val = nullptr;
        const JNode* ty = nullptr;
        for (size_t i = 0; i < n.keys.size(); ++i) {
          const std::string& k = n.keys[i];
          if (k == "value") val = &n.arr[i];
          else if (k == "type") ty = &n.arr[i];
          else fail("dynamic value has unexpected property \"" + k + "\"");
        }
        if (!val || !ty) fail("dynamic value must have both \"value\" and \"type\"");
        Type concrete;
        try {
          concrete = internal::type_from_nlohmann(to_nlohmann(*ty), 0);
        } catch (const TypeError& e) {
          fail(std::string("invalid dynamic value type: ") + e.what());
        }
        if (concrete.is_dynamic()) fail("dynamic value type must be concrete");
        return decode(*val, concrete, depth + 1);
      }
      case Type::Kind::String:
        if (n.k == JNode::K::Str || n.k == JNode::K::Num) return Value::string(n.s);
        if (n.k == JNode::K::Bool) return Value::string(n.b ? "true" : "false");
        mismatch(t, n);
      case Type::Kind::Number: {
        if (n.k != JNode::K::Num && n.k != JNode::K::Str) mismatch(t, n);
        auto num = Number::parse(n.s);
        if (!num) fail("invalid number \"" + n.s + "\"");
        return Value::number(*num);
      }
      case Type::Kind::Bool:
        if (n.k == JNode::K::Bool) return Value::boolean(n.b);
        if (n.k == JNode::K::Str && n.s == "true") return Value::boolean(true);
        if (n.k == JNode::K::Str && n.s == "false") return Value::boolean(false);
        mismatch(t, n);
      case Type::Kind::List:
      case Type::Kind::Set: {
        if (n.k != JNode::K::Arr) mismatch(t, n);
        std::vector<Value> elems;
        elems.reserve(n.arr.size());
        size_t base = path_.size();
        for (size_t i = 0; i < n.arr.size(); ++i) {
          if (t.kind() == Type::Kind::List) path_ += "[" + std::to_string(i) + "]";
          elems.push_back(decode(n.arr[i], t.element(), depth + 1));
          path_.resize(base);
        }
        if (t.kind() == Type::Kind::List) return Value::list(t.element(), std::move(elems));
        return Value::set(t.element(), std::move(elems));
      }
      case Type::Kind::Tuple: {
        if (n.k != JNode::K::Arr) mismatch(t, n);
        const auto& ts = t.tuple_elements();
        if (ts.size() != n.arr.size())
          fail("a tuple of length " + std::to_string(ts.size()) + " is required (" + std::to_string(n.arr.size()) +
               " given)");
        std::vector<Value> elems;
        size_t base = path_.size();
        for (size_t i = 0; i < ts.size(); ++i) {
          path_ += "[" + std::to_string(i) + "]";
          elems.push_back(decode(n.arr[i], ts[i], depth + 1));
          path_.resize(base);
        }
        return Value::tuple(std::move(elems));
      }
      case Type::Kind::Map: {
        if (n.k != JNode::K::Obj) mismatch(t, n);
        std::map<std::string, Value> entries;
        size_t base = path_.size();
        for (size_t i = 0; i < n.keys.size(); ++i) {
          const std::string& k = n.keys[i];
          path_ += "[\"" + k + "\"]";
          entries.insert_or_assign(k, decode(n.arr[i], t.element(), depth + 1));
          path_.resize(base);
        }
        return Value::map(t.element(), std::move(entries));
      }
      case Type::Kind::Object: {
        if (n.k != JNode::K::Obj) mismatch(t, n);
        std::map<std::string, Value> attrs;
        size_t base = path_.size();
        for (size_t i = 0; i < n.keys.size(); ++i) {
          const std::string& k = n.keys[i];
          auto it = t.attributes().find(k);
          if (it == t.attributes().end()) continue;  // removed attributes are ignored
          path_ += "." + k;
          attrs.insert_or_assign(k, decode(n.arr[i], it->second, depth + 1));
          path_.resize(base);
        }
        return Value::object(t, std::move(attrs));
      }
    }
    fail("unsupported type");
  }

  [[noreturn]] void fail(const std::string& msg) const { throw DecodeError(path_, msg); }

 private:
  std::string path_;
  [[noreturn]] void mismatch(const Type& t, const JNode& n) const {
    fail(t.friendly_name() + " required, but JSON " + kind_name(n.k) + " found");
  }
};

// ---------------------------------------------------------------- encoder
void quote(const std::string& s, std::string& out) {
  try {
    out += nlohmann::json(s).dump();
  } catch (const nlohmann::json::exception&) {
    throw std::invalid_argument("encode_json: string is not valid UTF-8");
  }
}

void encode(const Value& v, const Type& t, std::string& out) {
  if (v.is_unknown()) throw std::invalid_argument("encode_json: unknown values cannot be encoded as JSON");
  if (t.is_dynamic()) {
    if (v.is_null() && v.type().is_dynamic()) {
      out += "null";
      return;
    }
    out += "{\"value\":";
    encode(v, v.type(), out);
    out += ",\"type\":";
    out += v.type().to_json();
    out += "}";
    return;
  }
  if (v.is_null()) {
    out += "null";
    return;
  }
  auto bad = [&]() {
    throw std::invalid_argument("encode_json: value of type " + v.type().friendly_name() + " where " +
                                t.friendly_name() + " is required");
  };
  if (v.type().kind() != t.kind()) bad();
  switch (t.kind()) {
    case Type::Kind::String: quote(v.as_string(), out); return;
    case Type::Kind::Number: out += v.as_number().to_string(); return;
    case Type::Kind::Bool: out += v.as_bool() ? "true" : "false"; return;
    case Type::Kind::List:
    case Type::Kind::Set: {
      out += "[";
      bool first = true;
      for (const auto& e : v.elements()) {
        if (!first) out += ",";
        first = false;
        encode(e, t.element(), out);
      }
      out += "]";
      return;
    }
    case Type::Kind::Tuple: {
      const auto& es = v.elements();
      const auto& ts = t.tuple_elements();
      if (es.size() != ts.size()) bad();
      out += "[";
      for (size_t i = 0; i < es.size(); ++i) {
        if (i) out += ",";
        encode(es[i], ts[i], out);
      }
      out += "]";
      return;
    }
    case Type::Kind::Map: {
      out += "{";
      bool first = true;
      for (const auto& [k, e] : v.entries()) {
        if (!first) out += ",";
        first = false;
        quote(k, out);
        out += ":";
        encode(e, t.element(), out);
      }
      out += "}";
      return;
    }
    case Type::Kind::Object: {
      const auto& m = v.entries();
      if (m.size() != t.attributes().size()) bad();
      out += "{";
      bool first = true;
      for (const auto& [k, at] : t.attributes()) {
        auto it = m.find(k);
        if (it == m.end()) bad();
        if (!first) out += ",";
        first = false;
        quote(k, out);
        out += ":";
        encode(it->second, at, out);
      }
      out += "}";
      return;
    }
    case Type::Kind::Dynamic: break;
  }
  bad();
}

}  // namespace

Value decode_json(std::string_view json, const Type& type) {
  JNode root;
  Sax sax(root);
  bool ok = false;
  try {
    ok = nlohmann::json::sax_parse(json.begin(), json.end(), &sax);
  } catch (const nlohmann::json::exception& e) {
    throw DecodeError("", std::string("invalid JSON: ") + e.what());
  }
  if (!ok) throw DecodeError("", "invalid JSON: " + (sax.error.empty() ? std::string("parse error") : sax.error));
  JsonDecoder d;
  return d.decode(root, type, 0);
}

std::string encode_json(const Value& v, const Type& type) {
  std::string out;
  encode(v, type, out);
  return out;
}

}  // namespace aoa::cty
