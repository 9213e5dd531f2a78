#include "provider/repository_config.h"

#include <filesystem>

#include "internal/gitops/git_store.h"
#include "internal/gitops/remote.h"
#include "internal/protocol/log.h"
#include "provider/appofapps_provider.h"
#include "provider/shared/schema_names.h"
#include "provider/shared/value_helpers.h"

namespace aoa::provider {
namespace {

using schema::AttributePath;

AttributePath at(const char* attribute) { return AttributePath::root("repository").attr(attribute); }

// A local repository URL as a filesystem path: "file:///srv/x" and "file://localhost/srv/x" are
// /srv/x; anything else is a path as written.
std::string local_path_of(const std::string& url) {
  if (url.rfind("file://", 0) != 0) return url;
  std::string rest = url.substr(7);
  if (rest.rfind("localhost/", 0) == 0) rest = rest.substr(9);
  return rest;
}

// file:// names a bare repository: it is a remote (pushed to through a cache), like a server's.
bool is_bare_repository(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  return fs::is_regular_file(fs::path(path) / "HEAD", ec) && fs::is_directory(fs::path(path) / "objects", ec) &&
         !fs::exists(fs::path(path) / ".git", ec);
}

// A file:// URL is a remote when it names a bare repository, when offline is set, or when it was
// used as a remote before (its cache clone exists: the remote may just be unreachable now).
bool is_remote(const cty::Value& repo, const std::string& url) {
  if (!gitops::is_remote_url(url)) return false;
  if (url.rfind("file://", 0) != 0) return true;
  if (is_bare_repository(local_path_of(url)) || opt_bool(repo, "offline").value_or(false)) return true;
  std::string cache_dir = string_or(repo, "cache_dir", "");
  if (cache_dir.empty()) cache_dir = gitops::default_cache_dir();
  std::error_code ec;
  return std::filesystem::exists(gitops::cache_path(cache_dir, url, "") + "/HEAD", ec);
}

// The credentials of the block, as written (sources are read when used).
gitops::Credentials credentials_of(const cty::Value& repo) {
  gitops::Credentials c;
  c.username = string_or(repo, "username", "");
  c.token = string_or(repo, "token", "");
  c.token_env = string_or(repo, "token_env", "");
  c.token_file = string_or(repo, "token_file", "");
  c.ssh_key_file = string_or(repo, "ssh_key_file", "");
  c.known_hosts_file = string_or(repo, "known_hosts_file", "");
  c.insecure_ignore_host_key = opt_bool(repo, "insecure_skip_host_key_check").value_or(false);
  c.ca_bundle = string_or(repo, "ca_bundle", "");
  return c;
}

std::string age_text(long long seconds) {
  if (seconds < 0) return "an unknown time";
  if (seconds < 120) return std::to_string(seconds) + " seconds";
  if (seconds < 7200) return std::to_string(seconds / 60) + " minutes";
  if (seconds < 172800) return std::to_string(seconds / 3600) + " hours";
  return std::to_string(seconds / 86400) + " days";
}

}  // namespace

schema::Block repository_block() {
  return BlockBuilder()
      .description("The Git repository the provider writes to. Omitted: the embedded local repository `./gitops`, "
                   "relative to Terraform's working directory, created on the first apply. A remote repository "
                   "is read from a local cache clone that is fetched whenever the provider is configured (every "
                   "plan and apply), and every apply pushes its commit before it returns. See the guide *Remote "
                   "repositories*.")
      .attribute("url", Type::string())
      .max_bytes(4096)
      .optional()
      .description("Where the repository is. A local path (absolute, or relative to Terraform's working "
                   "directory), default `./gitops`: written directly, created by the first apply if missing; it "
                   "names the top of the repository (parent directories are not searched, so use `path` for a "
                   "folder inside it). A remote: `https://host/org/repo.git`, `ssh://git@host[:port]/org/repo.git`"
                   ", `git@host:org/repo.git` or `file:///absolute/path` of a bare repository (a `file://` URL of "
                   "a working tree, or of no repository yet, is written directly like a path). A remote must "
                   "exist; its branch is created by the first push. `git://` and a password inside the URL are "
                   "errors (*Invalid repository URL*): use `token`, `token_env` or `token_file`. An empty string "
                   "is an error too: omit the block instead.")
      .attribute("branch", Type::string())
      .optional()
      .description("The branch to commit to, a valid Git branch name (*Invalid branch*), created by the first"
                   " commit. Default `main`.")
      .attribute("path", Type::string())
      .optional()
      .description("The sub-folder of the repository that this provider owns, such as `platform/ml`: a "
                   "relative path with no `.`, `..` or `.git` components, no backslashes and no leading `/`; "
                   "a trailing `/` is ignored. Every file the provider writes, and every `spec.source.path` "
                   "in the manifests it renders, starts with it. Default: the repository root.")
      .attribute("argocd_repo_url", Type::string())
      .max_bytes(4096)
      .optional()
      .description("The `spec.source.repoURL` of every rendered `Application`, when Argo CD reaches the "
                   "repository under another URL than `url` (for example over SSH while the provider pushes over "
                   "HTTPS). Default: `url` for a remote, `file://<absolute path>` for a local repository.")
      .attribute("cache_dir", Type::string())
      .optional()
      .description("Remote repositories: the folder of the cache clones (one bare clone per URL). Default: "
                   "`$AOA_CACHE_DIR`, else `$XDG_CACHE_HOME/terraform-provider-appofapps/repositories`, else "
                   "`~/.cache/terraform-provider-appofapps/repositories`. An empty cache is filled by the next "
                   "fetch, so a CI job may start with none.")
      .attribute("offline", Type::boolean())
      .optional()
      .description("Remote repositories: `true` plans against the cache clone without contacting the remote, "
                   "with a warning that says how old the cache is; an apply then fails, since it cannot push. "
                   "Default `false`: an unreachable remote fails the plan (*Cannot reach the repository*).")
      .attribute("username", Type::string())
      .optional()
      .description("HTTPS: the user name sent with the token (default `x-access-token`, accepted by GitHub and "
                   "Azure DevOps with a token). SSH: the user when the URL names none (default `git`).")
      .attribute("token", Type::string())
      .optional()
      .sensitive()
      .description("HTTPS: the token (or password). Prefer `token_env` or `token_file`, or pass an `ephemeral` "
                   "variable (Terraform 1.10+): a non-ephemeral variable's value is saved in plan files. Never "
                   "written to state, logs, commits or messages.")
      .attribute("token_env", Type::string())
      .optional()
      .description("HTTPS: the name of an environment variable that holds the token, read on every fetch and "
                   "push (so a rotated token is used at once).")
      .attribute("token_file", Type::string())
      .optional()
      .description("HTTPS: a file that holds the token (surrounding whitespace ignored), read on every fetch and "
                   "push.")
      .attribute("ssh_key_file", Type::string())
      .optional()
      .description("SSH: a private key file without passphrase (its `.pub` next to it is used when present). "
                   "Default: the keys of the SSH agent (`SSH_AUTH_SOCK`).")
      .attribute("known_hosts_file", Type::string())
      .optional()
      .description("SSH: the OpenSSH `known_hosts` file the server's host key must be in (plain or hashed "
                   "entries; `[host]:port` for another port than 22). Default `~/.ssh/known_hosts`. An unknown or "
                   "changed host key fails the fetch.")
      .attribute("insecure_skip_host_key_check", Type::boolean())
      .optional()
      .description("SSH: `true` accepts any host key. Default `false`; only for throw-away test servers.")
      .attribute("ca_bundle", Type::string())
      .optional()
      .description("HTTPS: a PEM file of the certificate authorities to trust, for a server whose certificate "
                   "is not signed by a public one.")
      .build();
}

void validate_repository(const cty::Value& repo, schema::Diagnostics& diags) {
  if (auto url = opt_string(repo, "url")) {
    if (url->empty()) {
      diags.error("Invalid repository URL", "The URL is empty; omit the repository block for the embedded default.",
                  at("url"));
    } else if (gitops::is_remote_url(*url) || url->find("://") != std::string::npos) {
      if (std::string why = gitops::remote_url_problem(*url); !why.empty())
        diags.error("Invalid repository URL",
                    "\"" + gitops::redact_url_userinfo(*url) + "\": " + why + ".", at("url"));
    }
  }
  if (auto u = opt_string(repo, "argocd_repo_url"); u && u->empty())
    diags.error("Invalid argocd_repo_url", "Omit it to use `url`; an empty repoURL is not allowed.", at("argocd_repo_url"));
  if (auto u = opt_string(repo, "argocd_repo_url");
      u && gitops::is_remote_url(*u) && gitops::remote_url_problem(*u).find("password") != std::string::npos)
    diags.error("Invalid argocd_repo_url", "It carries a password; Argo CD takes credentials from its own secrets.",
                at("argocd_repo_url"));
  int sources = 0;
  for (const char* f : {"token", "token_env", "token_file"})
    if (auto v = opt_string(repo, f); v && !v->empty()) ++sources;
  if (sources > 1)
    diags.error("Conflicting token sources", "Set one of token, token_env and token_file.", at("token"));
}

OpenedRepository open_repository(const cty::Value& repo, gitops::StoreConfig& sc, schema::Diagnostics& diags) {
  OpenedRepository out;
  const std::string url = string_or(repo, "url", kEmbeddedRepository);
  const auto argocd_url = opt_string(repo, "argocd_repo_url");
  if (!is_remote(repo, url)) {
    std::string location = local_path_of(url);
    sc.location = std::filesystem::absolute(location).lexically_normal().string();
    while (sc.location.size() > 1 && sc.location.back() == '/') sc.location.pop_back();
    try {
      gitops::GitStore::validate_config(sc);
    } catch (const std::exception& e) {
      diags.error("Invalid repository configuration", e.what(), AttributePath::root("repository"));
      return out;
    }
    // Argo CD is pointed at the same repository: local repositories by file:// URL.
    out.repo_url = argocd_url.value_or("file://" + sc.location);
    out.display = sc.location;
    out.store = std::make_unique<gitops::GitStore>(sc);
    return out;
  }
  gitops::RemoteConfig rc;
  rc.url = url;
  rc.cache_dir = string_or(repo, "cache_dir", "");
  rc.offline = opt_bool(repo, "offline").value_or(false);
  rc.credentials = credentials_of(repo);
  out.display = gitops::redact_url_userinfo(url);
  {
    gitops::StoreConfig probe = sc;
    probe.location = ".";
    try {
      gitops::GitStore::validate_config(probe);
    } catch (const std::exception& e) {
      diags.error("Invalid repository configuration", e.what(), AttributePath::root("repository"));
      return out;
    }
  }
  auto store = std::make_unique<gitops::RemoteStore>(sc, rc);
  sc.location = store->cache_repository();
  const auto start = std::chrono::steady_clock::now();
  auto synced = store->sync();
  if (!synced.ok()) {
    const Status& s = synced.status();
    const std::string field = s.field().empty() ? "url" : s.field();
    if (rc.offline)
      diags.error("No cache of the repository",
                  s.message() + ". offline = true plans against a cache made by an earlier online run; run once "
                  "without offline (or with cache_dir pointing at such a cache).",
                  AttributePath::root("repository").attr(field));
    else
      diags.error(s.code() == StatusCode::kUnavailable ? "Cannot reach the repository" : "Invalid repository",
                  s.message() + ". Nothing was planned. Check the URL, the network and the credentials; to plan "
                  "against the last fetched copy, set offline = true.",
                  AttributePath::root("repository").attr(field));
    return out;
  }
  if (rc.offline)
    diags.warning("Planning offline against the cache",
                  "offline = true: this plan reads the cache clone of " + out.display + " fetched " +
                      age_text(synced->cache_age_seconds) + " ago, not the remote; the remote may have moved since. "
                      "An apply with offline = true fails: it cannot push.",
                  at("offline"));
  log::info("repository fetched", {{"repository", out.display},
                                   {"tip", synced->tip},
                                   {"fetched", synced->fetched ? "true" : "false"},
                                   {"duration_ms", log::elapsed_ms(start)}});
  store->on_push([display = out.display](const gitops::PushReport& r) {
    log::info("commit pushed", {{"repository", display},
                                {"commit", r.commit_id},
                                {"attempts", std::to_string(r.attempts)},
                                {"duration_ms", std::to_string(r.duration.count())}});
  });
  out.repo_url = argocd_url.value_or(url);
  out.remote = true;
  out.store = std::move(store);
  return out;
}

}  // namespace aoa::provider
