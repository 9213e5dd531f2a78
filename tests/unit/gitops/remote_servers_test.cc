// RemoteStore against real servers on 127.0.0.1: git http-backend behind lighttpd (basic
// authentication, TLS with the test's CA) and sshd (known_hosts). A missing server binary fails
// these tests; it never skips them.
#include <gtest/gtest.h>

#include <signal.h>

#include <cstdlib>
#include <fstream>

#include "internal/gitops/remote.h"
#include "tests/support/git_servers.h"
#include "tests/unit/gitops/store_test_support.h"

namespace aoa::gitops {
namespace {

using testsupport::sh;
using testing::TempDir;

constexpr const char* kToken = "tok-3f9a1c77e2b54d0c";

#define REQUIRE_SERVERS()                                                     \
  do {                                                                        \
    const std::string missing_ = testsupport::missing_git_server_binaries(); \
    ASSERT_EQ(missing_, "");                                                  \
  } while (0)

RemoteConfig http_config(const std::string& url, const TempDir& tmp) {
  RemoteConfig rc;
  rc.url = url;
  rc.cache_dir = tmp.str("cache");
  rc.credentials.username = "ci";
  rc.credentials.token_env = "AOA_TEST_GIT_TOKEN";
  return rc;
}

std::string remote_show(const std::string& bare, const std::string& what) {
  return sh("git -C '" + bare + "' show " + what).output;
}

TEST(RemoteServers, HttpsWithBasicAuthPushesAndAWrongTokenIsAClearErrorWithoutTheToken) {
  REQUIRE_SERVERS();
  testsupport::HttpGitServer server("ci", kToken, /*tls=*/true);
  ASSERT_EQ(server.error(), "");
  const std::string url = server.create_repository("gitops.git");
  TempDir tmp;
  RemoteConfig rc = http_config(url, tmp);
  rc.credentials.ca_bundle = server.ca_file();

  ::setenv("AOA_TEST_GIT_TOKEN", "wrong-token-value", 1);
  {
    RemoteStore s(StoreConfig{}, rc);
    auto r = s.sync();
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find(url), std::string::npos) << r.status().message();
    EXPECT_NE(r.status().message().find("refused the credentials"), std::string::npos) << r.status().message();
    EXPECT_EQ(r.status().message().find("wrong-token-value"), std::string::npos);
  }
  ::setenv("AOA_TEST_GIT_TOKEN", kToken, 1);  // fixed: read again on the next use
  RemoteStore s(StoreConfig{}, rc);
  ASSERT_TRUE(s.sync().ok());
  CommitResult r = s.commit(CommitRequest{{{"apps/a.yaml", "a\n"}}, "Create a"});
  EXPECT_EQ(remote_show(server.repository_path("gitops.git"), "main:apps/a.yaml"), "a\n");
  EXPECT_EQ(sh("git -C '" + server.repository_path("gitops.git") + "' rev-parse main").output, r.commit_id + "\n");

  // Without the CA the certificate is not trusted, and the message says what to set.
  RemoteConfig no_ca = http_config(url, tmp);
  RemoteStore untrusted(StoreConfig{}, no_ca);
  auto u = untrusted.sync();
  ASSERT_FALSE(u.ok());
  EXPECT_NE(u.status().message().find("ca_bundle"), std::string::npos) << u.status().message();
  ::unsetenv("AOA_TEST_GIT_TOKEN");
}

TEST(RemoteServers, APushAHookDeclinesFailsWithTheRemotesMessageAndLeavesNothingBehind) {
  REQUIRE_SERVERS();
  testsupport::HttpGitServer server("ci", kToken);
  ASSERT_EQ(server.error(), "");
  const std::string url = server.create_repository("gitops.git");
  TempDir tmp;
  RemoteConfig rc = http_config(url, tmp);
  ::setenv("AOA_TEST_GIT_TOKEN", kToken, 1);
  RemoteStore s(StoreConfig{}, rc);
  ASSERT_TRUE(s.sync().ok());
  s.commit(CommitRequest{{{"a.txt", "1\n"}}, "first"});
  const std::string before = s.tip();
  testsupport::reject_pushes(server.repository_path("gitops.git"), "main is protected: open a pull request");
  try {
    s.commit(CommitRequest{{{"a.txt", "2\n"}}, "second"});
    FAIL() << "expected the push to be declined";
  } catch (const StoreError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("main is protected: open a pull request"), std::string::npos) << m;
    EXPECT_NE(m.find("Nothing was applied"), std::string::npos) << m;
    EXPECT_EQ(m.find(kToken), std::string::npos);
  }
  EXPECT_EQ(s.tip(), before);
  EXPECT_EQ(s.read("a.txt"), "1\n");
  ::unsetenv("AOA_TEST_GIT_TOKEN");
}

TEST(RemoteServers, SshWithKnownHostsPushesAndAnUnknownHostKeyIsRefused) {
  REQUIRE_SERVERS();
  testsupport::SshGitServer server;
  ASSERT_EQ(server.error(), "");
  const std::string url = server.create_repository("gitops.git");
  TempDir tmp;
  RemoteConfig rc;
  rc.url = url;
  rc.cache_dir = tmp.str("cache");
  rc.credentials.ssh_key_file = server.user_key();
  rc.credentials.known_hosts_file = tmp.str("empty_known_hosts");
  std::ofstream(rc.credentials.known_hosts_file) << "";
  {
    RemoteStore s(StoreConfig{}, rc);
    auto r = s.sync();
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("host key"), std::string::npos) << r.status().message();
    EXPECT_NE(r.status().message().find("[127.0.0.1]:" + std::to_string(server.port())), std::string::npos)
        << r.status().message();
  }
  rc.credentials.known_hosts_file = server.known_hosts();
  RemoteStore s(StoreConfig{}, rc);
  auto synced = s.sync();
  ASSERT_TRUE(synced.ok()) << synced.status().to_string();
  s.commit(CommitRequest{{{"apps/a.yaml", "ssh\n"}}, "over ssh"});
  EXPECT_EQ(remote_show(server.repository_path("gitops.git"), "main:apps/a.yaml"), "ssh\n");
}

// Without ssh_key_file the keys of the SSH agent are used.
TEST(RemoteServers, SshThroughTheAgent) {
  REQUIRE_SERVERS();
  testsupport::SshGitServer server;
  ASSERT_EQ(server.error(), "");
  const std::string url = server.create_repository("gitops.git");
  TempDir tmp;
  const std::string sock = tmp.str("agent.sock");
  auto agent = sh("ssh-agent -a '" + sock + "' -s");
  ASSERT_EQ(agent.exit_code, 0) << agent.output;
  const size_t at = agent.output.find("SSH_AGENT_PID=");
  ASSERT_NE(at, std::string::npos);
  const int pid = std::atoi(agent.output.c_str() + at + 14);
  ASSERT_EQ(sh("SSH_AUTH_SOCK='" + sock + "' ssh-add -q '" + server.user_key() + "'").exit_code, 0);
  const char* before = std::getenv("SSH_AUTH_SOCK");
  const std::string saved = before ? before : "";
  ::setenv("SSH_AUTH_SOCK", sock.c_str(), 1);
  RemoteConfig rc;
  rc.url = url;
  rc.cache_dir = tmp.str("cache");
  rc.credentials.known_hosts_file = server.known_hosts();
  RemoteStore s(StoreConfig{}, rc);
  auto synced = s.sync();
  EXPECT_TRUE(synced.ok()) << synced.status().to_string();
  if (synced.ok()) {
    s.commit(CommitRequest{{{"a.txt", "agent\n"}}, "through the agent"});
    EXPECT_EQ(remote_show(server.repository_path("gitops.git"), "main:a.txt"), "agent\n");
  }
  if (saved.empty()) ::unsetenv("SSH_AUTH_SOCK"); else ::setenv("SSH_AUTH_SOCK", saved.c_str(), 1);
  ::kill(pid, SIGTERM);
}

TEST(RemoteServers, AnUnreachableHostIsUnavailableNamingTheUrlWithoutUserInfo) {
  TempDir tmp;
  RemoteConfig rc;
  rc.url = "https://someone@127.0.0.1:1/git/x.git";
  rc.cache_dir = tmp.str("cache");
  RemoteStore s(StoreConfig{}, rc);
  auto r = s.sync();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(r.status().message().find("https://***@127.0.0.1:1/git/x.git"), std::string::npos)
      << r.status().message();
  EXPECT_EQ(r.status().message().find("someone"), std::string::npos);
}

}  // namespace
}  // namespace aoa::gitops
