#include "internal/gitops/remote.h"

#include <fcntl.h>
#include <git2.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include "internal/gitops/git_store.h"

namespace aoa::gitops {
namespace {

namespace fs = std::filesystem;

void ensure_libgit2() {
  static const bool initialised = [] {
    git_libgit2_init();
    return true;
  }();
  (void)initialised;
}

std::string git_message() {
  const git_error* e = git_error_last();
  return (e && e->message) ? std::string(e->message) : std::string("unknown error");
}

std::string oid_hex(const git_oid& oid) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, &oid);
  return buf;
}

std::string short_id(const std::string& hex) { return hex.substr(0, 12); }

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const {
    if (p) Free(p);
  }
};
using RepoPtr = std::unique_ptr<git_repository, Deleter<git_repository, git_repository_free>>;
using RemotePtr = std::unique_ptr<git_remote, Deleter<git_remote, git_remote_free>>;
using CommitPtr = std::unique_ptr<git_commit, Deleter<git_commit, git_commit_free>>;
using TreePtr = std::unique_ptr<git_tree, Deleter<git_tree, git_tree_free>>;
using EntryPtr = std::unique_ptr<git_tree_entry, Deleter<git_tree_entry, git_tree_entry_free>>;

// The parts of a URL that the host-key check and the cache name need.
struct UrlParts {
  std::string scheme;  // "https", "ssh", "file", "scp" (user@host:path), ...
  std::string user, host, path;
  int port = 0;
};

UrlParts parse_url(const std::string& url) {
  UrlParts u;
  const size_t sep = url.find("://");
  std::string rest;
  if (sep == std::string::npos) {
    // scp-like: [user@]host:path
    u.scheme = "scp";
    const size_t colon = url.find(':');
    std::string authority = url.substr(0, colon);
    u.path = colon == std::string::npos ? "" : url.substr(colon + 1);
    if (auto at = authority.rfind('@'); at != std::string::npos) {
      u.user = authority.substr(0, at);
      authority = authority.substr(at + 1);
    }
    u.host = authority;
    u.port = 22;
    return u;
  }
  u.scheme = url.substr(0, sep);
  rest = url.substr(sep + 3);
  const size_t slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  u.path = slash == std::string::npos ? "" : rest.substr(slash);
  if (auto at = authority.rfind('@'); at != std::string::npos) {
    u.user = authority.substr(0, at);
    authority = authority.substr(at + 1);
  }
  if (!authority.empty() && authority[0] == '[') {  // [v6]:port
    const size_t close = authority.find(']');
    u.host = authority.substr(1, close == std::string::npos ? std::string::npos : close - 1);
    if (close != std::string::npos && close + 1 < authority.size() && authority[close + 1] == ':')
      u.port = std::atoi(authority.c_str() + close + 2);
  } else if (auto colon = authority.rfind(':'); colon != std::string::npos) {
    u.host = authority.substr(0, colon);
    u.port = std::atoi(authority.c_str() + colon + 1);
  } else {
    u.host = authority;
  }
  if (u.port == 0) u.port = u.scheme == "ssh" ? 22 : u.scheme == "https" ? 443 : u.scheme == "http" ? 80 : 0;
  return u;
}

// A URL without its user-info, for names and messages.
std::string display_url(const std::string& url) {
  const size_t sep = url.find("://");
  if (sep == std::string::npos) return url;  // scp-like: the user is not secret
  return redact_url_userinfo(url);
}

class FileLock {
 public:
  explicit FileLock(const std::string& path) {
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ >= 0)
      while (::flock(fd_, LOCK_EX) != 0 && errno == EINTR) {
      }
  }
  ~FileLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_ = -1;
};

// What the libgit2 callbacks of one fetch or push share.
struct Callbacks {
  const Credentials* credentials = nullptr;
  UrlParts url;
  int userpass_attempts = 0;
  int ssh_attempts = 0;
  std::string error;     // our own reason for a failure (credentials, host key)
  std::string sideband;  // "remote: ..." lines
  std::string rejected;  // the status of a ref the remote did not update

  git_remote_callbacks make() {
    git_remote_callbacks cb;
    git_remote_init_callbacks(&cb, GIT_REMOTE_CALLBACKS_VERSION);
    cb.credentials = &Callbacks::credential;
    cb.certificate_check = &Callbacks::certificate;
    cb.sideband_progress = &Callbacks::sideband_cb;
    cb.push_update_reference = &Callbacks::update_reference;
    cb.payload = this;
    return cb;
  }

  static int credential(git_credential** out, const char*, const char* user_from_url, unsigned int allowed,
                        void* payload) {
    auto* self = static_cast<Callbacks*>(payload);
    const Credentials& c = *self->credentials;
    if (allowed & GIT_CREDENTIAL_SSH_KEY) {
      if (++self->ssh_attempts > 1) {
        self->error = "the SSH server refused the key" + std::string(c.ssh_key_file.empty() ? "s of the SSH agent" : " " + c.ssh_key_file);
        return GIT_EAUTH;
      }
      const std::string user = user_from_url && *user_from_url ? user_from_url : c.username.empty() ? "git" : c.username;
      if (c.ssh_key_file.empty()) return git_credential_ssh_key_from_agent(out, user.c_str());
      if (::access(c.ssh_key_file.c_str(), R_OK) != 0) {
        self->error = "cannot read the SSH key file " + c.ssh_key_file + " (ssh_key_file)";
        return GIT_EAUTH;
      }
      const std::string pub = c.ssh_key_file + ".pub";
      const bool has_pub = ::access(pub.c_str(), R_OK) == 0;
      return git_credential_ssh_key_new(out, user.c_str(), has_pub ? pub.c_str() : nullptr, c.ssh_key_file.c_str(),
                                        nullptr);
    }
    if (allowed & GIT_CREDENTIAL_USERNAME) {
      const std::string user = c.username.empty() ? "git" : c.username;
      return git_credential_username_new(out, user.c_str());
    }
    if (allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT) {
      if (++self->userpass_attempts > 1) {
        self->error = "the server refused the credentials (HTTP 401): check the token and username";
        return GIT_EAUTH;
      }
      auto token = resolve_token(c);
      if (!token.ok()) {
        self->error = token.status().code() == StatusCode::kNotFound
                          ? "the server asks for credentials and none are configured: set token_env, token_file or "
                            "token in the repository block"
                          : token.status().message();
        return GIT_EAUTH;
      }
      const std::string user = !c.username.empty()                ? c.username
                               : (user_from_url && *user_from_url) ? user_from_url
                                                                   : "x-access-token";
      return git_credential_userpass_plaintext_new(out, user.c_str(), token->c_str());
    }
    self->error = "the server asks for a kind of credential the provider does not support";
    return GIT_EAUTH;
  }

  static int certificate(git_cert* cert, int valid, const char* host, void* payload) {
    auto* self = static_cast<Callbacks*>(payload);
    const Credentials& c = *self->credentials;
    if (cert->cert_type == GIT_CERT_HOSTKEY_LIBSSH2) {
      if (c.insecure_ignore_host_key) return 0;
      auto* key = reinterpret_cast<git_cert_hostkey*>(cert);
      if (!(key->type & GIT_CERT_SSH_RAW)) {
        self->error = "the SSH library did not hand over the host key, so it cannot be checked";
        return GIT_ECERTIFICATE;
      }
      const std::string blob(key->hostkey, key->hostkey_len);
      Status s = check_known_host(known_hosts_path(c), host ? host : self->url.host, self->url.port, blob);
      if (s.ok()) return 0;
      self->error = "SSH host key check failed: " + s.message();
      return GIT_ECERTIFICATE;
    }
    if (valid) return 0;
    self->error = std::string("the TLS certificate of ") + (host ? host : "the server") +
                  " is not trusted" + (c.ca_bundle.empty() ? " (set ca_bundle to the certificate authority's PEM file)"
                                                           : " by " + c.ca_bundle);
    return GIT_ECERTIFICATE;
  }

  static int sideband_cb(const char* str, int len, void* payload) {
    auto* self = static_cast<Callbacks*>(payload);
    if (self->sideband.size() < 4096) self->sideband.append(str, static_cast<size_t>(len));
    return 0;
  }

  static int update_reference(const char* refname, const char* status, void* payload) {
    auto* self = static_cast<Callbacks*>(payload);
    if (status) self->rejected = std::string(refname) + ": " + status;
    return 0;
  }

  // The message of a failed operation: ours, else libgit2's, plus what the remote said.
  std::string failure(int rc) const {
    std::string m = error.empty() ? git_message() : error;
    (void)rc;
    std::string remote_said;
    for (char ch : sideband) remote_said += ch == '\r' ? '\n' : ch;
    while (!remote_said.empty() && (remote_said.back() == '\n' || remote_said.back() == ' ')) remote_said.pop_back();
    if (!remote_said.empty()) m += " (remote: " + remote_said + ")";
    return m;
  }
};

bool rejected_as_not_fast_forward(const std::string& status) {
  for (const char* s : {"non-fast-forward", "fetch first", "stale info", "failed to lock", "failed to update ref",
                        "cannot lock ref"})
    if (status.find(s) != std::string::npos) return true;
  return false;
}

// The blob id (or "" when absent) of `path` in the tree of `commit` ("" = no commit).
std::string blob_of(git_repository* repo, const std::string& commit, const std::string& path) {
  if (commit.empty()) return "";
  git_oid oid;
  if (git_oid_fromstr(&oid, commit.c_str()) != 0) return "";
  git_commit* c = nullptr;
  if (git_commit_lookup(&c, repo, &oid) != 0) return "";
  CommitPtr cp(c);
  git_tree* t = nullptr;
  if (git_commit_tree(&t, c) != 0) return "";
  TreePtr tp(t);
  git_tree_entry* e = nullptr;
  if (git_tree_entry_bypath(&e, t, path.c_str()) != 0) return "";
  EntryPtr ep(e);
  return oid_hex(*git_tree_entry_id(e));
}

std::string sanitized(const std::string& s) {
  std::string out;
  for (char ch : s) {
    const bool ok = std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-' || ch == '_';
    out += ok ? ch : '_';
  }
  while (out.find("__") != std::string::npos) out.replace(out.find("__"), 2, "_");
  if (out.size() > 60) out = out.substr(out.size() - 60);
  return out;
}

}  // namespace

bool is_remote_url(const std::string& url) {
  for (const char* p : {"https://", "http://", "ssh://", "git://", "file://"})
    if (url.rfind(p, 0) == 0) return true;
  // scp-like "user@host:path" (git's rule: a colon before the first slash).
  const size_t colon = url.find(':'), slash = url.find('/');
  return url.find("://") == std::string::npos && colon != std::string::npos && url.find('@') < colon &&
         (slash == std::string::npos || colon < slash);
}

std::string remote_url_problem(const std::string& url) {
  const UrlParts u = parse_url(url);
  if (u.scheme == "git") return "git:// is unauthenticated and cannot push: use https://, ssh:// or file://";
  if (u.scheme != "https" && u.scheme != "http" && u.scheme != "ssh" && u.scheme != "file" && u.scheme != "scp")
    return "unsupported URL scheme \"" + u.scheme + "\": use https://, ssh://, user@host:path or file://";
  if (u.scheme == "file") {
    std::string p = url.substr(7);
    if (p.rfind("localhost/", 0) == 0) p = p.substr(9);
    if (p.empty() || p[0] != '/') return "a file:// URL names an absolute path (file:///srv/gitops.git)";
    return "";
  }
  if (u.host.empty()) return "the URL names no host";
  if (u.path.empty() || u.path == "/") return "the URL names no repository path";
  if ((u.scheme == "https" || u.scheme == "http") && u.user.find(':') != std::string::npos)
    return "the URL carries a password: remove it and use token, token_env or token_file (a URL is not a secret "
           "and may be logged)";
  return "";
}

std::string default_cache_dir() {
  if (const char* d = std::getenv("AOA_CACHE_DIR"); d && *d) return d;
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x)
    return std::string(x) + "/terraform-provider-appofapps/repositories";
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : "/tmp") + "/.cache/terraform-provider-appofapps/repositories";
}

std::string cache_path(const std::string& cache_dir, const std::string& url, const std::string& branch) {
  (void)branch;  // one clone per URL; each branch is its own ref in it
  ensure_libgit2();
  const std::string key = display_url(url);
  git_oid h;
  git_odb_hash(&h, key.data(), key.size(), GIT_OBJECT_BLOB);
  const UrlParts u = parse_url(url);
  const std::string name = sanitized(u.host + u.path);
  return (fs::path(cache_dir) / (name + "-" + oid_hex(h).substr(0, 12) + ".git")).lexically_normal().string();
}

struct RemoteStore::Impl {
  StoreConfig store_config;
  RemoteConfig remote;
  std::string cache;
  std::string refname;
  std::string prefix;
  std::unique_ptr<GitStore> local;
  std::function<void(const PushReport&)> observer;
  std::mutex mu;  // one sync or commit-and-push at a time in this process

  std::string where() const { return display_url(remote.url); }
  std::string scrubbed(const std::string& text) const { return scrub(text, remote.credentials); }

  Result<RepoPtr> open_cache(bool create) {
    ensure_libgit2();
    git_repository* r = nullptr;
    if (git_repository_open_bare(&r, cache.c_str()) == 0) return RepoPtr(r);
    if (!create) return Status::not_found("there is no cache of " + where() + " in " + cache);
    std::error_code ec;
    fs::create_directories(fs::path(cache).parent_path(), ec);
    if (ec) return Status::io_error("cannot create the cache directory " + fs::path(cache).parent_path().string() +
                                    ": " + ec.message());
    if (git_repository_init(&r, cache.c_str(), 1) != 0)
      return Status::io_error("cannot create the cache clone " + cache + ": " + git_message());
    return RepoPtr(r);
  }

  // The certificate authorities of HTTPS: the configured bundle, else the system's (libgit2's
  // mbedTLS has no default of its own). A process-wide libgit2 setting: set before each use.
  Status apply_ca_bundle() {
    std::string bundle = remote.credentials.ca_bundle;
    if (bundle.empty()) {
      if (const char* env = std::getenv("SSL_CERT_FILE"); env && *env) bundle = env;
      for (const char* system : {"/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt",
                                 "/etc/ssl/cert.pem"})
        if (bundle.empty() && ::access(system, R_OK) == 0) bundle = system;
      if (bundle.empty()) return Status();
    } else if (::access(bundle.c_str(), R_OK) != 0) {
      return Status::invalid_argument("cannot read the CA bundle " + bundle, "ca_bundle");
    }
    if (git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, bundle.c_str(), nullptr) != 0)
      return Status::invalid_argument("cannot load the CA bundle " + bundle + ": " + git_message(), "ca_bundle");
    return Status();
  }

  // An in-memory remote for the URL (nothing is written to the cache's configuration) and the
  // callbacks that answer its credential and host-key questions. The URL is used as configured:
  // no `url.<base>.insteadOf` rewriting from the user's Git configuration (whose regex lookup
  // also leaks in Debian's libgit2 1.5).
  Result<RemotePtr> connect_to(git_repository* repo, Callbacks& cbs) {
    git_remote* raw = nullptr;
    git_remote_create_options opts;
    git_remote_create_options_init(&opts, GIT_REMOTE_CREATE_OPTIONS_VERSION);
    opts.repository = repo;
    opts.flags = GIT_REMOTE_CREATE_SKIP_INSTEADOF | GIT_REMOTE_CREATE_SKIP_DEFAULT_FETCHSPEC;
    if (git_remote_create_with_opts(&raw, remote.url.c_str(), &opts) != 0)
      return Status::invalid_argument("invalid repository URL " + where() + ": " + scrubbed(git_message()), "url");
    cbs.credentials = &remote.credentials;
    cbs.url = parse_url(remote.url);
    return RemotePtr(raw);
  }

  // Fetches the branch into the cache and points the cache's branch at the remote's tip (or
  // removes it when the remote has none). Returns the tip ("" = none). Under `mu` and the lock.
  Result<std::string> fetch(git_repository* repo) {
    AOA_RETURN_IF_ERROR(apply_ca_bundle());
    Callbacks cbs;
    AOA_ASSIGN_OR_RETURN(RemotePtr rem, connect_to(repo, cbs));
    git_remote_callbacks callbacks = cbs.make();
    git_proxy_options proxy;
    git_proxy_options_init(&proxy, GIT_PROXY_OPTIONS_VERSION);
    proxy.type = GIT_PROXY_AUTO;
    int rc = git_remote_connect(rem.get(), GIT_DIRECTION_FETCH, &callbacks, &proxy, nullptr);
    if (rc != 0) return Status::unavailable("cannot fetch " + where() + ": " + scrubbed(cbs.failure(rc)));
    const git_remote_head** heads = nullptr;
    size_t count = 0;
    if (git_remote_ls(&heads, &count, rem.get()) != 0)
      return Status::unavailable("cannot list the branches of " + where() + ": " + scrubbed(git_message()));
    std::optional<git_oid> tip;
    for (size_t i = 0; i < count; ++i)
      if (refname == heads[i]->name) tip = heads[i]->oid;
    if (tip) {
      git_odb* odb = nullptr;
      bool have = false;
      if (git_repository_odb(&odb, repo) == 0) {
        have = git_odb_exists(odb, &*tip) == 1;
        git_odb_free(odb);
      }
      if (!have) {
        std::string spec = "+" + refname + ":refs/appofapps/fetched";
        char* specs[] = {spec.data()};
        git_strarray refspecs{specs, 1};
        git_fetch_options fo;
        git_fetch_options_init(&fo, GIT_FETCH_OPTIONS_VERSION);
        fo.callbacks = callbacks;
        fo.proxy_opts = proxy;
        fo.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
        rc = git_remote_download(rem.get(), &refspecs, &fo);
        if (rc != 0) return Status::unavailable("cannot fetch " + where() + ": " + scrubbed(cbs.failure(rc)));
      }
    }
    git_remote_disconnect(rem.get());
    if (tip) {
      git_reference* ref = nullptr;
      if (git_reference_create(&ref, repo, refname.c_str(), &*tip, 1, "appofapps: fetch") != 0)
        return Status::io_error("cannot update the cache's branch: " + git_message());
      git_reference_free(ref);
    } else {
      git_reference* ref = nullptr;
      if (git_reference_lookup(&ref, repo, refname.c_str()) == 0) {
        git_reference_delete(ref);
        git_reference_free(ref);
      }
    }
    // When the cache was last brought up to date: what offline plans report.
    const std::string mark = cache + "/appofapps-fetched";
    int fd = ::open(mark.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd >= 0) ::close(fd);
    return tip ? oid_hex(*tip) : std::string();
  }

  // Pushes `commit` to the branch. OK; Conflict when the remote has moved (not a fast-forward);
  // another Status with the remote's message otherwise.
  Status push(git_repository* repo, const std::string& commit) {
    if (remote.url.rfind("file://", 0) == 0) return push_local(repo, commit);
    AOA_RETURN_IF_ERROR(apply_ca_bundle());
    Callbacks cbs;
    AOA_ASSIGN_OR_RETURN(RemotePtr rem, connect_to(repo, cbs));
    git_push_options po;
    git_push_options_init(&po, GIT_PUSH_OPTIONS_VERSION);
    po.callbacks = cbs.make();
    po.proxy_opts.type = GIT_PROXY_AUTO;
    (void)commit;  // the cache's branch points at it: push the branch
    std::string spec = refname + ":" + refname;
    char* specs[] = {spec.data()};
    git_strarray refspecs{specs, 1};
    const int rc = git_remote_push(rem.get(), &refspecs, &po);
    if (rc == GIT_ENONFASTFORWARD) return Status::conflict("the remote branch moved");
    if (rc != 0) return Status::unavailable(scrubbed(cbs.failure(rc)));
    if (!cbs.rejected.empty()) {
      if (rejected_as_not_fast_forward(cbs.rejected)) return Status::conflict("the remote branch moved");
      std::string m = "the remote rejected the push (" + cbs.rejected + ")";
      std::string said = cbs.failure(0);
      if (auto p = said.find(" (remote: "); p != std::string::npos) m += said.substr(p);
      return Status::invalid_argument(scrubbed(m));
    }
    return Status();
  }

  // A push to a repository on this machine. libgit2's local transport moves the remote's branch
  // without checking that it still is where the push started from (two pushers can both win), so
  // the objects are copied here and the branch is moved by compare-and-swap.
  Status push_local(git_repository* repo, const std::string& commit) {
    std::string path = remote.url.substr(7);
    if (path.rfind("localhost/", 0) == 0) path = path.substr(9);
    git_repository* raw = nullptr;
    if (git_repository_open_ext(&raw, path.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) != 0)
      return Status::unavailable("cannot open the repository " + path + ": " + git_message());
    RepoPtr target(raw);
    git_oid ours;
    git_oid_fromstr(&ours, commit.c_str());
    std::optional<git_oid> theirs;
    {
      git_oid oid;
      if (git_reference_name_to_id(&oid, target.get(), refname.c_str()) == 0) theirs = oid;
    }
    if (theirs) {
      // A fast-forward only: their tip must be ours or an ancestor of ours.
      if (!git_oid_equal(&*theirs, &ours) && git_graph_descendant_of(repo, &ours, &*theirs) != 1)
        return Status::conflict("the remote branch moved");
    }
    // Every object of ours that the target lacks, as one pack.
    git_packbuilder* pb_raw = nullptr;
    if (git_packbuilder_new(&pb_raw, repo) != 0) return Status::io_error("cannot pack: " + git_message());
    std::unique_ptr<git_packbuilder, Deleter<git_packbuilder, git_packbuilder_free>> pb(pb_raw);
    git_revwalk* walk_raw = nullptr;
    if (git_revwalk_new(&walk_raw, repo) != 0) return Status::io_error("cannot walk: " + git_message());
    std::unique_ptr<git_revwalk, Deleter<git_revwalk, git_revwalk_free>> walk(walk_raw);
    git_revwalk_push(walk.get(), &ours);
    if (theirs) git_revwalk_hide(walk.get(), &*theirs);
    if (git_packbuilder_insert_walk(pb.get(), walk.get()) != 0) return Status::io_error("cannot pack: " + git_message());
    git_odb* odb_raw = nullptr;
    if (git_repository_odb(&odb_raw, target.get()) != 0) return Status::io_error("cannot open objects: " + git_message());
    std::unique_ptr<git_odb, Deleter<git_odb, git_odb_free>> odb(odb_raw);
    git_odb_writepack* wp = nullptr;
    if (git_odb_write_pack(&wp, odb.get(), nullptr, nullptr) != 0)
      return Status::io_error("cannot write to " + path + ": " + git_message());
    git_indexer_progress stats{};
    struct Sink {
      git_odb_writepack* wp;
      git_indexer_progress* stats;
    } sink{wp, &stats};
    int rc = git_packbuilder_foreach(
        pb.get(),
        [](void* buf, size_t size, void* payload) {
          auto* s = static_cast<Sink*>(payload);
          return s->wp->append(s->wp, buf, size, s->stats);
        },
        &sink);
    if (rc == 0) rc = wp->commit(wp, &stats);
    wp->free(wp);
    if (rc != 0) return Status::io_error("cannot write to " + path + ": " + git_message());
    git_reference* ref = nullptr;
    if (theirs) {
      rc = git_reference_create_matching(&ref, target.get(), refname.c_str(), &ours, 1, &*theirs, "push");
    } else {
      rc = git_reference_create(&ref, target.get(), refname.c_str(), &ours, 0, "push");
    }
    if (ref) git_reference_free(ref);
    if (rc == GIT_EMODIFIED || rc == GIT_EEXISTS || rc == GIT_ELOCKED) return Status::conflict("the remote branch moved");
    if (rc != 0) return Status::unavailable("cannot update the branch of " + path + ": " + git_message());
    return Status();
  }

  // The cache's branch back to `tip` ("" = remove): a commit the remote does not have is dropped.
  void reset_branch(git_repository* repo, const std::string& tip) {
    git_reference* ref = nullptr;
    if (tip.empty()) {
      if (git_reference_lookup(&ref, repo, refname.c_str()) == 0) {
        git_reference_delete(ref);
        git_reference_free(ref);
      }
      return;
    }
    git_oid oid;
    git_oid_fromstr(&oid, tip.c_str());
    if (git_reference_create(&ref, repo, refname.c_str(), &oid, 1, "appofapps: reset to the remote") == 0)
      git_reference_free(ref);
  }

  // Path (full) → the blob id this store last pushed for it ("" = deleted): a file that differs
  // from the plan's base because of this store's own earlier commit did not move under the plan.
  std::map<std::string, std::string> own_writes;

  void remember_writes(const CommitRequest& request) {
    for (const auto& ch : request.changes) {
      std::string id;
      if (ch.content) {
        git_oid oid;
        git_odb_hash(&oid, ch.content->data(), ch.content->size(), GIT_OBJECT_BLOB);
        id = oid_hex(oid);
      }
      own_writes[prefix + ch.path] = id;
    }
  }

  // Throws the conflict when a change's file differs at `tip` from its plan's base (someone else
  // changed it after the plan was made; this store's own writes aside).
  void check_plan_bases(git_repository* repo, const CommitRequest& request, const std::string& tip) {
    std::map<std::string, std::vector<std::string>> moved_since;  // plan base → files
    for (const auto& ch : request.changes) {
      if (ch.base.empty() || ch.base == tip) continue;
      const std::string full = prefix + ch.path;
      git_oid oid;
      git_commit* c = nullptr;
      if (git_oid_fromstr(&oid, ch.base.c_str()) != 0 || git_commit_lookup(&c, repo, &oid) != 0) {
        moved_since[ch.base].push_back(full + " (the plan's commit is not on the branch any more)");
        continue;
      }
      git_commit_free(c);
      const std::string now = blob_of(repo, tip, full);
      if (now == blob_of(repo, ch.base, full)) continue;
      if (auto own = own_writes.find(full); own != own_writes.end() && own->second == now) continue;
      moved_since[ch.base].push_back(full);
    }
    if (moved_since.empty()) return;
    const auto& [base, files] = *moved_since.begin();
    throw StoreError(conflict_message(files, base, "which the plan was made on", tip));
  }

  std::string conflict_message(std::vector<std::string> files, const std::string& base, const std::string& what,
                               const std::string& tip) const {
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());
    std::string list;
    for (size_t i = 0; i < files.size() && i < 5; ++i) list += (i ? ", " : "") + files[i];
    if (files.size() > 5) list += ", …";
    return "conflict: " + list + " changed on " + where() + " (branch " + store_config.branch +
           ") between commit " + (base.empty() ? "(none)" : short_id(base)) + ", " + what + ", and commit " +
           (tip.empty() ? "(none)" : short_id(tip)) +
           ", the remote's tip now. Nothing was applied; run terraform plan again.";
  }

  // The changed files (full paths) whose content differs between `base` and `tip`.
  std::vector<std::string> moved(git_repository* repo, const CommitRequest& request, const std::string& base,
                                 const std::string& tip) {
    std::vector<std::string> out;
    for (const auto& ch : request.changes) {
      const std::string full = prefix + ch.path;
      if (blob_of(repo, base, full) != blob_of(repo, tip, full)) out.push_back(full);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }
};

RemoteStore::RemoteStore(StoreConfig store, RemoteConfig remote) : impl_(std::make_unique<Impl>()) {
  Impl& im = *impl_;
  im.remote = std::move(remote);
  if (im.remote.cache_dir.empty()) im.remote.cache_dir = default_cache_dir();
  im.cache = cache_path(im.remote.cache_dir, im.remote.url, store.branch);
  im.refname = "refs/heads/" + store.branch;
  im.prefix = subpath_prefix(store);
  im.store_config = store;
  StoreConfig local = store;
  local.location = im.cache;
  im.local = std::make_unique<GitStore>(local);
}

RemoteStore::~RemoteStore() = default;

const std::string& RemoteStore::cache_repository() const { return impl_->cache; }
const RemoteConfig& RemoteStore::remote() const { return impl_->remote; }
void RemoteStore::on_push(std::function<void(const PushReport&)> observer) { impl_->observer = std::move(observer); }

Result<SyncReport> RemoteStore::sync() {
  Impl& im = *impl_;
  std::lock_guard<std::mutex> guard(im.mu);
  if (std::string why = remote_url_problem(im.remote.url); !why.empty())
    return Status::invalid_argument("invalid repository URL " + im.where() + ": " + why, "url");
  SyncReport report;
  if (im.remote.offline) {
    AOA_ASSIGN_OR_RETURN(RepoPtr repo, im.open_cache(false));
    git_oid oid;
    if (git_reference_name_to_id(&oid, repo.get(), im.refname.c_str()) == 0) report.tip = oid_hex(oid);
    struct stat st;
    if (::stat((im.cache + "/appofapps-fetched").c_str(), &st) == 0)
      report.cache_age_seconds = static_cast<long long>(::time(nullptr) - st.st_mtime);
    return report;
  }
  std::error_code ec;
  fs::create_directories(im.remote.cache_dir, ec);
  FileLock lock(im.cache + ".lock");
  AOA_ASSIGN_OR_RETURN(RepoPtr repo, im.open_cache(true));
  AOA_ASSIGN_OR_RETURN(report.tip, im.fetch(repo.get()));
  report.fetched = true;
  report.cache_age_seconds = 0;
  return report;
}

const StoreConfig& RemoteStore::config() const { return impl_->store_config; }
bool RemoteStore::exists() const { return impl_->local->exists(); }
std::optional<std::string> RemoteStore::read(const std::string& path) const { return impl_->local->read(path); }
std::vector<std::string> RemoteStore::list(const std::string& dir) const { return impl_->local->list(dir); }
std::vector<std::string> RemoteStore::list_recursive(const std::string& dir) const {
  return impl_->local->list_recursive(dir);
}
std::string RemoteStore::tip() const { return impl_->local->tip(); }
std::vector<Store::Entry> RemoteStore::list_entries(const std::string& dir) const {
  return impl_->local->list_entries(dir);
}
std::string RemoteStore::tree_id(const std::string& dir) const { return impl_->local->tree_id(dir); }
std::optional<std::string> RemoteStore::read_content(const std::string& id) const {
  return impl_->local->read_content(id);
}
std::string RemoteStore::last_worktree_error() const { return ""; }  // the cache is bare

CommitResult RemoteStore::commit(const CommitRequest& request) {
  Impl& im = *impl_;
  if (im.remote.offline)
    throw StoreError("offline = true: the provider plans against its cache of " + im.where() +
                     " and does not push; apply without offline");
  std::lock_guard<std::mutex> guard(im.mu);
  FileLock lock(im.cache + ".lock");
  auto opened = im.open_cache(true);
  if (!opened.ok()) throw StoreError(opened.status().message());
  git_repository* repo = opened->get();

  thread_local std::minstd_rand rng(static_cast<unsigned>(::getpid()) ^
                                    static_cast<unsigned>(std::hash<std::thread::id>()(std::this_thread::get_id())));
  const auto start = std::chrono::steady_clock::now();
  for (int attempt = 1;; ++attempt) {
    const std::string base = im.local->tip();
    im.check_plan_bases(repo, request, base);
    CommitResult result = im.local->commit(request);
    if (!result.created) return result;  // nothing changed: nothing to push
    Status pushed = im.push(repo, result.commit_id);
    if (pushed.ok()) {
      im.remember_writes(request);
      if (im.observer)
        im.observer(PushReport{attempt, std::chrono::duration_cast<std::chrono::milliseconds>(
                                            std::chrono::steady_clock::now() - start),
                               result.commit_id});
      return result;
    }
    if (pushed.code() != StatusCode::kConflict) {
      // Nothing that is not on the remote stays: refetch, or at least drop the commit.
      auto refetched = im.fetch(repo);
      if (!refetched.ok()) im.reset_branch(repo, base);
      throw StoreError("cannot push to " + im.where() + ": " + pushed.message() +
                       ". Nothing was applied; fix the cause and apply again.");
    }
    // Not a fast-forward: another writer pushed. Fetch (drops our commit) and look at what moved.
    auto fetched = im.fetch(repo);
    if (!fetched.ok()) {
      im.reset_branch(repo, base);
      throw StoreError("the push to " + im.where() + " was rejected because the branch moved, and fetching it failed: " +
                       fetched.status().message());
    }
    const std::string tip = *fetched;
    const auto clashes = im.moved(repo, request, base, tip);
    if (!clashes.empty())
      throw StoreError(im.conflict_message(clashes, base, "which this change was computed on", tip));
    if (attempt >= im.remote.max_push_attempts)
      throw StoreError("cannot push to " + im.where() + ": the branch kept moving (" + std::to_string(attempt) +
                       " attempts). Nothing was applied; apply again.");
    // Unrelated changes: the same file changes again on the new tip, after a short, jittered wait.
    const auto cap = im.remote.backoff.count() << std::min(attempt - 1, 5);
    std::uniform_int_distribution<long long> wait(0, std::max<long long>(cap, 1));
    std::this_thread::sleep_for(std::chrono::milliseconds(wait(rng)));
  }
}

}  // namespace aoa::gitops
