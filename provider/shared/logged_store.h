// A gitops::Store that logs each commit it writes ("commit written": the commit id, whether the
// tree changed, how many files, how long it took) and passes every call to the store it wraps.
// The log line carries the RPC's fields (internal/protocol/log.h), so the commit is tied to the
// resource that wrote it. Paths and contents are not logged.
#pragma once

#include <chrono>
#include <memory>

#include "internal/gitops/store.h"

namespace aoa::provider {

// The "commit written" line (or "commit skipped: no file changed") of a commit of `files` changes
// that started at `start`.
void log_commit(const gitops::CommitResult& result, size_t files, std::chrono::steady_clock::time_point start);

class LoggedStore final : public gitops::Store {
 public:
  explicit LoggedStore(std::unique_ptr<gitops::Store> inner) : inner_(std::move(inner)) {}
  const gitops::StoreConfig& config() const override { return inner_->config(); }
  bool exists() const override { return inner_->exists(); }
  std::optional<std::string> read(const std::string& path) const override { return inner_->read(path); }
  std::vector<std::string> list(const std::string& dir) const override { return inner_->list(dir); }
  std::vector<std::string> list_recursive(const std::string& dir) const override {
    return inner_->list_recursive(dir);
  }
  std::string tip() const override { return inner_->tip(); }
  std::vector<Entry> list_entries(const std::string& dir) const override { return inner_->list_entries(dir); }
  std::string tree_id(const std::string& dir) const override { return inner_->tree_id(dir); }
  std::optional<std::string> read_content(const std::string& id) const override { return inner_->read_content(id); }
  gitops::CommitResult commit(const gitops::CommitRequest& request) override;
  std::string last_worktree_error() const override { return inner_->last_worktree_error(); }

 private:
  std::unique_ptr<gitops::Store> inner_;
};

}  // namespace aoa::provider
