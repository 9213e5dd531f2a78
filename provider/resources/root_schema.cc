// The schema of appofapps_root (provider/resources/root.h): arguments with their declared rules and
// defaults, the computed outputs, and the `environment` list block.
#include "internal/render/k8s_names.h"
#include "provider/shared/schema_names.h"
#include "internal/render/root_application.h"
#include "provider/shared/label_validation.h"
#include "provider/resources/root.h"

namespace aoa::provider {
namespace {

constexpr const char* kDnsLabel = "a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters)";
constexpr const char* kCluster = "an `https://` API server URL or an Argo CD cluster name that is a DNS-1123 subdomain";

bool is_cluster(std::string_view s) {
  return (s.rfind("https://", 0) == 0 && s.size() > 8) || render::is_dns1123_subdomain(s);
}

// A declared rule: `ok` says whether a string is allowed, `description` what is.
schema::Rule string_rule(const char* summary, const char* description, bool (*ok)(std::string_view)) {
  return schema::Rule::custom(summary, description, [description, ok](const Value& v) {
    return ok(v.as_string()) ? std::string() : "\"" + v.as_string() + "\" is not allowed: " + description;
  });
}

schema::Block environment_block() {
  return BlockBuilder()
      .description("One environment of the root; declare one block per environment, in promotion order (the first "
                   "is promoted from first). The position of each block is recorded in the manifest (annotation "
                   "`appofapps.io/environment-order`), so an import restores the order. With no block, Terraform "
                   "reports *Insufficient environment blocks*.")
      .attribute("name", Type::string())
      .required()
      .rule(string_rule("Invalid name", kDnsLabel, render::is_dns1123_label))
      .description("Environment name, e.g. `dev`, unique within the root (*Duplicate environment*). The Application "
                   "name `<root name>-<env name>` must be at most 63 characters (*Name too long*).")
      .attribute("cluster", Type::string())
      .required()
      .rule(string_rule("Invalid cluster", kCluster, is_cluster))
      .description("The workload cluster of this environment, recorded as annotation `appofapps.io/workload-cluster`;"
                   " the root Application itself is deployed to `argocd_cluster`.")
      .attribute("namespace", Type::string())
      .required()
      .rule(string_rule("Invalid namespace", kDnsLabel, render::is_dns1123_label))
      .description("The default namespace for this environment's workloads, recorded as annotation "
                   "`appofapps.io/workload-namespace`.")
      .attribute("project", Type::string())
      .optional()
      .computed()
      .default_value(Value::string(kRootDefaultProject))
      .rule(string_rule("Invalid project", "a DNS-1123 subdomain", render::is_dns1123_subdomain))
      .description("The Argo CD project of this environment's root Application.")
      .attribute("protected", Type::boolean())
      .optional()
      .computed()
      .default_value(Value::boolean(false))
      .description("Marks a protected environment: label `appofapps.io/protected: \"true\"`, and automated sync "
                   "with `prune: false`, so Argo CD never deletes a child Application on its own there. A promotion "
                   "into a protected environment needs an approval (see `appofapps_promotion`).")
      .build();
}

// name, argocd_namespace, argocd_cluster and labels.
void add_arguments(BlockBuilder& b) {
  b.attribute("name", Type::string())
      .required()
      .requires_replace()
      .rule(string_rule("Invalid name", kDnsLabel, render::is_dns1123_label))
      .description("Root name. Changing it replaces the root.")
      .attribute("argocd_namespace", Type::string())
      .optional()
      .computed()
      .default_value(Value::string(kRootDefaultArgocdNamespace))
      .rule(string_rule("Invalid argocd_namespace", kDnsLabel, render::is_dns1123_label))
      .description("The namespace Argo CD runs in. The root Applications are created there, and they create their "
                   "child Applications there.")
      .attribute("argocd_cluster", Type::string())
      .optional()
      .computed()
      .default_value(Value::string(std::string(render::kInClusterServer)))
      .rule(string_rule("Invalid argocd_cluster", kCluster, is_cluster))
      .description("The cluster Argo CD runs in, where the root creates the child Applications: a URL is rendered "
                   "as `spec.destination.server`, a cluster name as `spec.destination.name`. Without it, Argo CD's "
                   "own cluster.")
      .attribute("labels", Type::map(Type::string()))
      .optional()
      .computed()
      .default_value(Value::map(Type::string(), {}));
  for (auto& r : label_rules()) b.rule(std::move(r));
  b.description("Extra Kubernetes labels for every root Application. Default: none (`{}` and leaving it out mean "
                "the same).");
}

}  // namespace

schema::Schema root_schema() {
  BlockBuilder b;
  b.description("An app-of-apps root: one Argo CD `Application` per environment, each pointing at that "
                "environment's folder of child applications (`apps/<root>/<env>`).");
  add_arguments(b);
  b.attribute("id", Type::string())
      .computed()
      .description("The root name.")
      .attribute("commit", Type::string())
      .computed()
      .description("The commit of the GitOps repository that last wrote this root. After an import, the branch tip "
                   "at import time; when an apply changes nothing in the repository, the current tip.")
      .attribute("bootstrap", Type::map(Type::string()))
      .computed()
      .description("Environment name → YAML of that environment's root `Application`, ready for "
                   "`kubernetes_manifest` (with `yamldecode`) to bootstrap Argo CD in the same run. The plan shows it"
                   " whenever the root's arguments are known; after a refresh it holds the committed file, so a hand "
                   "edit shows up as a diff here.")
      .block("environment", schema::Nesting::List, environment_block())
      .min_items(1);
  schema::Schema s;
  s.block = b.build();
  return s;
}

}  // namespace aoa::provider
