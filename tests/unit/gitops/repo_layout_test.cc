#include "internal/gitops/repo_layout.h"

#include <gtest/gtest.h>

#include <vector>

#include "internal/gitops/store.h"

namespace aoa::gitops::layout {
namespace {

// The last component of a path: what Store::list() returns for it.
std::string file_name(const std::string& path) { return path.substr(path.rfind('/') + 1); }

// The paths of DESIGN.md, "Files the provider writes": Argo CD and pipelines rely on them.
TEST(RepoLayout, BuildsTheContractPaths) {
  EXPECT_EQ(roots_dir(), "roots");
  EXPECT_EQ(root_dir("ml"), "roots/ml");
  EXPECT_EQ(root_file("ml", "dev"), "roots/ml/dev.yaml");
  EXPECT_EQ(apps_root_dir("ml"), "apps/ml");
  EXPECT_EQ(apps_dir("ml", "dev"), "apps/ml/dev");
  EXPECT_EQ(app_file("ml", "dev", "fraud"), "apps/ml/dev/fraud.yaml");
  EXPECT_EQ(workload_dir("ml", "dev", "fraud"), "workloads/ml/dev/fraud");
  EXPECT_EQ(endpoint_file("ml", "dev", "fraud"), "workloads/ml/dev/fraud/endpoint.yaml");
  EXPECT_EQ(deployment_file("ml", "dev", "fraud", "blue"), "workloads/ml/dev/fraud/deployment-blue.yaml");
  EXPECT_EQ(schedules_dir("ml", "prod", "fraud"), "schedules/ml/prod/fraud");
  EXPECT_EQ(schedule_file("ml-platform", "prod", "fraud", "nightly"), "schedules/ml-platform/prod/fraud/nightly.yaml");
  EXPECT_EQ(registry_file("fraud-scorer", "1.2.3"), "registry/fraud-scorer/1.2.3.yaml");
  EXPECT_EQ(release_file("ml", "dev"), "releases/ml/dev.yaml");
  EXPECT_EQ(audit_dir("ml"), "audit/ml");
  EXPECT_EQ(audit_file("ml-platform", "20261123T191502Z", "0123456789abcdef"),
            "audit/ml-platform/20261123T191502Z-0123456789abcdef.json");
}

TEST(RepoLayout, JoinPutsAFolderInFront) {
  EXPECT_EQ(join("", "roots/ml/dev.yaml"), "roots/ml/dev.yaml");
  EXPECT_EQ(join("platform/ml", "apps/ml/dev"), "platform/ml/apps/ml/dev");
  EXPECT_EQ(join(root_dir("ml"), "notes.txt"), "roots/ml/notes.txt");
}

TEST(RepoLayout, ParsersReadBackWhatBuildersWrite) {
  for (const std::string root : {"ml", "ml-platform", "r0"}) {
    for (const std::string env : {"dev", "prod-eu", "x.y"}) {
      SCOPED_TRACE(root + "/" + env);
      EXPECT_EQ(parse_root_file(root_file(root, env)), (RootFile{root, env}));
      EXPECT_EQ(root_file_environment(file_name(root_file(root, env))), env);
      EXPECT_EQ(parse_app_file(app_file(root, env, "fraud")), (AppFile{root, env, "fraud"}));
      EXPECT_EQ(app_file_app(file_name(app_file(root, env, "fraud"))), "fraud");
      EXPECT_EQ(deployment_file_slot(file_name(deployment_file(root, env, "fraud", env))), env);
      EXPECT_TRUE(is_endpoint_file_name(file_name(endpoint_file(root, env, "fraud"))));
      EXPECT_TRUE(is_audit_file_name(file_name(audit_file(root, "20261123T191502Z", "ab-12_x"))));
    }
  }
}

// Every path built from valid parts is one the store accepts (no '.', '..' or empty component).
TEST(RepoLayout, BuiltPathsAreValidStorePaths) {
  for (const std::string part : {"a", "..a", "a.", "x y", "\xc3\xa9t\xc3\xa9"}) {
    ASSERT_TRUE(valid_part(part)) << part;
    for (const std::string& path :
         {root_file(part, part), app_file(part, part, part), deployment_file(part, part, part, part),
          endpoint_file(part, part, part), schedule_file(part, part, part, part), registry_file(part, part),
          audit_file(part, part, part), apps_root_dir(part), schedules_dir(part, part, part)})
      EXPECT_EQ(Store::path_problem(path), "") << path;
  }
}

TEST(RepoLayout, RejectsBadParts) {
  for (const std::string& bad : std::vector<std::string>{"", ".", "..", "a/b", "/", std::string("a\0b", 3), "a\nb", "\t", "a\x7f"}) {
    SCOPED_TRACE(bad);
    EXPECT_FALSE(valid_part(bad));
    EXPECT_EQ(root_file_environment(bad + ".yaml"), std::nullopt);
    EXPECT_EQ(app_file_app(bad + ".yaml"), std::nullopt);
    EXPECT_EQ(deployment_file_slot("deployment-" + bad + ".yaml"), std::nullopt);
    EXPECT_FALSE(is_audit_file_name(bad + ".json"));
    EXPECT_EQ(parse_root_file("roots/" + bad + "/dev.yaml"), std::nullopt);
    EXPECT_EQ(parse_app_file("apps/ml/" + bad + "/fraud.yaml"), std::nullopt);
  }
}

TEST(RepoLayout, ParsersRefuseOtherFiles) {
  for (const char* path : {"roots/ml/dev.yml", "roots/ml/dev.yaml/x", "roots/ml", "roots/ml/sub/dev.yaml",
                           "apps/ml/dev.yaml", "roots//dev.yaml", "/roots/ml/dev.yaml", "other/ml/dev.yaml", ""}) {
    EXPECT_EQ(parse_root_file(path), std::nullopt) << path;
  }
  for (const char* path : {"apps/ml/dev.yaml", "apps/ml/dev/x/fraud.yaml", "apps/ml/dev/fraud.json",
                           "roots/ml/dev/fraud.yaml", "apps/ml/dev/.yaml"}) {
    EXPECT_EQ(parse_app_file(path), std::nullopt) << path;
  }
  EXPECT_EQ(root_file_environment("README.md"), std::nullopt);
  EXPECT_EQ(deployment_file_slot("endpoint.yaml"), std::nullopt);
  EXPECT_EQ(deployment_file_slot("deployment-.yaml"), std::nullopt);
  EXPECT_EQ(deployment_file_slot("deployment-blue.yml"), std::nullopt);
  EXPECT_FALSE(is_endpoint_file_name("endpoint.yml"));
  EXPECT_FALSE(is_audit_file_name(".json"));
  EXPECT_FALSE(is_audit_file_name("x.yaml"));
  // Hand-added records need not follow the naming: they are read (and reported when unreadable).
  EXPECT_TRUE(is_audit_file_name("notes.json"));
}

}  // namespace
}  // namespace aoa::gitops::layout
