#include <gtest/gtest.h>

#include "schema/msgpack_codec.h"
#include "schema/value.h"

using namespace aoa::cty;

namespace {
std::string hex(std::string_view hx) {
  std::string out;
  std::string digits;
  for (char c : hx)
    if (!std::isspace(static_cast<unsigned char>(c))) digits.push_back(c);
  for (size_t i = 0; i + 1 < digits.size(); i += 2) out.push_back(static_cast<char>(std::stoi(digits.substr(i, 2), nullptr, 16)));
  return out;
}
std::string tohex(std::string_view b) {
  static const char* d = "0123456789abcdef";
  std::string out;
  for (unsigned char c : b) {
    out.push_back(d[c >> 4]);
    out.push_back(d[c & 15]);
  }
  return out;
}
Value rt(const Value& v, const Type& t) { return decode_msgpack(encode_msgpack(v, t), t); }
}  // namespace

TEST(Value, BasicsAndAccessors) {
  Value d;
  EXPECT_TRUE(d.is_null());
  EXPECT_EQ(d.type(), Type::dynamic());
  Value s = Value::string("abc");
  EXPECT_EQ(s.as_string(), "abc");
  EXPECT_THROW(s.as_number(), std::logic_error);
  EXPECT_THROW(Value::null(Type::string()).as_string(), std::logic_error);
  EXPECT_THROW(Value::unknown(Type::string()).as_string(), std::logic_error);
  EXPECT_EQ(Value::number(42).as_number().to_int64(), 42);
  EXPECT_TRUE(Value::boolean(true).as_bool());
  Value l = Value::list(Type::string(), {Value::string("a"), Value::unknown(Type::string())});
  EXPECT_TRUE(l.is_known());
  EXPECT_FALSE(l.is_wholly_known());
  EXPECT_EQ(l.length(), 2u);
  EXPECT_THROW(Value::list(Type::string(), {Value::number(1)}), std::invalid_argument);
}

TEST(Value, ObjectsFillAndWithAttr) {
  Type t = Type::object({{"name", Type::string()}, {"count", Type::number()}});
  Value o = Value::object(t, {{"name", Value::string("x")}});
  EXPECT_TRUE(o.attr("count").is_null());
  EXPECT_EQ(o.attr("count").type(), Type::number());
  EXPECT_EQ(o.type(), t);
  EXPECT_THROW(o.attr("nope"), std::out_of_range);
  Value o2 = o.with_attr("count", Value::number(3));
  EXPECT_EQ(o2.attr("count"), Value::number(3));
  EXPECT_TRUE(o.attr("count").is_null());
  EXPECT_THROW(Value::object(t, {{"zzz", Value::string("x")}}), std::invalid_argument);
  EXPECT_THROW(o.with_attr("count", Value::string("x")), std::invalid_argument);
  // Inferred type equals schema type when attribute types match.
  EXPECT_EQ(Value::object({{"name", Value::string("x")}, {"count", Value::null(Type::number())}}), o);
}

TEST(Value, SetsDedupeAndAreOrderIndependent) {
  Value a = Value::set(Type::string(), {Value::string("b"), Value::string("a"), Value::string("b")});
  Value b = Value::set(Type::string(), {Value::string("a"), Value::string("b")});
  EXPECT_EQ(a.length(), 2u);
  EXPECT_EQ(a, b);
  Value u = Value::set(Type::string(), {Value::unknown(Type::string()), Value::unknown(Type::string())});
  EXPECT_EQ(u.length(), 2u);
}

TEST(Value, DebugString) {
  Value v = Value::object({{"a", Value::number(1)},
                           {"b", Value::list(Type::string(), {Value::string("x"), Value::string("y")})},
                           {"c", Value::unknown(Type::string())},
                           {"d", Value::null(Type::boolean())},
                           {"e", Value::boolean(true)}});
  EXPECT_EQ(v.debug_string(), "{a = 1, b = [\"x\", \"y\"], c = (known after apply), d = null, e = true}");
}

TEST(Msgpack, UnknownsAndNull) {
  EXPECT_EQ(tohex(encode_msgpack(Value::unknown(Type::string()), Type::string())), "d40000");
  EXPECT_TRUE(decode_msgpack(hex("d4 00 00"), Type::string()).is_unknown());
  Value r = decode_msgpack(hex("c7 09 0c 82 01 c2 02 a4 70 72 65 2d"), Type::string());
  EXPECT_TRUE(r.is_unknown());
  EXPECT_EQ(r.type(), Type::string());
  for (const char* ext : {"d5 05 00 00", "d6 01 00 00 00 00", "d7 00 0102030405060708",
                          "d8 00 000102030405060708090a0b0c0d0e0f", "c7 00 00", "c8 00 02 00 0c 80",
                          "c9 00 00 00 01 63 00"}) {
    EXPECT_TRUE(decode_msgpack(hex(ext), Type::number()).is_unknown()) << ext;
  }
  EXPECT_THROW(decode_msgpack(hex("c7 09 0c 82 01"), Type::string()), DecodeError);  // truncated payload
  EXPECT_TRUE(decode_msgpack(hex("c0"), Type::list(Type::string())).is_null());
  EXPECT_EQ(tohex(encode_msgpack(Value::null(Type::string()), Type::string())), "c0");
  Type t = Type::object({{"input", Type::string()}, {"output", Type::string()}});
  Value cfg = decode_msgpack(hex("82 a5 696e707574 d4 00 00 a6 6f7574707574 c0"), t);
  EXPECT_TRUE(cfg.attr("input").is_unknown());
  EXPECT_TRUE(cfg.attr("output").is_null());
  EXPECT_EQ(tohex(encode_msgpack(cfg, t)), "82a5696e707574d40000a66f7574707574c0");
}

TEST(Msgpack, IntegersOfEveryWidth) {
  struct C { const char* bytes; const char* num; } cases[] = {
      {"05", "5"}, {"7f", "127"}, {"ff", "-1"}, {"e0", "-32"}, {"cc ff", "255"}, {"cd ff ff", "65535"},
      {"ce ff ff ff ff", "4294967295"}, {"cf ff ff ff ff ff ff ff ff", "18446744073709551615"},
      {"d0 80", "-128"}, {"d1 80 00", "-32768"}, {"d2 80 00 00 00", "-2147483648"},
      {"d3 80 00 00 00 00 00 00 00", "-9223372036854775808"}, {"ca 3f c0 00 00", "1.5"},
      {"cb 3f b9 99 99 99 99 99 9a", "0.1"},
      {"be 313233343536373839303132333435363738393031323334353637383930", "123456789012345678901234567890"},
      {"c4 03 312e35", "1.5"}};
  for (const auto& c : cases) {
    Value v = decode_msgpack(hex(c.bytes), Type::number());
    EXPECT_EQ(v.as_number().to_string(), c.num) << c.bytes;
  }
  EXPECT_THROW(decode_msgpack(hex("a3 616263"), Type::number()), DecodeError);
  EXPECT_THROW(decode_msgpack(hex("cb 7f f0 00 00 00 00 00 00"), Type::number()), DecodeError);  // +Inf
}

TEST(Msgpack, NumberEncoding) {
  // Numbers go out as their exact decimal text: Terraform parses that exactly as it parses the
  // state file's JSON, so a value read back equals the stored one in Terraform's own comparison.
  auto enc = [](const char* n) { return tohex(encode_msgpack(Value::number(*Number::parse(n)), Type::number())); };
  EXPECT_EQ(enc("5"), "a135");
  EXPECT_EQ(enc("-1"), "a22d31");
  EXPECT_EQ(enc("200"), "a3323030");
  EXPECT_EQ(enc("0.1"), "a3302e31");
  EXPECT_EQ(enc("123456789012345678901234567890"),
            "be313233343536373839303132333435363738393031323334353637383930");
  EXPECT_EQ(enc("18446744073709551615"), "b43138343436373434303733373039353531363135");
  for (const char* n : {"0", "1", "-7", "18446744073709551615", "123456789012345678901234567890", "0.1", "-2.5",
                        "3.14159265358979323846264338327950288"}) {
    Value v = Value::number(*Number::parse(n));
    EXPECT_EQ(rt(v, Type::number()), v) << n;
  }
}

TEST(Msgpack, StringsAndBool) {
  EXPECT_EQ(decode_msgpack(hex("a5 68656c6c6f"), Type::string()).as_string(), "hello");
  EXPECT_EQ(decode_msgpack(hex("c4 02 6869"), Type::string()).as_string(), "hi");
  EXPECT_EQ(decode_msgpack(hex("c3"), Type::boolean()), Value::boolean(true));
  EXPECT_THROW(decode_msgpack(hex("01"), Type::boolean()), DecodeError);
  std::string long_s(300, 'x');
  EXPECT_EQ(rt(Value::string(long_s), Type::string()).as_string(), long_s);
  EXPECT_THROW(decode_msgpack(hex("a5 6869"), Type::string()), DecodeError);  // truncated
  EXPECT_THROW(decode_msgpack(hex("a2 6869 00"), Type::string()), DecodeError);  // trailing
  EXPECT_THROW(decode_msgpack("", Type::string()), DecodeError);
  EXPECT_THROW(decode_msgpack(hex("c1"), Type::string()), DecodeError);
}

TEST(Msgpack, Collections) {
  Type sl = Type::list(Type::string());
  Value l = decode_msgpack(hex("92 a1 61 a1 62"), sl);
  EXPECT_EQ(l, Value::list(Type::string(), {Value::string("a"), Value::string("b")}));
  EXPECT_EQ(decode_msgpack(hex("90"), sl).length(), 0u);
  EXPECT_THROW(decode_msgpack(hex("dd ff ff ff ff"), sl), DecodeError);  // huge length, no data

  Type ss = Type::set(Type::string());
  Value s1 = decode_msgpack(hex("93 a1 62 a1 61 a1 62"), ss);
  Value s2 = decode_msgpack(hex("92 a1 61 a1 62"), ss);
  EXPECT_EQ(s1, s2);
  EXPECT_EQ(s1.length(), 2u);
  EXPECT_EQ(tohex(encode_msgpack(s1, ss)), "92a161a162");

  Type m = Type::map(Type::number());
  Value mv = decode_msgpack(hex("82 a1 62 02 a1 61 01"), m);
  EXPECT_EQ(mv.entries().at("a"), Value::number(1));
  EXPECT_EQ(tohex(encode_msgpack(mv, m)), "82a161a131a162a132");
  EXPECT_THROW(decode_msgpack(hex("82 a1 61 01 a1 61 02"), m), DecodeError);  // duplicate key

  Type tt = Type::tuple({Type::string(), Type::number()});
  Value tv = decode_msgpack(hex("92 a1 61 01"), tt);
  EXPECT_EQ(tv, Value::tuple({Value::string("a"), Value::number(1)}));
  EXPECT_THROW(decode_msgpack(hex("91 a1 61"), tt), DecodeError);
  EXPECT_EQ(rt(tv, tt), tv);
}

TEST(Msgpack, ObjectsRequireExactAttributes) {
  Type env = Type::object({{"name", Type::string()}, {"replicas", Type::number()}});
  Type t = Type::object({{"id", Type::string()}, {"environment", Type::list(env)}});
  Value v = Value::object(t, {{"id", Value::string("x")},
                              {"environment", Value::list(env, {Value::object(env, {{"name", Value::string("dev")},
                                                                                    {"replicas", Value::number(2)}})})}});
  std::string bytes = encode_msgpack(v, t);
  EXPECT_EQ(decode_msgpack(bytes, t), v);
  // Keys sorted: environment before id.
  EXPECT_EQ(tohex(bytes).substr(0, 4), "82ab");

  // environment[0] lacks "replicas".
  std::string missing = hex("82 a2 6964 a1 78 ab 656e7669726f6e6d656e74 91 81 a4 6e616d65 a3 646576");
  try {
    decode_msgpack(missing, t);
    FAIL();
  } catch (const DecodeError& e) {
    EXPECT_EQ(e.path, ".environment[0]");
    EXPECT_NE(std::string(e.what()).find("2 attributes is required (1 given)"), std::string::npos) << e.what();
  }
  // Extra attribute (count matches, but unknown name).
  std::string extra = hex("82 a2 6964 a1 78 a3 666f6f 01");
  try {
    decode_msgpack(extra, t);
    FAIL();
  } catch (const DecodeError& e) {
    EXPECT_NE(std::string(e.what()).find("unsupported attribute \"foo\""), std::string::npos) << e.what();
  }
  // Type error deep inside names the path.
  std::string wrong = hex("82 a2 6964 a1 78 ab 656e7669726f6e6d656e74 91 82 a4 6e616d65 a3 646576 a8 7265706c69636173 a1 78");
  try {
    decode_msgpack(wrong, t);
    FAIL();
  } catch (const DecodeError& e) {
    EXPECT_EQ(e.path, ".environment[0].replicas");
  }
  EXPECT_THROW(encode_msgpack(Value::string("x"), t), std::invalid_argument);
  EXPECT_THROW(encode_msgpack(Value::object({{"id", Value::string("x")}}), t), std::invalid_argument);
}

TEST(Msgpack, Dynamic) {
  Type d = Type::dynamic();
  Value hello = decode_msgpack(hex("92 c4 08 22737472696e6722 a5 68656c6c6f"), d);
  EXPECT_EQ(hello, Value::string("hello"));
  EXPECT_EQ(hello.type(), Type::string());
  EXPECT_EQ(tohex(encode_msgpack(hello, d)), "92c40822737472696e6722a568656c6c6f");
  // str type text accepted too.
  EXPECT_EQ(decode_msgpack(hex("92 a8 22737472696e6722 a5 68656c6c6f"), d), Value::string("hello"));

  std::string tj = R"(["object",{"x":"number","y":["tuple",["string","string"]]}])";
  std::string bytes = hex("92 c4 3b") + tj + hex("82 a1 78 01 a1 79 92 a1 61 a1 62");
  Value obj = decode_msgpack(bytes, d);
  EXPECT_EQ(obj.type(), Type::from_json(tj));
  EXPECT_EQ(obj.attr("x"), Value::number(1));
  EXPECT_EQ(obj.attr("y"), Value::tuple({Value::string("a"), Value::string("b")}));
  EXPECT_EQ(encode_msgpack(obj, d), hex("92 c4 3b") + tj + hex("82 a1 78 a1 31 a1 79 92 a1 61 a1 62"));

  EXPECT_TRUE(decode_msgpack(hex("c0"), d).is_null());
  EXPECT_EQ(decode_msgpack(hex("c0"), d).type(), Type::dynamic());
  EXPECT_TRUE(decode_msgpack(hex("d4 00 00"), d).is_unknown());
  EXPECT_EQ(tohex(encode_msgpack(Value(), d)), "c0");
  EXPECT_EQ(tohex(encode_msgpack(Value::unknown(d), d)), "d40000");
  // Null of a concrete type inside dynamic: [type, nil].
  Value ns = Value::null(Type::string());
  EXPECT_EQ(tohex(encode_msgpack(ns, d)), "92c40822737472696e6722c0");
  EXPECT_EQ(rt(ns, d), ns);
  // Plain value where dynamic is expected.
  EXPECT_THROW(decode_msgpack(hex("82 a1 78 01 a1 79 02"), d), DecodeError);
  EXPECT_THROW(decode_msgpack(hex("92 c4 09 22647964616d696322 01"), d), DecodeError);  // "dynamic" not concrete
  EXPECT_THROW(decode_msgpack(hex("92 c4 03 666f6f 01"), d), DecodeError);

  // Dynamic attribute inside an object.
  Type t = Type::object({{"dyn", d}, {"n", Type::number()}});
  Value v = Value::object(t, {{"dyn", Value::map(Type::string(), {{"k", Value::string("v")}})}, {"n", Value::number(1)}});
  EXPECT_EQ(rt(v, t), v);
  Value inferred = Value::object({{"dyn", Value::map(Type::string(), {{"k", Value::string("v")}})}, {"n", Value::number(1)}});
  EXPECT_EQ(rt(inferred, t), v);
}

TEST(Msgpack, DepthLimit) {
  Type t = Type::dynamic();
  for (int i = 0; i < 300; ++i) t = Type::list(t);
  std::string bytes(300, '\x91');
  bytes += '\xc0';
  EXPECT_THROW(decode_msgpack(bytes, t), DecodeError);
  Type shallow = Type::string();
  for (int i = 0; i < 100; ++i) shallow = Type::list(shallow);
  std::string ok(100, '\x91');
  ok += '\xc0';
  EXPECT_NO_THROW(decode_msgpack(ok, shallow));
}
