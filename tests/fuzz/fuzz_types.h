// Shared fixed schema type for the codec fuzz targets.
#pragma once

#include "schema/type.h"

namespace aoa::fuzz {

inline const cty::Type& fuzz_type() {
  static const cty::Type t = [] {
    using cty::Type;
    Type env = Type::object({{"name", Type::string()},
                             {"replicas", Type::number()},
                             {"vars", Type::map(Type::string())},
                             {"enabled", Type::boolean()}});
    return Type::object({{"id", Type::string()},
                         {"environment", Type::list(env)},
                         {"labels", Type::map(Type::string())},
                         {"tags", Type::set(Type::string())},
                         {"ports", Type::set(Type::number())},
                         {"size", Type::number()},
                         {"values", Type::dynamic()},
                         {"pair", Type::tuple({Type::string(), Type::list(Type::dynamic())})},
                         {"settings", Type::object({{"mode", Type::string()}, {"extra", Type::dynamic()}})}});
  }();
  return t;
}

}  // namespace aoa::fuzz
