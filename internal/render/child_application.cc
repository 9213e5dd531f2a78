#include "internal/render/child_application.h"

#include <charconv>
#include <climits>
#include <set>
#include <sstream>
#include <vector>

#include "internal/render/k8s_names.h"
#include "internal/render/yaml_util.h"

namespace aoa::render {

namespace {

constexpr std::string_view kApiVersion = "argoproj.io/v1alpha1";
constexpr std::string_view kKind = "Application";

// Sync options of every child:
// * CreateNamespace=true: the app owns its namespace; a new app in a new namespace must not need
//   a separate step (the namespace is labelled through managedNamespaceMetadata).
// * PruneLast=true: resources removed from the app are deleted after the rest is healthy.
const std::vector<std::string_view> kSyncOptions = {"CreateNamespace=true", "PruneLast=true"};

// Automated sync does not retry a failed sync of the same commit by itself; children hit
// transient failures (namespace just created, CRD or webhook not ready) and block later waves.
constexpr int kRetryLimit = 5;
constexpr std::string_view kRetryDuration = "5s";
constexpr int kRetryFactor = 2;
constexpr std::string_view kRetryMaxDuration = "3m";

bool is_url(std::string_view s) { return s.starts_with("https://") || s.starts_with("http://"); }

bool is_provider_label(std::string_view key) {
  return key == kLabelRoot || key == kLabelEnvironment || key == kLabelApp || key == kLabelOwner ||
         key == kLabelProtected || key == kLabelManagedBy;
}

void require(bool ok, std::string_view field, std::string_view what, std::string_view value) {
  if (!ok) {
    throw StatusException(Status::invalid_argument("child application: " + std::string(field) + " " +
                                                   std::string(what) + ", got \"" + std::string(value) + "\"",
                                               std::string(field)));
  }
}

void validate(const ChildApplicationSpec& s) {
  constexpr std::string_view kDns = "must be a DNS-1123 label (lower-case a-z, 0-9, '-', max 63)";
  require(is_dns1123_label(s.root), "root", kDns, s.root);
  require(is_dns1123_label(s.environment), "environment", kDns, s.environment);
  require(is_dns1123_label(s.app), "app", kDns, s.app);
  const std::string name = s.app + "-" + s.environment;
  require(is_dns1123_label(name), "app", "and environment must form a name \"<app>-<env>\" of at most 63 characters",
          name);
  require(!s.owner.empty() && is_label_value(s.owner), "owner",
          "must be a non-empty Kubernetes label value (A-Z, a-z, 0-9, '-', '_', '.', max 63)", s.owner);
  require(!s.cluster.empty(), "cluster", "must be an https:// URL or an Argo CD cluster name", s.cluster);
  require(is_dns1123_label(s.namespace_), "namespace", kDns, s.namespace_);
  require(s.project.empty() || is_dns1123_subdomain(s.project), "project", "must be a DNS-1123 subdomain",
          s.project);
  require(is_dns1123_label(s.argocd_namespace), "argocd_namespace", kDns, s.argocd_namespace);
  for (size_t i = 0; i < s.depends_on.size(); ++i) {
    require(is_dns1123_label(s.depends_on[i]), "depends_on", kDns, s.depends_on[i]);
    require(i == 0 || s.depends_on[i - 1] < s.depends_on[i], "depends_on", "must be sorted and unique",
            s.depends_on[i]);
  }
  require(!s.repo_url.empty(), "repo_url", "must not be empty", s.repo_url);
  for (const auto& [key, value] : s.labels) {
    require(is_label_key(key), "labels", "key must be a Kubernetes label key", key);
    require(is_label_value(value), "labels[\"" + key + "\"]", "must be a Kubernetes label value (max 63)", value);
  }
}

void emit_kv(YAML::Emitter& out, std::string_view key, std::string_view value) {
  out << YAML::Key;
  emit_string(out, key);
  out << YAML::Value;
  emit_string(out, value);
}

void emit_map(YAML::Emitter& out, std::string_view key, const std::map<std::string, std::string>& values) {
  out << YAML::Key;
  emit_string(out, key);
  out << YAML::Value << YAML::BeginMap;
  for (const auto& [k, v] : values) emit_kv(out, k, v);
  out << YAML::EndMap;
}

// --- parsing -------------------------------------------------------------------------------

const ManifestReader kReader("not a child Application of terraform-provider-appofapps");
// The parser unwinds with StatusException, which parse_child_application turns back into a Status.
[[noreturn]] void not_ours(const std::string& why) { throw StatusException(kReader.fail(why)); }
std::string scalar_at(const YAML::Node& n, const char* key, const std::string& path) { return value_or_throw(kReader.scalar_at(n, key, path)); }
YAML::Node map_at(const YAML::Node& n, const char* key, const std::string& path) { return value_or_throw(kReader.map_at(n, key, path)); }
std::map<std::string, std::string> string_map(const YAML::Node& n, const std::string& path) { return value_or_throw(kReader.string_map(n, path)); }

std::string render(const ChildApplicationSpec& spec) {
  validate(spec);

  std::map<std::string, std::string> labels = spec.labels;
  labels[std::string(kLabelRoot)] = spec.root;
  labels[std::string(kLabelEnvironment)] = spec.environment;
  labels[std::string(kLabelApp)] = spec.app;
  labels[std::string(kLabelOwner)] = spec.owner;
  labels[std::string(kLabelProtected)] = spec.protected_env ? "true" : "false";
  labels[std::string(kLabelManagedBy)] = std::string(kManagedByValue);

  // Who owns the namespace, visible on the namespace itself (Argo CD applies these when it
  // creates or syncs the namespace). Only labels shared by every app of one owner in the
  // namespace, so two apps of the same owner never fight over them.
  const std::map<std::string, std::string> namespace_labels = {
      {std::string(kLabelRoot), spec.root},
      {std::string(kLabelEnvironment), spec.environment},
      {std::string(kLabelOwner), spec.owner},
      {std::string(kLabelManagedBy), std::string(kManagedByValue)},
  };

  YAML::Emitter out;
  out.SetIndent(2);
  out << YAML::BeginMap;
  emit_kv(out, "apiVersion", kApiVersion);
  emit_kv(out, "kind", kKind);

  out << YAML::Key << "metadata" << YAML::Value << YAML::BeginMap;
  emit_kv(out, "name", spec.app + "-" + spec.environment);
  emit_kv(out, "namespace", spec.argocd_namespace);
  emit_map(out, "labels", labels);
  std::map<std::string, std::string> annotations{{std::string(kAnnotationSyncWave), std::to_string(spec.sync_wave)}};
  if (!spec.depends_on.empty()) {
    std::string joined;
    for (const auto& d : spec.depends_on) joined += (joined.empty() ? "" : ",") + d;
    annotations[std::string(kAnnotationDependsOn)] = joined;
  }
  if (!spec.model.empty()) annotations[std::string(kAnnotationModel)] = spec.model;
  emit_map(out, "annotations", annotations);
  out << YAML::Key << "finalizers" << YAML::Value << YAML::BeginSeq;
  emit_string(out, kCascadeFinalizer);
  out << YAML::EndSeq;
  out << YAML::EndMap;  // metadata

  out << YAML::Key << "spec" << YAML::Value << YAML::BeginMap;
  emit_kv(out, "project", spec.project.empty() ? std::string("default") : spec.project);

  out << YAML::Key << "source" << YAML::Value << YAML::BeginMap;
  emit_kv(out, "repoURL", spec.repo_url);
  emit_kv(out, "targetRevision", spec.target_revision);
  emit_kv(out, "path", spec.source_path);
  out << YAML::Key << "directory" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "recurse" << YAML::Value << false;
  emit_kv(out, "exclude", kAzureMlFilesGlob);
  out << YAML::EndMap;
  out << YAML::EndMap;  // source

  out << YAML::Key << "destination" << YAML::Value << YAML::BeginMap;
  emit_kv(out, is_url(spec.cluster) ? "server" : "name", spec.cluster);
  emit_kv(out, "namespace", spec.namespace_);
  out << YAML::EndMap;

  out << YAML::Key << "syncPolicy" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "automated" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "prune" << YAML::Value << !spec.protected_env;
  out << YAML::Key << "selfHeal" << YAML::Value << true;
  out << YAML::EndMap;
  out << YAML::Key << "syncOptions" << YAML::Value << YAML::BeginSeq;
  for (auto option : kSyncOptions) emit_string(out, option);
  out << YAML::EndSeq;
  out << YAML::Key << "managedNamespaceMetadata" << YAML::Value << YAML::BeginMap;
  emit_map(out, "labels", namespace_labels);
  out << YAML::EndMap;
  out << YAML::Key << "retry" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "limit" << YAML::Value << kRetryLimit;
  out << YAML::Key << "backoff" << YAML::Value << YAML::BeginMap;
  emit_kv(out, "duration", kRetryDuration);
  out << YAML::Key << "factor" << YAML::Value << kRetryFactor;
  emit_kv(out, "maxDuration", kRetryMaxDuration);
  out << YAML::EndMap;
  out << YAML::EndMap;  // retry
  out << YAML::EndMap;  // syncPolicy

  out << YAML::EndMap;  // spec
  out << YAML::EndMap;

  if (!out.good()) throw StatusException(Status::internal("child application: YAML emitter failed: " + out.GetLastError()));
  std::string text = out.c_str();
  text += '\n';
  return text;
}

ChildApplicationSpec parse(std::string_view yaml_text) {
  const YAML::Node doc = value_or_throw(load_single_document(yaml_text, "child application"));
  try {
    if (scalar_at(doc, "apiVersion", "") != kApiVersion) not_ours("apiVersion is not argoproj.io/v1alpha1");
    if (scalar_at(doc, "kind", "") != kKind) not_ours("kind is not Application");

    const YAML::Node metadata = map_at(doc, "metadata", "");
    std::map<std::string, std::string> labels = string_map(map_at(metadata, "labels", ".metadata"), ".metadata.labels");
    const auto annotations = string_map(map_at(metadata, "annotations", ".metadata"), ".metadata.annotations");
    auto label = [&](std::string_view key) {
      const auto it = labels.find(std::string(key));
      return it == labels.end() ? std::string() : it->second;
    };
    if (label(kLabelManagedBy) != kManagedByValue) not_ours("label app.kubernetes.io/managed-by is missing or foreign");

    ChildApplicationSpec spec;
    spec.root = label(kLabelRoot);
    spec.environment = label(kLabelEnvironment);
    spec.app = label(kLabelApp);
    if (spec.root.empty() || spec.environment.empty() || spec.app.empty()) {
      not_ours("labels appofapps.io/root, appofapps.io/environment and appofapps.io/app are required");
    }
    spec.owner = label(kLabelOwner);
    spec.protected_env = label(kLabelProtected) == "true";
    spec.sync_wave = 0;
    if (const auto it = annotations.find(std::string(kAnnotationSyncWave)); it != annotations.end()) {
      long long wave = 0;
      if (!parse_decimal_int(it->second, INT_MIN, INT_MAX, wave)) {
        not_ours("annotation argocd.argoproj.io/sync-wave is not an integer: \"" + it->second + "\"");
      }
      spec.sync_wave = static_cast<int>(wave);
    }
    if (const auto it = annotations.find(std::string(kAnnotationDependsOn)); it != annotations.end()) {
      std::set<std::string> deps;
      size_t start = 0;
      const std::string& list = it->second;
      while (start <= list.size()) {
        size_t comma = list.find(',', start);
        if (comma == std::string::npos) comma = list.size();
        std::string dep = list.substr(start, comma - start);
        if (!dep.empty()) deps.insert(dep);
        start = comma + 1;
      }
      spec.depends_on.assign(deps.begin(), deps.end());
    }
    if (const auto it = annotations.find(std::string(kAnnotationModel)); it != annotations.end()) spec.model = it->second;
    spec.argocd_namespace = scalar_at(metadata, "namespace", ".metadata");

    const YAML::Node app_spec = map_at(doc, "spec", "");
    spec.project = scalar_at(app_spec, "project", ".spec");
    if (spec.project.empty()) spec.project = "default";
    const YAML::Node source = map_at(app_spec, "source", ".spec");
    spec.repo_url = scalar_at(source, "repoURL", ".spec.source");
    spec.target_revision = scalar_at(source, "targetRevision", ".spec.source");
    spec.source_path = scalar_at(source, "path", ".spec.source");
    const YAML::Node destination = map_at(app_spec, "destination", ".spec");
    spec.cluster = scalar_at(destination, "server", ".spec.destination");
    if (spec.cluster.empty()) spec.cluster = scalar_at(destination, "name", ".spec.destination");
    spec.namespace_ = scalar_at(destination, "namespace", ".spec.destination");

    for (auto it = labels.begin(); it != labels.end();) {
      it = is_provider_label(it->first) ? labels.erase(it) : std::next(it);
    }
    spec.labels = std::move(labels);
    return spec;
  } catch (const YAML::Exception& e) {
    throw StatusException(Status::corruption(std::string("child application could not be read: ") + e.what()));
  }
}

}  // namespace

Result<std::string> render_child_application(const ChildApplicationSpec& spec) {
  return catch_status([&] { return render(spec); });
}

Result<ChildApplicationSpec> parse_child_application(std::string_view yaml_text) {
  return catch_status([&] { return parse(yaml_text); });
}

}  // namespace aoa::render
