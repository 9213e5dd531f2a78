#include "internal/schedule/duration.h"

#include <array>
#include <cstdint>

namespace aoa::schedule {
namespace {

struct Unit {
  char letter;
  std::int64_t seconds;
};
constexpr std::array<Unit, 4> kUnits{{{'d', 86400}, {'h', 3600}, {'m', 60}, {'s', 1}}};

Status invalid(std::string_view text) {
  return Status::invalid_argument("\"" + std::string(text.substr(0, 64)) +
                                  "\" is not a duration: write one or more whole numbers with a unit, "
                                  "in the order d, h, m, s, such as \"30m\", \"24h\", \"1h30m\" or \"7d\"");
}

}  // namespace

Result<std::chrono::seconds> parse_duration(std::string_view text) {
  if (text.empty()) return invalid(text);
  std::int64_t total = 0;
  std::size_t next_unit = 0;  // units must come in order, each once
  std::size_t i = 0;
  while (i < text.size()) {
    std::int64_t number = 0;
    std::size_t digits = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      if (++digits > 9) return invalid(text);
      number = number * 10 + (text[i] - '0');
      ++i;
    }
    if (digits == 0 || i == text.size()) return invalid(text);
    std::size_t u = next_unit;
    while (u < kUnits.size() && kUnits[u].letter != text[i]) ++u;
    if (u == kUnits.size()) return invalid(text);
    next_unit = u + 1;
    ++i;
    total += number * kUnits[u].seconds;
    if (total > kMaxDuration.count()) {
      return Status::invalid_argument("\"" + std::string(text.substr(0, 64)) + "\" is longer than " +
                                      format_duration(kMaxDuration) + ", the longest duration allowed");
    }
  }
  return std::chrono::seconds(total);
}

std::string format_duration(std::chrono::seconds d) {
  std::int64_t left = d.count();
  if (left <= 0) return "0s";
  std::string out;
  for (const Unit& unit : kUnits) {
    if (left >= unit.seconds) {
      out += std::to_string(left / unit.seconds) + unit.letter;
      left %= unit.seconds;
    }
  }
  return out;
}

}  // namespace aoa::schedule
