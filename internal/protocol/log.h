// Structured logging to stderr in the JSON-lines shape Terraform's plugin log reader parses
// (@level, @message, @module, @timestamp + key/value pairs). The level comes from
// TF_LOG_PROVIDER, falling back to TF_LOG; without either only errors are written.
// Never log secrets: callers pass values that are safe to show.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

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

// The JSON line (without newline) write() emits; exposed for tests.
std::string format_line(Level level, std::string_view message, std::initializer_list<Field> fields,
                        std::string_view timestamp);

inline void trace(std::string_view m, std::initializer_list<Field> f = {}) { write(Level::Trace, m, f); }
inline void debug(std::string_view m, std::initializer_list<Field> f = {}) { write(Level::Debug, m, f); }
inline void info(std::string_view m, std::initializer_list<Field> f = {}) { write(Level::Info, m, f); }
inline void warn(std::string_view m, std::initializer_list<Field> f = {}) { write(Level::Warn, m, f); }
inline void error(std::string_view m, std::initializer_list<Field> f = {}) { write(Level::Error, m, f); }

}  // namespace aoa::log
