// MemoryStore: the Store in memory, for tests that need no Git repository. Reads, lists and
// commits behave as GitStore's do (tests/unit/gitops/store_contract_test.cc runs the same tests
// on both): no-op commits create nothing, deleting an absent file is no change, file/directory
// conflicts are errors, paths are relative to the subpath. Thread-safe.
//
// Commit ids are fake but deterministic: 40 hex digits derived from the repository's commit
// count, the parent and the message, so the same sequence of commits gives the same ids.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "internal/gitops/store.h"

namespace aoa::gitops {

// The branches of one in-memory repository. MemoryStores made on the same repository see each
// other's commits, as GitStores on the same repository path do (other branches, other subpaths).
class MemoryRepository {
 public:
  MemoryRepository();
  ~MemoryRepository();
  MemoryRepository(const MemoryRepository&) = delete;
  MemoryRepository& operator=(const MemoryRepository&) = delete;

 private:
  friend class MemoryStore;
  struct Data;
  std::unique_ptr<Data> data_;
};

class MemoryStore final : public Store {
 public:
  // A store on a repository of its own.
  explicit MemoryStore(StoreConfig config);
  // A store on a shared repository. Like GitStore, never throws for a bad configuration (an
  // empty branch or an invalid subpath): every operation does.
  MemoryStore(StoreConfig config, std::shared_ptr<MemoryRepository> repository);

  const StoreConfig& config() const override;
  bool exists() const override;
  std::optional<std::string> read(const std::string& path) const override;
  std::vector<std::string> list(const std::string& dir) const override;
  std::vector<std::string> list_recursive(const std::string& dir) const override;
  std::string tip() const override;
  std::vector<Entry> list_entries(const std::string& dir) const override;
  std::string tree_id(const std::string& dir) const override;
  std::optional<std::string> read_content(const std::string& id) const override;
  CommitResult commit(const CommitRequest& request) override;
  std::string last_worktree_error() const override { return ""; }  // there is no working tree

  // The messages of the branch's commits, newest first (as `git log --format=%B` lists them).
  std::vector<std::string> log() const;

 private:
  void require_valid() const;
  // Path (relative to the subpath) -> content of every file below dir, read under one lock.
  std::map<std::string, std::string> files_below(const std::string& dir) const;

  StoreConfig config_;
  std::string config_error_;
  std::string prefix_;  // subpath_prefix(config_)
  std::shared_ptr<MemoryRepository> repository_;
};

}  // namespace aoa::gitops
