#include "tests/support/git_servers.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

namespace aoa::testsupport {
namespace fs = std::filesystem;
namespace {

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string temp_root(const char* what) {
  std::string tmpl = (fs::temp_directory_path() / (std::string("aoa-") + what + "-XXXXXX")).string();
  if (!::mkdtemp(tmpl.data())) std::abort();
  return tmpl;
}

// A TCP port that was free a moment ago on 127.0.0.1.
int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  const int port = ntohs(a.sin_port);
  ::close(fd);
  return port;
}

bool accepts(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

// Starts argv in the background with stdout/stderr to `log`; its pid.
pid_t spawn(const std::vector<std::string>& argv, const std::string& log) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    std::FILE* f = std::fopen(log.c_str(), "a");
    if (f) {
      ::dup2(::fileno(f), 1);
      ::dup2(::fileno(f), 2);
    }
    ::setpgid(0, 0);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    std::_Exit(127);
  }
  return pid;
}

bool wait_for_port(int port, pid_t pid) {
  for (int i = 0; i < 100; ++i) {
    if (accepts(port)) return true;
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) return false;  // it exited
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

void stop(pid_t& pid) {
  if (pid <= 0) return;
  ::kill(pid, SIGTERM);
  for (int i = 0; i < 100; ++i) {
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      pid = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  pid = -1;
}

std::string read_all(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void remove_tree(const std::string& root) {
  if (std::getenv("AOA_KEEP_E2E")) return;
  std::error_code ec;
  fs::remove_all(root, ec);
}

}  // namespace

Shell sh(const std::string& command) {
  Shell r;
  std::FILE* p = ::popen(("( " + command + " ) 2>&1").c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.output.append(buf.data(), n);
  const int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string missing_git_server_binaries() {
  std::string missing;
  const std::pair<const char*, const char*> needed[] = {{"/usr/sbin/lighttpd", "lighttpd"},
                                                        {"/usr/lib/lighttpd/mod_openssl.so", "lighttpd-mod-openssl"},
                                                        {"/usr/sbin/sshd", "openssh-server"},
                                                        {"/usr/bin/ssh-keygen", "openssh-client"},
                                                        {"/usr/bin/openssl", "openssl"},
                                                        {"/usr/lib/git-core/git-http-backend", "git"}};
  for (const auto& [path, package] : needed)
    if (::access(path, X_OK) != 0 && ::access(path, R_OK) != 0)
      missing += std::string(missing.empty() ? "" : ", ") + path + " (Debian package " + package + ")";
  return missing.empty() ? "" : "missing: " + missing + "; install them with scripts/setup.sh";
}

void make_bare_repository(const std::string& path, const std::string& branch) {
  sh("git init -q --bare -b " + quote(branch) + " " + quote(path));
}

void reject_pushes(const std::string& bare, const std::string& message) {
  const std::string hook = bare + "/hooks/pre-receive";
  std::ofstream(hook) << "#!/bin/sh\necho " << quote(message) << " >&2\nexit 1\n";
  fs::permissions(hook, fs::perms::owner_all | fs::perms::group_read | fs::perms::others_read);
}

// ---- HTTP ---------------------------------------------------------------------------------
HttpGitServer::HttpGitServer(const std::string& user, const std::string& password, bool tls)
    : root_(temp_root("http-git")), tls_(tls) {
  fs::create_directories(root_ + "/repos");
  fs::create_directories(root_ + "/www");
  std::ofstream(root_ + "/users") << user << ":" << password << "\n";
  if (tls) {
    // A CA of this test, and a certificate for 127.0.0.1 signed by it.
    const std::string r = quote(root_);
    Shell s = sh("cd " + r +
                 " && openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=aoa-test-ca -keyout ca.key -out ca.pem"
                 " && openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -keyout server.key -out server.csr"
                 " && printf 'subjectAltName=IP:127.0.0.1,DNS:127.0.0.1\\n' > san.ext"
                 " && openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2"
                 " -extfile san.ext -out server.crt && cat server.crt server.key > server.pem");
    if (s.exit_code != 0) {
      error_ = "cannot make the test certificates: " + s.output;
      return;
    }
  }
  port_ = free_port();
  std::ofstream conf(root_ + "/lighttpd.conf");
  conf << "server.document-root = \"" << root_ << "/www\"\n"
       << "server.port = " << port_ << "\n"
       << "server.bind = \"127.0.0.1\"\n"
       << "server.errorlog = \"" << root_ << "/error.log\"\n"
       << "server.modules = (\"mod_alias\", \"mod_setenv\", \"mod_auth\", \"mod_authn_file\", \"mod_cgi\""
       << (tls ? ", \"mod_openssl\"" : "") << ")\n"
       << "alias.url = (\"/git\" => \"/usr/lib/git-core/git-http-backend\")\n"
       << "$HTTP[\"url\"] =~ \"^/git\" {\n"
       << "  cgi.assign = (\"\" => \"\")\n"
       << "  setenv.add-environment = (\"GIT_PROJECT_ROOT\" => \"" << root_ << "/repos\", \"GIT_HTTP_EXPORT_ALL\" => \"\")\n"
       << "}\n"
       << "auth.backend = \"plain\"\n"
       << "auth.backend.plain.userfile = \"" << root_ << "/users\"\n"
       << "auth.require = (\"/git\" => (\"method\" => \"basic\", \"realm\" => \"git\", \"require\" => \"valid-user\"))\n";
  if (tls) conf << "ssl.engine = \"enable\"\nssl.pemfile = \"" << root_ << "/server.pem\"\n";
  conf.close();
  pid_ = spawn({"/usr/sbin/lighttpd", "-D", "-f", root_ + "/lighttpd.conf"}, root_ + "/stdout.log");
  if (!wait_for_port(port_, pid_)) {
    error_ = "lighttpd did not start: " + read_all(root_ + "/stdout.log") + read_all(root_ + "/error.log");
    stop(pid_);
  }
}

HttpGitServer::~HttpGitServer() {
  stop(pid_);
  remove_tree(root_);
}

std::string HttpGitServer::create_repository(const std::string& name, const std::string& branch) {
  make_bare_repository(repository_path(name), branch);
  return url(name);
}
std::string HttpGitServer::repository_path(const std::string& name) const { return root_ + "/repos/" + name; }
std::string HttpGitServer::url(const std::string& name) const {
  return std::string(tls_ ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_) + "/git/" + name;
}
std::string HttpGitServer::ca_file() const { return root_ + "/ca.pem"; }

// ---- SSH ----------------------------------------------------------------------------------
SshGitServer::SshGitServer() : root_(temp_root("ssh-git")) {
  const passwd* pw = ::getpwuid(::getuid());
  user_ = pw ? pw->pw_name : "root";
  fs::create_directories(root_ + "/repos");
  const std::string r = quote(root_);
  Shell keys = sh("cd " + r +
                  " && ssh-keygen -q -t ecdsa -N '' -f host_key && ssh-keygen -q -t ecdsa -m PEM -N '' -f user_key"
                  " && cp user_key.pub authorized_keys && chmod 600 host_key user_key");
  if (keys.exit_code != 0) {
    error_ = "ssh-keygen failed: " + keys.output;
    return;
  }
  port_ = free_port();
  {
    std::ifstream pub(root_ + "/host_key.pub");
    std::string type, b64;
    pub >> type >> b64;
    std::ofstream(root_ + "/known_hosts") << "[127.0.0.1]:" << port_ << " " << type << " " << b64 << "\n";
  }
  if (::getuid() == 0) fs::create_directories("/run/sshd");  // privilege separation directory
  std::ofstream(root_ + "/sshd_config") << "Port " << port_ << "\n"
                                        << "ListenAddress 127.0.0.1\n"
                                        << "HostKey " << root_ << "/host_key\n"
                                        << "PidFile " << root_ << "/sshd.pid\n"
                                        << "AuthorizedKeysFile " << root_ << "/authorized_keys\n"
                                        << "StrictModes no\nPasswordAuthentication no\n"
                                        << "KbdInteractiveAuthentication no\nPubkeyAuthentication yes\n"
                                        << "PermitRootLogin prohibit-password\nUsePAM no\nLogLevel VERBOSE\n";
  pid_ = spawn({"/usr/sbin/sshd", "-D", "-e", "-f", root_ + "/sshd_config"}, root_ + "/sshd.log");
  if (!wait_for_port(port_, pid_)) {
    error_ = "sshd did not start: " + read_all(root_ + "/sshd.log");
    stop(pid_);
  }
}

SshGitServer::~SshGitServer() {
  stop(pid_);
  remove_tree(root_);
}

std::string SshGitServer::create_repository(const std::string& name, const std::string& branch) {
  make_bare_repository(repository_path(name), branch);
  return url(name);
}
std::string SshGitServer::repository_path(const std::string& name) const { return root_ + "/repos/" + name; }
std::string SshGitServer::url(const std::string& name) const {
  return "ssh://" + user_ + "@127.0.0.1:" + std::to_string(port_) + repository_path(name);
}
std::string SshGitServer::user_key() const { return root_ + "/user_key"; }
std::string SshGitServer::known_hosts() const { return root_ + "/known_hosts"; }

}  // namespace aoa::testsupport
