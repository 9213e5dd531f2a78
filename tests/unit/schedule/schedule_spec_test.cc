#include "internal/schedule/schedule_spec.h"

#include <string>

#include <gtest/gtest.h>

#include "../status_testing.h"
#include "test_times.h"

namespace aoa::schedule {
namespace {

using Error = std::pair<std::string, std::string>;

// {field, message} of the Status (or Result) that `f` returns.
template <typename F>
Error error_of(F&& f) {
  return status_testing::field_and_message(status_testing::status_of(f()));
}

ScheduleSpec valid_spec() {
  ScheduleSpec s;
  s.root = "ml-platform";
  s.environment = "prod";
  s.app = "fraud";
  s.name = "nightly";
  s.rule = CronExpression::parse("30 2 * * *").value();
  s.time_zone = "Europe/Berlin";
  s.windows_time_zone = "W. Europe Standard Time";
  s.start_time = "2026-01-01T00:00:00";
  s.job = "pipelines/retrain.yml";
  return s;
}

TEST(ScheduleIdentity, LabelsAndAScheduleName) {
  EXPECT_EQ(error_of([] { return validate_schedule_identity("ml-platform", "prod", "fraud", "nightly"); }).second, "no error");
  EXPECT_EQ(error_of([] { return validate_schedule_identity("ML", "prod", "fraud", "nightly"); }).first, "root");
  EXPECT_EQ(error_of([] { return validate_schedule_identity("r", "prod_1", "fraud", "nightly"); }).first, "environment");
  EXPECT_EQ(error_of([] { return validate_schedule_identity("r", "prod", "", "nightly"); }).first, "app");
  EXPECT_EQ(error_of([] { return validate_schedule_identity("r", "prod", "fraud", "../x"); }).first, "name");
}

TEST(ScheduleName, LettersDigitsDashUnderscoreStartingWithALetter) {
  for (const char* ok : {"nightly", "Nightly_Retrain-2", "a", "x_"}) {
    EXPECT_EQ(error_of([&] { return validate_schedule_name(ok); }).second, "no error") << ok;
  }
  EXPECT_EQ(error_of([] { return validate_schedule_name(std::string(127, 'a')); }).second, "no error");
  const std::string rule = "; use 1-127 letters, digits, '-' or '_', starting with a letter";
  EXPECT_EQ(error_of([] { return validate_schedule_name(""); }), (Error{"name", "name must not be empty" + rule}));
  EXPECT_EQ(error_of([] { return validate_schedule_name("2nightly"); }),
            (Error{"name", "name \"2nightly\" must start with a letter" + rule}));
  EXPECT_EQ(error_of([] { return validate_schedule_name("night ly"); }),
            (Error{"name", "name \"night ly\" contains \" \"" + rule}));
  EXPECT_EQ(error_of([] { return validate_schedule_name("nächtlich"); }).first, "name");
  EXPECT_EQ(error_of([] { return validate_schedule_name(std::string(128, 'a')); }),
            (Error{"name", "name is 128 characters long" + rule}));
}

TEST(AzureMlScheduleName, AppEnvironmentName) {
  EXPECT_EQ(azureml_schedule_name("fraud", "prod", "nightly").value(), "fraud-prod-nightly");
  const std::string longest = azureml_schedule_name(std::string(63, 'a'), std::string(63, 'b'), std::string(127, 'c')).value();
  EXPECT_EQ(longest.size(), 255u);
  EXPECT_EQ(error_of([] { return azureml_schedule_name("3d-model", "prod", "nightly"); }),
            (Error{"app", "the Azure ML schedule name \"<app>-<environment>-<name>\" must start with a letter, but app "
                          "\"3d-model\" starts with a digit"}));
}

TEST(Job, AzureMlReferenceOrRelativePipelinePath) {
  for (const char* ok : {"azureml:retrain-fraud", "pipelines/retrain.yml", "retrain.yaml", "a/b/c/d.yml"}) {
    EXPECT_EQ(error_of([&] { return validate_job(ok); }).second, "no error") << ok;
  }
  const std::string use =
      "; use \"azureml:<job name>\" or a pipeline YAML path relative to the repository folder, e.g. "
      "\"pipelines/retrain.yml\"";
  EXPECT_EQ(error_of([] { return validate_job(""); }), (Error{"job", "job \"\" is empty" + use}));
  EXPECT_EQ(error_of([] { return validate_job("/etc/retrain.yml"); }),
            (Error{"job", "job \"/etc/retrain.yml\" is not a relative path" + use}));
  EXPECT_EQ(error_of([] { return validate_job("C:/jobs/retrain.yml"); }).second,
            "job \"C:/jobs/retrain.yml\" is not a relative path" + use);
  EXPECT_EQ(error_of([] { return validate_job("pipelines\\retrain.yml"); }).first, "job");
  EXPECT_EQ(error_of([] { return validate_job("../secrets/retrain.yml"); }),
            (Error{"job", "job \"../secrets/retrain.yml\" has an empty, \".\" or \"..\" segment" + use}));
  EXPECT_EQ(error_of([] { return validate_job("pipelines/../retrain.yml"); }).first, "job");
  EXPECT_EQ(error_of([] { return validate_job("./retrain.yml"); }).first, "job");
  EXPECT_EQ(error_of([] { return validate_job("pipelines//retrain.yml"); }).first, "job");
  EXPECT_EQ(error_of([] { return validate_job("pipelines/retrain.py"); }),
            (Error{"job", "job \"pipelines/retrain.py\" is not a .yml or .yaml file" + use}));
  EXPECT_EQ(error_of([] { return validate_job("azureml:"); }),
            (Error{"job", "job \"azureml:\" does not name a job" + use}));
  EXPECT_EQ(error_of([] { return validate_job("pipelines/re\ntrain.yml"); }).second,
            "job \"pipelines/re\\x0atrain.yml\" contains a control character" + use);
}

TEST(ValidateSpec, ChecksEveryPart) {
  EXPECT_EQ(error_of([] { return validate_spec(valid_spec()); }).second, "no error");
  auto with = [](auto change) {
    ScheduleSpec s = valid_spec();
    change(s);
    return error_of([&] { return validate_spec(s); });
  };
  EXPECT_EQ(with([](ScheduleSpec& s) { s.root = ""; }).first, "root");
  EXPECT_EQ(with([](ScheduleSpec& s) { s.time_zone = "Europe/Berln"; }).first, "time_zone");
  EXPECT_EQ(with([](ScheduleSpec& s) { s.windows_time_zone = ""; }).first, "windows_time_zone");
  EXPECT_EQ(with([](ScheduleSpec& s) { s.start_time = "2026-03-29T02:30:00"; }).first, "start_time");
  EXPECT_EQ(with([](ScheduleSpec& s) { s.start_time = "2026-03-29T02:30:00Z"; }),
            (Error{"start_time", "start_time \"2026-03-29T02:30:00Z\" must be a local time \"YYYY-MM-DDTHH:MM:SS\" in "
                                 "time_zone"}));
  EXPECT_EQ(with([](ScheduleSpec& s) { s.end_time = "2025-12-31T00:00:00"; }),
            (Error{"end_time", "end_time 2025-12-31T00:00:00 is before start_time 2026-01-01T00:00:00"}));
  EXPECT_EQ(with([](ScheduleSpec& s) { s.job = "/abs.yml"; }).first, "job");
  EXPECT_EQ(with([](ScheduleSpec& s) {
              Recurrence r;
              r.interval = 0;
              s.rule = r;
            }).first,
            "recurrence.interval");
}

TEST(MakeTrigger, InterpretsTheLocalTimesInTheZone) {
  ScheduleSpec s = valid_spec();
  s.end_time = "2026-07-01T00:00:00";
  s.enabled = false;
  const Trigger t = make_trigger(s).value();
  EXPECT_EQ(t.zone->name(), "Europe/Berlin");
  EXPECT_EQ(t.start, testing::utc("2025-12-31T23:00:00Z"));
  EXPECT_EQ(t.end, testing::utc("2026-06-30T22:00:00Z"));
  EXPECT_FALSE(t.enabled);
  EXPECT_EQ(std::get<CronExpression>(t.rule).text(), "30 2 * * *");
}

}  // namespace
}  // namespace aoa::schedule
