// appofapps_schedule and data "appofapps_schedule_preview" through the provider's Resource and
// DataSource interfaces: the next runs (a plan warning, unknown at plan, recorded at apply, kept
// while the configuration is unchanged), the apply-time anchor of a recurrence, drift and the
// user's spelling on read, import, and the errors at their attributes.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "internal/schedule/time_parse.h"
#include "internal/schedule/time_zone.h"
#include "tests/unit/provider/provider_fixture.h"

namespace aoa::provider::testing {
namespace {

using schema::AttributePath;

const std::regex kRfc3339(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d)");
const std::regex kLocalMinute(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:00)");

// The first diagnostic with this summary, or nullptr.
const schema::Diagnostic* find_diag(const schema::Diagnostics& d, const std::string& summary) {
  for (const auto& i : d.items())
    if (i.summary == summary) return &i;
  return nullptr;
}

std::vector<std::string> strings(const Value& list) {
  std::vector<std::string> out;
  for (const Value& v : list.elements()) out.push_back(v.as_string());
  return out;
}

// The RFC 3339 times listed one per line ("  2026-…") in a warning's detail.
std::vector<std::string> listed_runs(const std::string& detail) {
  std::vector<std::string> out;
  for (std::sregex_iterator it(detail.begin(), detail.end(), kRfc3339), end; it != end; ++it) out.push_back(it->str());
  return out;
}

// Nightly 02:30 Berlin time, as RFC 3339: 02:30 at +01:00 or +02:00, or 03:00+02:00 on the
// spring-forward day.
bool is_berlin_0230(const std::string& t) {
  return std::regex_match(t, std::regex(R"(\d{4}-\d\d-\d\dT(02:30:00\+0[12]:00|03:00:00\+02:00))"));
}

std::string berlin_now_minute() {
  const auto now = std::chrono::floor<std::chrono::minutes>(std::chrono::system_clock::now());
  return schedule::format_local_time(std::chrono::time_point_cast<std::chrono::seconds>(now),
                                     schedule::locate_zone("Europe/Berlin").value());
}

class ScheduleResourceTest : public ProviderFixture {
 protected:
  void SetUp() override {
    ProviderFixture::SetUp();
    create(root_config("ml", {env("dev", "aks-dev", "ml-dev")}));
    const schema::Resource& app = *provider_.resources().at("appofapps_app");
    const Type t = app.schema().block.implied_type();
    Value config = Value::object(
        t, {{"root", Value::string("ml")},
            {"environment", Value::string("dev")},
            {"name", Value::string("fraud")},
            {"owner", Value::string("risk")},
            {"namespace", Value::string("fraud")},
            {"model", Value::object(t.attribute("model"), {{"name", Value::string("fraud")}, {"version", Value::string("1")}})}});
    schema::PlanResponse p = app.plan({Value::null(t), config, config, ""});
    ASSERT_FALSE(p.diagnostics.has_errors()) << p.diagnostics.items().front().detail;
    schema::ApplyResponse a = app.apply({Value::null(t), p.planned_state, config, ""});
    ASSERT_FALSE(a.diagnostics.has_errors()) << a.diagnostics.items().front().detail;
  }

  const schema::Resource& sched() const { return *provider_.resources().at("appofapps_schedule"); }
  Type sched_type() const { return sched().schema().block.implied_type(); }
  Type rec_type() const { return sched_type().attribute("recurrence"); }

  // A schedule of app fraud in ml/dev; `extra` sets or overrides attributes.
  Value config(const std::string& name, std::map<std::string, Value> extra) const {
    std::map<std::string, Value> a{{"root", Value::string("ml")},
                                   {"environment", Value::string("dev")},
                                   {"app", Value::string("fraud")},
                                   {"name", Value::string(name)},
                                   {"job", Value::string("pipelines/retrain.yml")}};
    for (auto& [k, v] : extra) a[k] = v;
    return Value::object(sched_type(), a);
  }
  Value nightly(std::map<std::string, Value> extra = {}) const {
    extra.emplace("cron", Value::string("30 2 * * *"));
    extra.emplace("time_zone", Value::string("Europe/Berlin"));
    return config("nightly", std::move(extra));
  }
  Value numbers(std::vector<int64_t> v) const {
    std::vector<Value> out;
    for (auto i : v) out.push_back(Value::number(i));
    return Value::list(Type::number(), out);
  }
  Value texts(std::vector<std::string> v) const {
    std::vector<Value> out;
    for (auto& s : v) out.push_back(Value::string(s));
    return Value::list(Type::string(), out);
  }
  Value weekly_recurrence(std::vector<std::string> days = {"monday"}) const {
    return Value::object(rec_type(), {{"frequency", Value::string("week")},
                                      {"week_days", texts(days)},
                                      {"hours", numbers({2})},
                                      {"minutes", numbers({30})}});
  }

  schema::PlanResponse plan_create(const Value& c) const { return sched().plan({Value::null(sched_type()), c, c, ""}); }
  // An update plan as Terraform asks for it when the configuration equals what produced `prior`.
  schema::PlanResponse plan_unchanged(const Value& prior, const Value& c) const { return sched().plan({prior, prior, c, ""}); }

  Value create_schedule(const Value& c) {
    schema::PlanResponse p = plan_create(c);
    EXPECT_FALSE(p.diagnostics.has_errors()) << p.diagnostics.items().front().detail;
    schema::ApplyResponse a = sched().apply({Value::null(sched_type()), p.planned_state, c, ""});
    EXPECT_FALSE(a.diagnostics.has_errors()) << a.diagnostics.items().front().detail;
    return a.new_state;
  }

  void hand_commit(const std::string& path, const std::string& content) {
    std::ofstream(repo_ + "/" + path) << content;
    git("-c user.name=h -c user.email=h@x commit -qam 'hand edit'");
  }
};

TEST_F(ScheduleResourceTest, PlanOfCreateWarnsWithFiveRunsAndLeavesNextRunsUnknown) {
  const Value c = nightly();
  schema::PlanResponse p = plan_create(c);
  ASSERT_FALSE(p.diagnostics.has_errors()) << p.diagnostics.items().front().detail;
  const Value& planned = p.planned_state;
  EXPECT_FALSE(planned.attr("next_runs").is_known()) << "a plan-time value would not survive Terraform's re-plan";
  EXPECT_FALSE(planned.attr("commit").is_known());
  EXPECT_EQ(planned.attr("id").as_string(), "ml/dev/fraud/nightly");
  EXPECT_EQ(planned.attr("azureml_name").as_string(), "fraud-dev-nightly");
  EXPECT_EQ(planned.attr("azureml_time_zone").as_string(), "W. Europe Standard Time");
  EXPECT_TRUE(planned.attr("start_time").is_null()) << "a cron schedule has no default start_time";
  EXPECT_TRUE(planned.attr("enabled").as_bool());

  const schema::Diagnostic* w = find_diag(p.diagnostics, "Next runs of fraud-dev-nightly");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->severity, schema::Severity::Warning);
  ASSERT_TRUE(w->path.has_value());
  EXPECT_EQ(*w->path, AttributePath::root("cron"));
  EXPECT_NE(w->detail.find("Europe/Berlin"), std::string::npos) << w->detail;
  EXPECT_NE(w->detail.find("W. Europe Standard Time"), std::string::npos) << w->detail;
  const std::vector<std::string> runs = listed_runs(w->detail);
  ASSERT_EQ(runs.size(), 5u) << w->detail;
  for (size_t i = 0; i < runs.size(); ++i) {
    EXPECT_TRUE(is_berlin_0230(runs[i])) << runs[i];
    if (i > 0) {
      EXPECT_LT(runs[i - 1], runs[i]);
    }
  }
  EXPECT_EQ(git("ls-tree -r --name-only main schedules"), "") << "plan writes nothing";

  schema::ApplyResponse a = sched().apply({Value::null(sched_type()), planned, c, ""});
  ASSERT_FALSE(a.diagnostics.has_errors()) << a.diagnostics.items().front().detail;
  const std::vector<std::string> recorded = strings(a.new_state.attr("next_runs"));
  ASSERT_EQ(recorded.size(), 5u);
  for (const auto& t : recorded) EXPECT_TRUE(is_berlin_0230(t)) << t;
  EXPECT_EQ(a.new_state.attr("commit").as_string() + "\n", git("rev-parse main"));
  const std::string file = git("show main:schedules/ml/dev/fraud/nightly.yaml");
  EXPECT_NE(file.find("expression: \"30 2 * * *\""), std::string::npos) << file;
  EXPECT_NE(file.find("time_zone: \"W. Europe Standard Time\""), std::string::npos) << file;
  EXPECT_NE(file.find("create_job: \"../../../../pipelines/retrain.yml\""), std::string::npos) << file;
  EXPECT_NE(git("log -1 --format=%B main").find("Create appofapps_schedule nightly (ml/dev/fraud)"), std::string::npos);
}

TEST_F(ScheduleResourceTest, UnchangedConfigurationKeepsNextRunsAndPlansNoChange) {
  const Value c = nightly();
  const Value state = create_schedule(c);
  ASSERT_TRUE(state.attr("next_runs").is_known());

  // Time passes: the recorded runs now lie in the past. Refresh and plan keep them.
  const Value stale = state.with_attr("next_runs", texts({"2020-01-01T02:30:00+01:00", "2020-01-02T02:30:00+01:00",
                                                           "2020-01-03T02:30:00+01:00", "2020-01-04T02:30:00+01:00",
                                                           "2020-01-05T02:30:00+01:00"}));
  schema::ReadResponse r = sched().read({stale, ""});
  ASSERT_FALSE(r.diagnostics.has_errors());
  EXPECT_EQ(r.new_state, stale) << "refresh changes nothing";
  schema::PlanResponse p = plan_unchanged(r.new_state, c);
  ASSERT_FALSE(p.diagnostics.has_errors()) << p.diagnostics.items().front().detail;
  EXPECT_EQ(p.planned_state, stale) << "no change planned";
  EXPECT_EQ(p.planned_state.attr("next_runs"), stale.attr("next_runs"));
  EXPECT_TRUE(p.requires_replace.empty());
  EXPECT_EQ(find_diag(p.diagnostics, "Next runs of fraud-dev-nightly"), nullptr) << "no warning without a change";

  // A changed configuration computes them again (from the time of the apply).
  const Value changed = nightly({{"cron", Value::string("0 4 * * *")}});
  schema::PlanResponse q = sched().plan({stale, stale.with_attr("cron", Value::string("0 4 * * *")), changed, ""});
  ASSERT_FALSE(q.diagnostics.has_errors()) << q.diagnostics.items().front().detail;
  EXPECT_FALSE(q.planned_state.attr("next_runs").is_known());
  EXPECT_FALSE(q.planned_state.attr("commit").is_known());
  const schema::Diagnostic* w = find_diag(q.diagnostics, "Next runs of fraud-dev-nightly");
  ASSERT_NE(w, nullptr);
  for (const auto& t : listed_runs(w->detail)) EXPECT_NE(t.find("T04:00:00+0"), std::string::npos) << t;
  schema::ApplyResponse a = sched().apply({stale, q.planned_state, changed, ""});
  ASSERT_FALSE(a.diagnostics.has_errors()) << a.diagnostics.items().front().detail;
  EXPECT_EQ(strings(a.new_state.attr("next_runs")).size(), 5u);
  EXPECT_NE(a.new_state.attr("next_runs"), stale.attr("next_runs"));
  EXPECT_NE(git("log -1 --format=%s main").find("Update appofapps_schedule nightly"), std::string::npos);
}

TEST_F(ScheduleResourceTest, RecurrenceWithoutStartTimeIsAnchoredAtApply) {
  const Value c = config("weekly", {{"time_zone", Value::string("Europe/Berlin")}, {"recurrence", weekly_recurrence()}});
  schema::PlanResponse p = plan_create(c);
  ASSERT_FALSE(p.diagnostics.has_errors()) << p.diagnostics.items().front().detail;
  EXPECT_FALSE(p.planned_state.attr("start_time").is_known()) << "the anchor is the apply's time";
  EXPECT_FALSE(p.planned_state.attr("next_runs").is_known());
  EXPECT_EQ(p.planned_state.attr("recurrence").attr("interval").as_number().to_int64(), 1);
  const schema::Diagnostic* w = find_diag(p.diagnostics, "Next runs of fraud-dev-weekly");
  ASSERT_NE(w, nullptr);
  ASSERT_TRUE(w->path.has_value());
  EXPECT_EQ(*w->path, AttributePath::root("recurrence"));
  EXPECT_NE(w->detail.find("anchored at the time of the apply"), std::string::npos) << w->detail;
  const std::vector<std::string> runs = listed_runs(w->detail);
  ASSERT_EQ(runs.size(), 5u) << w->detail;
  for (const auto& t : runs) EXPECT_TRUE(is_berlin_0230(t)) << t;

  const std::string before = berlin_now_minute();
  schema::ApplyResponse a = sched().apply({Value::null(sched_type()), p.planned_state, c, ""});
  const std::string after = berlin_now_minute();
  ASSERT_FALSE(a.diagnostics.has_errors()) << a.diagnostics.items().front().detail;
  const Value state = a.new_state;
  ASSERT_TRUE(state.attr("start_time").is_known());
  const std::string anchor = state.attr("start_time").as_string();
  EXPECT_TRUE(std::regex_match(anchor, kLocalMinute)) << anchor;
  EXPECT_TRUE(anchor == before || anchor == after) << anchor << " is not the apply's minute in Berlin (" << before << ")";
  const std::string file = git("show main:schedules/ml/dev/fraud/weekly.yaml");
  EXPECT_NE(file.find("start_time: \"" + anchor + "\""), std::string::npos) << file;
  EXPECT_NE(file.find("week_days: [monday]"), std::string::npos) << file;
  EXPECT_EQ(strings(state.attr("next_runs")).size(), 5u);

  // Later plans keep the anchor: no change, nothing unknown.
  schema::PlanResponse again = plan_unchanged(state, c);
  ASSERT_FALSE(again.diagnostics.has_errors()) << again.diagnostics.items().front().detail;
  EXPECT_EQ(again.planned_state, state);
  EXPECT_EQ(sched().read({state, ""}).new_state, state);
}

TEST_F(ScheduleResourceTest, HandEditOfAnUnmodelledKeyForcesARewrite) {
  const Value c = nightly();
  const Value state = create_schedule(c);
  const std::string path = "schedules/ml/dev/fraud/nightly.yaml";
  const std::string original = git("show main:" + path);
  std::string edited = original;
  const size_t tags = edited.find("tags:\n");
  ASSERT_NE(tags, std::string::npos) << edited;
  edited.insert(tags + 6, "  team: risk\n");
  hand_commit(path, edited);

  schema::ReadResponse r = sched().read({state, ""});
  ASSERT_FALSE(r.diagnostics.has_errors());
  EXPECT_EQ(r.new_state.attr("commit").as_string(), "") << "the file differs from what the state renders";
  EXPECT_EQ(r.new_state.with_attr("commit", state.attr("commit")), state) << "every modelled attribute is unchanged";

  schema::PlanResponse p = plan_unchanged(r.new_state, c);
  ASSERT_FALSE(p.diagnostics.has_errors()) << p.diagnostics.items().front().detail;
  EXPECT_FALSE(p.planned_state.attr("commit").is_known()) << "the plan must show a change";
  schema::ApplyResponse a = sched().apply({r.new_state, p.planned_state, c, ""});
  ASSERT_FALSE(a.diagnostics.has_errors()) << a.diagnostics.items().front().detail;
  EXPECT_EQ(git("show main:" + path), original) << "the rewrite drops the hand-added key";
  EXPECT_EQ(sched().read({a.new_state, ""}).new_state, a.new_state);

  // A hand edit of a modelled value reads back as that attribute (in canonical form).
  std::string cron_edit = original;
  cron_edit.replace(cron_edit.find("\"30 2 * * *\""), 12, "\"45 3 * * *\"");
  hand_commit(path, cron_edit);
  schema::ReadResponse r2 = sched().read({a.new_state, ""});
  EXPECT_EQ(r2.new_state.attr("cron").as_string(), "45 3 * * *");
  EXPECT_NE(r2.new_state.attr("commit").as_string(), "");
}

TEST_F(ScheduleResourceTest, ReadKeepsTheUsersSpellingWhenEquivalent) {
  // Lower-case weekday name and an RFC 3339 start_time with Z; the file has MON and local time.
  const Value c = nightly({{"cron", Value::string("30 2 * * mon")}, {"start_time", Value::string("2026-01-01T00:00:00Z")},
                           {"end_time", Value::string("2030-01-01T00:00:00+01:00")}});
  const Value state = create_schedule(c);
  const std::string file = git("show main:schedules/ml/dev/fraud/nightly.yaml");
  EXPECT_NE(file.find("expression: \"30 2 * * MON\""), std::string::npos) << file;
  EXPECT_NE(file.find("start_time: \"2026-01-01T01:00:00\""), std::string::npos) << file;
  EXPECT_NE(file.find("end_time: \"2030-01-01T00:00:00\""), std::string::npos) << file;
  EXPECT_EQ(state.attr("cron").as_string(), "30 2 * * mon");
  EXPECT_EQ(state.attr("start_time").as_string(), "2026-01-01T00:00:00Z");

  schema::ReadResponse r = sched().read({state, ""});
  ASSERT_FALSE(r.diagnostics.has_errors());
  EXPECT_EQ(r.new_state, state) << "equivalent spellings are no drift";
  schema::PlanResponse p = plan_unchanged(r.new_state, c);
  ASSERT_FALSE(p.diagnostics.has_errors()) << p.diagnostics.items().front().detail;
  EXPECT_EQ(p.planned_state, state) << "no perpetual diff";

  // Same for a recurrence: week day names in any case, the frequency too.
  Value rec = weekly_recurrence({"Monday", "THURSDAY"}).with_attr("frequency", Value::string("Week"));
  const Value rc = config("weekly", {{"recurrence", rec}, {"start_time", Value::string("2026-11-02T00:00:00+01:00")},
                                     {"time_zone", Value::string("Europe/Berlin")}});
  const Value rstate = create_schedule(rc);
  const std::string rfile = git("show main:schedules/ml/dev/fraud/weekly.yaml");
  EXPECT_NE(rfile.find("frequency: week"), std::string::npos) << rfile;
  EXPECT_NE(rfile.find("week_days: [monday, thursday]"), std::string::npos) << rfile;
  EXPECT_NE(rfile.find("start_time: \"2026-11-02T00:00:00\""), std::string::npos) << rfile;
  schema::ReadResponse rr = sched().read({rstate, ""});
  EXPECT_EQ(rr.new_state, rstate);
  EXPECT_EQ(plan_unchanged(rr.new_state, rc).planned_state, rstate);
}

TEST_F(ScheduleResourceTest, ScheduleForAnUnknownAppIsAnErrorAtApp) {
  schema::PlanResponse p = plan_create(config("nightly", {{"app", Value::string("nope")}, {"cron", Value::string("0 3 * * *")}}));
  EXPECT_TRUE(has_error_at(p.diagnostics, "Unknown app", AttributePath::root("app")));
  const schema::Diagnostic* e = find_diag(p.diagnostics, "Unknown app");
  ASSERT_NE(e, nullptr);
  EXPECT_NE(e->detail.find("\"nope\""), std::string::npos) << e->detail;
  EXPECT_NE(e->detail.find("ml/dev"), std::string::npos) << e->detail;
  // An environment the root does not have is reported at `environment`, with the root's environments.
  schema::PlanResponse q = plan_create(config("nightly", {{"environment", Value::string("prod")}, {"cron", Value::string("0 3 * * *")}}));
  EXPECT_TRUE(has_error_at(q.diagnostics, "Unknown environment", AttributePath::root("environment")));
  const schema::Diagnostic* env = find_diag(q.diagnostics, "Unknown environment");
  ASSERT_NE(env, nullptr);
  EXPECT_NE(env->detail.find("Its environments: dev."), std::string::npos) << env->detail;
  // A root that is not in the repository is reported at `root`, with the roots that are.
  schema::PlanResponse r = plan_create(config("nightly", {{"root", Value::string("other")}, {"cron", Value::string("0 3 * * *")}}));
  EXPECT_TRUE(has_error_at(r.diagnostics, "Unknown root", AttributePath::root("root")));
  const schema::Diagnostic* root = find_diag(r.diagnostics, "Unknown root");
  ASSERT_NE(root, nullptr);
  EXPECT_NE(root->detail.find("Roots there: ml."), std::string::npos) << root->detail;
}

TEST_F(ScheduleResourceTest, CreateRefusesAnExistingFileWithAnImportHint) {
  create_schedule(nightly());
  const std::string tip = git("rev-parse main");
  schema::PlanResponse p = plan_create(nightly({{"cron", Value::string("0 5 * * *")}}));
  ASSERT_TRUE(has_error_at(p.diagnostics, "Schedule already exists", AttributePath::root("name")));
  const schema::Diagnostic* e = find_diag(p.diagnostics, "Schedule already exists");
  EXPECT_NE(e->detail.find("schedules/ml/dev/fraud/nightly.yaml"), std::string::npos) << e->detail;
  EXPECT_NE(e->detail.find("terraform import"), std::string::npos) << e->detail;
  EXPECT_NE(e->detail.find("ml/dev/fraud/nightly"), std::string::npos) << e->detail;
  EXPECT_EQ(git("rev-parse main"), tip);
}

// `hours = []`, `week_days = []` … and leaving the lists out are the same schedule: after an import
// (and after an apply) neither plans a change.
TEST_F(ScheduleResourceTest, ImportPlansNoChangeWithEmptyListsOrWithout) {
  // What Terraform proposes: the configuration with the prior value of every computed attribute it
  // leaves null, inside the recurrence block too.
  auto proposed = [&](const Value& prior, const Value& c) {
    Value out = c;
    for (const auto& a : sched().schema().block.attributes)
      if (a.computed && c.attr(a.name).is_null()) out = out.with_attr(a.name, prior.attr(a.name));
    Value rec = out.attr("recurrence");
    for (const char* f : {"interval", "hours", "minutes", "week_days", "month_days"})
      if (rec.attr(f).is_null()) rec = rec.with_attr(f, prior.attr("recurrence").attr(f));
    return out.with_attr("recurrence", rec);
  };
  const Value empty_lists = Value::object(rec_type(), {{"frequency", Value::string("hour")},
                                                       {"hours", numbers({})},
                                                       {"minutes", numbers({})},
                                                       {"week_days", texts({})},
                                                       {"month_days", numbers({})}});
  const Value left_out = Value::object(rec_type(), {{"frequency", Value::string("hour")}});
  const Value start = Value::string("2026-11-02T00:00:00");
  const Value with_empty = config("hourly", {{"recurrence", empty_lists}, {"start_time", start}});
  const Value without = config("hourly", {{"recurrence", left_out}, {"start_time", start}});
  const Value applied = create_schedule(without);
  ASSERT_FALSE(applied.is_null());
  const Value imported = sched().read({sched().import_state("ml/dev/fraud/hourly").state, ""}).new_state;
  ASSERT_FALSE(imported.is_null());
  for (const Value& prior : {applied, imported}) {
    for (const Value& c : {with_empty, without}) {
      schema::PlanResponse p = sched().plan({prior, proposed(prior, c), c, ""});
      ASSERT_FALSE(p.diagnostics.has_errors()) << p.diagnostics.items().front().detail;
      EXPECT_EQ(p.planned_state.attr("recurrence"), prior.attr("recurrence")) << c.debug_string();
      EXPECT_EQ(p.planned_state.attr("commit"), prior.attr("commit")) << "no change: " << c.debug_string();
    }
  }
}

TEST_F(ScheduleResourceTest, ImportReadsEveryArgumentBackAndDestroyDeletesTheFile) {
  const Value c = config("weekly", {{"display_name", Value::string("Weekly retraining")},
                                    {"description", Value::string("Full retrain")},
                                    {"job", Value::string("azureml:retrain-fraud")},
                                    {"time_zone", Value::string("Europe/Berlin")},
                                    {"start_time", Value::string("2026-11-02T00:00:00")},
                                    {"end_time", Value::string("2027-12-31T00:00:00")},
                                    {"enabled", Value::boolean(false)},
                                    {"recurrence", weekly_recurrence({"monday", "thursday"})}});
  const Value state = create_schedule(c);
  EXPECT_EQ(state.attr("next_runs").length(), 0u) << "disabled: no runs";

  schema::ImportResponse imp = sched().import_state("ml/dev/fraud/weekly");
  ASSERT_FALSE(imp.diagnostics.has_errors());
  schema::ReadResponse r = sched().read({imp.state, ""});
  ASSERT_FALSE(r.diagnostics.has_errors());
  const Value& s = r.new_state;
  ASSERT_FALSE(s.is_null());
  for (const char* f : {"root", "environment", "app", "name", "id", "azureml_name", "azureml_time_zone", "job",
                        "display_name", "description", "time_zone", "start_time", "end_time", "enabled", "recurrence"})
    EXPECT_EQ(s.attr(f), state.attr(f)) << f;
  EXPECT_TRUE(s.attr("cron").is_null());
  EXPECT_EQ(s.attr("commit").as_string() + "\n", git("rev-parse main"));
  EXPECT_EQ(s.attr("next_runs").length(), 0u);
  schema::PlanResponse p = plan_unchanged(s, c);
  ASSERT_FALSE(p.diagnostics.has_errors()) << p.diagnostics.items().front().detail;
  EXPECT_EQ(p.planned_state, s) << "an import plans no change";

  schema::ImportResponse bad = sched().import_state("ml/dev/fraud");
  EXPECT_TRUE(bad.diagnostics.has_errors());
  EXPECT_EQ(bad.diagnostics.items().front().summary, "Invalid import ID");
  EXPECT_TRUE(sched().read({sched().import_state("ml/dev/fraud/nothing").state, ""}).new_state.is_null());

  schema::ApplyResponse d = sched().apply({state, Value::null(sched_type()), Value::null(sched_type()), ""});
  ASSERT_FALSE(d.diagnostics.has_errors()) << d.diagnostics.items().front().detail;
  EXPECT_TRUE(d.new_state.is_null());
  EXPECT_EQ(git("ls-tree -r --name-only main schedules"), "");
  EXPECT_NE(git("log -1 --format=%s main").find("Delete appofapps_schedule weekly (ml/dev/fraud)"), std::string::npos);
}

TEST_F(ScheduleResourceTest, DisabledScheduleWarnsWithoutRuns) {
  schema::PlanResponse p = plan_create(nightly({{"enabled", Value::boolean(false)}}));
  ASSERT_FALSE(p.diagnostics.has_errors());
  EXPECT_NE(find_diag(p.diagnostics, "Next runs of fraud-dev-nightly: none (disabled)"), nullptr);
  EXPECT_EQ(find_diag(p.diagnostics, "Next runs of fraud-dev-nightly"), nullptr);
}

TEST_F(ScheduleResourceTest, InvalidTriggersAreErrorsAtTheirAttributes) {
  auto errors = [&](const Value& c) {
    schema::Diagnostics d;
    sched().validate(c, d);
    return d;
  };
  schema::Diagnostics cron = errors(nightly({{"cron", Value::string("30 2 32 * *")}}));
  ASSERT_TRUE(has_error_at(cron, "Invalid cron", AttributePath::root("cron")));
  EXPECT_NE(cron.items().front().detail.find("field 3"), std::string::npos) << cron.items().front().detail;

  schema::Diagnostics day = errors(nightly({{"cron", Value::string("30 2 * * funday")}}));
  ASSERT_TRUE(has_error_at(day, "Invalid cron", AttributePath::root("cron")));
  EXPECT_NE(day.items().front().detail.find("unknown name \"funday\""), std::string::npos) << day.items().front().detail;

  schema::Diagnostics week_day = errors(config("w", {{"recurrence", weekly_recurrence({"someday"})}}));
  EXPECT_TRUE(has_error_at(week_day, "Invalid recurrence.week_days", AttributePath::root("recurrence").attr("week_days")));

  Value zero = weekly_recurrence().with_attr("interval", Value::number(int64_t{0}));
  schema::Diagnostics interval = errors(config("w", {{"recurrence", zero}}));
  EXPECT_TRUE(has_error_at(interval, "Invalid recurrence.interval", AttributePath::root("recurrence").attr("interval")));

  schema::Diagnostics window = errors(nightly({{"start_time", Value::string("2026-06-01T00:00:00")},
                                               {"end_time", Value::string("2026-05-01T00:00:00")}}));
  ASSERT_TRUE(has_error_at(window, "Invalid end_time", AttributePath::root("end_time")));
  EXPECT_NE(window.items().front().detail.find("before start_time"), std::string::npos) << window.items().front().detail;

  schema::Diagnostics zone = errors(nightly({{"time_zone", Value::string("Europe/Berln")}}));
  ASSERT_TRUE(has_error_at(zone, "Invalid time_zone", AttributePath::root("time_zone")));
  EXPECT_NE(zone.items().front().detail.find("Europe/Berlin"), std::string::npos) << "a suggestion";

  schema::Diagnostics gap = errors(nightly({{"start_time", Value::string("2026-03-29T02:30:00")}}));
  EXPECT_TRUE(has_error_at(gap, "Invalid start_time", AttributePath::root("start_time")));

  // The plan refuses them too (Terraform validates first, but plan must not trust that).
  schema::PlanResponse p = plan_create(nightly({{"cron", Value::string("30 2 32 * *")}}));
  EXPECT_TRUE(has_error_at(p.diagnostics, "Invalid cron", AttributePath::root("cron")));
}

TEST_F(ScheduleResourceTest, SchedulePreviewShowsTheSpringForwardDay) {
  const schema::DataSource& ds = *provider_.data_sources().at("appofapps_schedule_preview");
  const Type t = ds.schema().block.implied_type();
  Value c = Value::object(t, {{"cron", Value::string("30 2 * * *")},
                              {"time_zone", Value::string("Europe/Berlin")},
                              {"from", Value::string("2026-03-27T12:00:00Z")},
                              {"run_count", Value::number(int64_t{3})}});
  schema::Diagnostics d;
  Value out = ds.read(c, d);
  ASSERT_FALSE(d.has_errors()) << d.items().front().detail;
  EXPECT_EQ(strings(out.attr("runs")), (std::vector<std::string>{"2026-03-28T02:30:00+01:00", "2026-03-29T03:00:00+02:00",
                                                                  "2026-03-30T02:30:00+02:00"}));
  EXPECT_EQ(strings(out.attr("runs_utc")),
            (std::vector<std::string>{"2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"}));
  EXPECT_EQ(out.attr("azureml_time_zone").as_string(), "W. Europe Standard Time");

  schema::Diagnostics bad;
  ds.read(c.with_attr("run_count", Value::number(int64_t{0})), bad);
  EXPECT_TRUE(has_error_at(bad, "Invalid run_count", AttributePath::root("run_count")));
}

}  // namespace
}  // namespace aoa::provider::testing
