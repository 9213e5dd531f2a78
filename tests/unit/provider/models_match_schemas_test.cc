// Each typed model names exactly the attributes of its schema (the resources' own test files check
// root, promotion and schedule): a field missing on either side would be a value silently lost.
#include <gtest/gtest.h>

#include "provider/data_sources/environment.h"
#include "provider/data_sources/rollout.h"
#include "provider/data_sources/schedule_preview.h"
#include "provider/resources/app.h"
#include "provider/resources/model_version.h"

namespace aoa::provider {
namespace {

template <typename M>
void expect_match(const cty::Type& object_type) {
  auto [missing_in_schema, missing_in_model] = runtime::model_mismatch<M>(object_type);
  EXPECT_TRUE(missing_in_schema.empty()) << ::testing::PrintToString(missing_in_schema);
  EXPECT_TRUE(missing_in_model.empty()) << ::testing::PrintToString(missing_in_model);
}

TEST(ModelsMatchSchemas, ModelVersion) {
  PlanOverlay overlay;
  const cty::Type t = ModelVersionResource(overlay).schema().block.implied_type();
  expect_match<ModelVersionModel>(t);
  expect_match<LineageModel>(t.attribute("lineage"));
}

TEST(ModelsMatchSchemas, App) {
  ContextHolder context;
  PlanOverlay overlay;
  const cty::Type t = AppResource(context, overlay).schema().block.implied_type();
  expect_match<AppModel>(t);
  expect_match<ServedModel>(t.attribute("model"));
  const cty::Type endpoint = t.attribute("endpoint");
  expect_match<EndpointModel>(endpoint);
  expect_match<ProbeModel>(endpoint.attribute("liveness_probe"));
  expect_match<ProbeModel>(endpoint.attribute("readiness_probe"));
}

TEST(ModelsMatchSchemas, DataSources) {
  expect_match<EnvironmentDataModel>(EnvironmentDataSource().schema().block.implied_type());
  const cty::Type rollout = RolloutDataSource().schema().block.implied_type();
  expect_match<RolloutModel>(rollout);
  expect_match<RolloutAppModel>(rollout.attribute("apps").element());
  const cty::Type preview = SchedulePreviewDataSource().schema().block.implied_type();
  expect_match<SchedulePreviewModel>(preview);
  expect_match<RecurrenceModel>(preview.attribute("recurrence"));
}

}  // namespace
}  // namespace aoa::provider
