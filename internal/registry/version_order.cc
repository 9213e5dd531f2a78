#include "internal/registry/version_order.h"

namespace aoa::registry {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The run starting at `pos`: the maximal stretch of digits or of non-digits.
std::string_view next_run(std::string_view s, size_t& pos) {
  const size_t start = pos;
  const bool digits = is_digit(s[pos]);
  while (pos < s.size() && is_digit(s[pos]) == digits) ++pos;
  return s.substr(start, pos - start);
}

int sign(int v) { return (v > 0) - (v < 0); }

int compare_numeric(std::string_view a, std::string_view b) {
  a.remove_prefix(std::min(a.find_first_not_of('0'), a.size()));
  b.remove_prefix(std::min(b.find_first_not_of('0'), b.size()));
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return sign(a.compare(b));
}

}  // namespace

int compare_versions(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const std::string_view ra = next_run(a, i);
    const std::string_view rb = next_run(b, j);
    const int c = is_digit(ra.front()) && is_digit(rb.front()) ? compare_numeric(ra, rb) : sign(ra.compare(rb));
    if (c != 0) return c;
  }
  if (i < a.size()) return 1;
  if (j < b.size()) return -1;
  return 0;
}

}  // namespace aoa::registry
