#include "internal/protocol/log.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <mutex>
#include <random>
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

using Fields = std::vector<std::pair<std::string, std::string>>;

// The fields of the RequestScope this thread is in, or nullptr.
thread_local Fields* t_request = nullptr;

std::atomic<Sink> g_sink{nullptr};
std::atomic<int> g_level_override{-1};

void write_stderr(std::string_view line) {
  ssize_t ignored = ::write(STDERR_FILENO, line.data(), line.size());
  (void)ignored;
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
  if (int o = g_level_override.load(); o >= 0) return static_cast<Level>(o);
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
  if (t_request != nullptr)
    for (const auto& [k, v] : *t_request) j[k] = v;
  for (const auto& [k, v] : fields) j[std::string(k)] = v;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void write(Level level, std::string_view message, std::initializer_list<Field> fields) {
  if (!enabled(level)) return;
  std::string line = format_line(level, message, fields, now_timestamp());
  line += '\n';
  Sink sink = g_sink.load();
  static std::mutex mu;
  std::lock_guard<std::mutex> lock(mu);
  // One write per line keeps lines whole even when several threads log.
  (sink != nullptr ? sink : write_stderr)(line);
}

void set_sink(Sink sink) { g_sink.store(sink); }
void set_level(Level level) { g_level_override.store(static_cast<int>(level)); }

std::string new_request_id() {
  thread_local std::mt19937_64 gen{std::random_device{}()};
  const uint64_t a = gen(), b = gen();
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                static_cast<unsigned>((a >> 16) & 0xffff), static_cast<unsigned>(a & 0xfff),
                static_cast<unsigned>(0x8000 | ((b >> 48) & 0x3fff)),
                static_cast<unsigned long long>(b & 0xffffffffffffULL));
  return buf;
}

std::string elapsed_ms(std::chrono::steady_clock::time_point start) {
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", static_cast<double>(us.count()) / 1000.0);
  return buf;
}

RequestScope::RequestScope(std::string_view rpc, std::string_view type_key, std::string_view type_name)
    : id_(new_request_id()), start_(std::chrono::steady_clock::now()), previous_(t_request) {
  fields_.emplace_back("tf_req_id", id_);
  fields_.emplace_back("tf_rpc", std::string(rpc));
  if (!type_key.empty()) fields_.emplace_back(std::string(type_key), std::string(type_name));
  t_request = &fields_;
  trace("Received request");
}

RequestScope::~RequestScope() {
  debug("Served request", {{"tf_req_duration_ms", elapsed_ms(start_)}});
  t_request = previous_;
}

void annotate_request(std::string_view key, std::string value) {
  if (t_request == nullptr) return;
  for (auto& [k, v] : *t_request)
    if (k == key) {
      v = std::move(value);
      return;
    }
  t_request->emplace_back(std::string(key), std::move(value));
}

}  // namespace aoa::log
