#include "internal/render/root_application.h"

#include <sstream>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "internal/render/yaml_util.h"

namespace aoa::render {
namespace {

constexpr std::string_view kApiVersion = "argoproj.io/v1alpha1";
constexpr std::string_view kKind = "Application";

// Sync options of every root. The root's resources are child Application objects in the Argo CD
// namespace, which exists: no CreateNamespace. ApplyOutOfSyncOnly keeps a sync of a root with
// 1,000 children from re-applying the unchanged ones; PruneLast removes a deleted child only
// after the remaining children have been applied.
const std::vector<std::string_view> kSyncOptions = {"ApplyOutOfSyncOnly=true", "PruneLast=true"};

bool is_url(std::string_view s) { return s.starts_with("https://") || s.starts_with("http://"); }

bool is_provider_label(std::string_view key) {
  return key == kLabelRoot || key == kLabelEnvironment || key == kLabelProtected || key == kLabelManagedBy;
}

void require(bool ok, std::string_view field, std::string_view what, std::string_view value) {
  if (!ok) {
    throw StatusException(Status::invalid_argument("root application: " + std::string(field) + " " +
                                                   std::string(what) + ", got \"" + std::string(value) + "\"",
                                               std::string(field)));
  }
}

void validate(const RootEnvironmentSpec& s) {
  require(is_dns1123_label(s.root), "root", "must be a DNS-1123 label (lower-case a-z, 0-9, '-', max 63)", s.root);
  require(is_dns1123_label(s.environment), "environment",
          "must be a DNS-1123 label (lower-case a-z, 0-9, '-', max 63)", s.environment);
  require(is_dns1123_label(s.argocd_namespace), "argocd_namespace", "must be a DNS-1123 label",
          s.argocd_namespace);
  require(s.namespace_.empty() || is_dns1123_label(s.namespace_), "namespace", "must be empty or a DNS-1123 label",
          s.namespace_);
  require(s.project.empty() || is_dns1123_subdomain(s.project), "project", "must be a DNS-1123 subdomain",
          s.project);
  require(!s.cluster.empty(), "cluster", "must be an https:// URL or an Argo CD cluster name", s.cluster);
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

void emit_destination(YAML::Emitter& out, std::string_view cluster) {
  if (cluster.empty()) cluster = kInClusterServer;
  emit_kv(out, is_url(cluster) ? "server" : "name", cluster);
}

// --- parsing -------------------------------------------------------------------------------


const ManifestReader kReader("not a root Application of terraform-provider-appofapps");
// The parser unwinds with StatusException, which parse_root_application turns back into a Status.
[[noreturn]] void not_ours(const std::string& why) { throw StatusException(kReader.fail(why)); }
std::string scalar_at(const YAML::Node& n, const char* key, const std::string& path) { return value_or_throw(kReader.scalar_at(n, key, path)); }
YAML::Node map_at(const YAML::Node& n, const char* key, const std::string& path) { return value_or_throw(kReader.map_at(n, key, path)); }
std::map<std::string, std::string> string_map(const YAML::Node& n, const std::string& path) { return value_or_throw(kReader.string_map(n, path)); }

std::string render(const RootEnvironmentSpec& spec) {
  validate(spec);

  std::map<std::string, std::string> labels = spec.labels;
  labels[std::string(kLabelRoot)] = spec.root;
  labels[std::string(kLabelEnvironment)] = spec.environment;
  labels[std::string(kLabelProtected)] = spec.protected_env ? "true" : "false";
  labels[std::string(kLabelManagedBy)] = std::string(kManagedByValue);

  std::map<std::string, std::string> annotations;
  annotations[std::string(kAnnotationWorkloadCluster)] = spec.cluster;
  if (!spec.namespace_.empty()) annotations[std::string(kAnnotationWorkloadNamespace)] = spec.namespace_;
  annotations[std::string(kAnnotationEnvironmentOrder)] = std::to_string(spec.order);

  YAML::Emitter out;
  out.SetIndent(2);
  out << YAML::BeginMap;
  emit_kv(out, "apiVersion", kApiVersion);
  emit_kv(out, "kind", kKind);

  out << YAML::Key << "metadata" << YAML::Value << YAML::BeginMap;
  emit_kv(out, "name", spec.root + "-" + spec.environment);
  emit_kv(out, "namespace", spec.argocd_namespace);
  out << YAML::Key << "labels" << YAML::Value << YAML::BeginMap;
  for (const auto& [key, value] : labels) emit_kv(out, key, value);
  out << YAML::EndMap;
  out << YAML::Key << "annotations" << YAML::Value << YAML::BeginMap;
  for (const auto& [key, value] : annotations) emit_kv(out, key, value);
  out << YAML::EndMap;
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
  out << YAML::EndMap;
  out << YAML::EndMap;  // source

  out << YAML::Key << "destination" << YAML::Value << YAML::BeginMap;
  emit_destination(out, spec.argocd_cluster);
  emit_kv(out, "namespace", spec.argocd_namespace);
  out << YAML::EndMap;

  out << YAML::Key << "syncPolicy" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "automated" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "prune" << YAML::Value << !spec.protected_env;
  out << YAML::Key << "selfHeal" << YAML::Value << true;
  out << YAML::EndMap;
  out << YAML::Key << "syncOptions" << YAML::Value << YAML::BeginSeq;
  for (auto option : kSyncOptions) emit_string(out, option);
  out << YAML::EndSeq;
  out << YAML::EndMap;  // syncPolicy

  out << YAML::EndMap;  // spec
  out << YAML::EndMap;

  if (!out.good()) throw StatusException(Status::internal("root application: YAML emitter failed: " + out.GetLastError()));
  std::string text = out.c_str();
  text += '\n';
  return text;
}

RootEnvironmentSpec parse(std::string_view yaml_text) {
  // UTF-8, one document, a mapping: anything else is not a file this provider wrote.
  const Result<YAML::Node> loaded = load_single_document(yaml_text, "root application");
  if (!loaded.ok()) not_ours(loaded.status().message());
  const YAML::Node doc = *loaded;

  try {
    if (scalar_at(doc, "apiVersion", "") != kApiVersion) not_ours("apiVersion is not argoproj.io/v1alpha1");
    if (scalar_at(doc, "kind", "") != kKind) not_ours("kind is not Application");

    const YAML::Node metadata = map_at(doc, "metadata", "");
    std::map<std::string, std::string> labels = string_map(map_at(metadata, "labels", ".metadata"), ".metadata.labels");
    const auto annotations =
        string_map(map_at(metadata, "annotations", ".metadata"), ".metadata.annotations");
    auto label = [&](std::string_view key) {
      const auto it = labels.find(std::string(key));
      return it == labels.end() ? std::string() : it->second;
    };
    auto annotation = [&](std::string_view key) {
      const auto it = annotations.find(std::string(key));
      return it == annotations.end() ? std::string() : it->second;
    };
    if (label(kLabelManagedBy) != kManagedByValue) not_ours("label app.kubernetes.io/managed-by is missing or foreign");

    RootEnvironmentSpec spec;
    spec.root = label(kLabelRoot);
    spec.environment = label(kLabelEnvironment);
    if (spec.root.empty() || spec.environment.empty()) {
      not_ours("labels appofapps.io/root and appofapps.io/environment are required");
    }
    spec.protected_env = label(kLabelProtected) == "true";
    spec.cluster = annotation(kAnnotationWorkloadCluster);
    spec.namespace_ = annotation(kAnnotationWorkloadNamespace);
    {
      long long order = 0;
      spec.order = parse_decimal_int(annotation(kAnnotationEnvironmentOrder), 0, 99999, order) ? static_cast<int>(order) : 0;
    }
    spec.argocd_namespace = scalar_at(metadata, "namespace", ".metadata");

    const YAML::Node app_spec = map_at(doc, "spec", "");
    spec.project = scalar_at(app_spec, "project", ".spec");
    const YAML::Node source = map_at(app_spec, "source", ".spec");
    spec.repo_url = scalar_at(source, "repoURL", ".spec.source");
    spec.target_revision = scalar_at(source, "targetRevision", ".spec.source");
    spec.source_path = scalar_at(source, "path", ".spec.source");
    const YAML::Node destination = map_at(app_spec, "destination", ".spec");
    spec.argocd_cluster = scalar_at(destination, "server", ".spec.destination");
    if (spec.argocd_cluster.empty()) spec.argocd_cluster = scalar_at(destination, "name", ".spec.destination");
    // The renderer's defaults, so that parse(render(parse(x))) == parse(x) (found by fuzzing).
    if (spec.argocd_cluster.empty()) spec.argocd_cluster = std::string(kInClusterServer);
    if (spec.project.empty()) spec.project = "default";

    for (auto it = labels.begin(); it != labels.end();) {
      it = is_provider_label(it->first) ? labels.erase(it) : std::next(it);
    }
    spec.labels = std::move(labels);
    return spec;
  } catch (const YAML::Exception& e) {
    throw StatusException(Status::corruption(std::string("root application could not be read: ") + e.what()));
  }
}

}  // namespace

Result<std::string> render_root_application(const RootEnvironmentSpec& spec) {
  return catch_status([&] { return render(spec); });
}

Result<RootEnvironmentSpec> parse_root_application(std::string_view yaml_text) {
  return catch_status([&] { return parse(yaml_text); });
}

}  // namespace aoa::render
