#include "internal/status/status.h"

namespace aoa {

const char* status_code_name(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "OK";
    case StatusCode::kInvalidArgument: return "invalid argument";
    case StatusCode::kNotFound: return "not found";
    case StatusCode::kAlreadyExists: return "already exists";
    case StatusCode::kConflict: return "conflict";
    case StatusCode::kCorruption: return "corruption";
    case StatusCode::kIOError: return "I/O error";
    case StatusCode::kUnavailable: return "unavailable";
    case StatusCode::kInternal: return "internal error";
  }
  return "unknown";
}

Status Status::in(const std::string& prefix) const {
  if (ok() || prefix.empty()) return *this;
  std::string field = prefix;
  if (!field_.empty()) field += (field_.front() == '[' ? "" : ".") + field_;
  return {code_, message_, std::move(field)};
}

Status Status::with_context(const std::string& context) const {
  if (ok() || context.empty()) return *this;
  return {code_, context + ": " + message_, field_};
}

std::string Status::to_string() const {
  if (ok()) return "OK";
  return field_.empty() ? message_ : field_ + ": " + message_;
}

}  // namespace aoa
