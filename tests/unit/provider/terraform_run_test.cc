#include "provider/shared/terraform_run.h"

#include <unistd.h>

#include <gtest/gtest.h>

namespace aoa::provider {
namespace {

TEST(TerraformRunTest, TheRunIsTheParentProcessAndItsStartTime) {
  const std::string id = terraform_run_id();
  const std::string pid = std::to_string(::getppid()) + ":";
  ASSERT_EQ(id.rfind(pid, 0), 0u) << id;
  const std::string start = id.substr(pid.size());
  ASSERT_FALSE(start.empty());
  EXPECT_EQ(start.find_first_not_of("0123456789"), std::string::npos) << id;
  EXPECT_EQ(terraform_run_id(), id);
}

TEST(TerraformRunTest, OnlyAnApplyWithAPlanFileAppliesASavedPlan) {
  EXPECT_TRUE(is_saved_plan_apply({"terraform", "apply", "tfplan"}));
  EXPECT_TRUE(is_saved_plan_apply({"terraform", "-chdir=infra", "apply", "-no-color", "-parallelism=20", "out.plan"}));
  EXPECT_FALSE(is_saved_plan_apply({"terraform", "apply", "-auto-approve", "-var-file=dev.tfvars"}));
  EXPECT_FALSE(is_saved_plan_apply({"terraform", "plan", "-out=tfplan"}));
  EXPECT_FALSE(is_saved_plan_apply({"terraform", "destroy", "-auto-approve"}));
  EXPECT_FALSE(is_saved_plan_apply({"terraform"}));
  EXPECT_FALSE(is_saved_plan_apply({}));
}

}  // namespace
}  // namespace aoa::provider
