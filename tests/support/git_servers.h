// Real Git servers on 127.0.0.1 for tests, started and stopped by the test that owns them:
// `git http-backend` behind lighttpd with HTTP basic authentication (optionally TLS with a CA
// made for the test), and OpenSSH's sshd with a generated host key and user key. Each server
// lives in its own temporary folder (repositories, keys, configuration, logs) and is stopped (by
// its process id) and removed by the destructor.
//
// A missing server binary is an error the test reports (missing_binaries()), never a skip.
#pragma once

#include <string>
#include <sys/types.h>

namespace aoa::testsupport {

// "" when lighttpd, sshd, ssh-keygen, openssl and git http-backend are all installed; otherwise
// which are missing and the Debian packages that provide them.
std::string missing_git_server_binaries();

// Runs `command` with /bin/sh; its exit code and combined output.
struct Shell {
  int exit_code = -1;
  std::string output;
};
Shell sh(const std::string& command);

// A bare repository at `path` whose HEAD names `branch` (no commit yet).
void make_bare_repository(const std::string& path, const std::string& branch = "main");
// Makes the bare repository refuse every push with `message` (a pre-receive hook).
void reject_pushes(const std::string& bare_repository, const std::string& message);

class HttpGitServer {
 public:
  // Serves the bare repositories under root()/repos as http(s)://127.0.0.1:<port>/git/<name>,
  // with basic authentication of `user`:`password` for every request.
  HttpGitServer(const std::string& user, const std::string& password, bool tls = false);
  ~HttpGitServer();
  HttpGitServer(const HttpGitServer&) = delete;
  HttpGitServer& operator=(const HttpGitServer&) = delete;

  // "" when the server runs; otherwise why not (with its error log).
  const std::string& error() const { return error_; }
  // A new bare repository served as `name` (e.g. "gitops.git"); returns its URL.
  std::string create_repository(const std::string& name, const std::string& branch = "main");
  std::string repository_path(const std::string& name) const;
  std::string url(const std::string& name) const;
  // TLS: the PEM file of the test's certificate authority.
  std::string ca_file() const;
  const std::string& root() const { return root_; }
  int port() const { return port_; }

 private:
  std::string root_;
  int port_ = 0;
  bool tls_ = false;
  pid_t pid_ = -1;
  std::string error_;
};

class SshGitServer {
 public:
  SshGitServer();
  ~SshGitServer();
  SshGitServer(const SshGitServer&) = delete;
  SshGitServer& operator=(const SshGitServer&) = delete;

  const std::string& error() const { return error_; }
  std::string create_repository(const std::string& name, const std::string& branch = "main");
  std::string repository_path(const std::string& name) const;
  // ssh://<user>@127.0.0.1:<port>/<absolute path>
  std::string url(const std::string& name) const;
  // The private key the server accepts (PEM, no passphrase).
  std::string user_key() const;
  // A known_hosts file that has the server's host key ("[127.0.0.1]:<port> ...").
  std::string known_hosts() const;
  const std::string& root() const { return root_; }
  int port() const { return port_; }

 private:
  std::string root_;
  std::string user_;
  int port_ = 0;
  pid_t pid_ = -1;
  std::string error_;
};

}  // namespace aoa::testsupport
