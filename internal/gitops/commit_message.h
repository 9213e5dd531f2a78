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

// One message for a commit that carries several changes: "Apply <n> changes", then each
// message's subject as a "- " line with its body indented below it, then the trailers of all of
// them (each distinct line once, in order), so `git log` still shows every change and every
// Appofapps-* trailer. `subject` replaces "Apply <n> changes" when given.
std::string combine_commit_messages(const std::vector<std::string>& messages, const std::string& subject = {});

}  // namespace aoa::gitops
