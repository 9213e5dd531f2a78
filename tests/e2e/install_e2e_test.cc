// Installing a release the way a user without a registry does: scripts/release.sh's files, laid
// out by scripts/mirror.sh as a filesystem mirror, installed by `terraform init` with a
// provider_installation { filesystem_mirror } CLI configuration (no dev_overrides), then the
// quickstart applied with the installed copy. The network mirror files are checked for the
// provider network mirror protocol's JSON shape and for hashes that agree with the lock file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "tests/e2e/terraform_harness.h"

namespace aoa::e2e {
namespace {
namespace fs = std::filesystem;

#define ASSERT_RUN_OK(result) ASSERT_EQ((result).exit_code, 0) << (result).output
#define EXPECT_CONTAINS(text, what) EXPECT_NE((text).find(what), std::string::npos) << "expected: " << (what) << "\n" << (text)

const std::string kVersion = AOA_PROJECT_VERSION;
const std::string kAddress = "registry.terraform.io/appofapps/appofapps";
const std::string kZip = "terraform-provider-appofapps_" + kVersion + "_linux_amd64.zip";

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The zip's sha256 from the release's _SHA256SUMS.
std::string listed_sha256(const fs::path& dist) {
  std::istringstream sums(slurp(dist / ("terraform-provider-appofapps_" + kVersion + "_SHA256SUMS")));
  std::string sum, name;
  while (sums >> sum >> name) {
    if (name == kZip) return sum;
  }
  return "";
}

// The release and its mirrors are made once (stripping and zipping take seconds) into the first
// test's workspace-independent directory `release_`.
class InstallE2E : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    release_ = new TerraformWorkspace("install-release");
    const std::string scripts = std::string(AOA_SOURCE_DIR) + "/scripts/";
    made_ = run("(" + scripts + "release.sh --binary " + AOA_PROVIDER_DIR + "/terraform-provider-appofapps --out dist && " + scripts + "mirror.sh dist mirror)", release_->dir());
  }
  static void TearDownTestSuite() {
    delete release_;
    release_ = nullptr;
  }
  void SetUp() override {
    AOA_REQUIRE_TERRAFORM();
    ASSERT_RUN_OK(made_);
  }
  static fs::path release() { return release_->dir(); }
  fs::path dir() const { return ws_.dir(); }

  static inline TerraformWorkspace* release_ = nullptr;
  static inline CommandResult made_;
  TerraformWorkspace ws_{"install"};
};

TEST_F(InstallE2E, FilesystemMirrorInstallsAndAppliesTheQuickstartWithoutDevOverrides) {
  ws_.set_cli_config("provider_installation {\n  filesystem_mirror {\n    path    = \"" + (release() / "mirror/filesystem").string() +
                     "\"\n    include = [\"" + kAddress + "\"]\n  }\n}\n");
  ws_.write_file("main.tf", slurp(fs::path(AOA_SOURCE_DIR) / "examples/quickstart/main.tf"));

  CommandResult init = ws_.terraform("init -no-color");
  ASSERT_RUN_OK(init);
  EXPECT_CONTAINS(init.output, "Installed appofapps/appofapps v" + kVersion);
  EXPECT_EQ(init.output.find("development overrides"), std::string::npos) << init.output;
  EXPECT_TRUE(fs::exists(dir() / ".terraform/providers" / kAddress / kVersion / "linux_amd64" /
                         ("terraform-provider-appofapps_v" + kVersion)));

  // The lock file pins the version and the h1: hash the network mirror publishes for the same zip.
  const std::string lock = ws_.read_file(".terraform.lock.hcl");
  EXPECT_CONTAINS(lock, "provider \"" + kAddress + "\" {");
  EXPECT_CONTAINS(lock, "version = \"" + kVersion + "\"");
  const auto meta = nlohmann::json::parse(slurp(release() / "mirror/network" / kAddress / (kVersion + ".json")));
  std::string h1;
  for (const auto& h : meta["archives"]["linux_amd64"]["hashes"]) {
    if (h.get<std::string>().rfind("h1:", 0) == 0) h1 = h.get<std::string>();
  }
  ASSERT_FALSE(h1.empty()) << meta.dump();
  EXPECT_CONTAINS(lock, "\"" + h1 + "\"");

  // The installed copy tells the quickstart's story: the held promotion is in the plan, one apply
  // writes everything, and the second plan is empty.
  CommandResult plan = ws_.terraform("plan -no-color -out=quickstart.tfplan");
  ASSERT_RUN_OK(plan);
  EXPECT_CONTAINS(plan.output, "Plan: 17 to add, 0 to change, 0 to destroy.");
  EXPECT_CONTAINS(plan.output, "Warning: Promotion to prod held");
  CommandResult apply = ws_.terraform("apply -no-color quickstart.tfplan");
  ASSERT_RUN_OK(apply);
  EXPECT_CONTAINS(apply.output, "Apply complete! Resources: 17 added, 0 changed, 0 destroyed.");
  EXPECT_TRUE(fs::exists(dir() / "gitops/.git")) << "the quickstart writes the embedded local repository";
  EXPECT_EQ(ws_.git("cat-file -e main:schedules/ml-platform/prod/fraud/nightly.yaml").exit_code, 0);
  CommandResult again = ws_.terraform("plan -detailed-exitcode -no-color");
  EXPECT_EQ(again.exit_code, 0) << again.output;
}

TEST_F(InstallE2E, NetworkMirrorFilesFollowTheProtocol) {
  const fs::path network = release() / "mirror/network" / kAddress;
  const auto index = nlohmann::json::parse(slurp(network / "index.json"));
  EXPECT_EQ(index, nlohmann::json::parse("{\"versions\":{\"" + kVersion + "\":{}}}"));

  const auto meta = nlohmann::json::parse(slurp(network / (kVersion + ".json")));
  ASSERT_EQ(meta.size(), 1u) << meta.dump();
  ASSERT_EQ(meta["archives"].size(), 1u) << "one platform: linux_amd64";
  const auto& archive = meta["archives"]["linux_amd64"];
  EXPECT_EQ(archive["url"], kZip) << "relative to the version file, as the protocol allows";
  EXPECT_TRUE(fs::exists(network / kZip));

  const std::regex h1("h1:[A-Za-z0-9+/]{43}="), zh("zh:[0-9a-f]{64}");
  ASSERT_EQ(archive["hashes"].size(), 2u) << archive.dump();
  const std::string first = archive["hashes"][0], second = archive["hashes"][1];
  EXPECT_TRUE(std::regex_match(first, h1)) << first;
  EXPECT_TRUE(std::regex_match(second, zh)) << second;
  EXPECT_EQ(second, "zh:" + listed_sha256(release() / "dist")) << "zh: is the zip's sha256 from _SHA256SUMS";
}

}  // namespace
}  // namespace aoa::e2e
