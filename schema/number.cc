#include "schema/number.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <stdexcept>

namespace aoa::cty {

Number::Number() = default;

void Number::normalize() {
  size_t lead = 0;
  while (lead < digits_.size() && digits_[lead] == '0') ++lead;
  digits_.erase(0, lead);
  size_t trail = 0;
  while (trail < digits_.size() && digits_[digits_.size() - 1 - trail] == '0') ++trail;
  digits_.resize(digits_.size() - trail);
  exponent_ += static_cast<int64_t>(trail);
  if (digits_.empty()) {
    negative_ = false;
    exponent_ = 0;
  }
}

Number Number::from_int(int64_t v) {
  Number n;
  n.negative_ = v < 0;
  uint64_t mag = v < 0 ? (~static_cast<uint64_t>(v) + 1) : static_cast<uint64_t>(v);
  n.digits_ = std::to_string(mag);
  n.normalize();
  return n;
}

Number Number::from_uint(uint64_t v) {
  Number n;
  n.digits_ = std::to_string(v);
  n.normalize();
  return n;
}

Number Number::from_double(double v) {
  if (!std::isfinite(v)) throw std::invalid_argument("Number::from_double: not a finite number");
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  auto parsed = parse(std::string_view(buf, static_cast<size_t>(res.ptr - buf)));
  if (!parsed) throw std::invalid_argument("Number::from_double: unparsable");
  return *parsed;
}

std::optional<Number> Number::parse(std::string_view s) {
  size_t i = 0;
  Number n;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
    n.negative_ = s[i] == '-';
    ++i;
  }
  size_t int_digits = 0, frac_digits = 0;
  std::string digits;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    digits.push_back(s[i]);
    ++i;
    ++int_digits;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      digits.push_back(s[i]);
      ++i;
      ++frac_digits;
    }
  }
  if (int_digits + frac_digits == 0) return std::nullopt;
  int64_t exp = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool eneg = false;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
      eneg = s[i] == '-';
      ++i;
    }
    size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      if (exp < 1000000000) exp = exp * 10 + (s[i] - '0');
      ++i;
    }
    if (i == start) return std::nullopt;
    if (eneg) exp = -exp;
  }
  if (i != s.size()) return std::nullopt;
  if (digits.size() > 100000) return std::nullopt;  // absurdly long literal
  n.digits_ = std::move(digits);
  n.exponent_ = exp - static_cast<int64_t>(frac_digits);
  n.normalize();
  if (n.digits_.empty()) return n;
  // Bound the magnitude of the value: the position of the most and least significant digits.
  int64_t top = n.exponent_ + static_cast<int64_t>(n.digits_.size());
  if (top > kMaxExponent || n.exponent_ < -kMaxExponent) return std::nullopt;
  return n;
}

std::string Number::to_string() const {
  if (digits_.empty()) return "0";
  std::string out;
  if (negative_) out.push_back('-');
  if (exponent_ >= 0) {
    out += digits_;
    out.append(static_cast<size_t>(exponent_), '0');
  } else {
    int64_t int_len = static_cast<int64_t>(digits_.size()) + exponent_;
    if (int_len > 0) {
      out.append(digits_, 0, static_cast<size_t>(int_len));
      out.push_back('.');
      out.append(digits_, static_cast<size_t>(int_len), std::string::npos);
    } else {
      out += "0.";
      out.append(static_cast<size_t>(-int_len), '0');
      out += digits_;
    }
  }
  return out;
}

bool Number::is_integer() const { return exponent_ >= 0; }

std::optional<uint64_t> Number::to_uint64() const {
  if (!is_integer() || negative_) return std::nullopt;
  if (digits_.size() + static_cast<size_t>(exponent_) > 20) return std::nullopt;
  unsigned __int128 v = 0;
  for (char c : digits_) v = v * 10 + static_cast<unsigned>(c - '0');
  for (int64_t e = 0; e < exponent_; ++e) v *= 10;
  if (v > std::numeric_limits<uint64_t>::max()) return std::nullopt;
  return static_cast<uint64_t>(v);
}

std::optional<int64_t> Number::to_int64() const {
  if (!is_integer()) return std::nullopt;
  if (digits_.size() + static_cast<size_t>(exponent_) > 20) return std::nullopt;
  unsigned __int128 v = 0;
  for (char c : digits_) v = v * 10 + static_cast<unsigned>(c - '0');
  for (int64_t e = 0; e < exponent_; ++e) v *= 10;
  if (negative_) {
    if (v > static_cast<unsigned __int128>(std::numeric_limits<int64_t>::max()) + 1) return std::nullopt;
    return static_cast<int64_t>(-static_cast<__int128>(v));
  }
  if (v > static_cast<unsigned __int128>(std::numeric_limits<int64_t>::max())) return std::nullopt;
  return static_cast<int64_t>(v);
}

double Number::to_double() const {
  if (digits_.empty()) return 0.0;
  int64_t top = exponent_ + static_cast<int64_t>(digits_.size());
  if (top > 400) return negative_ ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  if (top < -400) return negative_ ? -0.0 : 0.0;
  std::string text = (negative_ ? "-" : "") + digits_ + "e" + std::to_string(exponent_);
  double d = 0;
  auto res = std::from_chars(text.data(), text.data() + text.size(), d);
  if (res.ec == std::errc::result_out_of_range) {
    // from_chars leaves d unmodified on range errors; decide between 0 and inf by magnitude.
    if (top > 0) return negative_ ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    return negative_ ? -0.0 : 0.0;
  }
  return d;
}

bool Number::exactly_representable_as_double() const {
  double d = to_double();
  if (!std::isfinite(d)) return false;
  return from_double(d) == *this;
}

int Number::compare_magnitude(const Number& o) const {
  if (digits_.empty() || o.digits_.empty()) return (digits_.empty() ? 0 : 1) - (o.digits_.empty() ? 0 : 1);
  int64_t ta = exponent_ + static_cast<int64_t>(digits_.size());
  int64_t tb = o.exponent_ + static_cast<int64_t>(o.digits_.size());
  if (ta != tb) return ta < tb ? -1 : 1;
  size_t n = std::max(digits_.size(), o.digits_.size());
  for (size_t i = 0; i < n; ++i) {
    char a = i < digits_.size() ? digits_[i] : '0';
    char b = i < o.digits_.size() ? o.digits_[i] : '0';
    if (a != b) return a < b ? -1 : 1;
  }
  return 0;
}

namespace {

// Magnitudes as digit strings without sign, most significant digit first, aligned at the right
// (same exponent). `larger` >= `smaller` in value for subtract_digits.
std::string add_digits(const std::string& a, const std::string& b) {
  std::string out;
  out.reserve(std::max(a.size(), b.size()) + 1);
  int carry = 0;
  for (size_t i = 0; i < a.size() || i < b.size() || carry != 0; ++i) {
    int sum = carry;
    if (i < a.size()) sum += a[a.size() - 1 - i] - '0';
    if (i < b.size()) sum += b[b.size() - 1 - i] - '0';
    out.push_back(static_cast<char>('0' + sum % 10));
    carry = sum / 10;
  }
  return {out.rbegin(), out.rend()};
}

std::string subtract_digits(const std::string& larger, const std::string& smaller) {
  std::string out;
  out.reserve(larger.size());
  int borrow = 0;
  for (size_t i = 0; i < larger.size(); ++i) {
    int d = (larger[larger.size() - 1 - i] - '0') - borrow;
    if (i < smaller.size()) d -= smaller[smaller.size() - 1 - i] - '0';
    borrow = d < 0 ? 1 : 0;
    out.push_back(static_cast<char>('0' + d + 10 * borrow));
  }
  return {out.rbegin(), out.rend()};
}

}  // namespace

Number Number::add(const Number& o) const {
  if (o.is_zero()) return *this;
  if (is_zero()) return o;
  // Bring both to the smaller exponent by appending zeros, then add or subtract the magnitudes.
  const int64_t exponent = std::min(exponent_, o.exponent_);
  const std::string a = digits_ + std::string(static_cast<size_t>(exponent_ - exponent), '0');
  const std::string b = o.digits_ + std::string(static_cast<size_t>(o.exponent_ - exponent), '0');
  Number r;
  r.exponent_ = exponent;
  if (negative_ == o.negative_) {
    r.digits_ = add_digits(a, b);
    r.negative_ = negative_;
  } else {
    const int m = compare_magnitude(o);
    if (m == 0) return Number();
    r.digits_ = m > 0 ? subtract_digits(a, b) : subtract_digits(b, a);
    r.negative_ = m > 0 ? negative_ : o.negative_;
  }
  r.normalize();
  return r;
}

Number Number::subtract(const Number& o) const { return add(o.negated()); }

Number Number::negated() const {
  Number r = *this;
  if (!r.is_zero()) r.negative_ = !r.negative_;
  return r;
}

Number Number::abs() const {
  Number r = *this;
  r.negative_ = false;
  return r;
}

int Number::compare(const Number& o) const {
  if (negative_ != o.negative_) return negative_ ? -1 : 1;
  int m = compare_magnitude(o);
  return negative_ ? -m : m;
}

}  // namespace aoa::cty
