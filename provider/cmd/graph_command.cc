#include "provider/cmd/graph_command.h"

#include <cstdio>
#include <exception>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "internal/gitops/git_store.h"
#include "internal/gitops/repo_layout.h"
#include "internal/planner/release_graph.h"
#include "internal/render/k8s_names.h"
#include "provider/cmd/graph_config.h"
#include "provider/cmd/graph_render.h"
#include "provider/shared/environment_apps.h"
#include "provider/shared/provider_context.h"

namespace aoa::provider {
namespace {

constexpr const char* kUsage =
    "usage: terraform-provider-appofapps graph --root <root> --environment <env> [--repository <path>]\n"
    "                                          [--format text|json|dot|mermaid] [--branch main] [--path <subpath>]\n"
    "\n"
    "Prints the release graph (sync waves, dependencies, cycles; versions and owners in json and\n"
    "mermaid) of one root and environment as committed on the branch of a local GitOps repository.\n"
    "Never writes to the repository.\n"
    "\n"
    "  --root         appofapps_root name\n"
    "  --environment  environment of the root, e.g. dev\n"
    "  --repository   local path (or file:// URL) of the Git repository; default: the repository\n"
    "                 the provider block in ./*.tf configures (url, branch, path), else ./gitops\n"
    "  --format       text (default), json, dot (Graphviz; pipe into `dot -Tsvg`) or mermaid\n"
    "                 (a flowchart for pull-request descriptions)\n"
    "  --branch       branch to read (default main)\n"
    "  --path         sub-folder of the repository the provider owns (provider `repository.path`)\n"
    "\n"
    "Exit status: 0 printed; 1 repository missing, no apps, or a dependency cycle; 2 usage error.\n";

struct Args {
  std::string repository, root, environment, format = "text", branch = "main", path;
  bool help = false;
  std::map<std::string, bool> given;  // flags on the command line
};

void err(const std::string& msg) { std::fprintf(stderr, "terraform-provider-appofapps graph: %s\n", msg.c_str()); }

int usage_error(const std::string& msg) {
  err(msg);
  std::fputs(kUsage, stderr);
  return 2;
}

// Parses "--flag value" and "--flag=value"; returns an error message or nullopt.
std::optional<std::string> parse(int argc, char** argv, Args& a) {
  const std::map<std::string, std::string*> flags{{"--repository", &a.repository}, {"--root", &a.root},
                                                  {"--environment", &a.environment}, {"--format", &a.format},
                                                  {"--branch", &a.branch},         {"--path", &a.path}};
  std::map<std::string, bool> seen;
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      a.help = true;
      continue;
    }
    std::string name = arg, value;
    bool inline_value = false;
    if (auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      inline_value = true;
    }
    auto it = flags.find(name);
    if (it == flags.end()) return "unknown argument \"" + arg + "\"";
    if (!inline_value) {
      if (i + 1 >= argc) return name + " needs a value";
      value = argv[++i];
    }
    if (seen[name]) return name + " given twice";
    seen[name] = true;
    a.given[name] = true;
    *it->second = value;
  }
  return std::nullopt;
}

void write_stdout(const std::string& s) {
  std::fwrite(s.data(), 1, s.size(), stdout);
  std::fflush(stdout);
}

// DOT label under the app name: the model version, "v"-prefixed when it starts with a digit.
std::string version_label(const std::string& model) {
  std::string version = split_model(model).second;
  if (!version.empty() && version[0] >= '0' && version[0] <= '9') version = "v" + version;
  return version;
}

// The arguments' problem, if any, after parsing (required ones, format, names, local repository).
std::optional<std::string> argument_problem(const Args& a) {
  if (a.given.count("--repository") && a.repository.empty()) return "--repository is empty";
  if (a.root.empty()) return "--root is required";
  if (a.environment.empty()) return "--environment is required";
  if (a.format != "text" && a.format != "dot" && a.format != "json" && a.format != "mermaid")
    return "unknown --format \"" + a.format + "\" (text, json, dot or mermaid)";
  if (!render::is_dns1123_label(a.root)) return "--root \"" + a.root + "\" is not a DNS-1123 label";
  if (!render::is_dns1123_label(a.environment)) return "--environment \"" + a.environment + "\" is not a DNS-1123 label";
  if (a.repository.rfind("https://", 0) == 0 || a.repository.rfind("ssh://", 0) == 0 ||
      a.repository.rfind("http://", 0) == 0)
    return "--repository must be a local path or file:// URL (clone the remote first)";
  return std::nullopt;
}

// Without --repository: the repository the configuration in the working directory configures
// (its branch and path too, unless given), else ./gitops. A problem, if any.
std::optional<std::string> default_repository(Args& a) {
  if (a.given.count("--repository")) return std::nullopt;
  Result<std::optional<ConfiguredRepository>> configured = configured_repository(".");
  if (!configured.ok()) return configured.status().message();
  a.repository = "./gitops";
  if (!*configured) return std::nullopt;
  const ConfiguredRepository& c = **configured;
  a.repository = c.url;
  if (!a.given.count("--branch") && !c.branch.empty()) a.branch = c.branch;
  if (!a.given.count("--path") && !c.path.empty()) a.path = c.path;
  return argument_problem(a);  // a remote url: clone it first
}

// Writes the graph in the requested format; warnings and a cycle go to stderr. The exit code.
int print_graph(const Args& a, const EnvironmentApps& loaded) {
  const std::vector<planner::AppNode> nodes = graph_nodes(loaded.apps);
  const planner::WavePlan plan = planner::plan_waves(nodes);
  if (a.format == "text") {
    write_stdout(planner::to_text(nodes, plan));
  } else if (a.format == "json") {
    write_stdout(graph_json(loaded.apps, nodes, plan));
  } else if (a.format == "mermaid") {
    write_stdout(graph_mermaid(loaded.apps, nodes, plan));
  } else {
    std::map<std::string, std::string> labels;
    for (const auto& [name, r] : loaded.apps)
      if (auto l = version_label(r.model); !l.empty()) labels[name] = l;
    write_stdout(planner::to_dot(nodes, plan, labels));
  }
  for (const auto& [app, dep] : plan.missing)
    err("warning: app \"" + app + "\" depends on \"" + dep + "\", which is not an app of this environment");
  if (plan.cyclic()) {
    err("dependency cycle: " + planner::cycle_to_string(plan.cycle));
    return 1;
  }
  return 0;
}

// Reads the environment's apps from the repository and prints them. The exit code.
int graph_of_repository(const Args& a, const gitops::StoreConfig& config) {
  const std::string where =
      a.repository + " (branch " + a.branch + (a.path.empty() ? "" : ", path " + a.path) + ")";
  try {
    gitops::GitStore store(config);
    if (!store.exists()) {
      err("no Git repository with a commit on branch \"" + a.branch + "\" at " + a.repository);
      return 1;
    }
    EnvironmentApps loaded = load_environment_apps(store, a.root, a.environment);
    for (const auto& f : loaded.unreadable)
      err("warning: ignoring " + layout::join(layout::apps_dir(a.root, a.environment), f) +
          ": not a child Application of this root and environment");
    if (!loaded.apps.empty()) return print_graph(a, loaded);
    if (store.list(layout::root_dir(a.root)).empty())
      err("root \"" + a.root + "\" not found in " + where + ": no files under " + layout::root_dir(a.root) +
          "/ and no apps under " + layout::apps_dir(a.root, a.environment) + "/");
    else
      err("root \"" + a.root + "\" has no apps in environment \"" + a.environment + "\" in " + where + " (" +
          layout::apps_dir(a.root, a.environment) + "/ is empty)");
    return 1;
  } catch (const std::exception& e) {
    err("could not read " + where + ": " + e.what());
    return 1;
  }
}

}  // namespace

int run_graph_command(int argc, char** argv) {
  Args a;
  if (auto problem = parse(argc, argv, a)) return usage_error(*problem);
  if (a.help) {
    std::fputs(kUsage, stdout);
    std::fflush(stdout);
    return 0;
  }
  if (auto problem = argument_problem(a)) return usage_error(*problem);
  if (auto problem = default_repository(a)) return usage_error(*problem);
  gitops::StoreConfig config;
  config.location = a.repository;
  config.branch = a.branch;
  config.subpath = a.path;
  try {
    gitops::GitStore::validate_config(config);
  } catch (const std::exception& e) {
    return usage_error(e.what());
  }
  return graph_of_repository(a, config);
}

}  // namespace aoa::provider
