#include "internal/schedule/schedule_yaml.h"

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "internal/schedule/time_zone.h"

namespace aoa::schedule {
namespace {

const std::string kExamples = std::string(AOA_SHARED_DIR) + "/schemas/azureml-examples/";

std::string read(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "missing " << path;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

ScheduleSpec cron_spec() {
  ScheduleSpec s;
  s.root = "ml-platform";
  s.environment = "prod";
  s.app = "fraud";
  s.name = "nightly";
  s.display_name = "Nightly retraining";
  s.description = "Retrain fraud on yesterday's data";
  s.rule = CronExpression::parse("30 2 * * *").value();
  s.time_zone = "Europe/Berlin";
  s.windows_time_zone = windows_zone(s.time_zone).value();
  s.start_time = "2026-01-01T00:00:00";
  s.end_time = "2027-01-01T00:00:00";
  s.job = "pipelines/retrain.yml";
  return s;
}

ScheduleSpec recurrence_spec() {
  ScheduleSpec s = cron_spec();
  s.name = "weekly";
  s.display_name.clear();
  s.description.clear();
  Recurrence r;
  r.frequency = Frequency::week;
  r.interval = 2;
  r.hours = {2};
  r.minutes = {0, 30};
  r.week_days = {"monday", "friday"};
  s.rule = r;
  s.time_zone = "America/Los_Angeles";
  s.windows_time_zone = windows_zone(s.time_zone).value();
  s.start_time = "2026-01-05T00:00:00";
  s.end_time.clear();
  s.enabled = false;
  s.job = "azureml:retrain-fraud";
  return s;
}

TEST(RenderSchedule, CronFile) {
  EXPECT_EQ(render_schedule(cron_spec()).value(),
            "$schema: https://azuremlschemas.azureedge.net/latest/schedule.schema.json\n"
            "name: fraud-prod-nightly\n"
            "display_name: \"Nightly retraining\"\n"
            "description: \"Retrain fraud on yesterday's data\"\n"
            "tags:\n"
            "  appofapps.io/root: ml-platform\n"
            "  appofapps.io/environment: prod\n"
            "  appofapps.io/app: fraud\n"
            "properties:\n"
            "  appofapps.io/time-zone: Europe/Berlin\n"
            "  appofapps.io/enabled: \"true\"\n"
            "trigger:\n"
            "  type: cron\n"
            "  expression: \"30 2 * * *\"\n"
            "  start_time: \"2026-01-01T00:00:00\"\n"
            "  end_time: \"2027-01-01T00:00:00\"\n"
            "  time_zone: \"W. Europe Standard Time\"\n"
            "create_job: \"../../../../pipelines/retrain.yml\"\n");
}

TEST(RenderSchedule, RecurrenceFile) {
  EXPECT_EQ(render_schedule(recurrence_spec()).value(),
            "$schema: https://azuremlschemas.azureedge.net/latest/schedule.schema.json\n"
            "name: fraud-prod-weekly\n"
            "tags:\n"
            "  appofapps.io/root: ml-platform\n"
            "  appofapps.io/environment: prod\n"
            "  appofapps.io/app: fraud\n"
            "properties:\n"
            "  appofapps.io/time-zone: America/Los_Angeles\n"
            "  appofapps.io/enabled: \"false\"\n"
            "trigger:\n"
            "  type: recurrence\n"
            "  frequency: week\n"
            "  interval: 2\n"
            "  schedule:\n"
            "    hours: [2]\n"
            "    minutes: [0, 30]\n"
            "    week_days: [monday, friday]\n"
            "  start_time: \"2026-01-05T00:00:00\"\n"
            "  time_zone: \"Pacific Standard Time\"\n"
            "create_job: azureml:retrain-fraud\n");
}

TEST(RenderSchedule, WeekDaysAreWrittenInLowerCase) {
  ScheduleSpec s = recurrence_spec();
  std::get<Recurrence>(s.rule).week_days = {"Monday", "FRIDAY"};
  EXPECT_NE(render_schedule(s)->find("week_days: [monday, friday]"), std::string::npos);
}

TEST(RenderSchedule, RefusesInvalidSpecs) {
  ScheduleSpec s = cron_spec();
  s.job = "../outside.yml";
  EXPECT_FALSE(render_schedule(s).ok());
  s = cron_spec();
  s.app = "3d";
  EXPECT_FALSE(render_schedule(s).ok());
}

// How go-yaml/PyYAML would type a scalar: quoted -> string, plain digits -> int, else string.
std::string kind_of(const YAML::Node& node) {
  if (node.IsMap()) return "map";
  if (node.IsSequence()) return "seq";
  if (node.IsNull()) return "null";
  if (node.Tag() == "?") {
    const std::string& s = node.Scalar();
    if (!s.empty() && s.find_first_not_of("0123456789") == std::string::npos) return "int";
  }
  return "string";
}

// Every key of the example is in ours with the same kind (recursively), and ours adds only `extra`.
void expect_same_shape(const YAML::Node& example, const YAML::Node& ours, const std::string& path,
                       const std::set<std::string>& extra) {
  std::set<std::string> example_keys;
  for (const auto& entry : example) {
    const std::string key = entry.first.Scalar();
    example_keys.insert(key);
    const YAML::Node mine = ours[key];
    ASSERT_TRUE(mine) << path << key << " is missing from our output";
    EXPECT_EQ(kind_of(mine), kind_of(entry.second)) << path << key;
    if (entry.second.IsMap() && mine.IsMap()) expect_same_shape(entry.second, mine, path + key + ".", extra);
    if (entry.second.IsSequence() && mine.IsSequence()) {
      for (const auto& item : mine) EXPECT_EQ(kind_of(item), kind_of(entry.second[0])) << path << key << "[]";
    }
  }
  for (const auto& entry : ours) {
    const std::string key = entry.first.Scalar();
    EXPECT_TRUE(example_keys.count(key) || extra.count(path + key)) << path << key << " is not in the example";
  }
}

TEST(RenderSchedule, SameShapeAsTheAzureExamples) {
  ScheduleSpec cron = cron_spec();
  cron.rule = CronExpression::parse("0 * * * *").value();
  expect_same_shape(YAML::Load(read(kExamples + "cron-job-schedule.yml")), YAML::Load(render_schedule(cron).value()), "",
                    {"tags", "properties", "trigger.end_time"});
  ScheduleSpec recurrence = recurrence_spec();
  recurrence.display_name = "Simple recurrence job schedule";
  recurrence.description = "a simple hourly recurrence job schedule";
  Recurrence r;
  r.frequency = Frequency::day;
  r.hours = {4, 5, 10, 11, 12};
  r.minutes = {0, 30};
  recurrence.rule = r;
  expect_same_shape(YAML::Load(read(kExamples + "recurrence-job-schedule.yml")),
                    YAML::Load(render_schedule(recurrence).value()), "", {"tags", "properties"});
}

TEST(ParseSchedule, RoundTrips) {
  std::vector<ScheduleSpec> specs = {cron_spec(), recurrence_spec()};
  ScheduleSpec minutes = recurrence_spec();
  Recurrence every_15;
  every_15.frequency = Frequency::minute;
  every_15.interval = 15;
  minutes.rule = every_15;
  minutes.time_zone = "UTC";
  minutes.windows_time_zone = "UTC";
  specs.push_back(minutes);
  ScheduleSpec monthly = recurrence_spec();
  Recurrence r;
  r.frequency = Frequency::month;
  r.hours = {23, 1};
  r.minutes = {59};
  r.month_days = {31, 1, 15};
  monthly.rule = r;
  monthly.time_zone = "Australia/Lord_Howe";
  monthly.windows_time_zone = windows_zone(monthly.time_zone).value();
  specs.push_back(monthly);
  ScheduleSpec nasty = cron_spec();
  nasty.rule = CronExpression::parse("0 9 * jan-mar mon-fri").value();
  nasty.display_name = "true";
  nasty.description = "a: b # c\nline two\t\"quoted\" ünïcode";
  nasty.start_time.clear();
  nasty.end_time.clear();
  nasty.name = "Yes_1";
  nasty.job = "pipelines/on.yaml";
  specs.push_back(nasty);
  for (const auto& spec : specs) {
    const std::string text = render_schedule(spec).value();
    const ScheduleSpec back = parse_schedule(text).value();
    EXPECT_EQ(back, spec) << text;
    EXPECT_EQ(render_schedule(back).value(), text);
  }
}

TEST(ParseSchedule, HandEditsThatStillReadAsASchedule) {
  // Scalars where lists are expected, any-case names, an unquoted expression.
  const ScheduleSpec spec = parse_schedule(
      "name: fraud-dev-hourly\n"
      "tags: {appofapps.io/root: r, appofapps.io/environment: dev, appofapps.io/app: fraud}\n"
      "properties: {appofapps.io/time-zone: UTC}\n"
      "trigger:\n"
      "  type: recurrence\n"
      "  frequency: Week\n"
      "  interval: 1\n"
      "  schedule: {hours: 4, minutes: 0, week_days: Sunday}\n"
      "  time_zone: UTC\n"
      "create_job: azureml:job\n").value();
  EXPECT_EQ(spec.name, "hourly");
  EXPECT_TRUE(spec.enabled);
  const auto& r = std::get<Recurrence>(spec.rule);
  EXPECT_EQ(r.hours, std::vector<int>{4});
  EXPECT_EQ(r.week_days, std::vector<std::string>{"sunday"});
  EXPECT_EQ(parse_schedule(render_schedule(spec).value()).value(), spec);
}

// The message of the corruption (a shape error, no field) that parsing `text` returns.
std::string error_of(const std::string& text) {
  const Status s = parse_schedule(text).status();
  if (s.code() != StatusCode::kCorruption || !s.field().empty()) {
    ADD_FAILURE() << "not a shape error (" << s.to_string() << ") for:\n" << text;
    return {};
  }
  return s.message();
}

std::string edit(const std::string& from, const std::string& to) {
  std::string text = render_schedule(cron_spec()).value();
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

TEST(ParseSchedule, ShapeErrors) {
  EXPECT_NE(error_of("name: [").find("is not valid YAML"), std::string::npos);
  EXPECT_NE(error_of("- a\n- b\n").find("not a mapping"), std::string::npos);
  EXPECT_NE(error_of("a: 1\n---\nb: 2\n").find("exactly one YAML document"), std::string::npos);
  EXPECT_NE(error_of(edit("schedule.schema.json", "endpoint.schema.json")).find("$schema is"),
            std::string::npos);
  EXPECT_NE(error_of(edit("trigger:", "trigga:")).find("schedule.trigger is missing"), std::string::npos);
  EXPECT_NE(error_of(edit("type: cron", "type: once")).find("trigger.type is \"once\""),
            std::string::npos);
  EXPECT_NE(error_of(edit("create_job: \"../../../../pipelines/retrain.yml\"",
                                       "create_job:\n  type: pipeline\n  job: ./x.yml"))
                .find("inline job"),
            std::string::npos);
  EXPECT_NE(error_of(edit("name: fraud-prod-nightly", "name: [a]")).find("schedule.name is not a string"),
            std::string::npos);
  EXPECT_NE(error_of(edit("expression: \"30 2 * * *\"", "expression: [1]"))
                .find("trigger.expression is not a string"),
            std::string::npos);
}

TEST(ParseSchedule, ValueErrorsNameTheField) {
  const auto field_of = [](const std::string& text) {
    const Status s = parse_schedule(text).status();
    // A value error names its field; a shape error is corruption without one.
    if (s.ok() || s.code() == StatusCode::kCorruption) return std::string("no value error");
    return s.field() + ": " + s.message();
  };
  EXPECT_EQ(field_of(edit("\"true\"", "\"maybe\"")),
            "enabled: property appofapps.io/enabled is \"maybe\"; use \"true\" or \"false\"");
  EXPECT_EQ(field_of(edit("fraud-prod-nightly", "churn-prod-nightly")),
            "name: name \"churn-prod-nightly\" does not start with \"fraud-prod-\" (\"<app>-<environment>-<name>\" "
            "from the tags)");
  EXPECT_EQ(field_of(edit("30 2 * * *", "30 2 * * * *")),
            "cron: expected 5 fields (minute hour day-of-month month day-of-week), found 6; seconds and year fields "
            "are not supported");
  EXPECT_EQ(field_of(edit("2026-01-01T00:00:00", "2026-03-29T02:30:00")).substr(0, 48),
            "start_time: start_time 2026-03-29T02:30:00 does ");
  EXPECT_EQ(field_of(edit("Europe/Berlin", "Europe/Berln")),
            "time_zone: unknown time zone \"Europe/Berln\"; did you mean \"Europe/Berlin\"? Names are case-sensitive");
  EXPECT_EQ(field_of(edit("\"../../../../pipelines/retrain.yml\"", "pipelines/retrain.yml")).substr(0, 50),
            "job: create_job \"pipelines/retrain.yml\" does not s");
  EXPECT_EQ(field_of(edit("\"../../../../pipelines/retrain.yml\"", "\"../../../../../retrain.yml\"")).substr(0, 3),
            "job");
}

TEST(ParseSchedule, AWindowsZoneEditedByHandIsKeptForDriftDetection) {
  const ScheduleSpec spec = parse_schedule(edit("W. Europe Standard Time", "Pacific Standard Time")).value();
  EXPECT_EQ(spec.windows_time_zone, "Pacific Standard Time");
  EXPECT_NE(spec, cron_spec());
}

}  // namespace
}  // namespace aoa::schedule
