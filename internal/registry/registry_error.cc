#include "internal/registry/registry_error.h"

namespace aoa::registry {

RegistryError::RegistryError(std::string field, const std::string& message)
    : std::runtime_error("model version record: " + (field.empty() ? std::string() : field + ": ") + message),
      field_(std::move(field)) {}

}  // namespace aoa::registry
