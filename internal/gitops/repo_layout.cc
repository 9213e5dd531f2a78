#include "internal/gitops/repo_layout.h"

#include <vector>

namespace aoa::gitops::layout {
namespace {

// Top-level folders.
constexpr std::string_view kRoots = "roots", kApps = "apps", kWorkloads = "workloads", kSchedules = "schedules",
                           kRegistry = "registry", kAudit = "audit",
                           kReleases = "releases";
constexpr std::string_view kYaml = ".yaml";
constexpr std::string_view kJson = ".json";
constexpr std::string_view kEndpointFile = "endpoint.yaml";
constexpr std::string_view kDeploymentPrefix = "deployment-";

std::string path_of(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view p : parts) {
    if (!out.empty()) out += '/';
    out += p;
  }
  return out;
}

std::string with_suffix(std::string_view stem, std::string_view suffix) { return std::string(stem).append(suffix); }

// "<prefix><stem><suffix>" -> stem, when the stem is a valid part.
std::optional<std::string> stem_of(std::string_view name, std::string_view prefix, std::string_view suffix) {
  if (name.size() < prefix.size() + suffix.size() || !name.starts_with(prefix) || !name.ends_with(suffix))
    return std::nullopt;
  std::string_view stem = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
  if (!valid_part(stem)) return std::nullopt;
  return std::string(stem);
}

// The components of `path` when it has exactly `count` of them, all valid parts, the first `top`.
std::optional<std::vector<std::string_view>> components(std::string_view path, size_t count, std::string_view top) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    const size_t slash = path.find('/', start);
    out.push_back(path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (!valid_part(out.back()) || out.size() > count) return std::nullopt;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  if (out.size() != count || out.front() != top) return std::nullopt;
  return out;
}

}  // namespace

bool valid_part(std::string_view part) {
  if (part.empty() || part == "." || part == "..") return false;
  for (char c : part) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '/' || u < 0x20 || u == 0x7f) return false;
  }
  return true;
}

std::string join(std::string_view folder, std::string_view path) {
  return folder.empty() ? std::string(path) : path_of({folder, path});
}

std::string roots_dir() { return std::string(kRoots); }
std::string root_dir(std::string_view root) { return path_of({kRoots, root}); }
std::string root_file(std::string_view root, std::string_view environment) {
  return path_of({kRoots, root, with_suffix(environment, kYaml)});
}

std::optional<std::string> root_file_environment(std::string_view file_name) { return stem_of(file_name, "", kYaml); }

std::optional<RootFile> parse_root_file(std::string_view path) {
  auto parts = components(path, 3, kRoots);
  if (!parts) return std::nullopt;
  auto env = root_file_environment((*parts)[2]);
  if (!env) return std::nullopt;
  return RootFile{std::string((*parts)[1]), *env};
}

std::string apps_root_dir(std::string_view root) { return path_of({kApps, root}); }
std::string apps_dir(std::string_view root, std::string_view environment) {
  return path_of({kApps, root, environment});
}
std::string app_file(std::string_view root, std::string_view environment, std::string_view app) {
  return path_of({kApps, root, environment, with_suffix(app, kYaml)});
}

std::optional<std::string> app_file_app(std::string_view file_name) { return stem_of(file_name, "", kYaml); }

std::optional<AppFile> parse_app_file(std::string_view path) {
  auto parts = components(path, 4, kApps);
  if (!parts) return std::nullopt;
  auto app = app_file_app((*parts)[3]);
  if (!app) return std::nullopt;
  return AppFile{std::string((*parts)[1]), std::string((*parts)[2]), *app};
}

std::string workload_dir(std::string_view root, std::string_view environment, std::string_view app) {
  return path_of({kWorkloads, root, environment, app});
}
std::string endpoint_file(std::string_view root, std::string_view environment, std::string_view app) {
  return path_of({kWorkloads, root, environment, app, kEndpointFile});
}
std::string deployment_file(std::string_view root, std::string_view environment, std::string_view app,
                            std::string_view slot) {
  return path_of({kWorkloads, root, environment, app, std::string(kDeploymentPrefix).append(slot).append(kYaml)});
}

bool is_endpoint_file_name(std::string_view file_name) { return file_name == kEndpointFile; }
std::optional<std::string> deployment_file_slot(std::string_view file_name) {
  return stem_of(file_name, kDeploymentPrefix, kYaml);
}

std::string schedules_dir(std::string_view root, std::string_view environment, std::string_view app) {
  return path_of({kSchedules, root, environment, app});
}
std::string schedule_file(std::string_view root, std::string_view environment, std::string_view app,
                          std::string_view name) {
  return path_of({kSchedules, root, environment, app, with_suffix(name, kYaml)});
}

std::string registry_file(std::string_view model, std::string_view version) {
  return path_of({kRegistry, model, with_suffix(version, kYaml)});
}

std::string release_file(std::string_view root, std::string_view environment) {
  return path_of({kReleases, root, with_suffix(environment, kYaml)});
}

std::string audit_dir(std::string_view root) { return path_of({kAudit, root}); }
std::string audit_file(std::string_view root, std::string_view stamp, std::string_view id) {
  return path_of({kAudit, root, std::string(stamp).append("-").append(id).append(kJson)});
}

bool is_audit_file_name(std::string_view file_name) { return stem_of(file_name, "", kJson).has_value(); }

}  // namespace aoa::gitops::layout
