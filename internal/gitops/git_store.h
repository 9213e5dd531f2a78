// GitStore: the Store on a local Git repository (libgit2).
//
// Reads come from the committed tree at the branch tip, never from the working tree.
// Writes are atomic commits: the new tree and commit are written to the object database
// first, then the branch ref is moved with compare-and-swap against the tip the commit
// was built on; if another writer (thread or process) moved the branch meanwhile, the
// change is rebuilt on the new tip and retried. After a commit, the working tree (when it is
// checked out on the branch) follows, without clobbering hand edits.
#pragma once

#include <memory>

#include "internal/gitops/store.h"

namespace aoa::gitops {

class GitStore final : public Store {
 public:
  // Does NOT touch the disk and never throws for a bad configuration: configuration
  // errors are reported by every operation (or up front by validate_config()).
  explicit GitStore(StoreConfig config);
  ~GitStore() override;

  // Throws StoreError describing what is wrong with the configuration (location, branch,
  // subpath, author), without touching the disk.
  static void validate_config(const StoreConfig& config);

  // Absolute filesystem path of the repository (after "file://" stripping).
  const std::string& repository_path() const;

  const StoreConfig& config() const override;
  bool exists() const override;
  std::optional<std::string> read(const std::string& path) const override;
  std::vector<std::string> list(const std::string& dir) const override;
  std::vector<std::string> list_recursive(const std::string& dir) const override;
  std::string tip() const override;
  std::vector<Entry> list_entries(const std::string& dir) const override;
  std::string tree_id(const std::string& dir) const override;
  std::optional<std::string> read_content(const std::string& id) const override;
  // Creates the repository (non-bare, HEAD -> branch) and the branch on first use; retries a
  // bounded number of times when other writers keep moving the branch.
  CommitResult commit(const CommitRequest& request) override;
  std::string last_worktree_error() const override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace aoa::gitops
