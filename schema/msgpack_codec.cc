#include "schema/msgpack_codec.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <msgpack.hpp>

namespace aoa::cty {

DecodeError::DecodeError(std::string p, std::string m)
    : std::runtime_error(p.empty() ? m : p + ": " + m), path(std::move(p)), message(std::move(m)) {}

namespace {

// ---------------------------------------------------------------- bounded reader
enum class Code { Nil, Bool, Int, Uint, Float32, Float64, Str, Bin, Array, Map, Ext, Invalid };

struct Header {
  Code code = Code::Invalid;
  bool b = false;
  int64_t i = 0;
  uint64_t u = 0;
  double f = 0;
  uint64_t len = 0;  // str/bin/ext payload bytes, array/map element count
  int8_t ext_type = 0;
  uint8_t first = 0;
};

class Decoder {
 public:
  explicit Decoder(std::string_view b) : p_(reinterpret_cast<const uint8_t*>(b.data())), n_(b.size()) {}

  Value decode(const Type& t, int depth);
  bool at_end() const { return pos_ == n_; }
  size_t pos() const { return pos_; }
  [[noreturn]] void fail(const std::string& msg) const { throw DecodeError(path_, msg); }

 private:
  const uint8_t* p_;
  size_t n_;
  size_t pos_ = 0;
  std::string path_;

  size_t remaining() const { return n_ - pos_; }
  void need(uint64_t k) const {
    if (k > remaining()) fail("unexpected end of msgpack data");
  }
  uint64_t be(int bytes) {
    need(static_cast<uint64_t>(bytes));
    uint64_t v = 0;
    for (int k = 0; k < bytes; ++k) v = (v << 8) | p_[pos_++];
    return v;
  }
  Header header();
  std::string_view take(uint64_t len) {
    need(len);
    std::string_view s(reinterpret_cast<const char*>(p_ + pos_), static_cast<size_t>(len));
    pos_ += static_cast<size_t>(len);
    return s;
  }
  static std::string describe(const Header& h) {
    switch (h.code) {
      case Code::Nil: return "nil";
      case Code::Bool: return "bool";
      case Code::Int:
      case Code::Uint: return "integer";
      case Code::Float32:
      case Code::Float64: return "float";
      case Code::Str: return "string";
      case Code::Bin: return "binary";
      case Code::Array: return "array";
      case Code::Map: return "map";
      case Code::Ext: return "extension";
      default: break;
    }
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02x", h.first);
    return std::string("invalid code ") + buf;
  }
  [[noreturn]] void mismatch(const Type& t, const Header& h) const {
    fail(t.friendly_name() + " required, but msgpack " + describe(h) + " found");
  }
  Number decode_number(const Header& h);
};

Header Decoder::header() {
  Header h;
  need(1);
  uint8_t c = p_[pos_++];
  h.first = c;
  if (c <= 0x7f) { h.code = Code::Int; h.i = c; return h; }
  if (c >= 0xe0) { h.code = Code::Int; h.i = static_cast<int8_t>(c); return h; }
  if ((c & 0xf0) == 0x80) { h.code = Code::Map; h.len = c & 0x0f; return h; }
  if ((c & 0xf0) == 0x90) { h.code = Code::Array; h.len = c & 0x0f; return h; }
  if ((c & 0xe0) == 0xa0) { h.code = Code::Str; h.len = c & 0x1f; return h; }
  switch (c) {
    case 0xc0: h.code = Code::Nil; return h;
    case 0xc2: h.code = Code::Bool; h.b = false; return h;
    case 0xc3: h.code = Code::Bool; h.b = true; return h;
    case 0xc4: h.code = Code::Bin; h.len = be(1); return h;
    case 0xc5: h.code = Code::Bin; h.len = be(2); return h;
    case 0xc6: h.code = Code::Bin; h.len = be(4); return h;
    case 0xc7: h.code = Code::Ext; h.len = be(1); h.ext_type = static_cast<int8_t>(be(1)); return h;
    case 0xc8: h.code = Code::Ext; h.len = be(2); h.ext_type = static_cast<int8_t>(be(1)); return h;
    case 0xc9: h.code = Code::Ext; h.len = be(4); h.ext_type = static_cast<int8_t>(be(1)); return h;
    case 0xca: {
      h.code = Code::Float32;
      uint32_t bits = static_cast<uint32_t>(be(4));
      float f;
      std::memcpy(&f, &bits, 4);
      h.f = f;
      return h;
    }
    case 0xcb: {
      h.code = Code::Float64;
      uint64_t bits = be(8);
      double d;
      std::memcpy(&d, &bits, 8);
      h.f = d;
      return h;
    }
    case 0xcc: h.code = Code::Uint; h.u = be(1); return h;
    case 0xcd: h.code = Code::Uint; h.u = be(2); return h;
    case 0xce: h.code = Code::Uint; h.u = be(4); return h;
    case 0xcf: h.code = Code::Uint; h.u = be(8); return h;
    case 0xd0: h.code = Code::Int; h.i = static_cast<int8_t>(be(1)); return h;
    case 0xd1: h.code = Code::Int; h.i = static_cast<int16_t>(be(2)); return h;
    case 0xd2: h.code = Code::Int; h.i = static_cast<int32_t>(be(4)); return h;
    case 0xd3: h.code = Code::Int; h.i = static_cast<int64_t>(be(8)); return h;
    case 0xd4: h.code = Code::Ext; h.len = 1; h.ext_type = static_cast<int8_t>(be(1)); return h;
    case 0xd5: h.code = Code::Ext; h.len = 2; h.ext_type = static_cast<int8_t>(be(1)); return h;
    case 0xd6: h.code = Code::Ext; h.len = 4; h.ext_type = static_cast<int8_t>(be(1)); return h;
    case 0xd7: h.code = Code::Ext; h.len = 8; h.ext_type = static_cast<int8_t>(be(1)); return h;
    case 0xd8: h.code = Code::Ext; h.len = 16; h.ext_type = static_cast<int8_t>(be(1)); return h;
    case 0xd9: h.code = Code::Str; h.len = be(1); return h;
    case 0xda: h.code = Code::Str; h.len = be(2); return h;
    case 0xdb: h.code = Code::Str; h.len = be(4); return h;
    case 0xdc: h.code = Code::Array; h.len = be(2); return h;
    case 0xdd: h.code = Code::Array; h.len = be(4); return h;
    case 0xde: h.code = Code::Map; h.len = be(2); return h;
    case 0xdf: h.code = Code::Map; h.len = be(4); return h;
    default: h.code = Code::Invalid; return h;  // 0xc1
  }
}

Number Decoder::decode_number(const Header& h) {
  switch (h.code) {
    case Code::Int: return Number::from_int(h.i);
    case Code::Uint: return Number::from_uint(h.u);
    case Code::Float32:
    case Code::Float64:
      if (!std::isfinite(h.f)) fail("infinite or NaN numbers are not supported");
      return Number::from_double(h.f);
    case Code::Str:
    case Code::Bin: {
      auto text = take(h.len);
      auto n = Number::parse(text);
      if (!n) fail("invalid number text");
      return *n;
    }
    default: mismatch(Type::number(), h);
  }
}

Value Decoder::decode(const Type& t, int depth) {
  if (depth > kMaxDecodeDepth) fail("value nesting too deep");
  Header h = header();
  if (h.code == Code::Invalid) fail("invalid msgpack code " + describe(h));
  if (h.code == Code::Nil) return Value::null(t);
  if (h.code == Code::Ext) {
    take(h.len);  // refinements (ext 12) and any other payload are skipped
    return Value::unknown(t);
  }
  switch (t.kind()) {
    case Type::Kind::Dynamic: {
      if (h.code != Code::Array || h.len != 2) fail("dynamic value must be a [type, value] array");
      Header th = header();
      if (th.code != Code::Str && th.code != Code::Bin) fail("dynamic value type must be a string or binary");
      auto text = take(th.len);
      Type concrete;
      try {
        concrete = Type::from_json(text);
      } catch (const TypeError& e) {
        fail(std::string("invalid dynamic value type: ") + e.what());
      }
      if (concrete.is_dynamic()) fail("dynamic value type must be concrete");
      return decode(concrete, depth + 1);
    }
    case Type::Kind::String:
      if (h.code != Code::Str && h.code != Code::Bin) mismatch(t, h);
      return Value::string(std::string(take(h.len)));
    case Type::Kind::Number: return Value::number(decode_number(h));
    case Type::Kind::Bool:
      if (h.code != Code::Bool) mismatch(t, h);
      return Value::boolean(h.b);
    case Type::Kind::List:
    case Type::Kind::Set: {
      if (h.code != Code::Array) mismatch(t, h);
      need(h.len);  // every element takes at least one byte
      std::vector<Value> elems;
      elems.reserve(static_cast<size_t>(h.len));
      size_t base = path_.size();
      for (uint64_t k = 0; k < h.len; ++k) {
        if (t.kind() == Type::Kind::List) path_ += "[" + std::to_string(k) + "]";
        elems.push_back(decode(t.element(), depth + 1));
        path_.resize(base);
      }
      if (t.kind() == Type::Kind::List) return Value::list(t.element(), std::move(elems));
      return Value::set(t.element(), std::move(elems));
    }
    case Type::Kind::Tuple: {
      if (h.code != Code::Array) mismatch(t, h);
      const auto& ets = t.tuple_elements();
      if (h.len != ets.size())
        fail("a tuple of length " + std::to_string(ets.size()) + " is required (" + std::to_string(h.len) + " given)");
      std::vector<Value> elems;
      elems.reserve(ets.size());
      size_t base = path_.size();
      for (size_t k = 0; k < ets.size(); ++k) {
        path_ += "[" + std::to_string(k) + "]";
        elems.push_back(decode(ets[k], depth + 1));
        path_.resize(base);
      }
      return Value::tuple(std::move(elems));
    }
    case Type::Kind::Map:
    case Type::Kind::Object: {
      if (h.code != Code::Map) mismatch(t, h);
      need(h.len * 2);
      bool is_obj = t.kind() == Type::Kind::Object;
      if (is_obj && h.len != t.attributes().size())
        fail("an object with " + std::to_string(t.attributes().size()) + " attributes is required (" +
             std::to_string(h.len) + " given)");
      std::map<std::string, Value> entries;
      size_t base = path_.size();
      for (uint64_t k = 0; k < h.len; ++k) {
        Header kh = header();
        if (kh.code != Code::Str && kh.code != Code::Bin) fail("map keys must be strings");
        std::string key(take(kh.len));
        const Type* et;
        if (is_obj) {
          auto it = t.attributes().find(key);
          if (it == t.attributes().end()) fail("unsupported attribute \"" + key + "\"");
          et = &it->second;
          path_ += "." + key;
        } else {
          et = &t.element();
          path_ += "[\"" + key + "\"]";
        }
        if (entries.count(key)) fail("duplicate key");
        Value v = decode(*et, depth + 1);
        path_.resize(base);
        entries.emplace(std::move(key), std::move(v));
      }
      if (is_obj) return Value::object(t, std::move(entries));
      return Value::map(t.element(), std::move(entries));
    }
  }
  fail("unsupported type");
}

// ---------------------------------------------------------------- encoder
struct StringBuffer {
  std::string out;
  void write(const char* p, size_t n) { out.append(p, n); }
};

class Encoder {
 public:
  Encoder() : pk_(buf_) {}
  std::string take() { return std::move(buf_.out); }
  void encode(const Value& v, const Type& t);

 private:
  StringBuffer buf_;
  msgpack::packer<StringBuffer> pk_;
  void unknown() {
    const char zero = 0;
    pk_.pack_ext(1, 0);
    pk_.pack_ext_body(&zero, 1);
  }
  void str(const std::string& s) {
    pk_.pack_str(static_cast<uint32_t>(s.size()));
    pk_.pack_str_body(s.data(), static_cast<uint32_t>(s.size()));
  }
  [[noreturn]] static void bad(const Value& v, const Type& t) {
    throw std::invalid_argument("encode_msgpack: value of type " + v.type().friendly_name() + " where " +
                                t.friendly_name() + " is required");
  }
};

void Encoder::encode(const Value& v, const Type& t) {
  if (t.is_dynamic()) {
    if (v.type().is_dynamic()) {
      if (v.is_null()) {
        pk_.pack_nil();
        return;
      }
      if (v.is_unknown()) {
        unknown();
        return;
      }
    }
    std::string tj = v.type().to_json();
    pk_.pack_array(2);
    pk_.pack_bin(static_cast<uint32_t>(tj.size()));
    pk_.pack_bin_body(tj.data(), static_cast<uint32_t>(tj.size()));
    encode(v, v.type());
    return;
  }
  if (v.is_null()) {
    pk_.pack_nil();
    return;
  }
  if (v.is_unknown()) {
    unknown();
    return;
  }
  if (v.type().kind() != t.kind()) bad(v, t);
  switch (t.kind()) {
    case Type::Kind::String: str(v.as_string()); return;
    case Type::Kind::Number: {
      // Always as text: Terraform then parses the number exactly as it parses the state file's
      // JSON, so a refreshed value is identical to the stored one (Terraform compares the two
      // in-memory representations; an int64 and a parsed "1" differ there, and every
      // `plan -refresh-only -detailed-exitcode` would report a change that is not there).
      str(v.as_number().to_string());
      return;
    }
    case Type::Kind::Bool:
      if (v.as_bool()) pk_.pack_true();
      else pk_.pack_false();
      return;
    case Type::Kind::List:
    case Type::Kind::Set: {
      const auto& es = v.elements();
      pk_.pack_array(static_cast<uint32_t>(es.size()));
      for (const auto& e : es) encode(e, t.element());
      return;
    }
    case Type::Kind::Tuple: {
      const auto& es = v.elements();
      const auto& ts = t.tuple_elements();
      if (es.size() != ts.size()) bad(v, t);
      pk_.pack_array(static_cast<uint32_t>(es.size()));
      for (size_t k = 0; k < es.size(); ++k) encode(es[k], ts[k]);
      return;
    }
    case Type::Kind::Map: {
      const auto& m = v.entries();
      pk_.pack_map(static_cast<uint32_t>(m.size()));
      for (const auto& [k, e] : m) {
        str(k);
        encode(e, t.element());
      }
      return;
    }
    case Type::Kind::Object: {
      const auto& m = v.entries();
      const auto& attrs = t.attributes();
      if (m.size() != attrs.size()) bad(v, t);
      pk_.pack_map(static_cast<uint32_t>(attrs.size()));
      for (const auto& [k, at] : attrs) {
        auto it = m.find(k);
        if (it == m.end()) bad(v, t);
        str(k);
        encode(it->second, at);
      }
      return;
    }
    case Type::Kind::Dynamic: break;
  }
  bad(v, t);
}

}  // namespace

Value decode_msgpack(std::string_view bytes, const Type& type) {
  Decoder d(bytes);
  Value v = d.decode(type, 0);
  if (!d.at_end()) d.fail("unexpected trailing bytes after msgpack value");
  return v;
}

std::string encode_msgpack(const Value& v, const Type& type) {
  Encoder e;
  e.encode(v, type);
  return e.take();
}

}  // namespace aoa::cty
