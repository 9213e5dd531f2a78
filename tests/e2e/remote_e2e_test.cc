// Remote repositories through the real terraform CLI, against real servers on 127.0.0.1 that the
// tests start and stop: git http-backend behind lighttpd (HTTPS, basic auth, the test's CA),
// sshd (known_hosts), and bare file:// repositories. A missing server binary fails the test.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/e2e/terraform_harness.h"
#include "tests/support/git_servers.h"

namespace aoa::e2e {
namespace {

namespace fs = std::filesystem;
using testsupport::sh;

constexpr const char* kToken = "e2e-token-5b8d2f0c9a7e41";

#define AOA_REQUIRE_GIT_SERVERS()                                                \
  do {                                                                          \
    AOA_REQUIRE_TERRAFORM();                                                    \
    const std::string missing_ = testsupport::missing_git_server_binaries();   \
    ASSERT_EQ(missing_, "") << "the remote-repository tests need real servers"; \
  } while (0)

// The provider block (with `repository` lines) and one root and one app.
std::string config(const std::string& repository_lines, const std::string& version = "1",
                   const std::string& extra = "") {
  return R"(
terraform {
  required_providers {
    appofapps = { source = "appofapps/appofapps" }
  }
}
)" + extra + R"(
provider "appofapps" {
  repository {
)" + repository_lines +
         R"(
  }
}
resource "appofapps_root" "ml" {
  name = "ml"
  environment {
    name      = "dev"
    cluster   = "aks-dev"
    namespace = "ml-dev"
  }
}
resource "appofapps_app" "fraud" {
  root        = appofapps_root.ml.name
  environment = "dev"
  name        = "fraud"
  owner       = "risk"
  namespace   = "fraud"
  model {
    name    = "fraud"
    version = ")" + version + R"("
  }
}
)";
}

// Terraform's output as one line: colours, box characters and line wrapping removed, so that a
// message can be searched whole.
std::string flat(const std::string& output) {
  std::string out;
  for (size_t i = 0; i < output.size(); ++i) {
    if (output[i] == '\x1b') {  // ESC [ ... m
      while (i < output.size() && output[i] != 'm') ++i;
      continue;
    }
    if (output.compare(i, 3, "\u2502") == 0 || output.compare(i, 3, "\u2577") == 0 || output.compare(i, 3, "\u2575") == 0) {
      i += 2;
      continue;
    }
    const char ch = output[i] == '\n' || output[i] == '\t' ? ' ' : output[i];
    if (ch == ' ' && !out.empty() && out.back() == ' ') continue;
    out += ch;
  }
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// What a fresh clone of the remote shows.
std::string cloned_file(const std::string& bare, const std::string& path) {
  const std::string dir = bare + "-clone-" + std::to_string(::getpid());
  fs::remove_all(dir);
  sh("git clone -q '" + bare + "' '" + dir + "'");
  std::string text = read_file(dir + "/" + path);
  fs::remove_all(dir);
  return text;
}

std::string tip_of(const std::string& bare) {
  std::string out = sh("git -C '" + bare + "' rev-parse main").output;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

// Another writer pushes: the clone's file `path` is replaced by `content`.
void push_elsewhere(const std::string& bare, const std::string& path, const std::string& content) {
  const std::string dir = bare + "-writer";
  if (!fs::exists(dir)) sh("git clone -q '" + bare + "' '" + dir + "'");
  sh("git -C '" + dir + "' pull -q origin main");
  fs::create_directories(fs::path(dir + "/" + path).parent_path());
  std::ofstream(dir + "/" + path) << content;
  sh("cd '" + dir + "' && git add -A && git -c user.name=o -c user.email=o@x commit -qm 'edit " + path +
     "' && git push -q origin main");
}

TEST(RemoteE2E, HttpsWithATokenPushesAndTheTokenIsNowhere) {
  AOA_REQUIRE_GIT_SERVERS();
  testsupport::HttpGitServer server("ci", kToken, /*tls=*/true);
  ASSERT_EQ(server.error(), "");
  const std::string url = server.create_repository("gitops.git");
  const std::string bare = server.repository_path("gitops.git");
  TerraformWorkspace ws("remote-https");
  const std::string repo = "    url       = \"" + url + "\"\n    username  = \"ci\"\n    ca_bundle = \"" +
                           server.ca_file() + "\"\n    cache_dir = \"" + ws.dir() + "/cache\"\n";
  // The token as an ephemeral variable (Terraform 1.10+): not saved in the plan file.
  ws.write_file("main.tf", config(repo + "    token     = var.git_token\n", "1",
                                  "variable \"git_token\" {\n  type      = string\n  ephemeral = true\n"
                                  "  sensitive = true\n}\n"));
  const std::string log = ws.dir() + "/trace.log";
  const std::string env = "TF_LOG=TRACE TF_LOG_PATH='" + log + "' TF_VAR_git_token=" + kToken + " ";

  // A wrong token: a clear error that names the URL, not the token; nothing applied.
  CommandResult wrong = run("TF_VAR_git_token=not-the-token terraform plan -no-color -input=false", ws.dir(),
                            {"TF_CLI_CONFIG_FILE=" + ws.dir() + "/dev.tfrc"});
  EXPECT_NE(wrong.exit_code, 0);
  EXPECT_NE(flat(wrong.output).find("refused the credentials"), std::string::npos) << wrong.output;
  EXPECT_NE(flat(wrong.output).find("127.0.0.1"), std::string::npos) << wrong.output;
  EXPECT_EQ(wrong.output.find("not-the-token"), std::string::npos) << wrong.output;

  CommandResult plan = run(env + "terraform plan -no-color -input=false -out tfplan", ws.dir(),
                           {"TF_CLI_CONFIG_FILE=" + ws.dir() + "/dev.tfrc"});
  ASSERT_EQ(plan.exit_code, 0) << plan.output;
  CommandResult apply = run(env + "terraform apply -no-color -input=false tfplan", ws.dir(),
                            {"TF_CLI_CONFIG_FILE=" + ws.dir() + "/dev.tfrc"});
  ASSERT_EQ(apply.exit_code, 0) << apply.output;

  // On the remote, in a fresh clone, with repoURL = the configured URL.
  const std::string app = cloned_file(bare, "apps/ml/dev/fraud.yaml");
  EXPECT_NE(app.find("repoURL: " + url), std::string::npos) << app;
  EXPECT_NE(cloned_file(bare, "roots/ml/dev.yaml").find("repoURL: " + url), std::string::npos);
  // The token appears nowhere: state, plan file, TRACE log, the remote's history, any output.
  EXPECT_EQ(read_file(ws.dir() + "/terraform.tfstate").find(kToken), std::string::npos);
  EXPECT_EQ(sh("unzip -p '" + ws.dir() + "/tfplan'").output.find(kToken), std::string::npos);
  const std::string trace = read_file(log);
  EXPECT_GT(trace.size(), 1000u);
  EXPECT_NE(trace.find("commit pushed"), std::string::npos);
  EXPECT_EQ(trace.find(kToken), std::string::npos);
  EXPECT_EQ(sh("git -C '" + bare + "' log -p --all").output.find(kToken), std::string::npos);
  EXPECT_EQ((plan.output + apply.output + wrong.output).find(kToken), std::string::npos);
}

TEST(RemoteE2E, TokenFromAFileAndAProtectedBranchIsAClearErrorThenARerunSucceeds) {
  AOA_REQUIRE_GIT_SERVERS();
  testsupport::HttpGitServer server("ci", kToken);
  ASSERT_EQ(server.error(), "");
  const std::string url = server.create_repository("gitops.git");
  const std::string bare = server.repository_path("gitops.git");
  TerraformWorkspace ws("remote-hook");
  ws.write_file("token", std::string(kToken) + "\n");
  const std::string repo = "    url        = \"" + url + "\"\n    username   = \"ci\"\n    token_file = \"" +
                           ws.dir() + "/token\"\n    cache_dir  = \"" + ws.dir() + "/cache\"\n";
  ws.write_file("main.tf", config(repo));
  testsupport::reject_pushes(bare, "main is protected: changes need a pull request");
  CommandResult refused = ws.terraform("apply -auto-approve");
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(flat(refused.output).find("main is protected: changes need a pull request"), std::string::npos)
      << refused.output;
  EXPECT_EQ(refused.output.find(kToken), std::string::npos);
  EXPECT_EQ(sh("git -C '" + bare + "' rev-list --all --count").output, "0\n");  // nothing arrived
  // Nothing recorded as applied that is not on the remote.
  CommandResult state = ws.terraform("state list");
  EXPECT_EQ(state.output.find("appofapps_root.ml"), std::string::npos) << state.output;
  fs::remove(bare + "/hooks/pre-receive");
  CommandResult rerun = ws.terraform("apply -auto-approve");
  ASSERT_EQ(rerun.exit_code, 0) << rerun.output;
  EXPECT_NE(cloned_file(bare, "apps/ml/dev/fraud.yaml").find("fraud:1"), std::string::npos);
  CommandResult again = ws.terraform("plan -detailed-exitcode");
  EXPECT_EQ(again.exit_code, 0) << again.output;
}

TEST(RemoteE2E, SshWithKnownHostsAndAnUnknownHostKeyIsRefused) {
  AOA_REQUIRE_GIT_SERVERS();
  testsupport::SshGitServer server;
  ASSERT_EQ(server.error(), "");
  const std::string url = server.create_repository("gitops.git");
  TerraformWorkspace ws("remote-ssh");
  ws.write_file("empty_known_hosts", "");
  auto repo = [&](const std::string& known_hosts) {
    return "    url              = \"" + url + "\"\n    ssh_key_file     = \"" + server.user_key() +
           "\"\n    known_hosts_file = \"" + known_hosts + "\"\n    cache_dir        = \"" + ws.dir() + "/cache\"\n";
  };
  ws.write_file("main.tf", config(repo(ws.dir() + "/empty_known_hosts")));
  CommandResult unknown = ws.terraform("plan");
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_NE(flat(unknown.output).find("host key"), std::string::npos) << unknown.output;
  EXPECT_NE(flat(unknown.output).find("not in"), std::string::npos) << unknown.output;
  ws.write_file("main.tf", config(repo(server.known_hosts())));
  CommandResult apply = ws.terraform("apply -auto-approve");
  ASSERT_EQ(apply.exit_code, 0) << apply.output;
  const std::string app = cloned_file(server.repository_path("gitops.git"), "apps/ml/dev/fraud.yaml");
  EXPECT_NE(app.find("repoURL: " + url), std::string::npos) << app;
}

// seed 002's pipeline: plan -out in one job, apply the plan file in another with an empty cache.
TEST(RemoteE2E, APlanFileAppliesElsewhereAfterAnUnrelatedMoveAndFailsOnAConflictingOne) {
  AOA_REQUIRE_GIT_SERVERS();
  TerraformWorkspace ws("remote-pipeline");
  const std::string bare = ws.dir() + "/remote.git";
  testsupport::make_bare_repository(bare);
  const std::string url = "file://" + bare;
  ws.write_file("main.tf", config("    url = \"" + url + "\"\n", "1"));
  auto tf = [&](const std::string& command, const std::string& cache, const std::string& plan_file = "") {
    return run("terraform " + command + " -no-color -input=false " + plan_file, ws.dir(),
               {"TF_CLI_CONFIG_FILE=" + ws.dir() + "/dev.tfrc", "AOA_CACHE_DIR=" + ws.dir() + "/" + cache});
  };
  ASSERT_EQ(tf("apply -auto-approve", "job0").exit_code, 0);
  // A second checkout on another path (another cache) plans clean: repoURL is the URL.
  CommandResult clean = tf("plan -detailed-exitcode", "elsewhere");
  EXPECT_EQ(clean.exit_code, 0) << clean.output;

  ws.write_file("main.tf", config("    url = \"" + url + "\"\n", "2"));
  ASSERT_EQ(tf("plan -out tfplan", "plan-job").exit_code, 0);
  push_elsewhere(bare, "notes/unrelated.txt", "someone else\n");
  CommandResult applied = tf("apply", "apply-job", "tfplan");
  ASSERT_EQ(applied.exit_code, 0) << applied.output;
  EXPECT_NE(cloned_file(bare, "apps/ml/dev/fraud.yaml").find("fraud:2"), std::string::npos);
  EXPECT_EQ(cloned_file(bare, "notes/unrelated.txt"), "someone else\n");

  ws.write_file("main.tf", config("    url = \"" + url + "\"\n", "3"));
  ASSERT_EQ(tf("plan -out tfplan", "plan-job2").exit_code, 0);
  const std::string planned_on = tip_of(bare);
  push_elsewhere(bare, "apps/ml/dev/fraud.yaml", cloned_file(bare, "apps/ml/dev/fraud.yaml") + "# hand edit\n");
  const std::string theirs = tip_of(bare);
  CommandResult conflict = tf("apply", "apply-job2", "tfplan");
  EXPECT_NE(conflict.exit_code, 0);
  EXPECT_EQ(conflict.output.find("inconsistent final plan"), std::string::npos) << conflict.output;
  const std::string said = flat(conflict.output);
  EXPECT_NE(said.find(planned_on.substr(0, 12)), std::string::npos) << conflict.output;
  EXPECT_NE(said.find(theirs.substr(0, 12)), std::string::npos) << conflict.output;
  EXPECT_NE(said.find("plan again"), std::string::npos) << conflict.output;
  EXPECT_EQ(tip_of(bare), theirs);  // nothing pushed
  // Planning again sees the edit and applies over it.
  ASSERT_EQ(tf("apply -auto-approve", "apply-job3").exit_code, 0);
  EXPECT_NE(cloned_file(bare, "apps/ml/dev/fraud.yaml").find("fraud:3"), std::string::npos);
}

TEST(RemoteE2E, AnUnreachableRemoteFailsThePlanAndOfflinePlansFromTheCache) {
  AOA_REQUIRE_GIT_SERVERS();
  TerraformWorkspace ws("remote-offline");
  const std::string bare = ws.dir() + "/remote.git";
  testsupport::make_bare_repository(bare);
  const std::string url = "file://" + bare;
  const std::string cache = "    cache_dir = \"" + ws.dir() + "/cache\"\n";
  ws.write_file("main.tf", config("    url = \"" + url + "\"\n" + cache));
  ASSERT_EQ(ws.terraform("apply -auto-approve").exit_code, 0);

  ws.write_file("main.tf", config("    url = \"https://127.0.0.1:1/git/gitops.git\"\n" + cache));
  CommandResult down = ws.terraform("plan");
  EXPECT_NE(down.exit_code, 0);
  EXPECT_NE(flat(down.output).find("Cannot reach the repository"), std::string::npos) << down.output;
  EXPECT_NE(flat(down.output).find("https://127.0.0.1:1/git/gitops.git"), std::string::npos) << down.output;

  fs::rename(bare, bare + ".away");  // the remote is gone; the cache is not
  ws.write_file("main.tf", config("    url = \"" + url + "\"\n    offline = true\n" + cache, "2"));
  CommandResult offline = ws.terraform("plan");
  EXPECT_EQ(offline.exit_code, 0) << offline.output;
  EXPECT_NE(flat(offline.output).find("Planning offline against the cache"), std::string::npos) << offline.output;
  EXPECT_NE(flat(offline.output).find("seconds ago"), std::string::npos) << offline.output;
  EXPECT_NE(flat(offline.output).find("1 to change"), std::string::npos) << offline.output;
  CommandResult refused = ws.terraform("apply -auto-approve");
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(flat(refused.output).find("offline"), std::string::npos) << refused.output;
}

// Two terraform runs in different directories push to one remote at once: both converge, nothing
// is lost.
TEST(RemoteE2E, TwoRunsPushingAtOnceBothConverge) {
  AOA_REQUIRE_GIT_SERVERS();
  TerraformWorkspace a("remote-concurrent-a"), b("remote-concurrent-b");
  const std::string bare = a.dir() + "/remote.git";
  testsupport::make_bare_repository(bare);
  const std::string url = "    url = \"file://" + bare + "\"\n";
  a.write_file("main.tf", config(url + "    path = \"team-a\"\n"));
  b.write_file("main.tf", config(url + "    path = \"team-b\"\n"));
  constexpr int kTrials = 10;
  for (int trial = 1; trial <= kTrials; ++trial) {
    const std::string v = std::to_string(trial);
    a.write_file("main.tf", config(url + "    path = \"team-a\"\n", v));
    b.write_file("main.tf", config(url + "    path = \"team-b\"\n", v));
    const std::string both = "(cd '" + a.dir() + "' && TF_CLI_CONFIG_FILE=dev.tfrc AOA_CACHE_DIR=cache terraform apply "
                             "-auto-approve -no-color > out.log 2>&1; echo $? > rc) & (cd '" + b.dir() +
                             "' && TF_CLI_CONFIG_FILE=dev.tfrc AOA_CACHE_DIR=cache terraform apply -auto-approve "
                             "-no-color > out.log 2>&1; echo $? > rc) & wait";
    sh(both);
    EXPECT_EQ(read_file(a.dir() + "/rc"), "0\n") << read_file(a.dir() + "/out.log");
    EXPECT_EQ(read_file(b.dir() + "/rc"), "0\n") << read_file(b.dir() + "/out.log");
    EXPECT_NE(cloned_file(bare, "team-a/apps/ml/dev/fraud.yaml").find("fraud:" + v), std::string::npos);
    EXPECT_NE(cloned_file(bare, "team-b/apps/ml/dev/fraud.yaml").find("fraud:" + v), std::string::npos);
  }
  EXPECT_EQ(a.terraform("plan -detailed-exitcode").exit_code, 0);
  EXPECT_EQ(b.terraform("plan -detailed-exitcode").exit_code, 0);
}

}  // namespace
}  // namespace aoa::e2e
