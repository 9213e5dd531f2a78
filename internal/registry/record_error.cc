#include "internal/registry/record_error.h"

namespace aoa::registry::detail {

Status record_error(StatusCode code, const std::string& field, const std::string& problem) {
  const std::string message = "model version record: " + (field.empty() ? std::string() : field + ": ") + problem;
  return code == StatusCode::kCorruption ? Status::corruption(message, field) : Status::invalid_argument(message, field);
}

}  // namespace aoa::registry::detail
