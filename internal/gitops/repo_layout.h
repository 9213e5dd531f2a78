// RepoLayout: where every file of the GitOps repository lives. This module alone builds and parses
// repository paths; the paths are the contract with Argo CD and pipelines (DESIGN.md, "Files the
// provider writes"), so they never change shape:
//
//   roots/<root>/<env>.yaml                       root Application of one environment
//   apps/<root>/<env>/<app>.yaml                  child Application
//   workloads/<root>/<env>/<app>/endpoint.yaml    Azure ML endpoint
//   workloads/<root>/<env>/<app>/deployment-<slot>.yaml
//   schedules/<root>/<env>/<app>/<name>.yaml      Azure ML schedule
//   registry/<model>/<version>.yaml               model-version record
//   audit/<root>/<stamp>-<id>.json                audit record (stamp: 20261123T191502Z)
//
// Paths are relative to the folder the provider owns (the store's subpath), except where join()
// puts that folder in front for Argo CD.
//
// A part is one path component: not empty, not "." or "..", no '/', no NUL or other ASCII control
// character. Builders take parts that valid_part() accepts: callers pass names their own rules have
// already checked (DNS labels, model names, ...); for any other part the result is unspecified (and
// the store may refuse it). Parsers accept only what the builders produce and return nullopt for
// anything else (hand-added files, foreign folders); they never throw.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace aoa::gitops::layout {

bool valid_part(std::string_view part);

// "<folder>/<path>", or `path` alone when folder is "": a listed file name below its folder, or a
// layout path below the provider's sub-folder as Argo CD sees it.
std::string join(std::string_view folder, std::string_view path);

// ---- roots ----------------------------------------------------------------------------------
std::string roots_dir();                                               // "roots"
std::string root_dir(std::string_view root);                           // "roots/<root>"
std::string root_file(std::string_view root, std::string_view environment);

// The environment of a file name listed in root_dir(): "dev.yaml" -> "dev".
std::optional<std::string> root_file_environment(std::string_view file_name);

struct RootFile {
  std::string root, environment;
  bool operator==(const RootFile&) const = default;
};
// "roots/<root>/<env>.yaml" (as list_recursive(roots_dir()) returns it) -> {root, env}.
std::optional<RootFile> parse_root_file(std::string_view path);

// ---- apps -----------------------------------------------------------------------------------
std::string apps_root_dir(std::string_view root);                      // "apps/<root>"
std::string apps_dir(std::string_view root, std::string_view environment);  // "apps/<root>/<env>"
std::string app_file(std::string_view root, std::string_view environment, std::string_view app);

// The app of a file name listed in apps_dir(): "fraud.yaml" -> "fraud".
std::optional<std::string> app_file_app(std::string_view file_name);

struct AppFile {
  std::string root, environment, app;
  bool operator==(const AppFile&) const = default;
};
// "apps/<root>/<env>/<app>.yaml" (as list_recursive(apps_root_dir()) returns it).
std::optional<AppFile> parse_app_file(std::string_view path);

// ---- workloads (Azure ML files of an app) ---------------------------------------------------
std::string workload_dir(std::string_view root, std::string_view environment, std::string_view app);
std::string endpoint_file(std::string_view root, std::string_view environment, std::string_view app);
std::string deployment_file(std::string_view root, std::string_view environment, std::string_view app,
                            std::string_view slot);

// File names listed in workload_dir(): "endpoint.yaml"; "deployment-blue.yaml" -> "blue".
bool is_endpoint_file_name(std::string_view file_name);
std::optional<std::string> deployment_file_slot(std::string_view file_name);

// ---- schedules ------------------------------------------------------------------------------
std::string schedules_dir(std::string_view root, std::string_view environment, std::string_view app);
std::string schedule_file(std::string_view root, std::string_view environment, std::string_view app,
                          std::string_view name);

// ---- registry -------------------------------------------------------------------------------
std::string registry_file(std::string_view model, std::string_view version);

// ---- releases -------------------------------------------------------------------------------
// The record of an environment's appofapps_release ("releases/<root>/<env>.yaml"): while it
// exists, the apps of the environment are published by the release, as one commit per run.
std::string release_file(std::string_view root, std::string_view environment);

// ---- audit ----------------------------------------------------------------------------------
std::string audit_dir(std::string_view root);                          // "audit/<root>"
// `stamp` is the compact UTC time of the decision ("20261123T191502Z"): names sort oldest first.
std::string audit_file(std::string_view root, std::string_view stamp, std::string_view id);

// Whether a file name listed in audit_dir() is read as an audit record: any "<part>.json". Names
// need not be "<stamp>-<id>.json": a hand-added file is read too, and reported when unreadable.
bool is_audit_file_name(std::string_view file_name);

}  // namespace aoa::gitops::layout
