// The provider's `repository` block: its schema, its checks, and the store it opens — a local
// repository written directly (a path, or a file:// URL of a working tree), or a remote one
// (https://, ssh://, user@host:path, or a file:// URL of a bare repository) through a cache
// clone that is fetched when the provider is configured and pushed to before an apply returns
// (internal/gitops/remote.h).
#pragma once

#include <memory>
#include <string>

#include "internal/gitops/store.h"
#include "schema/diagnostics.h"
#include "schema/schema.h"
#include "schema/value.h"

namespace aoa::provider {

schema::Block repository_block();

// Checks of the block that need no disk or network (declared rules ran before).
void validate_repository(const cty::Value& repository, schema::Diagnostics& diags);

// What configure makes of the block.
struct OpenedRepository {
  std::unique_ptr<gitops::Store> store;  // null after an error
  std::string repo_url;                  // spec.source.repoURL of the manifests
  std::string display;                   // where, for logs (no user-info)
  bool remote = false;
};

// Opens the repository of `config` (branch, subpath and author already set; location is
// filled in): a remote is fetched now. Errors and warnings (offline: how old the cache is) go to
// `diags` at the repository block's attributes, never with a secret.
OpenedRepository open_repository(const cty::Value& repository, gitops::StoreConfig& config,
                                 schema::Diagnostics& diags);

}  // namespace aoa::provider
