// The child Argo CD Application of one appofapps_app in one environment: rendering it to the file
// apps/<root>/<env>/<app>.yaml (the root Application of the environment picks it up from there)
// and parsing it back for drift detection and import.
#pragma once

#include <map>
#include <string>
#include <vector>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "internal/render/root_application.h"  // label constants, kInClusterServer

namespace aoa::render {

// Labels of a child, besides kLabelRoot, kLabelEnvironment, kLabelProtected and kLabelManagedBy.
inline constexpr std::string_view kLabelApp = "appofapps.io/app";
inline constexpr std::string_view kLabelOwner = "appofapps.io/owner";
// Argo CD orders the children of a root by this annotation; its value is an integer as a string.
inline constexpr std::string_view kAnnotationSyncWave = "argocd.argoproj.io/sync-wave";
// The release graph is rebuilt from the repository alone (other Terraform states, the `graph`
// command, data sources): each child records its dependencies and its model version.
inline constexpr std::string_view kAnnotationDependsOn = "appofapps.io/depends-on";  // "a,b" sorted, unique
inline constexpr std::string_view kAnnotationModel = "appofapps.io/model";           // "<model>:<version>"
// Files of the workload folder that are Azure ML CLI v2 YAML, not Kubernetes objects: Argo CD must
// not try to apply them (spec.source.directory.exclude).
inline constexpr std::string_view kAzureMlFilesGlob = "{endpoint.yaml,deployment-*.yaml}";

struct ChildApplicationSpec {
  // Labels appofapps.io/root, /environment, /app, /owner (+ app.kubernetes.io/managed-by).
  // root, environment and app are DNS-1123 labels, and "<app>-<environment>" (the Application's
  // name) must be one too (at most 63 characters, so that it also fits Argo CD's label tracking).
  // owner is a non-empty Kubernetes label value.
  std::string root, environment, app, owner;
  // Workload cluster: an http(s):// URL -> spec.destination.server, otherwise an Argo CD cluster
  // name -> spec.destination.name. Required.
  std::string cluster;
  // spec.destination.namespace: the namespace this app owns (DNS-1123 label). Required; Argo CD
  // creates it when missing (CreateNamespace=true).
  std::string namespace_;
  std::string project = "default";  // Argo CD project; empty renders as "default"
  std::string argocd_namespace;      // metadata.namespace (where the root creates its children)
  std::string repo_url, target_revision;
  std::string source_path;  // "<subpath/>workloads/<root>/<env>/<app>" (already prefixed)
  int sync_wave = 0;        // annotation argocd.argoproj.io/sync-wave: "<n>"
  bool protected_env = false;  // label appofapps.io/protected; automated sync never prunes
  std::map<std::string, std::string> labels;  // user labels (provider labels win on conflict)
  std::vector<std::string> depends_on;  // sibling apps (sorted, unique); annotation omitted when empty
  std::string model;                    // "<model>:<version>"; annotation omitted when empty

  bool operator==(const ChildApplicationSpec&) const = default;
};

// Deterministic YAML ending with "\n", valid against the Argo CD Application CRD. Invalid
// argument naming the field when the spec cannot produce a valid Application.
Result<std::string> render_child_application(const ChildApplicationSpec& spec);

// Parses a child Application back. Corruption when the text is not one YAML document, not
// an Argo CD Application written by this provider (apiVersion, kind, managed-by/root/environment/
// app labels), or a modelled field has the wrong type. Applies the renderer's defaults (empty
// project -> "default"), so parse(render(parse(x))) == parse(x). Fields the spec does not model
// (sync options, finalizers, the name…) are not returned: compare render(parse(text)) with text.
Result<ChildApplicationSpec> parse_child_application(std::string_view yaml_text);


}  // namespace aoa::render
