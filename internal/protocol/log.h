// Structured logging to stderr in the JSON-lines shape of go-hclog that Terraform's plugin log
// reader parses (@level, @message, @module, @timestamp + key/value pairs). The level comes from
// TF_LOG_PROVIDER, falling back to TF_LOG; without either only errors are written.
//
// Every line written while a thread serves an RPC (inside a RequestScope) also carries the keys
// terraform-plugin-go uses: tf_req_id (a random UUID per RPC: Terraform sends no request id),
// tf_rpc, tf_resource_type or tf_data_source_type or tf_function_name, and what the RPC's code
// added with annotate_request (the resource identity, `tf_resource_id`). The scope itself writes
// "Received request" (trace) and "Served request" (debug, with tf_req_duration_ms).
//
// Never log secrets: callers pass names, identities, commit ids, counts and durations, never
// attribute values of a configuration (a value may be a token or an e-mail address).
#pragma once

#include <chrono>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aoa::log {

enum class Level { Trace = 0, Debug = 1, Info = 2, Warn = 3, Error = 4, Off = 5 };

// Parses TF_LOG-style names (TRACE, debug, JSON = trace, OFF); like Terraform, any other value
// (TF_LOG=1) means TRACE.
Level parse_level(std::string_view name);
// Reads the environment once; later calls are cheap.
Level current_level();
bool enabled(Level level);

using Field = std::pair<std::string_view, std::string>;
void write(Level level, std::string_view message, std::initializer_list<Field> fields = {});

// The JSON line (without newline) write() emits, with the fields of the thread's RequestScope
// first; exposed for tests.
std::string format_line(Level level, std::string_view message, std::initializer_list<Field> fields,
                        std::string_view timestamp);

// Where complete lines (with newline) go: stderr by default, one write(2) per line so lines of
// several threads never interleave. Tests capture lines here; nullptr restores stderr.
using Sink = void (*)(std::string_view line);
void set_sink(Sink sink);
// Overrides the level read from the environment (tests; commands that log differently).
void set_level(Level level);

// A random version-4 UUID, "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".
std::string new_request_id();

// The RPC the current thread serves, for the length of the scope. `type_key` is
// "tf_resource_type", "tf_data_source_type" or "tf_function_name" ("" when the RPC has none).
// An inner scope hides the outer one until it ends.
class RequestScope {
 public:
  RequestScope(std::string_view rpc, std::string_view type_key, std::string_view type_name);
  ~RequestScope();
  RequestScope(const RequestScope&) = delete;
  RequestScope& operator=(const RequestScope&) = delete;
  const std::string& id() const { return id_; }

 private:
  std::string id_;
  std::chrono::steady_clock::time_point start_;
  std::vector<std::pair<std::string, std::string>>* previous_;
  std::vector<std::pair<std::string, std::string>> fields_;
};

// Adds (or replaces) a field on every later line of the thread's current RequestScope, including
// its "Served request"; nothing outside a scope.
void annotate_request(std::string_view key, std::string value);

// Milliseconds since `start`, as log text ("12.345").
std::string elapsed_ms(std::chrono::steady_clock::time_point start);

inline void trace(std::string_view m, std::initializer_list<Field> f = {}) { write(Level::Trace, m, f); }
inline void debug(std::string_view m, std::initializer_list<Field> f = {}) { write(Level::Debug, m, f); }
inline void info(std::string_view m, std::initializer_list<Field> f = {}) { write(Level::Info, m, f); }
inline void warn(std::string_view m, std::initializer_list<Field> f = {}) { write(Level::Warn, m, f); }
inline void error(std::string_view m, std::initializer_list<Field> f = {}) { write(Level::Error, m, f); }

}  // namespace aoa::log
