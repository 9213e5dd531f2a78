// Helpers for tests of engines that return aoa::Status / aoa::Result<T>.
#pragma once

#include <string>
#include <utility>

#include "internal/status/status.h"

namespace aoa::status_testing {

inline Status status_of(const Status& s) { return s; }
template <class T>
Status status_of(const Result<T>& r) {
  return r.status();
}

// {field, message} of a failed Status; {"", "no error"} when it is ok.
inline std::pair<std::string, std::string> field_and_message(const Status& s) {
  if (s.ok()) return {"", "no error"};
  return {s.field(), s.message()};
}

}  // namespace aoa::status_testing
