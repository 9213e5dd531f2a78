// The provider's log lines through the protocol layer: an apply of a root logs its identity and the
// commit it wrote, with the RPC's fields and durations, and never the configuration's values (the
// author's e-mail address, a cluster name).
#include <gtest/gtest.h>

#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>

#include "internal/protocol/convert.h"
#include "internal/protocol/log.h"
#include "internal/protocol/provider_service.h"
#include "tests/unit/provider/provider_fixture.h"

namespace aoa::provider::testing {
namespace {

std::mutex g_mu;
std::vector<std::string> g_lines;
void capture(std::string_view line) {
  std::lock_guard<std::mutex> lock(g_mu);
  g_lines.emplace_back(line);
}

class ProviderLogTest : public ProviderFixture {
 protected:
  ProviderLogTest() : ProviderFixture(StoreKind::Memory) {}
  void SetUp() override {
    ProviderFixture::SetUp();
    g_lines.clear();
    log::set_level(log::Level::Trace);
    log::set_sink(&capture);
  }
  void TearDown() override {
    log::set_sink(nullptr);
    log::set_level(log::Level::Error);
    ProviderFixture::TearDown();
  }
};

TEST_F(ProviderLogTest, ApplyLogsIdentityCommitAndDurationsButNoValues) {
  protocol::ProviderService service(provider_);
  const Type pt = provider_.schema().block.implied_type();
  tfplugin6::ConfigureProvider::Request configure;
  protocol::encode_dynamic(
      Value::object(pt, {{"repository", Value::object(pt.attribute("repository"), {{"url", Value::string(repo_)}})},
                         {"author", Value::object(pt.attribute("author"),
                                                  {{"name", Value::string("Secret Person")},
                                                   {"email", Value::string("secret.person@example.com")}})}}),
      pt, configure.mutable_config());
  tfplugin6::ConfigureProvider::Response configured;
  service.ConfigureProvider(nullptr, &configure, &configured);
  ASSERT_EQ(configured.diagnostics_size(), 0);

  const Type t = root_type();
  const Value config = root_config("ml", {env("dev", "aks-secret-cluster", "ml-dev")});
  tfplugin6::PlanResourceChange::Request plan;
  plan.set_type_name("appofapps_root");
  protocol::encode_dynamic(Value::null(t), t, plan.mutable_prior_state());
  protocol::encode_dynamic(config, t, plan.mutable_proposed_new_state());
  protocol::encode_dynamic(config, t, plan.mutable_config());
  tfplugin6::PlanResourceChange::Response planned;
  service.PlanResourceChange(nullptr, &plan, &planned);
  ASSERT_EQ(planned.diagnostics_size(), 0);
  tfplugin6::ApplyResourceChange::Request apply;
  apply.set_type_name("appofapps_root");
  *apply.mutable_prior_state() = plan.prior_state();
  *apply.mutable_planned_state() = planned.planned_state();
  *apply.mutable_config() = plan.config();
  tfplugin6::ApplyResourceChange::Response applied;
  service.ApplyResourceChange(nullptr, &apply, &applied);
  ASSERT_EQ(applied.diagnostics_size(), 0) << applied.diagnostics(0).detail();

  std::string all;
  const nlohmann::json* commit = nullptr;
  std::vector<nlohmann::json> lines;
  for (const auto& l : g_lines) {
    all += l;
    lines.push_back(nlohmann::json::parse(l));
  }
  for (const auto& j : lines)
    if (j["@message"] == "commit written") commit = &j;
  ASSERT_NE(commit, nullptr) << all;
  EXPECT_TRUE(std::regex_match((*commit)["commit"].get<std::string>(), std::regex("[0-9a-f]{40}")));
  EXPECT_EQ((*commit)["tf_rpc"], "ApplyResourceChange");
  EXPECT_EQ((*commit)["tf_resource_type"], "appofapps_root");
  EXPECT_EQ((*commit)["tf_resource_id"], "ml");
  EXPECT_TRUE(commit->contains("duration_ms"));
  const auto& served = lines.back();
  EXPECT_EQ(served["@message"], "Served request");
  EXPECT_EQ(served["tf_resource_id"], "ml");
  EXPECT_TRUE(served.contains("tf_req_duration_ms"));
  for (const char* value : {"secret.person", "Secret Person", "aks-secret-cluster"})
    EXPECT_EQ(all.find(value), std::string::npos) << value << " logged:\n" << all;
}

}  // namespace
}  // namespace aoa::provider::testing
