// Exact decimal arithmetic of aoa::cty::Number (add, subtract, negated, abs).
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "schema/number.h"

using aoa::cty::Number;

namespace {

Number N(const char* text) {
  auto n = Number::parse(text);
  EXPECT_TRUE(n.has_value()) << text;
  return n.value_or(Number());
}

}  // namespace

TEST(NumberArith, AddAndSubtractCanonicalResults) {
  struct C { const char* a; const char* b; const char* sum; const char* difference; } cases[] = {
      {"0", "0", "0", "0"},
      {"1", "2", "3", "-1"},
      {"0.1", "0.2", "0.3", "-0.1"},           // exact, unlike doubles
      {"0.91", "0.01", "0.92", "0.9"},
      {"0.910", "-0.91", "0", "1.82"},
      {"999", "1", "1000", "998"},
      {"-5", "3", "-2", "-8"},
      {"-5", "-3", "-8", "-2"},
      {"5", "-5", "0", "10"},
      {"1e3", "1", "1001", "999"},
      {"1.5e2", "0.25", "150.25", "149.75"},
      {"100", "0.001", "100.001", "99.999"},
      {"-0.001", "0.001", "0", "-0.002"},
      {"123456789012345678901234567890", "1", "123456789012345678901234567891",
       "123456789012345678901234567889"},
      {"0.999999999999999999999", "0.000000000000000000001", "1", "0.999999999999999999998"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(N(c.a).add(N(c.b)).to_string(), c.sum) << c.a << " + " << c.b;
    EXPECT_EQ(N(c.b).add(N(c.a)).to_string(), c.sum) << c.b << " + " << c.a;
    EXPECT_EQ(N(c.a).subtract(N(c.b)).to_string(), c.difference) << c.a << " - " << c.b;
  }
}

TEST(NumberArith, ZeroResultIsCanonicalZero) {
  Number z = N("0.5").subtract(N("0.50"));
  EXPECT_TRUE(z.is_zero());
  EXPECT_FALSE(z.is_negative());
  EXPECT_EQ(z, Number());
  EXPECT_EQ(z.to_string(), "0");
}

TEST(NumberArith, HugeExponentsStayExact) {
  Number big = N("1e4000");
  Number tiny = N("1e-4000");
  Number sum = big.add(tiny);
  std::string text = sum.to_string();
  ASSERT_EQ(text.size(), 4001u + 1u + 4000u);  // "1" + 4000 zeros + "." + 3999 zeros + "1"
  EXPECT_EQ(text.front(), '1');
  EXPECT_EQ(text.back(), '1');
  EXPECT_EQ(sum.subtract(big), tiny);
  EXPECT_EQ(sum.subtract(tiny), big);
  EXPECT_GT(sum, big);
}

TEST(NumberArith, NegatedAndAbs) {
  EXPECT_EQ(N("1.5").negated().to_string(), "-1.5");
  EXPECT_EQ(N("-1.5").negated().to_string(), "1.5");
  EXPECT_EQ(Number().negated().to_string(), "0");
  EXPECT_FALSE(Number().negated().is_negative());
  EXPECT_EQ(N("-0.25").abs().to_string(), "0.25");
  EXPECT_EQ(N("0.25").abs().to_string(), "0.25");
  EXPECT_EQ(Number().abs(), Number());
}

TEST(NumberArith, AgreesWithIntegerArithmetic) {
  std::mt19937_64 rng(42);
  std::uniform_int_distribution<int64_t> dist(-1'000'000'000'000LL, 1'000'000'000'000LL);
  for (int i = 0; i < 2000; ++i) {
    const int64_t a = dist(rng), b = dist(rng);
    EXPECT_EQ(Number::from_int(a).add(Number::from_int(b)), Number::from_int(a + b)) << a << " + " << b;
    EXPECT_EQ(Number::from_int(a).subtract(Number::from_int(b)), Number::from_int(a - b)) << a << " - " << b;
  }
}

TEST(NumberArith, ScaledDecimalsAgreeWithIntegers) {
  // a/1000 + b/100 computed exactly equals (a + 10 b)/1000.
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int64_t> dist(-10'000'000, 10'000'000);
  for (int i = 0; i < 2000; ++i) {
    const int64_t a = dist(rng), b = dist(rng);
    Number x = N((std::to_string(a) + "e-3").c_str());
    Number y = N((std::to_string(b) + "e-2").c_str());
    Number expected = N((std::to_string(a + 10 * b) + "e-3").c_str());
    EXPECT_EQ(x.add(y), expected) << a << "e-3 + " << b << "e-2";
    EXPECT_EQ(x.add(y).subtract(y), x);
  }
}

TEST(NumberArith, AdditionIsAssociativeAndCommutative) {
  const char* values[] = {"0", "-0.5", "1e-3", "12345.6789", "-1e10", "0.1", "7"};
  for (const char* a : values) {
    for (const char* b : values) {
      EXPECT_EQ(N(a).add(N(b)), N(b).add(N(a)));
      for (const char* c : values) {
        EXPECT_EQ(N(a).add(N(b)).add(N(c)), N(a).add(N(b).add(N(c))));
      }
    }
  }
}
