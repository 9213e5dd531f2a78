// The provider's functions (provider/functions/) through schema::call_function, as the protocol
// layer calls them: results, and errors with the position of the argument at fault.
#include <gtest/gtest.h>

#include <regex>

#include "provider/appofapps_provider.h"
#include "provider/functions/functions.h"

namespace aoa::provider {
namespace {

using cty::Type;
using cty::Value;
using schema::FunctionResult;

Value deps(std::vector<std::string> names) {
  std::vector<Value> v;
  for (auto& n : names) v.push_back(Value::string(n));
  return Value::list(Type::string(), std::move(v));
}

Value apps(std::map<std::string, Value> m) { return Value::map(Type::list(Type::string()), std::move(m)); }

FunctionResult call(const std::shared_ptr<schema::Function>& f, std::vector<Value> args) {
  return schema::call_function(*f, args);
}

int64_t wave(const FunctionResult& r, const std::string& app) {
  return *r.value.entries().at(app).as_number().to_int64();
}

TEST(SyncWaves, WaveIsOneMoreThanTheHighestDependency) {
  auto r = call(make_sync_waves_function(), {apps({{"features", deps({})},
                                                   {"fraud", deps({"features"})},
                                                   {"scoring", deps({"fraud", "features"})},
                                                   {"ui", Value::null(Type::list(Type::string()))}})});
  ASSERT_FALSE(r.error) << r.error->text;
  EXPECT_EQ(r.value.type(), Type::map(Type::number()));
  EXPECT_EQ(wave(r, "features"), 0);
  EXPECT_EQ(wave(r, "fraud"), 1);
  EXPECT_EQ(wave(r, "scoring"), 2);
  EXPECT_EQ(wave(r, "ui"), 0) << "a null list means no dependencies";
}

TEST(SyncWaves, EmptyMapGivesEmptyMap) {
  auto r = call(make_sync_waves_function(), {Value::map(Type::list(Type::string()), {})});
  ASSERT_FALSE(r.error);
  EXPECT_EQ(r.value.length(), 0u);
}

TEST(SyncWaves, CycleIsAnErrorAtTheArgumentWithItsPath) {
  auto r = call(make_sync_waves_function(),
                {apps({{"a", deps({"b"})}, {"b", deps({"c"})}, {"c", deps({"a"})}, {"d", deps({})}})});
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->argument, 0);
  EXPECT_NE(r.error->text.find("a -> b -> c -> a"), std::string::npos) << r.error->text;
}

TEST(SyncWaves, SelfDependencyIsACycle) {
  auto r = call(make_sync_waves_function(), {apps({{"a", deps({"a"})}})});
  ASSERT_TRUE(r.error);
  EXPECT_NE(r.error->text.find("a -> a"), std::string::npos) << r.error->text;
}

TEST(SyncWaves, MissingDependencyIsAnErrorNamingIt) {
  auto r = call(make_sync_waves_function(), {apps({{"fraud", deps({"featurs"})}})});
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->argument, 0);
  EXPECT_NE(r.error->text.find("apps[\"fraud\"] depends on \"featurs\""), std::string::npos) << r.error->text;
}

TEST(SyncWaves, NullDependencyNameIsAnError) {
  auto r = call(make_sync_waves_function(),
                {apps({{"a", Value::list(Type::string(), {Value::null(Type::string())})}})});
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->argument, 0);
  EXPECT_NE(r.error->text.find("apps[\"a\"]"), std::string::npos);
}

std::vector<std::string> texts(const Value& list) {
  std::vector<std::string> out;
  for (const auto& v : list.elements()) out.push_back(v.as_string());
  return out;
}

FunctionResult cron_next(const std::string& expr, const std::string& zone, const std::string& from, Value count) {
  return call(make_cron_next_function(), {Value::string(expr), Value::string(zone), Value::string(from), count});
}

TEST(CronNext, SpringForwardRunsOnceAfterTheGap) {
  auto r = cron_next("30 2 * * *", "Europe/Berlin", "2026-03-28T00:00:00Z", Value::number(int64_t{3}));
  ASSERT_FALSE(r.error) << r.error->text;
  EXPECT_EQ(texts(r.value), (std::vector<std::string>{"2026-03-28T02:30:00+01:00", "2026-03-29T03:00:00+02:00",
                                                       "2026-03-30T02:30:00+02:00"}));
}

TEST(CronNext, FromIsExclusiveAndMayBeLocalTime) {
  auto r = cron_next("0 * * * *", "UTC", "2026-01-01T10:00:00", Value::number(int64_t{2}));
  ASSERT_FALSE(r.error) << r.error->text;
  EXPECT_EQ(texts(r.value), (std::vector<std::string>{"2026-01-01T11:00:00+00:00", "2026-01-01T12:00:00+00:00"}));
}

TEST(CronNext, NeverFiringExpressionGivesNoRuns) {
  auto r = cron_next("0 0 30 2 *", "UTC", "2026-01-01T00:00:00Z", Value::number(int64_t{5}));
  ASSERT_FALSE(r.error);
  EXPECT_EQ(r.value.length(), 0u);
}

TEST(CronNext, EachBadArgumentIsReportedAtItsPosition) {
  const Value five = Value::number(int64_t{5});
  auto bad_cron = cron_next("0 0 32 * *", "UTC", "2026-01-01T00:00:00Z", five);
  ASSERT_TRUE(bad_cron.error);
  EXPECT_EQ(bad_cron.error->argument, 0);
  EXPECT_NE(bad_cron.error->text.find("day of month"), std::string::npos) << bad_cron.error->text;

  auto bad_zone = cron_next("0 0 * * *", "Europe/Berln", "2026-01-01T00:00:00Z", five);
  ASSERT_TRUE(bad_zone.error);
  EXPECT_EQ(bad_zone.error->argument, 1);
  EXPECT_NE(bad_zone.error->text.find("Europe/Berlin"), std::string::npos) << "suggestion: " << bad_zone.error->text;

  auto bad_from = cron_next("0 0 * * *", "UTC", "yesterday", five);
  ASSERT_TRUE(bad_from.error);
  EXPECT_EQ(bad_from.error->argument, 2);

  auto gap = cron_next("0 0 * * *", "Europe/Berlin", "2026-03-29T02:30:00", five);
  ASSERT_TRUE(gap.error);
  EXPECT_EQ(gap.error->argument, 2);

  for (Value count : {Value::number(int64_t{0}), Value::number(int64_t{51}),
                      Value::number(*cty::Number::parse("1.5"))}) {
    auto r = cron_next("0 0 * * *", "UTC", "2026-01-01T00:00:00Z", count);
    ASSERT_TRUE(r.error) << count.debug_string();
    EXPECT_EQ(r.error->argument, 3);
    EXPECT_NE(r.error->text.find("from 1 to 50"), std::string::npos);
  }
}

TEST(ValidateCron, TrueForWhatTheScheduleAcceptsFalseOtherwise) {
  auto f = make_validate_cron_function();
  for (const char* ok : {"0 2 * * *", "*/15 * * * MON-FRI", "0 0 30 2 *", "0 0 1 JAN,jul *"}) {
    auto r = call(f, {Value::string(ok)});
    ASSERT_FALSE(r.error);
    EXPECT_TRUE(r.value.as_bool()) << ok;
  }
  for (const char* bad : {"", "@daily", "0 0 * * * *", "0 0 ? * *", "60 * * * *", "5-1 * * * *", "0 0 L * *"}) {
    auto r = call(f, {Value::string(bad)});
    ASSERT_FALSE(r.error) << "invalid is false, not an error: " << bad;
    EXPECT_FALSE(r.value.as_bool()) << bad;
  }
}

TEST(AzuremlTimeZone, WindowsNamesOfIanaZones) {
  auto f = make_azureml_time_zone_function();
  EXPECT_EQ(call(f, {Value::string("Europe/Berlin")}).value.as_string(), "W. Europe Standard Time");
  EXPECT_EQ(call(f, {Value::string("America/Los_Angeles")}).value.as_string(), "Pacific Standard Time");
  EXPECT_EQ(call(f, {Value::string("UTC")}).value.as_string(), "UTC");
  EXPECT_EQ(call(f, {Value::string("Europe/Kiev")}).value.as_string(), "FLE Standard Time");
}

TEST(AzuremlTimeZone, UnknownOrUnmappedZoneIsAnErrorAtTheArgument) {
  auto f = make_azureml_time_zone_function();
  for (const char* zone : {"Europe/Berln", "", "Antarctica/Troll"}) {
    auto r = call(f, {Value::string(zone)});
    ASSERT_TRUE(r.error) << zone;
    EXPECT_EQ(r.error->argument, 0);
    EXPECT_FALSE(r.error->text.empty());
  }
}

TEST(CallFunction, NullUnknownAndArityAreHandledBeforeTheBody) {
  auto f = make_azureml_time_zone_function();
  auto null_arg = call(f, {Value::null(Type::string())});
  ASSERT_TRUE(null_arg.error);
  EXPECT_EQ(null_arg.error->argument, 0);
  EXPECT_NE(null_arg.error->text.find("\"iana\""), std::string::npos);

  auto unknown = call(make_sync_waves_function(),
                      {apps({{"a", Value::list(Type::string(), {Value::unknown(Type::string())})}})});
  ASSERT_FALSE(unknown.error);
  EXPECT_TRUE(unknown.value.is_unknown()) << "a partly unknown argument gives an unknown result";
  EXPECT_EQ(unknown.value.type(), Type::map(Type::number()));

  auto too_many = call(f, {Value::string("UTC"), Value::string("UTC")});
  ASSERT_TRUE(too_many.error);
  EXPECT_FALSE(too_many.error->argument);
}

TEST(ProviderFunctions, AllFourAreRegisteredWithHclNamesAndDocumentation) {
  AppofappsProvider p;
  const std::regex ident("^[a-z][a-z0-9_]*$");
  std::vector<std::string> names;
  for (const auto& [name, f] : p.functions()) {
    names.push_back(name);
    EXPECT_TRUE(std::regex_match(name, ident)) << name;
    const auto& sig = f->signature();
    EXPECT_FALSE(sig.summary.empty()) << name;
    EXPECT_FALSE(sig.description.empty()) << name;
    for (const auto& param : sig.parameters) {
      EXPECT_TRUE(std::regex_match(param.name, ident)) << name << "." << param.name;
      EXPECT_FALSE(param.description.empty()) << name << "." << param.name;
      EXPECT_FALSE(param.allow_null) << name << "." << param.name;
    }
  }
  EXPECT_EQ(names, (std::vector<std::string>{"azureml_time_zone", "cron_next", "sync_waves", "validate_cron"}));
}

}  // namespace
}  // namespace aoa::provider
