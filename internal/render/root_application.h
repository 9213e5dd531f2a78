// The root ("app of apps") Argo CD Application of one environment of an appofapps_root:
// rendering it to the file roots/<root>/<env>.yaml and parsing it back for drift detection.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "internal/render/k8s_names.h"
#include "internal/status/status.h"

namespace aoa::render {

// Argo CD's own cluster as seen from Argo CD.
inline constexpr std::string_view kInClusterServer = "https://kubernetes.default.svc";

// Keys written by the renderer. Provider labels win over user labels of the same key.
inline constexpr std::string_view kLabelRoot = "appofapps.io/root";
inline constexpr std::string_view kLabelEnvironment = "appofapps.io/environment";
inline constexpr std::string_view kLabelProtected = "appofapps.io/protected";
inline constexpr std::string_view kLabelManagedBy = "app.kubernetes.io/managed-by";
inline constexpr std::string_view kManagedByValue = "terraform-provider-appofapps";
inline constexpr std::string_view kAnnotationWorkloadCluster = "appofapps.io/workload-cluster";
inline constexpr std::string_view kAnnotationWorkloadNamespace = "appofapps.io/workload-namespace";
// Position of the environment in the root's promotion order (0 = first), so that an import
// rebuilds the environments in the order they were declared.
inline constexpr std::string_view kAnnotationEnvironmentOrder = "appofapps.io/environment-order";
inline constexpr std::string_view kCascadeFinalizer = "resources-finalizer.argocd.argoproj.io";

struct RootEnvironmentSpec {
  std::string root;              // root name, e.g. "ml-platform" (DNS-1123 label)
  std::string environment;       // e.g. "dev" (DNS-1123 label)
  // The environment's workload cluster, where the children deploy: an https:// URL (Argo CD
  // cluster server) or an Argo CD cluster name. Recorded as annotation appofapps.io/workload-cluster;
  // the root Application itself is deployed to `argocd_cluster` (see below).
  std::string cluster;
  // Default workload namespace of the environment's children (DNS-1123 label, may be empty).
  // Recorded as annotation appofapps.io/workload-namespace; the root deploys its children, which
  // are Argo CD Applications, into `argocd_namespace`.
  std::string namespace_;
  std::string project = "default";  // Argo CD project of the root; empty renders as "default"
  bool protected_env = false;       // -> label appofapps.io/protected; protected: automated sync never prunes
  std::string argocd_namespace;     // metadata.namespace and spec.destination.namespace (e.g. "argocd")
  std::string repo_url;             // spec.source.repoURL
  std::string target_revision;      // spec.source.targetRevision (branch, tag or commit)
  std::string source_path;          // spec.source.path, e.g. "apps/ml-platform/dev" (already prefixed)
  std::map<std::string, std::string> labels;  // user labels (provider labels win on conflict)
  // Where the root Application creates the child Application objects: the cluster Argo CD itself
  // runs in (and watches). An https:// URL -> spec.destination.server, otherwise a cluster name ->
  // spec.destination.name. Empty renders as the in-cluster server.
  std::string argocd_cluster = std::string(kInClusterServer);
  int order = 0;  // position in the root's environment list (annotation appofapps.io/environment-order)

  bool operator==(const RootEnvironmentSpec&) const = default;
};

// Deterministic YAML (same input -> same bytes), ending with "\n". Invalid argument naming the
// field when the spec cannot produce a valid Application (callers validate first and report
// diagnostics; this is the last line of defence against writing a broken manifest).
Result<std::string> render_root_application(const RootEnvironmentSpec& spec);

// Parses a root Application back (what Read uses to detect hand edits). Corruption when the text
// is not YAML or not an Argo CD Application written by this provider (apiVersion, kind,
// managed-by/root/environment labels). Fields the spec does not model (sync policy,
// finalizers…) are not returned: compare render(parse(text)) with text to detect edits there.
Result<RootEnvironmentSpec> parse_root_application(std::string_view yaml_text);

}  // namespace aoa::render
