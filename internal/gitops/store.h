// The desired-state store: files on one branch of one repository, optionally only a sub-folder
// of it, read at the branch tip and changed by atomic commits. Implementations: GitStore
// (git_store.h, libgit2, the provider's) and MemoryStore (memory_store.h, for tests); both pass
// the same behavioural tests (tests/unit/gitops/store_contract_test.cc).
//
// Every path given to or returned by a Store is relative to the configured subpath, and must
// pass validate_path(). Operations throw StoreError for invalid paths, invalid configuration,
// conflicting changes and storage failures; a failed commit changes nothing.
//
// Nothing in this library writes to stdout (reserved for the plugin protocol).
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace aoa::gitops {

struct Author {
  std::string name = "terraform";
  std::string email = "terraform@localhost";
};

struct StoreConfig {
  // Where the repository is: for GitStore a local filesystem path (absolute or relative to the
  // current directory at construction time; a "file://" prefix is accepted); for MemoryStore a
  // label for messages.
  std::string location;
  std::string branch = "main";
  // Folder inside the repository this provider owns ("" = root; trailing '/' ignored); every
  // path given to or returned by Store is relative to it.
  std::string subpath;
  Author author;
};

struct FileChange {
  std::string path;
  std::optional<std::string> content;  // nullopt = delete the file
  // The commit the change was planned on ("" = unknown). A store with a remote (RemoteStore)
  // refuses the commit when the file is different at the tip than in `base` and the difference is
  // not its own earlier write: someone else changed the file after the plan. Local stores ignore it.
  std::string base = {};
};

struct CommitRequest {
  std::vector<FileChange> changes;
  std::string message;  // full message incl. trailers, used verbatim
};

struct CommitResult {
  std::string commit_id;  // 40 hex digits: the new commit, or the current tip when !created
  bool created = false;   // false when the changes were a no-op (tree identical)
};

class StoreError : public std::runtime_error {
 public:
  using runtime_error::runtime_error;
};

class Store {
 public:
  virtual ~Store() = default;
  Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Throws StoreError unless `path` is a valid relative file path: non-empty, no leading
  // '/', no empty, "." or ".." components, no backslashes, no NUL, no ".git" component.
  static void validate_path(const std::string& path);
  // Why `path` is not valid for validate_path(), or "" when it is.
  static std::string path_problem(std::string_view path);
  // "" or "<subpath>/": what every path of `config` gets in front inside the repository.
  static std::string subpath_prefix(const StoreConfig& config);
  // What is wrong with config.subpath ("" when it is "" or a valid folder path).
  static std::string subpath_problem(const StoreConfig& config);

  virtual const StoreConfig& config() const = 0;

  virtual bool exists() const = 0;  // the branch has a commit
  // File content at the branch tip; nullopt if absent or there is no repository yet.
  virtual std::optional<std::string> read(const std::string& path) const = 0;
  // File names (not recursive, regular files only) in dir at the tip, sorted; empty if
  // absent or not a directory. dir "" = the subpath root.
  virtual std::vector<std::string> list(const std::string& dir) const = 0;
  // All file paths under dir (relative to subpath, not to dir), sorted.
  virtual std::vector<std::string> list_recursive(const std::string& dir) const = 0;
  virtual std::string tip() const = 0;  // commit id of the branch tip, "" if none

  // What list(dir) lists, each file with a content id: equal ids mean equal content (GitStore:
  // the blob's object id). Callers cache what they parse from a file under its id.
  struct Entry {
    std::string name;
    std::string id;
  };
  virtual std::vector<Entry> list_entries(const std::string& dir) const = 0;
  // The content with an id that list_entries() gave; nullopt when the store has none such.
  // Unlike read(path), it cannot see a newer commit's version of the file.
  virtual std::optional<std::string> read_content(const std::string& id) const = 0;
  // An id of everything below dir at the tip (GitStore: the tree's object id); "" when dir is
  // absent or empty. It changes exactly when a file below dir changes, so a cache of what was
  // read below dir stays valid while the id stays the same.
  virtual std::string tree_id(const std::string& dir) const = 0;

  // One commit with every change (later changes of the same path win), on top of the current
  // tip; creates the branch (and repository) on first use. Deleting an absent file is no
  // change; a commit that changes nothing returns {tip, false} ({"", false} with no tip).
  // Throws StoreError on invalid paths, on a path that is a file and a directory (in the
  // request, or between the request and the tree), or when the branch could not be moved; in
  // that case the branch is unchanged.
  virtual CommitResult commit(const CommitRequest& request) = 0;

  // Problem met while updating a working tree after the last successful commit ("" if none).
  // Working-tree failures never fail a commit; the caller may log this (stderr).
  virtual std::string last_worktree_error() const = 0;
};

}  // namespace aoa::gitops
