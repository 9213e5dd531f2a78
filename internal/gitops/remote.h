// RemoteStore: the Store on a remote repository (https://, http://, ssh://, scp-like
// "git@host:org/repo.git", file://), through a local cache clone per URL.
//
// The cache is a bare repository under the cache directory (one per URL and branch); its branch
// mirrors the remote's. sync() fetches it (ConfigureProvider calls it, so every plan and apply
// starts from the remote's tip). Reads come from the cache. commit() writes the commit in the cache
// (GitStore), then pushes it before it returns:
//
// * accepted: the commit is on the remote, commit() returns it;
// * rejected as non-fast-forward (another writer pushed meanwhile): the cache is fetched again
//   (which drops the unpushed commit), and when none of the changed files differs between the
//   commit's parent and the new remote tip the same file changes are committed again on that tip
//   and pushed, with a bounded, jittered backoff; when one does differ, StoreError names the files
//   and both commits and says to plan again;
// * any other failure (authentication, a hook that declines, an unreachable host): StoreError
//   with the remote's message (secrets scrubbed), and the cache branch is put back to the remote's
//   tip, so nothing that is not on the remote is ever visible as committed.
//
// Providers on one machine that share the cache serialise their commit-and-push on a file lock.
// With `offline`, sync() does not contact the remote (it reports how old the cache is) and
// commit() refuses: offline is for planning only.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "internal/gitops/credentials.h"
#include "internal/gitops/store.h"
#include "internal/status/status.h"

namespace aoa::gitops {

struct RemoteConfig {
  std::string url;        // as configured (may carry a user, e.g. ssh://git@host/x.git)
  std::string cache_dir;  // the folder that holds the cache clones; "" = default_cache_dir()
  bool offline = false;
  Credentials credentials;
  int max_push_attempts = 8;                       // the first push and up to 7 rebuilds
  std::chrono::milliseconds backoff{50};           // doubled per retry, with jitter
  std::chrono::seconds timeout{30};                // connect/transfer timeout of one operation
};

// The URL forms that need a remote (everything but a local path): "https://", "http://",
// "ssh://", "git://", "file://" and scp-like "user@host:path".
bool is_remote_url(const std::string& url);
// What is wrong with `url` as a remote ("" when fine): a password in the URL, an empty host, a
// relative file:// path, an unsupported scheme.
std::string remote_url_problem(const std::string& url);
// $AOA_CACHE_DIR, else $XDG_CACHE_HOME/terraform-provider-appofapps/repositories, else
// ~/.cache/terraform-provider-appofapps/repositories.
std::string default_cache_dir();
// The cache clone of `url` and `branch` under `cache_dir`: a readable name plus a hash.
std::string cache_path(const std::string& cache_dir, const std::string& url, const std::string& branch);

// What happened on the last push (for the provider's log): attempts (1 = accepted at once), how
// long the push(es) took, the commit that is on the remote.
struct PushReport {
  int attempts = 0;
  std::chrono::milliseconds duration{0};
  std::string commit_id;
};

// What sync() found.
struct SyncReport {
  std::string tip;  // the branch tip ("" = the remote has no such branch yet)
  bool fetched = false;  // false = offline, from the cache
  // Offline: seconds since the cache was last fetched (-1 = never).
  long long cache_age_seconds = -1;
};

class RemoteStore final : public Store {
 public:
  // `store` has the branch, subpath and author; its location is ignored (the cache path is used).
  // Touches nothing; sync() makes the cache.
  RemoteStore(StoreConfig store, RemoteConfig remote);
  ~RemoteStore() override;

  // Creates the cache clone if needed and fetches the branch (or, offline, checks that the cache
  // has it). Unavailable when the remote cannot be reached, PermissionDenied-like failures as
  // InvalidArgument; messages name the URL without user-info and never a secret.
  Result<SyncReport> sync();
  // Called after each successful push (the provider logs it).
  void on_push(std::function<void(const PushReport&)> observer);

  const std::string& cache_repository() const;
  const RemoteConfig& remote() const;

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
  std::string last_worktree_error() const override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace aoa::gitops
