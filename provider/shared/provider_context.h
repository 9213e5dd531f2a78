// What ConfigureProvider establishes and every resource uses: the Git store and the values the
// rendered manifests need (repository URL, branch, sub-folder, commit author).
#pragma once

#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

#include "internal/gitops/repo_layout.h"
#include "internal/gitops/group_commit.h"
#include "internal/gitops/store.h"

namespace aoa::provider {

namespace layout = gitops::layout;  // every repository path comes from there

struct ProviderContext {
  std::unique_ptr<gitops::Store> store;  // logged, group-committed GitStore (tests: a MemoryStore inside)
  // The group committer inside `store`: for a change that is staged under a lock and waited for
  // after it (see gitops::GroupCommitStore). Reads and commits go through `store`.
  gitops::GroupCommitStore* group = nullptr;
  std::string repo_url;  // spec.source.repoURL in manifests
  // The repository is a remote (internal/gitops/remote.h): plans record the commit they were made
  // on (provider/shared/plan_base.h) so that an apply can tell what moved since.
  bool remote = false;
  std::string branch;
  std::string subpath;   // "" or "a/b" (no trailing slash)
  std::string identity;        // where the repository is (a path or a URL without user-info), for keys
  std::string configured_tip;  // the branch tip when the provider was configured, before this run wrote
  gitops::Author author;

  // Path as Argo CD sees it: relative to the repository root, including the owned sub-folder.
  std::string repo_path(const std::string& relative) const {
    return gitops::layout::join(subpath, relative);
  }
};

struct NotConfigured : std::runtime_error {
  NotConfigured() : std::runtime_error("the appofapps provider was used before it was configured") {}
};

// Set once by ConfigureProvider, read by every RPC afterwards (concurrently).
class ContextHolder {
 public:
  void set(std::shared_ptr<const ProviderContext> ctx) {
    std::lock_guard<std::mutex> lock(mu_);
    ctx_ = std::move(ctx);
  }
  std::shared_ptr<const ProviderContext> get() const {
    std::lock_guard<std::mutex> lock(mu_);
    if (!ctx_) throw NotConfigured();
    return ctx_;
  }

 private:
  mutable std::mutex mu_;
  std::shared_ptr<const ProviderContext> ctx_;
};

}  // namespace aoa::provider
