// Credentials: where a token comes from (read again on each use), the known_hosts check, and the
// scrubbing of secrets from text.
#include "internal/gitops/credentials.h"

#include <gtest/gtest.h>

#include <fstream>

#include "tests/unit/gitops/store_test_support.h"

namespace aoa::gitops {
namespace {

using testing::run;
using testing::TempDir;

TEST(Credentials, TokenComesFromTheLiteralTheVariableOrTheFileReadOnEveryUse) {
  TempDir tmp;
  Credentials c;
  EXPECT_EQ(resolve_token(c).status().code(), StatusCode::kNotFound);
  c.token_file = tmp.str("token");
  EXPECT_EQ(resolve_token(c).status().code(), StatusCode::kInvalidArgument);
  std::ofstream(c.token_file) << "first-token\n";
  EXPECT_EQ(*resolve_token(c), "first-token");
  std::ofstream(c.token_file) << "rotated-token\n";  // rotation: the next use reads the new one
  EXPECT_EQ(*resolve_token(c), "rotated-token");
  c.token_env = "AOA_TEST_TOKEN_ENV";
  ::unsetenv("AOA_TEST_TOKEN_ENV");
  auto missing = resolve_token(c);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("AOA_TEST_TOKEN_ENV"), std::string::npos);
  ::setenv("AOA_TEST_TOKEN_ENV", "env-token", 1);
  EXPECT_EQ(*resolve_token(c), "env-token");
  c.token = "literal-token";
  EXPECT_EQ(*resolve_token(c), "literal-token");
  ::unsetenv("AOA_TEST_TOKEN_ENV");
}

TEST(Credentials, ScrubRemovesTokensAndUrlUserInfo) {
  Credentials c;
  c.token = "s3cr3t-value";
  EXPECT_EQ(scrub("auth failed for s3cr3t-value at https://user:s3cr3t@host/x", c),
            "auth failed for *** at https://***@host/x");
  EXPECT_EQ(redact_url_userinfo("see ssh://git@host/x and https://host/y"), "see ssh://***@host/x and https://host/y");
  EXPECT_EQ(redact_url_userinfo("no url here"), "no url here");
}

class KnownHosts : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(run("ssh-keygen -q -t ecdsa -N '' -f '" + tmp.str("host") + "'").rc, 0);
    ASSERT_EQ(run("ssh-keygen -q -t ecdsa -N '' -f '" + tmp.str("other") + "'").rc, 0);
    key = blob_of(tmp.str("host.pub"));
    other = blob_of(tmp.str("other.pub"));
  }
  // The key blob of an OpenSSH public key file.
  static std::string blob_of(const std::string& pub) {
    std::ifstream in(pub);
    std::string type, b64;
    in >> type >> b64;
    auto r = run("echo '" + b64 + "' | base64 -d");
    return r.out;
  }
  std::string line(const std::string& hosts, const std::string& pub) {
    std::ifstream in(tmp.str(pub));
    std::string type, b64;
    in >> type >> b64;
    return hosts + " " + type + " " + b64 + "\n";
  }
  TempDir tmp;
  std::string key, other;
};

TEST_F(KnownHosts, PlainHostsPortsAndWildcards) {
  const std::string f = tmp.str("known_hosts");
  EXPECT_EQ(check_known_host(f, "127.0.0.1", 2222, key).code(), StatusCode::kNotFound);
  std::ofstream(f) << "# comment\n" << line("[127.0.0.1]:2222", "host.pub") << line("*.example.com", "other.pub");
  EXPECT_TRUE(check_known_host(f, "127.0.0.1", 2222, key).ok());
  EXPECT_EQ(check_known_host(f, "127.0.0.1", 22, key).code(), StatusCode::kNotFound);  // another port
  EXPECT_TRUE(check_known_host(f, "git.example.com", 22, other).ok());
  Status changed = check_known_host(f, "git.example.com", 22, key);
  EXPECT_EQ(changed.code(), StatusCode::kConflict);
  EXPECT_NE(changed.message().find("does not match"), std::string::npos);
}

TEST_F(KnownHosts, HashedEntriesAsSshKeygenWritesThem) {
  const std::string f = tmp.str("known_hosts");
  std::ofstream(f) << line("[127.0.0.1]:2222", "host.pub");
  ASSERT_EQ(run("ssh-keygen -q -H -f '" + f + "' >/dev/null 2>&1").rc, 0);
  std::ifstream in(f);
  std::string first;
  std::getline(in, first);
  ASSERT_TRUE(first.starts_with("|1|")) << first;
  EXPECT_TRUE(check_known_host(f, "127.0.0.1", 2222, key).ok());
  EXPECT_EQ(check_known_host(f, "127.0.0.1", 2222, other).code(), StatusCode::kConflict);
  EXPECT_EQ(check_known_host(f, "127.0.0.2", 2222, key).code(), StatusCode::kNotFound);
}

TEST_F(KnownHosts, RevokedKeysAreRefused) {
  const std::string f = tmp.str("known_hosts");
  std::ofstream(f) << "@revoked " << line("127.0.0.1", "host.pub") << line("127.0.0.1", "host.pub");
  EXPECT_EQ(check_known_host(f, "127.0.0.1", 22, key).code(), StatusCode::kConflict);
}

}  // namespace
}  // namespace aoa::gitops
