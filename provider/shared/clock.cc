#include "provider/shared/clock.h"

#include <chrono>
#include <cstdlib>
#include <optional>

#include "internal/protocol/log.h"
#include "internal/schedule/time_parse.h"
#include "internal/schedule/time_zone.h"

namespace aoa::provider {
namespace {

// Read once: the variable belongs to the process, not to a request.
std::optional<date::sys_seconds> test_now() {
  const char* text = std::getenv("AOA_TEST_NOW");
  if (text == nullptr || *text == '\0') return std::nullopt;
  auto utc = schedule::locate_zone("UTC");
  if (!utc.ok()) return std::nullopt;
  auto t = schedule::parse_time(text, *utc, "AOA_TEST_NOW");
  if (!t.ok()) {
    log::warn("AOA_TEST_NOW ignored: " + t.status().message());
    return std::nullopt;
  }
  return *t;
}

}  // namespace

date::sys_seconds now_seconds() {
  static const std::optional<date::sys_seconds> fixed = test_now();
  if (fixed) return *fixed;
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace aoa::provider
