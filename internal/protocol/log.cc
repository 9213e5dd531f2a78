#include "internal/protocol/log.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <mutex>
#include <nlohmann/json.hpp>

namespace aoa::log {
namespace {

const char* level_name(Level level) {
  switch (level) {
    case Level::Trace: return "trace";
    case Level::Debug: return "debug";
    case Level::Info: return "info";
    case Level::Warn: return "warn";
    case Level::Error: return "error";
    case Level::Off: return "off";
  }
  return "info";
}

// go-hclog's timestamp layout: 2006-01-02T15:04:05.000000Z07:00
std::string now_timestamp() {
  auto now = std::chrono::system_clock::now();
  auto secs = std::chrono::time_point_cast<std::chrono::seconds>(now);
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(now - secs).count();
  std::time_t t = std::chrono::system_clock::to_time_t(secs);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(buf + n, sizeof buf - n, ".%06ldZ", static_cast<long>(micros));
  return buf;
}

}  // namespace

Level parse_level(std::string_view name) {
  std::string n(name);
  std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::tolower(c); });
  if (n == "trace" || n == "json") return Level::Trace;
  if (n == "debug") return Level::Debug;
  if (n == "info") return Level::Info;
  if (n == "warn") return Level::Warn;
  if (n == "error") return Level::Error;
  if (n == "off") return Level::Off;
  return Level::Trace;  // Terraform treats any other non-empty TF_LOG value as TRACE
}

Level current_level() {
  static const Level level = [] {
    const char* p = std::getenv("TF_LOG_PROVIDER");
    if (p == nullptr || *p == '\0') p = std::getenv("TF_LOG");
    if (p == nullptr || *p == '\0') return Level::Error;
    Level l = parse_level(p);
    return l;
  }();
  return level;
}

bool enabled(Level level) { return level != Level::Off && level >= current_level(); }

std::string format_line(Level level, std::string_view message, std::initializer_list<Field> fields,
                        std::string_view timestamp) {
  nlohmann::ordered_json j;
  j["@level"] = level_name(level);
  j["@message"] = std::string(message);
  j["@module"] = "provider.appofapps";
  j["@timestamp"] = std::string(timestamp);
  for (const auto& [k, v] : fields) j[std::string(k)] = v;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void write(Level level, std::string_view message, std::initializer_list<Field> fields) {
  if (!enabled(level)) return;
  std::string line = format_line(level, message, fields, now_timestamp());
  line += '\n';
  static std::mutex mu;
  std::lock_guard<std::mutex> lock(mu);
  // One write per line keeps lines whole even when several threads log.
  ssize_t ignored = ::write(STDERR_FILENO, line.data(), line.size());
  (void)ignored;
}

}  // namespace aoa::log
