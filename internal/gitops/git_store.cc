#include "internal/gitops/git_store.h"

#include <fcntl.h>
#include <git2.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

namespace aoa::gitops {
namespace {

namespace fs = std::filesystem;

constexpr int kMaxCommitAttempts = 20;

void ensure_libgit2() {
  // Initialised once per process and never shut down (other static destructors may still
  // hold libgit2 objects at exit). Owner validation is left at libgit2's default (on).
  static const bool initialised = [] {
    git_libgit2_init();
    // No fsync per file: a commit writes a dozen objects, and one flush of the file system after
    // them (sync_filesystem) costs what one fsync does. Durability is the same: see commit().
    git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 0);
    // No SHA-1 of every object read (git itself checks hashes in fsck, not on read): loading an
    // environment reads one blob per app.
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    return true;
  }();
  (void)initialised;
}

std::string last_git_error() {
  const git_error* e = git_error_last();
  return (e && e->message) ? std::string(e->message) : std::string("unknown libgit2 error");
}

[[noreturn]] void fail(const std::string& what) {
  throw StoreError(what + ": " + last_git_error());
}

void check(int rc, const std::string& what) {
  if (rc < 0) fail(what);
}

// ---- RAII for libgit2 objects -------------------------------------------------------
template <typename T, void (*Free)(T*)>
struct GitDeleter {
  void operator()(T* p) const {
    if (p) Free(p);
  }
};
template <typename T, void (*Free)(T*)>
using GitPtr = std::unique_ptr<T, GitDeleter<T, Free>>;

using RepoPtr = GitPtr<git_repository, git_repository_free>;
using RefPtr = GitPtr<git_reference, git_reference_free>;
using CommitPtr = GitPtr<git_commit, git_commit_free>;
using TreePtr = GitPtr<git_tree, git_tree_free>;
using EntryPtr = GitPtr<git_tree_entry, git_tree_entry_free>;
using BuilderPtr = GitPtr<git_treebuilder, git_treebuilder_free>;
using BlobPtr = GitPtr<git_blob, git_blob_free>;
using IndexPtr = GitPtr<git_index, git_index_free>;
using SigPtr = GitPtr<git_signature, git_signature_free>;

std::string oid_hex(const git_oid& oid) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, &oid);
  return buf;
}

bool is_file_mode(git_filemode_t m) {
  return m == GIT_FILEMODE_BLOB || m == GIT_FILEMODE_BLOB_EXECUTABLE;
}

// ---- path handling ------------------------------------------------------------------
std::vector<std::string> split_path(const std::string& p) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t slash = p.find('/', start);
    out.push_back(p.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return out;
}

std::string strip_file_scheme(const std::string& loc) {
  static const std::string kFile = "file://";
  if (loc.rfind(kFile, 0) == 0) {
    std::string rest = loc.substr(kFile.size());
    static const std::string kLocalhost = "localhost/";
    if (rest.rfind(kLocalhost, 0) == 0) rest = rest.substr(kLocalhost.size() - 1);
    return rest;
  }
  return loc;
}

std::string config_problem(const StoreConfig& c) {
  std::string loc = strip_file_scheme(c.location);
  if (loc.empty()) return "repository location is empty";
  if (c.location.find("://") != std::string::npos && c.location.rfind("file://", 0) != 0)
    return "repository location \"" + c.location +
           "\" is a remote URL; the local store needs a filesystem path or file:// URL";
  if (c.branch.empty()) return "branch name is empty";
  {
    ensure_libgit2();
    int valid = 0;
    std::string ref = "refs/heads/" + c.branch;
    if (git_reference_name_is_valid(&valid, ref.c_str()) < 0 || !valid)
      return "branch name \"" + c.branch + "\" is not a valid Git branch name";
  }
  if (std::string why = Store::subpath_problem(c); !why.empty()) return why;
  auto bad_sig = [](const std::string& s) {
    return s.empty() || s.find_first_of("<>\n\r") != std::string::npos;
  };
  if (bad_sig(c.author.name)) return "author name must be non-empty and contain no '<', '>' or newlines";
  if (bad_sig(c.author.email)) return "author email must be non-empty and contain no '<', '>' or newlines";
  return "";
}

// ---- tree building ------------------------------------------------------------------
struct ChangeNode {
  std::map<std::string, ChangeNode> dirs;
  std::map<std::string, std::optional<std::string>> files;  // nullopt = delete

  bool has_writes() const {
    for (const auto& [_, c] : files)
      if (c) return true;
    for (const auto& [_, d] : dirs)
      if (d.has_writes()) return true;
    return false;
  }
};

void add_change(ChangeNode& root, const std::string& full_path, const std::optional<std::string>& content) {
  auto parts = split_path(full_path);
  ChangeNode* node = &root;
  std::string so_far;
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    so_far += parts[i];
    if (node->files.count(parts[i]))
      throw StoreError("conflicting changes: \"" + so_far + "\" is both a file and a directory in one commit");
    node = &node->dirs[parts[i]];
    so_far += "/";
  }
  const std::string& leaf = parts.back();
  if (node->dirs.count(leaf))
    throw StoreError("conflicting changes: \"" + so_far + leaf + "\" is both a file and a directory in one commit");
  node->files[leaf] = content;  // last change to the same path wins
}

// Applies `node` on top of `base` (may be null). Returns nullopt when the result is empty.
std::optional<git_oid> build_tree(git_repository* repo, const git_tree* base, const ChangeNode& node,
                                  const std::string& prefix) {
  git_treebuilder* raw = nullptr;
  check(git_treebuilder_new(&raw, repo, base), "cannot create tree builder");
  BuilderPtr bld(raw);

  for (const auto& [name, content] : node.files) {
    const git_tree_entry* e = git_treebuilder_get(bld.get(), name.c_str());
    if (e && git_tree_entry_type(e) == GIT_OBJECT_TREE)
      throw StoreError("cannot " + std::string(content ? "write" : "delete") + " \"" + prefix + name +
                       "\": it is a directory in the repository");
    if (e && git_tree_entry_type(e) == GIT_OBJECT_COMMIT)
      throw StoreError("cannot change \"" + prefix + name + "\": it is a submodule");
    if (content) {
      git_oid blob;
      check(git_blob_create_from_buffer(&blob, repo, content->data(), content->size()),
            "cannot write blob for \"" + prefix + name + "\"");
      git_filemode_t mode = GIT_FILEMODE_BLOB;
      if (e && git_tree_entry_filemode(e) == GIT_FILEMODE_BLOB_EXECUTABLE) mode = GIT_FILEMODE_BLOB_EXECUTABLE;
      check(git_treebuilder_insert(nullptr, bld.get(), name.c_str(), &blob, mode),
            "cannot add \"" + prefix + name + "\" to tree");
    } else if (e) {
      check(git_treebuilder_remove(bld.get(), name.c_str()), "cannot remove \"" + prefix + name + "\" from tree");
    }
  }

  for (const auto& [name, child] : node.dirs) {
    const git_tree_entry* e = git_treebuilder_get(bld.get(), name.c_str());
    TreePtr sub;
    if (e && git_tree_entry_type(e) == GIT_OBJECT_TREE) {
      git_tree* t = nullptr;
      check(git_tree_lookup(&t, repo, git_tree_entry_id(e)), "cannot read tree \"" + prefix + name + "\"");
      sub.reset(t);
    } else if (!child.has_writes()) {
      continue;  // only deletions below a path that is not a directory: nothing to do
    } else if (e) {
      throw StoreError("cannot write below \"" + prefix + name + "\": it is a file in the repository");
    }
    auto oid = build_tree(repo, sub.get(), child, prefix + name + "/");
    if (oid) {
      check(git_treebuilder_insert(nullptr, bld.get(), name.c_str(), &*oid, GIT_FILEMODE_TREE),
            "cannot add directory \"" + prefix + name + "\" to tree");
    } else if (e) {
      check(git_treebuilder_remove(bld.get(), name.c_str()), "cannot remove directory \"" + prefix + name + "\"");
    }
  }

  if (git_treebuilder_entrycount(bld.get()) == 0) return std::nullopt;
  git_oid out;
  check(git_treebuilder_write(&out, bld.get()), "cannot write tree");
  return out;
}

// Blob id + mode of a file at `path` in `tree` (null tree = absent).
struct BlobInfo {
  git_oid id;
  git_filemode_t mode;
};
std::optional<BlobInfo> blob_at(const git_tree* tree, const std::string& path) {
  if (!tree) return std::nullopt;
  git_tree_entry* raw = nullptr;
  int rc = git_tree_entry_bypath(&raw, tree, path.c_str());
  if (rc == GIT_ENOTFOUND) return std::nullopt;
  check(rc, "cannot look up \"" + path + "\"");
  EntryPtr e(raw);
  if (!is_file_mode(git_tree_entry_filemode(e.get()))) return std::nullopt;
  return BlobInfo{*git_tree_entry_id(e.get()), git_tree_entry_filemode(e.get())};
}

// ---- working tree helpers -----------------------------------------------------------
// True when every existing ancestor of `rel` below `root` is a real directory (no
// symlinks, no files), so writing there cannot escape the working tree.
bool safe_parents(const fs::path& root, const std::string& rel) {
  auto parts = split_path(rel);
  fs::path p = root;
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    p /= parts[i];
    std::error_code ec;
    auto st = fs::symlink_status(p, ec);
    if (ec || st.type() == fs::file_type::not_found) return true;  // rest will be created
    if (st.type() != fs::file_type::directory) return false;
  }
  return true;
}

bool read_whole(const fs::path& p, std::string& out) {
  int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return false;
  out.clear();
  char buf[65536];
  while (true) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      return false;
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return true;
}

bool write_atomic(const fs::path& p, const char* data, size_t len, bool executable) {
  static std::atomic<unsigned> counter{0};
  std::error_code ec;
  fs::create_directories(p.parent_path(), ec);
  if (ec) return false;
  fs::path tmp = p.parent_path() / (".aoa-tmp-" + std::to_string(::getpid()) + "-" +
                                    std::to_string(counter.fetch_add(1)) + "-" + p.filename().string());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, executable ? 0777 : 0666);
  if (fd < 0) return false;
  size_t off = 0;
  while (off < len) {
    ssize_t n = ::write(fd, data + off, len - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      ::unlink(tmp.c_str());
      return false;
    }
    off += static_cast<size_t>(n);
  }
  if (::close(fd) != 0 || ::rename(tmp.c_str(), p.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return false;
  }
  return true;
}

void prune_empty_dirs(const fs::path& root, fs::path dir) {
  while (!dir.empty() && dir != root && dir.string().size() > root.string().size()) {
    if (::rmdir(dir.c_str()) != 0) break;  // not empty (or gone): stop
    dir = dir.parent_path();
  }
}

// Flushes everything written to the file system that holds `path` (syncfs(2)): one flush for all
// the objects of a commit, where an fsync per object file would wait for the disk a dozen times.
void sync_filesystem(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw StoreError("cannot open \"" + path + "\" to flush it: " + std::strerror(errno));
  const int rc = ::syncfs(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) throw StoreError("cannot flush the repository to disk: " + std::string(std::strerror(err)));
}

class FileLock {
 public:
  explicit FileLock(const std::string& path) {
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ >= 0) {
      while (::flock(fd_, LOCK_EX) != 0 && errno == EINTR) {
      }
    }
  }
  ~FileLock() {
    if (fd_ >= 0) {
      ::flock(fd_, LOCK_UN);
      ::close(fd_);
    }
  }
  bool ok() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

// The part of a commit that leaves lock files behind when the process dies in it: moving the
// branch (refs/heads/<branch>.lock) and updating the index (index.lock). Providers run it one at
// a time under an flock, which the kernel releases when its holder dies, and mark it with a file
// that only a completed section removes. Whoever finds the mark while holding the flock knows
// that the provider that made it is gone, so the lock files it left are stale: they are removed
// (never a lock of a live provider, which would still hold the flock).
class WriterSection {
 public:
  WriterSection(const std::string& gitdir, const std::string& refname)
      : lock_(gitdir + "appofapps-writer.lock"), mark_(gitdir + "appofapps-writing") {
    std::error_code ec;
    if (lock_.ok() && fs::exists(mark_, ec)) {
      for (const std::string& stale : {gitdir + refname + ".lock", gitdir + "index.lock"})
        if (fs::remove(stale, ec)) removed_.push_back(fs::path(stale).filename().string());
      recovered_ = true;
    }
    if (lock_.ok()) {
      int fd = ::open(mark_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
      if (fd >= 0) ::close(fd);
    }
  }
  ~WriterSection() {
    std::error_code ec;
    if (lock_.ok()) fs::remove(mark_, ec);
  }
  WriterSection(const WriterSection&) = delete;
  WriterSection& operator=(const WriterSection&) = delete;

  // A provider died inside the section: its changes may be half in the index.
  bool recovered() const { return recovered_; }
  const std::vector<std::string>& removed() const { return removed_; }

 private:
  FileLock lock_;
  std::string mark_;
  bool recovered_ = false;
  std::vector<std::string> removed_;
};

}  // namespace

// ======================================================================================
struct GitStore::Impl {
  StoreConfig config;
  std::string config_error;
  std::string repo_path;  // absolute filesystem path
  std::string refname;    // refs/heads/<branch>
  std::string prefix;     // "" or "sub/path/"

  mutable std::mutex mu;
  mutable git_repository* repo = nullptr;

  ~Impl() {
    if (repo) git_repository_free(repo);
  }

  void require_valid() const {
    if (!config_error.empty()) throw StoreError(config_error);
  }

  // Opens the repository if present. Returns null when there is none and !create.
  git_repository* open(bool create) const {
    ensure_libgit2();
    if (repo) return repo;
    git_repository* r = nullptr;
    int rc = git_repository_open_ext(&r, repo_path.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr);
    if (rc == 0) {
      repo = r;
      return repo;
    }
    if (rc != GIT_ENOTFOUND) fail("cannot open repository \"" + repo_path + "\"");
    if (!create) return nullptr;

    git_repository_init_options opts;
    check(git_repository_init_options_init(&opts, GIT_REPOSITORY_INIT_OPTIONS_VERSION), "init options");
    opts.flags = GIT_REPOSITORY_INIT_MKPATH | GIT_REPOSITORY_INIT_NO_REINIT;
    std::string head = config.branch;
    opts.initial_head = head.c_str();
    rc = git_repository_init_ext(&r, repo_path.c_str(), &opts);
    if (rc == 0) {
      repo = r;
      return repo;
    }
    // Another process may be creating it concurrently: wait (bounded) until it can be opened.
    std::string init_error = last_git_error();
    for (int i = 0; i < 100; ++i) {
      rc = git_repository_open_ext(&r, repo_path.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr);
      if (rc == 0) {
        repo = r;
        return repo;
      }
      if (rc != GIT_ENOTFOUND) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    throw StoreError("cannot create repository \"" + repo_path + "\": " + init_error);
  }

  std::optional<git_oid> tip_oid(git_repository* r) const {
    git_oid oid;
    int rc = git_reference_name_to_id(&oid, r, refname.c_str());
    if (rc == GIT_ENOTFOUND) return std::nullopt;
    check(rc, "cannot resolve branch \"" + config.branch + "\"");
    return oid;
  }

  TreePtr tree_of(git_repository* r, const git_oid& commit_id) const {
    git_commit* c = nullptr;
    check(git_commit_lookup(&c, r, &commit_id), "cannot read commit " + oid_hex(commit_id));
    CommitPtr commit(c);
    git_tree* t = nullptr;
    check(git_commit_tree(&t, commit.get()), "cannot read tree of commit " + oid_hex(commit_id));
    return TreePtr(t);
  }

  // Root tree at the tip, or null when there is no repository / branch.
  TreePtr tip_tree() const {
    git_repository* r = open(false);
    if (!r) return nullptr;
    auto tip = tip_oid(r);
    if (!tip) return nullptr;
    return tree_of(r, *tip);
  }

  // Tree for a directory relative to the subpath ("" = subpath root); null when absent.
  TreePtr dir_tree(const std::string& dir) const {
    TreePtr root = tip_tree();
    if (!root) return nullptr;
    std::string full = prefix + dir;
    while (!full.empty() && full.back() == '/') full.pop_back();
    if (full.empty()) return root;
    git_tree_entry* raw = nullptr;
    int rc = git_tree_entry_bypath(&raw, root.get(), full.c_str());
    if (rc == GIT_ENOTFOUND) return nullptr;
    check(rc, "cannot look up \"" + full + "\"");
    EntryPtr e(raw);
    if (git_tree_entry_type(e.get()) != GIT_OBJECT_TREE) return nullptr;
    git_tree* t = nullptr;
    check(git_tree_lookup(&t, repo, git_tree_entry_id(e.get())), "cannot read tree \"" + full + "\"");
    return TreePtr(t);
  }

  std::string worktree_error;  // last working-tree sync problem ("" = fine); under mu
  std::map<std::string, std::pair<std::string, std::string>> tree_ids;  // dir -> (tip, tree id); under mu

  void sync_worktree(git_repository* r, const git_tree* old_tree, const std::vector<std::string>& paths);
  // `paths`, and every path below the subpath in the tip's tree, `tree` and the index.
  std::vector<std::string> all_paths(git_repository* r, const git_tree* tree, const std::vector<std::string>& paths);
};

std::vector<std::string> GitStore::Impl::all_paths(git_repository* r, const git_tree* tree,
                                                   const std::vector<std::string>& paths) {
  std::set<std::string> out(paths.begin(), paths.end());
  auto add_tree = [&](const git_tree* t) {
    if (!t) return;
    auto cb = [](const char* root, const git_tree_entry* e, void* payload) -> int {
      if (is_file_mode(git_tree_entry_filemode(e)))
        static_cast<std::set<std::string>*>(payload)->insert(std::string(root) + git_tree_entry_name(e));
      return 0;
    };
    git_tree_walk(t, GIT_TREEWALK_PRE, cb, &out);
  };
  add_tree(tree);
  if (auto cur = tip_oid(r)) add_tree(tree_of(r, *cur).get());
  git_index* ix = nullptr;
  if (git_repository_index(&ix, r) == 0) {
    IndexPtr index(ix);
    git_index_read(index.get(), 1);
    for (size_t i = 0; i < git_index_entrycount(index.get()); ++i) out.insert(git_index_get_byindex(index.get(), i)->path);
  }
  std::vector<std::string> below;
  for (const auto& p : out)
    if (p.starts_with(prefix)) below.push_back(p);
  return below;
}

GitStore::GitStore(StoreConfig config) : impl_(std::make_unique<Impl>()) {
  impl_->config = std::move(config);
  impl_->config_error = config_problem(impl_->config);
  const StoreConfig& c = impl_->config;
  std::string loc = strip_file_scheme(c.location);
  if (!loc.empty()) {
    std::error_code ec;
    fs::path abs = fs::absolute(fs::path(loc), ec);  // uses the cwd, does not touch the repository
    impl_->repo_path = (ec ? fs::path(loc) : abs).lexically_normal().string();
    if (impl_->repo_path.size() > 1 && impl_->repo_path.back() == '/') impl_->repo_path.pop_back();
  }
  impl_->refname = "refs/heads/" + c.branch;
  impl_->prefix = subpath_prefix(c);
}

GitStore::~GitStore() = default;

const StoreConfig& GitStore::config() const { return impl_->config; }
const std::string& GitStore::repository_path() const { return impl_->repo_path; }

void GitStore::validate_config(const StoreConfig& config) {
  std::string why = config_problem(config);
  if (!why.empty()) throw StoreError(why);
}

static void validate_dir(const std::string& dir) {
  if (!dir.empty()) Store::validate_path(dir);
}

bool GitStore::exists() const {
  impl_->require_valid();
  std::lock_guard<std::mutex> lock(impl_->mu);
  git_repository* r = impl_->open(false);
  if (!r) return false;
  auto tip = impl_->tip_oid(r);
  if (!tip) return false;
  git_commit* c = nullptr;
  if (git_commit_lookup(&c, r, &*tip) != 0) return false;
  git_commit_free(c);
  return true;
}

std::string GitStore::tip() const {
  impl_->require_valid();
  std::lock_guard<std::mutex> lock(impl_->mu);
  git_repository* r = impl_->open(false);
  if (!r) return "";
  auto tip = impl_->tip_oid(r);
  return tip ? oid_hex(*tip) : "";
}

std::optional<std::string> GitStore::read(const std::string& path) const {
  impl_->require_valid();
  validate_path(path);
  std::lock_guard<std::mutex> lock(impl_->mu);
  TreePtr root = impl_->tip_tree();
  auto info = blob_at(root.get(), impl_->prefix + path);
  if (!info) return std::nullopt;
  git_blob* b = nullptr;
  check(git_blob_lookup(&b, impl_->repo, &info->id), "cannot read \"" + path + "\"");
  BlobPtr blob(b);
  const char* data = static_cast<const char*>(git_blob_rawcontent(blob.get()));
  return std::string(data, static_cast<size_t>(git_blob_rawsize(blob.get())));
}

std::vector<Store::Entry> GitStore::list_entries(const std::string& dir) const {
  impl_->require_valid();
  validate_dir(dir);
  std::lock_guard<std::mutex> lock(impl_->mu);
  std::vector<Entry> out;
  TreePtr t = impl_->dir_tree(dir);
  if (!t) return out;
  size_t n = git_tree_entrycount(t.get());
  for (size_t i = 0; i < n; ++i) {
    const git_tree_entry* e = git_tree_entry_byindex(t.get(), i);
    if (is_file_mode(git_tree_entry_filemode(e)))
      out.push_back({git_tree_entry_name(e), oid_hex(*git_tree_entry_id(e))});
  }
  std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.name < b.name; });
  return out;
}

std::vector<std::string> GitStore::list(const std::string& dir) const {
  std::vector<std::string> out;
  for (auto& e : list_entries(dir)) out.push_back(std::move(e.name));
  return out;
}

std::optional<std::string> GitStore::read_content(const std::string& id) const {
  impl_->require_valid();
  git_oid oid;
  if (id.size() != GIT_OID_HEXSZ || git_oid_fromstr(&oid, id.c_str()) != 0) return std::nullopt;
  std::lock_guard<std::mutex> lock(impl_->mu);
  git_repository* r = impl_->open(false);
  if (!r) return std::nullopt;
  git_blob* b = nullptr;
  if (git_blob_lookup(&b, r, &oid) != 0) return std::nullopt;
  BlobPtr blob(b);
  const char* data = static_cast<const char*>(git_blob_rawcontent(blob.get()));
  return std::string(data, static_cast<size_t>(git_blob_rawsize(blob.get())));
}

std::string GitStore::tree_id(const std::string& dir) const {
  impl_->require_valid();
  validate_dir(dir);
  std::lock_guard<std::mutex> lock(impl_->mu);
  // Looking a folder up parses every tree on its path (a 10,000-app folder is a 10,000-entry
  // tree): remember the answer while the tip stays where it was.
  git_repository* r = impl_->open(false);
  const auto tip = r ? impl_->tip_oid(r) : std::nullopt;
  const std::string tip_hex = tip ? oid_hex(*tip) : "";
  auto cached = impl_->tree_ids.find(dir);
  if (cached != impl_->tree_ids.end() && cached->second.first == tip_hex) return cached->second.second;
  TreePtr t = tip ? impl_->dir_tree(dir) : nullptr;
  std::string id = t ? oid_hex(*git_tree_id(t.get())) : "";
  if (impl_->tree_ids.size() > 256) impl_->tree_ids.clear();
  impl_->tree_ids[dir] = {tip_hex, id};
  return id;
}

std::vector<std::string> GitStore::list_recursive(const std::string& dir) const {
  impl_->require_valid();
  validate_dir(dir);
  std::lock_guard<std::mutex> lock(impl_->mu);
  struct Walk {
    std::string base;
    std::vector<std::string> out;
  } walk{dir.empty() ? "" : dir + "/", {}};
  TreePtr t = impl_->dir_tree(dir);
  if (!t) return {};
  auto cb = [](const char* root, const git_tree_entry* e, void* payload) -> int {
    auto* w = static_cast<Walk*>(payload);
    if (is_file_mode(git_tree_entry_filemode(e))) w->out.push_back(w->base + root + git_tree_entry_name(e));
    return 0;
  };
  check(git_tree_walk(t.get(), GIT_TREEWALK_PRE, cb, &walk), "cannot list \"" + dir + "\"");
  std::sort(walk.out.begin(), walk.out.end());
  return std::move(walk.out);
}

CommitResult GitStore::commit(const CommitRequest& request) {
  Impl& im = *impl_;
  im.require_valid();

  ChangeNode changes;
  std::vector<std::string> full_paths;
  for (const auto& ch : request.changes) {
    validate_path(ch.path);
    std::string full = im.prefix + ch.path;
    add_change(changes, full, ch.content);
    full_paths.push_back(full);
  }
  std::sort(full_paths.begin(), full_paths.end());
  full_paths.erase(std::unique(full_paths.begin(), full_paths.end()), full_paths.end());

  thread_local std::minstd_rand rng(static_cast<unsigned>(
      std::hash<std::thread::id>()(std::this_thread::get_id()) ^ static_cast<unsigned>(::getpid())));
  std::string last_conflict;

  for (int attempt = 0; attempt < kMaxCommitAttempts; ++attempt) {
    if (attempt > 0) {
      int cap = 1 << std::min(attempt, 6);  // 2..64 ms
      std::uniform_int_distribution<int> d(1, cap);
      std::this_thread::sleep_for(std::chrono::milliseconds(d(rng)));
    }
    std::lock_guard<std::mutex> lock(im.mu);
    git_repository* r = im.open(true);

    std::optional<git_oid> tip = im.tip_oid(r);
    TreePtr base;
    if (tip) base = im.tree_of(r, *tip);

    auto built = build_tree(r, base.get(), changes, "");
    git_oid new_tree;
    if (built) {
      new_tree = *built;
    } else {
      GitPtr<git_treebuilder, git_treebuilder_free> empty;
      git_treebuilder* raw = nullptr;
      check(git_treebuilder_new(&raw, r, nullptr), "cannot create tree builder");
      empty.reset(raw);
      check(git_treebuilder_write(&new_tree, empty.get()), "cannot write empty tree");
    }

    if (tip && git_oid_equal(&new_tree, git_tree_id(base.get()))) return CommitResult{oid_hex(*tip), false};
    if (!tip && !built) return CommitResult{"", false};  // nothing to create

    git_tree* tr = nullptr;
    check(git_tree_lookup(&tr, r, &new_tree), "cannot read new tree");
    TreePtr tree(tr);
    git_signature* s = nullptr;
    check(git_signature_now(&s, im.config.author.name.c_str(), im.config.author.email.c_str()),
          "invalid author");
    SigPtr sig(s);
    CommitPtr parent;
    if (tip) {
      git_commit* pc = nullptr;
      check(git_commit_lookup(&pc, r, &*tip), "cannot read tip commit");
      parent.reset(pc);
    }
    const git_commit* parents[1] = {parent.get()};
    git_oid commit_id;
    check(git_commit_create(&commit_id, r, nullptr, sig.get(), sig.get(), nullptr, request.message.c_str(),
                            tree.get(), tip ? 1 : 0, parents),
          "cannot write commit");

    // Compare-and-swap the branch: a zero "expected" id means "must not exist yet".
    git_oid expected;
    if (tip) {
      git_oid_cpy(&expected, &*tip);
    } else {
      std::memset(&expected, 0, sizeof expected);
    }
    std::string subject = request.message.substr(0, request.message.find('\n'));
    std::string reflog = std::string(tip ? "commit: " : "commit (initial): ") + subject;
    // The objects are on disk before the branch points at them, and the branch before commit()
    // returns: a crash at any point leaves either the old tip or the new commit, whole.
    sync_filesystem(git_repository_path(r));
    WriterSection section(git_repository_path(r), im.refname);
    if (section.recovered()) {
      std::string what = section.removed().empty() ? "no lock file" : section.removed().front();
      for (size_t i = 1; i < section.removed().size(); ++i) what += ", " + section.removed()[i];
      std::fprintf(stderr, "appofapps: a provider stopped while writing %s; removed its stale %s\n",
                   im.repo_path.c_str(), what.c_str());
    }
    git_reference* ref = nullptr;
    int rc = git_reference_create_matching(&ref, r, im.refname.c_str(), &commit_id, 1, &expected, reflog.c_str());
    if (rc == 0) {
      git_reference_free(ref);
      sync_filesystem(git_repository_path(r));
      if (!tip) {
        // Fresh repository (or one whose HEAD is unborn): point HEAD at our branch so the
        // working tree shows our files.
        if (git_repository_head_unborn(r) == 1) git_repository_set_head(r, im.refname.c_str());
      }
      try {
        // After a dead provider's section, every path may be behind in the index: resync all.
        im.sync_worktree(r, base.get(), section.recovered() ? im.all_paths(r, base.get(), full_paths) : full_paths);
      } catch (const std::exception& e) {
        im.worktree_error = e.what();
      } catch (...) {
        im.worktree_error = "unknown error while updating the working tree";
      }
      return CommitResult{oid_hex(commit_id), true};
    }
    last_conflict = last_git_error();
    if (rc == GIT_EMODIFIED || rc == GIT_ELOCKED || rc == GIT_EEXISTS) continue;
    // Anything else: retry only if the branch moved under us, otherwise report.
    auto now = im.tip_oid(r);
    bool moved = (now.has_value() != tip.has_value()) || (now && tip && !git_oid_equal(&*now, &*tip));
    if (!moved) throw StoreError("cannot update branch \"" + im.config.branch + "\": " + last_conflict);
  }
  throw StoreError("cannot update branch \"" + im.config.branch + "\" after " + std::to_string(kMaxCommitAttempts) +
                   " attempts: other writers keep moving it or its lock is held (" + last_conflict +
                   "); if no other process is writing, remove a stale " + im.refname + ".lock in the .git directory");
}

std::string GitStore::last_worktree_error() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->worktree_error;
}

void GitStore::Impl::sync_worktree(git_repository* r, const git_tree* old_tree, const std::vector<std::string>& paths) {
  worktree_error.clear();
  if (git_repository_is_bare(r)) return;
  const char* wd = git_repository_workdir(r);
  if (!wd) return;
  {
    // Only when the working tree is checked out on our branch.
    git_reference* head = nullptr;
    if (git_reference_lookup(&head, r, "HEAD") != 0) return;
    RefPtr h(head);
    if (git_reference_type(head) != GIT_REFERENCE_SYMBOLIC) return;
    if (refname != git_reference_symbolic_target(head)) return;
  }
  fs::path root(wd);
  FileLock flock_guard(std::string(git_repository_path(r)) + "appofapps-worktree.lock");
  if (!flock_guard.ok()) {
    worktree_error = "cannot lock the working tree";
    return;
  }

  // Sync to the newest tip (another process may have committed after us).
  auto cur = tip_oid(r);
  if (!cur) return;
  TreePtr cur_tree = tree_of(r, *cur);

  git_index* ix = nullptr;
  check(git_repository_index(&ix, r), "cannot open index");
  IndexPtr index(ix);
  check(git_index_read(index.get(), 0), "cannot read index");

  // Deletions first so that a file replaced by a directory (or vice versa) works.
  struct Item {
    std::string path;
    std::optional<BlobInfo> target;
  };
  std::vector<Item> items;
  for (const auto& p : paths) items.push_back({p, blob_at(cur_tree.get(), p)});
  std::stable_partition(items.begin(), items.end(), [](const Item& i) { return !i.target; });

  std::string problems;
  for (const auto& it : items) {
    const std::string& p = it.path;
    auto old_blob = blob_at(old_tree, p);
    std::optional<git_oid> idx_oid;
    if (const git_index_entry* ie = git_index_get_bypath(index.get(), p.c_str(), 0)) idx_oid = ie->id;

    fs::path file = root / p;
    bool clean = false, present = false;
    git_oid wd_oid;
    if (!safe_parents(root, p)) {
      problems += " " + p + " (unsafe parent)";
      continue;
    }
    std::error_code ec;
    auto st = fs::symlink_status(file, ec);
    if (ec || st.type() == fs::file_type::not_found) {
      clean = true;  // absent: (re)create
    } else if (st.type() == fs::file_type::regular) {
      std::string data;
      if (!read_whole(file, data)) {
        problems += " " + p + " (unreadable)";
        continue;
      }
      present = true;
      check(git_odb_hash(&wd_oid, data.data(), data.size(), GIT_OBJECT_BLOB), "hash");
      auto same = [&](const std::optional<git_oid>& o) { return o && git_oid_equal(&wd_oid, &*o); };
      clean = same(old_blob ? std::optional<git_oid>(old_blob->id) : std::nullopt) || same(idx_oid) ||
              same(it.target ? std::optional<git_oid>(it.target->id) : std::nullopt);
    } else {
      clean = false;  // a directory or symlink where the file should be: leave it alone
    }

    if (clean) {
      if (it.target) {
        if (!present || !git_oid_equal(&wd_oid, &it.target->id)) {
          git_blob* b = nullptr;
          check(git_blob_lookup(&b, r, &it.target->id), "cannot read blob");
          BlobPtr blob(b);
          if (!write_atomic(file, static_cast<const char*>(git_blob_rawcontent(blob.get())),
                            static_cast<size_t>(git_blob_rawsize(blob.get())),
                            it.target->mode == GIT_FILEMODE_BLOB_EXECUTABLE)) {
            problems += " " + p + " (write failed)";
            continue;
          }
        }
        if (git_index_add_bypath(index.get(), p.c_str()) != 0) problems += " " + p + " (" + last_git_error() + ")";
      } else {
        if (present && ::unlink(file.c_str()) != 0) {
          problems += " " + p + " (delete failed)";
          continue;
        }
        prune_empty_dirs(root, file.parent_path());
        if (idx_oid && git_index_remove_bypath(index.get(), p.c_str()) != 0)
          problems += " " + p + " (" + last_git_error() + ")";
      }
    } else {
      // Hand-modified: keep the file; move the index along unless the user staged something.
      bool unstaged = !idx_oid || (old_blob && git_oid_equal(&*idx_oid, &old_blob->id));
      if (!unstaged) continue;
      if (it.target) {
        git_index_entry entry;
        std::memset(&entry, 0, sizeof entry);
        entry.mode = it.target->mode;
        entry.id = it.target->id;
        entry.path = p.c_str();
        if (git_index_add(index.get(), &entry) != 0) problems += " " + p + " (" + last_git_error() + ")";
      } else if (idx_oid) {
        if (git_index_remove_bypath(index.get(), p.c_str()) != 0) problems += " " + p + " (" + last_git_error() + ")";
      }
    }
  }
  if (git_index_write(index.get()) != 0) problems += " index (" + last_git_error() + ")";
  if (!problems.empty()) worktree_error = "working tree not fully updated:" + problems;
}

}  // namespace aoa::gitops
