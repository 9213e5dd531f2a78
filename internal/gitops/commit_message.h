#pragma once

#include <string>
#include <utility>
#include <vector>

namespace aoa::gitops {

// Builds "subject\n\nbody\n\nKey: value\n...". The subject is forced onto one line
// (CR/LF replaced by spaces, trailing blanks trimmed); the body paragraph is omitted when
// empty; trailer keys are made git-trailer safe (characters other than letters, digits
// and '-' become '-') and values are forced onto one line. Always ends with '\n'.
std::string build_commit_message(const std::string& subject, const std::string& body,
                                 const std::vector<std::pair<std::string, std::string>>& trailers);

}  // namespace aoa::gitops
