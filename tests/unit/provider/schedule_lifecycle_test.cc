// appofapps_schedule through the Resource interface: what the plan knows, what the apply records,
// and how reading the file back keeps a plan of an unchanged configuration empty.
#include <gtest/gtest.h>

#include "internal/schedule/time_parse.h"
#include "internal/schedule/time_zone.h"
#include "provider/resources/schedule.h"
#include "tests/unit/provider/provider_fixture.h"

namespace aoa::provider::testing {
namespace {

class ScheduleLifecycleTest : public ProviderFixture {
 protected:
  void SetUp() override {
    ProviderFixture::SetUp();
    create(root_config("ml", {env("dev", "aks-dev", "ml-dev")}));
    const schema::Resource& app = *provider_.resources().at("appofapps_app");
    const Type t = app.schema().block.implied_type();
    Value config = Value::object(
        t, {{"root", Value::string("ml")}, {"environment", Value::string("dev")}, {"name", Value::string("fraud")},
            {"owner", Value::string("risk")}, {"namespace", Value::string("fraud")},
            {"model", Value::object(t.attribute("model"), {{"name", Value::string("fraud")}, {"version", Value::string("1")}})}});
    schema::PlanResponse p = app.plan({Value::null(t), config, config, ""});
    ASSERT_FALSE(p.diagnostics.has_errors());
    ASSERT_FALSE(app.apply({Value::null(t), p.planned_state, config, ""}).diagnostics.has_errors());
  }
  const schema::Resource& schedule() const { return *provider_.resources().at("appofapps_schedule"); }
  Type type() const { return schedule().schema().block.implied_type(); }

  Value cron_config(const std::string& cron, std::map<std::string, Value> extra = {}) const {
    std::map<std::string, Value> a{{"root", Value::string("ml")},       {"environment", Value::string("dev")},
                                   {"app", Value::string("fraud")},     {"name", Value::string("nightly")},
                                   {"job", Value::string("azureml:retrain")}, {"cron", Value::string(cron)}};
    for (auto& [k, v] : extra) a[k] = v;
    return Value::object(type(), a);
  }
  Value recurrence_config() const {
    const Type r = type().attribute("recurrence");
    return Value::object(type(), {{"root", Value::string("ml")},
                                  {"environment", Value::string("dev")},
                                  {"app", Value::string("fraud")},
                                  {"name", Value::string("weekly")},
                                  {"job", Value::string("azureml:retrain")},
                                  {"recurrence", Value::object(r, {{"frequency", Value::string("week")},
                                                                   {"hours", Value::list(Type::number(), {Value::number(int64_t{4})})},
                                                                   {"minutes", Value::list(Type::number(), {Value::number(int64_t{0})})}})}});
  }
  schema::PlanResponse plan(const Value& prior, const Value& config) const {
    // What Terraform proposes: the configuration, with unset optional+computed arguments taking the prior value.
    Value proposed = config;
    if (!prior.is_null())
      for (const char* f : {"time_zone", "start_time", "enabled", "id", "azureml_name", "azureml_time_zone", "next_runs", "commit"})
        if (config.attr(f).is_null()) proposed = proposed.with_attr(f, prior.attr(f));
    return schedule().plan({prior, proposed, config, ""});
  }
  Value apply_create(const Value& config) const {
    schema::PlanResponse p = plan(Value::null(type()), config);
    EXPECT_FALSE(p.diagnostics.has_errors()) << p.diagnostics.items().front().detail;
    schema::ApplyResponse a = schedule().apply({Value::null(type()), p.planned_state, config, ""});
    EXPECT_FALSE(a.diagnostics.has_errors()) << a.diagnostics.items().front().detail;
    return a.new_state;
  }
};

TEST_F(ScheduleLifecycleTest, PlanNotesTheRunsAndApplyRecordsThem) {
  schema::PlanResponse p = plan(Value::null(type()), cron_config("30 2 * * *", {{"time_zone", Value::string("Europe/Berlin")}}));
  ASSERT_FALSE(p.diagnostics.has_errors());
  EXPECT_FALSE(p.planned_state.attr("next_runs").is_known());
  EXPECT_EQ(p.planned_state.attr("azureml_time_zone").as_string(), "W. Europe Standard Time");
  ASSERT_EQ(p.diagnostics.items().size(), 1u);
  EXPECT_EQ(p.diagnostics.items()[0].summary, "Next runs of fraud-dev-nightly");
  EXPECT_EQ(std::count(p.diagnostics.items()[0].detail.begin(), p.diagnostics.items()[0].detail.end(), '\n'), 6)
      << p.diagnostics.items()[0].detail;  // the zone line, five runs, the closing note
  Value state = apply_create(cron_config("30 2 * * *", {{"time_zone", Value::string("Europe/Berlin")}}));
  ASSERT_EQ(state.attr("next_runs").elements().size(), 5u);
  EXPECT_NE(state.attr("next_runs").elements()[0].as_string().find("T02:30:00+0"), std::string::npos);
}

TEST_F(ScheduleLifecycleTest, UnchangedConfigurationKeepsItsRunsAndPlansNoChange) {
  const Value config = cron_config("30 2 * * *");
  Value state = apply_create(config);
  state = schedule().read({state, ""}).new_state;
  schema::PlanResponse p = plan(state, config);
  ASSERT_FALSE(p.diagnostics.has_errors());
  EXPECT_TRUE(p.diagnostics.items().empty());  // no note: nothing changes
  EXPECT_EQ(p.planned_state, state);
}

TEST_F(ScheduleLifecycleTest, RecurrenceWithoutStartIsAnchoredAtApply) {
  schema::PlanResponse p = plan(Value::null(type()), recurrence_config());
  ASSERT_FALSE(p.diagnostics.has_errors());
  EXPECT_FALSE(p.planned_state.attr("start_time").is_known());
  EXPECT_EQ(p.planned_state.attr("recurrence").attr("interval").as_number().to_int64(), 1);
  Value state = apply_create(recurrence_config());
  const std::string start = state.attr("start_time").as_string();
  EXPECT_EQ(start.size(), 19u) << start;
  EXPECT_EQ(start.substr(17), "00") << start;  // a whole minute
  // The anchor stays: the next plan keeps it.
  state = schedule().read({state, ""}).new_state;
  schema::PlanResponse again = plan(state, recurrence_config());
  EXPECT_EQ(again.planned_state.attr("start_time").as_string(), start);
  EXPECT_EQ(again.planned_state, state);
}

TEST_F(ScheduleLifecycleTest, ReadKeepsTheUsersSpellingWhenTheFileMeansTheSame) {
  const Value config = cron_config("30 2 * * mon", {{"time_zone", Value::string("Europe/Berlin")},
                                                    {"start_time", Value::string("2026-01-01T00:00:00Z")}});
  Value state = apply_create(config);
  const std::string file = git("show main:schedules/ml/dev/fraud/nightly.yaml");
  EXPECT_NE(file.find("expression: \"30 2 * * MON\""), std::string::npos) << file;
  EXPECT_NE(file.find("start_time: \"2026-01-01T01:00:00\""), std::string::npos) << file;
  Value read = schedule().read({state, ""}).new_state;
  EXPECT_EQ(read.attr("cron").as_string(), "30 2 * * mon");
  EXPECT_EQ(read.attr("start_time").as_string(), "2026-01-01T00:00:00Z");
  EXPECT_EQ(plan(read, config).planned_state, read);
}

TEST_F(ScheduleLifecycleTest, UnmodelledHandEditForcesARewrite) {
  Value state = apply_create(cron_config("30 2 * * *"));
  std::string file = git("show main:schedules/ml/dev/fraud/nightly.yaml");
  file.replace(file.find("time_zone: \"UTC\""), 16, "time_zone: \"Pacific Standard Time\"");
  std::ofstream(repo_ + "/schedules/ml/dev/fraud/nightly.yaml") << file;
  git("commit -qam 'hand edit'");
  Value read = schedule().read({state, ""}).new_state;
  schema::PlanResponse p = plan(read, cron_config("30 2 * * *"));
  ASSERT_FALSE(p.diagnostics.has_errors());
  EXPECT_FALSE(p.planned_state.attr("commit").is_known());  // apply will write the file again
}

TEST_F(ScheduleLifecycleTest, UnknownAppAndExistingFileAreErrors) {
  Value config = cron_config("30 2 * * *").with_attr("app", Value::string("churn"));
  schema::PlanResponse p = plan(Value::null(type()), config);
  EXPECT_TRUE(has_error_at(p.diagnostics, "Unknown app", schema::AttributePath::root("app")));
  apply_create(cron_config("30 2 * * *"));
  schema::PlanResponse again = plan(Value::null(type()), cron_config("30 2 * * *"));
  EXPECT_TRUE(has_error_at(again.diagnostics, "Schedule already exists", schema::AttributePath::root("name")));
}

TEST_F(ScheduleLifecycleTest, AppWithSchedulesIsNotDestroyed) {
  apply_create(cron_config("30 2 * * *"));
  const schema::Resource& app = *provider_.resources().at("appofapps_app");
  const Type t = app.schema().block.implied_type();
  Value prior = app.read({app.import_state("ml/dev/fraud").state, ""}).new_state;
  const std::string before = git("rev-parse main");
  schema::ApplyResponse destroyed = app.apply({prior, Value::null(t), Value::null(t), ""});
  EXPECT_TRUE(has_error_at(destroyed.diagnostics, "App still has schedules", schema::AttributePath::root("name")));
  EXPECT_EQ(git("rev-parse main"), before);  // nothing written
}

TEST_F(ScheduleLifecycleTest, RecurrenceAnchoredAtApplyWithAPastEndIsAnErrorAtEndTime) {
  Value config = recurrence_config().with_attr("end_time", Value::string("2020-01-01T00:00:00"));
  schema::PlanResponse p = plan(Value::null(type()), config);
  EXPECT_TRUE(has_error_at(p.diagnostics, "Invalid end_time", schema::AttributePath::root("end_time")));
  ASSERT_FALSE(p.diagnostics.items().empty());
  EXPECT_NE(p.diagnostics.items()[0].detail.find("starts when it is applied"), std::string::npos);
}

TEST_F(ScheduleLifecycleTest, AnchorKeepsItsInstantWhenTheZoneChanges) {
  Value state = apply_create(recurrence_config());  // anchored in UTC
  state = schedule().read({state, ""}).new_state;
  const std::string utc_start = state.attr("start_time").as_string();
  Value berlin = recurrence_config().with_attr("time_zone", Value::string("Europe/Berlin"));
  schema::PlanResponse p = plan(state, berlin);
  ASSERT_FALSE(p.diagnostics.has_errors()) << p.diagnostics.items().front().detail;
  const std::string local = p.planned_state.attr("start_time").as_string();
  EXPECT_NE(local, utc_start);  // Berlin is ahead of UTC all year
  // Same instant: parse both back.
  EXPECT_EQ(schedule::parse_time(local, schedule::locate_zone("Europe/Berlin").value(), "start_time").value(),
            schedule::parse_time(utc_start, schedule::locate_zone("UTC").value(), "start_time").value());
}

TEST_F(ScheduleLifecycleTest, TheModelsMatchTheSchema) {
  const auto [missing_in_schema, missing_in_model] = runtime::model_mismatch<ScheduleModel>(type());
  EXPECT_TRUE(missing_in_schema.empty());
  EXPECT_TRUE(missing_in_model.empty());
  const auto [rec_missing_in_schema, rec_missing_in_model] =
      runtime::model_mismatch<RecurrenceModel>(type().attribute("recurrence"));
  EXPECT_TRUE(rec_missing_in_schema.empty());
  EXPECT_TRUE(rec_missing_in_model.empty());
}

}  // namespace
}  // namespace aoa::provider::testing
