// The commit a plan was made on, carried in a resource's private data from the refresh (Read) of
// a plan to its apply, also when the apply runs elsewhere from a saved plan: the refresh stamps
// the branch tip it read, the plan (and Terraform's re-plan at apply) copies the stamp from the
// prior private data into the planned one, and the apply hands it to the store with each file
// change (gitops::FileChange::base), which refuses a file that someone else changed since.
// Only for remote repositories; without a stamp the private data is exactly what it was.
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace aoa::provider {

inline constexpr std::string_view kPlanBaseMark = "\x1e" "appofapps-base=";

// {private data without the stamp, the stamped commit or ""}.
inline std::pair<std::string, std::string> split_plan_base(const std::string& private_data) {
  const size_t at = private_data.rfind(kPlanBaseMark);
  if (at == std::string::npos) return {private_data, ""};
  return {private_data.substr(0, at), private_data.substr(at + kPlanBaseMark.size())};
}

// `private_data` (without a stamp) stamped with `base`; unchanged when `base` is "".
inline std::string with_plan_base(const std::string& private_data, const std::string& base) {
  if (base.empty()) return private_data;
  return private_data + std::string(kPlanBaseMark) + base;
}

}  // namespace aoa::provider
