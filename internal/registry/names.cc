#include "internal/registry/names.h"

namespace aoa::registry {
namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Quotes a name for a message; bounded so a 1 MB name does not make a 1 MB diagnostic.
std::string quoted(std::string_view s) {
  constexpr size_t kShown = 80;
  if (s.size() <= kShown) return "\"" + std::string(s) + "\"";
  return "\"" + std::string(s.substr(0, kShown)) + "…\"";
}

std::string asset_name_problem(std::string_view what, std::string_view name) {
  const std::string allowed =
      " (1 to 255 characters: letters, digits, '-', '_' and '.', starting with a letter or digit, no \"..\")";
  if (name.empty()) return std::string(what) + " must not be empty" + allowed;
  if (name.size() > kMaxNameLength) return std::string(what) + " is longer than 255 characters" + allowed;
  if (!is_alpha(name.front()) && !is_digit(name.front())) {
    return std::string(what) + " " + quoted(name) + " must start with a letter or digit" + allowed;
  }
  for (char c : name) {
    if (!is_alpha(c) && !is_digit(c) && c != '-' && c != '_' && c != '.') {
      return std::string(what) + " " + quoted(name) + " contains a character that is not allowed" + allowed;
    }
  }
  if (name.find("..") != std::string_view::npos) {
    return std::string(what) + " " + quoted(name) + " contains \"..\"" + allowed;
  }
  return {};
}

std::string metric_name_problem(std::string_view name) {
  const std::string allowed = " (1 to 255 characters: letters, digits, '_', '-', '.' and '/', starting with a letter)";
  if (name.empty()) return "metric name must not be empty" + allowed;
  if (name.size() > kMaxNameLength) return "metric name is longer than 255 characters" + allowed;
  if (!is_alpha(name.front())) return "metric name " + quoted(name) + " must start with a letter" + allowed;
  for (char c : name) {
    if (!is_alpha(c) && !is_digit(c) && c != '_' && c != '-' && c != '.' && c != '/') {
      return "metric name " + quoted(name) + " contains a character that is not allowed" + allowed;
    }
  }
  return {};
}

Status status_of(const std::string& problem) {
  return problem.empty() ? Status() : Status::invalid_argument(problem);
}

}  // namespace

Status validate_model_name(std::string_view name) { return status_of(asset_name_problem("model name", name)); }

Status validate_version(std::string_view version) { return status_of(asset_name_problem("version", version)); }

Status validate_metric_name(std::string_view name) { return status_of(metric_name_problem(name)); }

}  // namespace aoa::registry
