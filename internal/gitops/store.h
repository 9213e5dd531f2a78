// Git-backed desired-state store (libgit2).
//
// A Store owns one branch of one local repository (optionally only a sub-folder of it).
// Reads come from the committed tree at the branch tip, never from the working tree.
// Writes are atomic commits: the new tree and commit are written to the object database
// first, then the branch ref is moved with compare-and-swap against the tip the commit
// was built on; if another writer (thread or process) moved the branch meanwhile, the
// change is rebuilt on the new tip and retried.
//
// Nothing in this library writes to stdout (reserved for the plugin protocol).
#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace aoa::gitops {

struct Author {
  std::string name = "terraform";
  std::string email = "terraform@localhost";
};

struct StoreConfig {
  // Local filesystem path of the repository (absolute or relative to the current
  // directory at construction time); a "file://" prefix is accepted.
  std::string location;
  std::string branch = "main";
  // Folder inside the repository this provider owns ("" = root); every path given to or
  // returned by Store is relative to it.
  std::string subpath;
  Author author;
};

struct FileChange {
  std::string path;
  std::optional<std::string> content;  // nullopt = delete the file
};

struct CommitRequest {
  std::vector<FileChange> changes;
  std::string message;  // full message incl. trailers, used verbatim
};

struct CommitResult {
  std::string commit_id;  // hex id of the new commit, or of the current tip when !created
  bool created = false;   // false when the changes were a no-op (tree identical)
};

class StoreError : public std::runtime_error {
 public:
  using runtime_error::runtime_error;
};

class Store {
 public:
  // Does NOT touch the disk and never throws for a bad configuration: configuration
  // errors are reported by every operation (or up front by validate_config()).
  explicit Store(StoreConfig config);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const StoreConfig& config() const;

  // Throws StoreError describing what is wrong with the configuration (location, branch,
  // subpath), without touching the disk.
  static void validate_config(const StoreConfig& config);
  // Throws StoreError unless `path` is a valid relative file path: non-empty, no leading
  // '/', no empty, "." or ".." components, no backslashes, no NUL, no ".git" component.
  static void validate_path(const std::string& path);

  // Absolute filesystem path of the repository (after "file://" stripping).
  const std::string& repository_path() const;

  bool exists() const;  // repository present and branch has a commit
  // File content at the branch tip; nullopt if absent or there is no repository yet.
  std::optional<std::string> read(const std::string& path) const;
  // File names (not recursive, regular files only) in dir at the tip, sorted; empty if
  // absent. dir "" = the subpath root.
  std::vector<std::string> list(const std::string& dir) const;
  // All file paths under dir (relative to subpath, not to dir), sorted.
  std::vector<std::string> list_recursive(const std::string& dir) const;
  std::string tip() const;  // commit id of the branch tip, "" if none

  // Creates the repository (non-bare, HEAD -> branch) and the branch on first use.
  // Throws StoreError on invalid paths/conflicts or when the ref could not be moved
  // after the bounded number of retries; in that case the branch is unchanged.
  CommitResult commit(const CommitRequest& request);

  // Problem met while updating the working tree after the last successful commit ("" if
  // none). Working-tree failures never fail a commit; the caller may log this (stderr).
  std::string last_worktree_error() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace aoa::gitops
