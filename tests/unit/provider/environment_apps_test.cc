// provider/shared/environment_apps: an environment's apps read from the store, parsed once per
// content, and (once a load parsed 200 files or more) kept as a snapshot on disk for the next
// process: the next load after a restart reads it, and a changed file is parsed again.
#include "provider/shared/environment_apps.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "internal/gitops/memory_store.h"
#include "internal/gitops/repo_layout.h"
#include "tests/support/sample_application.h"

namespace aoa::provider {
namespace {

std::string app_file(int i, int wave, const std::string& version = "1") {
  return testing::sample_application(i, wave, i > 0 ? i - 1 : -1, version);
}

class EnvironmentAppsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/aoa-environment-apps-XXXXXX";
    dir_ = mkdtemp(tmpl);
    ::setenv("AOA_CACHE_DIR", dir_.c_str(), 1);
    gitops::StoreConfig c;
    c.location = dir_ + "/repo";
    store_ = std::make_unique<gitops::MemoryStore>(c);
    forget_environment_apps();
  }
  void TearDown() override {
    forget_environment_apps();
    ::unsetenv("AOA_CACHE_DIR");
    std::filesystem::remove_all(dir_);
  }
  void seed(int n) {
    gitops::CommitRequest all;
    for (int i = 0; i < n; ++i) all.changes.push_back({gitops::layout::app_file("ml", "dev", "app-" + std::to_string(i)), app_file(i, i)});
    all.changes.push_back({gitops::layout::app_file("ml", "dev", "stray"), "not: an application\n"});
    all.message = "seed\n";
    store_->commit(all);
  }
  size_t snapshots() const {
    size_t n = 0;
    if (std::filesystem::exists(dir_ + "/environments"))
      for (const auto& f : std::filesystem::directory_iterator(dir_ + "/environments")) n += f.is_regular_file();
    return n;
  }
  std::string dir_;
  std::unique_ptr<gitops::MemoryStore> store_;
};

TEST_F(EnvironmentAppsTest, ARestartedProcessReadsTheSnapshotAndReparsesOnlyWhatChanged) {
  seed(250);
  const EnvironmentApps first = *environment_apps(*store_, "ml", "dev");
  ASSERT_EQ(first.apps.size(), 250u);
  EXPECT_EQ(first.unreadable, std::vector<std::string>{"stray.yaml"});
  EXPECT_EQ(snapshots(), 1u);

  forget_environment_apps();  // a new process
  const EnvironmentApps again = *environment_apps(*store_, "ml", "dev");
  EXPECT_EQ(again.apps.size(), 250u);
  EXPECT_EQ(again.apps.at("app-7").depends_on, std::vector<std::string>{"app-6"});
  EXPECT_EQ(again.apps.at("app-7").sync_wave, 7);
  EXPECT_EQ(again.apps.at("app-7").model, "m7:1");
  EXPECT_EQ(again.unreadable, first.unreadable);

  store_->commit({{{gitops::layout::app_file("ml", "dev", "app-7"), app_file(7, 7, "2")}}, "bump\n"});
  forget_environment_apps();
  const EnvironmentApps bumped = *environment_apps(*store_, "ml", "dev");
  EXPECT_EQ(bumped.apps.at("app-7").model, "m7:2") << "the changed file is parsed again";
  EXPECT_EQ(bumped.apps.at("app-8").model, "m8:1");
}

TEST_F(EnvironmentAppsTest, AnUnreadableSnapshotIsParsedAgain) {
  seed(250);
  environment_apps(*store_, "ml", "dev");
  for (const auto& f : std::filesystem::directory_iterator(dir_ + "/environments"))
    std::ofstream(f.path()) << "{\"tree\": 5}";
  forget_environment_apps();
  EXPECT_EQ(environment_apps(*store_, "ml", "dev")->apps.size(), 250u);
}

TEST_F(EnvironmentAppsTest, SmallEnvironmentsLeaveNoSnapshot) {
  seed(20);
  EXPECT_EQ(environment_apps(*store_, "ml", "dev")->apps.size(), 20u);
  EXPECT_EQ(snapshots(), 0u);
}

}  // namespace
}  // namespace aoa::provider
