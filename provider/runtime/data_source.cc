#include "provider/runtime/data_source.h"

#include <vector>

namespace aoa::runtime {

std::string unknown_arguments(const cty::Value& config) {
  if (config.is_null() || !config.is_known()) return "arguments";
  std::vector<std::string> names;
  for (const auto& [name, v] : config.entries())
    if (!v.is_wholly_known()) names.push_back("`" + name + "`");
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) out += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
  return out.empty() ? "arguments" : out;
}

}  // namespace aoa::runtime
