#include "internal/gitops/store.h"

#include <algorithm>
#include <cctype>

namespace aoa::gitops {

std::string Store::path_problem(std::string_view p) {
  if (p.empty()) return "the path is empty";
  if (p.find('\0') != std::string_view::npos) return "NUL characters are not allowed";
  if (p.find('\\') != std::string_view::npos) return "backslashes are not allowed (use '/')";
  if (p.front() == '/') return "absolute paths are not allowed (paths are relative to the repository folder)";
  size_t start = 0;
  while (true) {
    const size_t slash = p.find('/', start);
    const std::string_view c = p.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (c.empty()) return "empty path components ('//' or a trailing '/') are not allowed";
    if (c == ".") return "'.' components are not allowed";
    if (c == "..") return "'..' components are not allowed";
    std::string lower(c);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char ch) { return std::tolower(ch); });
    if (lower == ".git") return "'.git' components are not allowed";
    if (slash == std::string_view::npos) return "";
    start = slash + 1;
  }
}

void Store::validate_path(const std::string& path) {
  std::string why = path_problem(path);
  if (!why.empty()) throw StoreError("invalid path \"" + path + "\": " + why);
}

std::string Store::subpath_prefix(const StoreConfig& config) {
  std::string sp = config.subpath;
  while (!sp.empty() && sp.back() == '/') sp.pop_back();
  return sp.empty() ? "" : sp + "/";
}

std::string Store::subpath_problem(const StoreConfig& config) {
  std::string sp = subpath_prefix(config);
  if (sp.empty()) return "";
  sp.pop_back();
  std::string why = path_problem(sp);
  return why.empty() ? "" : "invalid repository path (subpath) \"" + config.subpath + "\": " + why;
}

}  // namespace aoa::gitops
