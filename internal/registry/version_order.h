// Ordering of model versions ("is this a rollback?").
#pragma once

#include <string_view>

namespace aoa::registry {

// Compares two version strings; returns <0, 0 or >0.
//
// Both are split into runs of ASCII digits and runs of other characters ("1.10-rc2" ->
// "1" "." "10" "-rc" "2"). Runs are compared pairwise from the left:
//   * two digit runs compare numerically, with no overflow for any length: leading zeros are
//     stripped, then the shorter run is smaller, then the runs compare lexically;
//   * otherwise the runs compare byte-wise (so a digit run sorts before a letter run);
// when every pair is equal, the version with fewer runs is smaller ("1" < "1.0").
// Examples: "10" > "9", "1.10" > "1.9", "2" == "2", "007" == "7", "1.0" < "1.0.1".
// Not semver: "1.0-rc1" > "1.0" (pre-release tags are not special).
int compare_versions(std::string_view a, std::string_view b);

}  // namespace aoa::registry
