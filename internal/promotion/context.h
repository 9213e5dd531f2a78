// What decide() knows about the world: snapshots the provider reads from the GitOps repository
// (the root's environments, the apps running in the two environments, registry records and
// earlier audit records). Nothing here touches Git or Terraform.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "internal/promotion/audit.h"
#include "internal/registry/model_version.h"

namespace aoa::promotion {

// One app as read from apps/<root>/<env>/<app>.yaml.
struct LiveApp {
  std::string model, version;
  std::vector<std::string> depends_on;
  bool operator==(const LiveApp&) const = default;
};

// Looks up registry/<model>/<version>.yaml; nullopt when there is no such record, a Status when it
// cannot be read (e.g. a hand-broken file): decide() reports that as an error diagnostic, with the
// Status's message.
using RegistryLookup = std::function<Result<std::optional<registry::ModelVersionRecord>>(const std::string& model,
                                                                                        const std::string& version)>;

struct PromotionContext {
  std::vector<std::string> environment_order;  // the root's environments, in promotion order
  bool target_protected = false;               // the `to` environment is protected
  std::map<std::string, LiveApp> from_apps, to_apps;  // app -> what runs there now
  RegistryLookup lookup;                              // empty = no records at all
  std::vector<AuditRecord> history;                   // earlier audit records of this root, any order
};

}  // namespace aoa::promotion
