// aoa::cty::Number — exact decimal number (arbitrary size, never rounded through double).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace aoa::cty {

class Number {
 public:
  Number();  // 0

  static Number from_int(int64_t v);
  static Number from_uint(uint64_t v);
  // Uses the shortest decimal text that round-trips to `v`. Throws std::invalid_argument for NaN/Inf.
  static Number from_double(double v);
  // Accepts optional '-' or '+', digits with optional fraction, optional exponent ("-12.50", "1e3", ".5").
  // Returns nullopt for anything else (including NaN/Inf, empty, and exponents whose magnitude
  // would exceed kMaxExponent).
  static std::optional<Number> parse(std::string_view decimal_text);

  static constexpr int kMaxExponent = 4096;

  // Canonical decimal text: no exponent, no trailing zeros after '.', "-0" -> "0".
  std::string to_string() const;
  std::optional<int64_t> to_int64() const;
  std::optional<uint64_t> to_uint64() const;
  double to_double() const;  // correctly rounded; may be +-inf for huge values
  bool is_integer() const;
  bool is_zero() const { return digits_.empty(); }
  bool is_negative() const { return negative_; }
  // True if converting to double and back (shortest round-trip text) yields this number.
  bool exactly_representable_as_double() const;

  // Exact decimal arithmetic (no rounding, no doubles). The result has as many digits as the
  // operands span: adding 1e4000 and 1e-4000 yields 8001 digits; parse() bounds what outside input
  // can bring in to |exponent| <= kMaxExponent, so results of a few operations stay small.
  Number add(const Number& other) const;
  Number subtract(const Number& other) const;
  Number negated() const;  // -0 is 0
  Number abs() const;

  int compare(const Number& other) const;
  bool operator==(const Number& o) const { return compare(o) == 0; }
  bool operator!=(const Number& o) const { return compare(o) != 0; }
  bool operator<(const Number& o) const { return compare(o) < 0; }
  bool operator>(const Number& o) const { return compare(o) > 0; }
  bool operator<=(const Number& o) const { return compare(o) <= 0; }
  bool operator>=(const Number& o) const { return compare(o) >= 0; }

 private:
  // value = (negative ? -1 : 1) * digits_ * 10^exponent_; digits_ has no leading or trailing '0';
  // zero is digits_ empty, exponent_ 0, negative_ false.
  bool negative_ = false;
  std::string digits_;
  int64_t exponent_ = 0;
  void normalize();
  int compare_magnitude(const Number& o) const;
};

}  // namespace aoa::cty
