#include "provider/schedule_resource.h"
#include "schema/rules.h"

#include <chrono>

#include "internal/gitops/commit_message.h"
#include "internal/protocol/log.h"
#include "internal/render/k8s_names.h"
#include "internal/schedule/cron.h"
#include "internal/schedule/recurrence.h"
#include "internal/schedule/schedule_yaml.h"
#include "internal/schedule/time_parse.h"
#include "internal/schedule/time_zone.h"
#include "provider/config_defaults.h"
#include "provider/environment_apps.h"
#include "provider/environment_lookup.h"
#include "provider/schedule_trigger.h"
#include "provider/resource_helpers.h"
#include "provider/value_helpers.h"
#include "schema/plan.h"

namespace aoa::provider {
namespace {

using cty::Type;
using cty::Value;
using schema::AttributePath;
using schema::BlockBuilder;

constexpr const char* kType = "appofapps_schedule";
constexpr int kPlannedRuns = 5;

schema::Schema build_schema() {
  BlockBuilder b;
  b.description("A retraining schedule of one app in one environment: the Azure ML CLI v2 schedule file "
                "`schedules/<root>/<environment>/<app>/<name>.yaml`. The plan of a new or changed schedule shows "
                "its next runs.")
      .attribute("root", Type::string())
      .required()
      .requires_replace()
      .description("The name of an `appofapps_root`: a DNS-1123 label (*Invalid root*). The root must be in the "
                   "repository or planned in the same run (*Unknown root*). Changing it replaces the schedule.")
      .attribute("environment", Type::string())
      .required()
      .requires_replace()
      .description("An environment of the root: a DNS-1123 label (*Invalid environment*). The root must have it, "
                   "in the repository or in this plan (*Unknown environment*). Changing it replaces the schedule.")
      .attribute("app", Type::string())
      .required()
      .requires_replace()
      .description("The `appofapps_app` this schedule retrains: a DNS-1123 label that starts with a letter, "
                   "because the Azure ML name starts with it (*Invalid app*). The app must be in the repository "
                   "or planned (not destroyed) earlier in the same run (*Unknown app*); reference it (`app = "
                   "appofapps_app.fraud.name`) so Terraform creates the app first. Changing it replaces the "
                   "schedule.")
      .attribute("name", Type::string())
      .required()
      .requires_replace()
      .description("Schedule name: 1-127 letters, digits, `-` or `_`, starting with a letter (*Invalid name*), "
                   "unique per app and environment. Azure ML sees `<app>-<environment>-<name>`. Changing it "
                   "replaces the schedule.")
      .attribute("job", Type::string())
      .required()
      .description("The job each run creates: `azureml:<job name>` or the path of a pipeline job YAML in the "
                   "repository folder, e.g. `pipelines/retrain.yml` (*Invalid job*).")
      .attribute("display_name", Type::string())
      .optional()
      .description("Shown in Azure ML studio. Not written when empty.")
      .attribute("description", Type::string())
      .max_bytes(4096)
      .multiline()
      .optional()
      .description("Free text. Not written when empty.")
      .attribute("id", Type::string())
      .computed()
      .description("`<root>/<environment>/<app>/<name>` (the import ID).")
      .attribute("azureml_name", Type::string())
      .computed()
      .description("The schedule's name in Azure ML, `<app>-<environment>-<name>`, for example "
                   "`fraud-prod-nightly`. Unique per workspace even when several environments share one.")
      .attribute("next_runs", Type::list(Type::string()))
      .computed()
      .description("The next five fire times as of the apply that created or last changed the schedule, RFC 3339 "
                   "with the zone's offset at that instant (`2026-12-01T02:30:00+01:00`); empty when `enabled = "
                   "false`. The plan shows them as a note. They are not refreshed as time passes (that would be a"
                   " diff on every plan): use `data.appofapps_schedule_preview` for any time.")
      .attribute("commit", Type::string())
      .computed()
      .description("The commit of the GitOps repository that last wrote the file. After an import, the branch tip"
                   " at import time.");
  add_trigger_schema(b, true);
  schema::Schema s;
  s.block = b.build();
  return s;
}

date::sys_seconds now_seconds() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

std::string now_minute(const date::time_zone* zone) {
  return schedule::format_local_time(std::chrono::floor<std::chrono::minutes>(now_seconds()), zone);
}

// The plan's view of the next runs: a warning (the protocol has no informational severity) whose
// summary names the schedule, so Terraform does not fold several schedules into one message.
void preview_next_runs(const schedule::ScheduleSpec& spec, bool anchor_at_apply, schema::Diagnostics& diags) {
  const schedule::Trigger trigger = schedule::make_trigger(spec);
  const auto runs = schedule::next_runs(trigger, now_seconds(), kPlannedRuns);
  const std::string name = schedule::azureml_schedule_name(spec.app, spec.environment, spec.name);
  const AttributePath where = AttributePath::root(std::holds_alternative<schedule::CronExpression>(spec.rule) ? "cron" : "recurrence");
  if (!spec.enabled) {
    diags.warning("Next runs of " + name + ": none (disabled)",
                  "The schedule is written with appofapps.io/enabled \"false\" and does not run.", where);
    return;
  }
  if (runs.empty()) {
    diags.warning("Schedule " + name + " never runs",
                  "No run falls after now" + std::string(spec.end_time.empty() ? "" : " and before end_time " + spec.end_time) +
                      ": check the cron expression or recurrence and the end_time.",
                  where);
    return;
  }
  std::string detail = "In " + spec.time_zone + " (Azure ML: \"" + spec.windows_time_zone + "\"), from now:";
  for (const auto& t : runs) detail += "\n  " + schedule::format_rfc3339(t, trigger.zone);
  if (anchor_at_apply)
    detail += "\nThe recurrence has no start_time, so it is anchored at the time of the apply; these runs assume "
              "it happens now.";
  detail += "\nnext_runs records the runs as of the apply.";
  diags.warning("Next runs of " + name, detail, where);
}

// The file a planned or state object describes; false (diagnostics) when it is not valid.
bool spec_of(const Value& v, schedule::ScheduleSpec& spec, schema::Diagnostics& diags) {
  spec.root = v.attr("root").as_string();
  spec.environment = v.attr("environment").as_string();
  spec.app = v.attr("app").as_string();
  spec.name = v.attr("name").as_string();
  spec.job = string_or(v, "job", "");
  spec.display_name = string_or(v, "display_name", "");
  spec.description = string_or(v, "description", "");
  if (!read_trigger(v, spec, diags)) return false;
  try {
    schedule::validate_spec(spec);
  } catch (const schedule::ScheduleError& e) {
    report(e, diags);
    return false;
  }
  return true;
}

std::string commit_message(const ProviderContext& ctx, const std::string& action, const schedule::ScheduleSpec& s) {
  return gitops::build_commit_message(
      action + " " + kType + " " + s.name + " (" + s.root + "/" + s.environment + "/" + s.app + ")", "",
      {{"Appofapps-Resource", std::string(kType) + "/" + s.root + "/" + s.environment + "/" + s.app + "/" + s.name},
       {"Appofapps-Environment", s.environment},
       {"Appofapps-Actor", author_actor(ctx)}});
}

Value int_list_value(const std::vector<int>& v) {
  std::vector<Value> out;
  for (int i : v) out.push_back(Value::number(static_cast<int64_t>(i)));
  return Value::list(Type::number(), std::move(out));
}

// The recurrence's defaults where its configuration leaves them null: interval 1, empty lists.
Value recurrence_defaults(const Value& prior, const Value& planned, const Value& config) {
  if (planned.is_null() || !planned.is_known() || config.is_null() || !config.is_known()) return planned;
  Value out = default_unless_configured(planned, config, "interval", Value::number(int64_t{1}));
  for (const char* list : {"hours", "minutes", "week_days", "month_days"})
    out = empty_unless_configured(out, prior, config, list);
  return out;
}

// A kept anchor is an instant: when the zone changes, it is written as that zone's local time.
Value move_anchor_to_zone(const Value& prior, Value planned) {
  if (prior.is_null() || !planned.attr("start_time").is_known() || planned.attr("start_time").is_null() ||
      !planned.attr("time_zone").is_known() || prior.attr("time_zone").is_null() ||
      prior.attr("time_zone").as_string() == planned.attr("time_zone").as_string())
    return planned;
  try {
    const date::time_zone* from = schedule::locate_zone(prior.attr("time_zone").as_string());
    const date::time_zone* to = schedule::locate_zone(planned.attr("time_zone").as_string());
    const auto instant = schedule::parse_time(planned.attr("start_time").as_string(), from, "start_time");
    return planned.with_attr("start_time", Value::string(schedule::format_local_time(instant, to)));
  } catch (const schedule::ScheduleError&) {
    return planned;  // left as is: the trigger check reports what is wrong with it
  }
}

// Defaults follow the configuration: an argument removed from it goes back to its default
// (Terraform proposes the prior value for optional+computed arguments that are not set).
Value with_defaults(const Value& prior, Value planned, const Value& config) {
  planned = default_unless_configured(planned, config, "time_zone", Value::string("UTC"));
  planned = default_unless_configured(planned, config, "enabled", Value::boolean(true));
  const Value prior_recurrence = prior.is_null() ? Value() : prior.attr("recurrence");
  planned = planned.with_attr("recurrence",
                              recurrence_defaults(prior_recurrence, planned.attr("recurrence"), config.attr("recurrence")));
  if (!config.attr("start_time").is_null()) return planned;
  // start_time: the configured one; else a recurrence keeps the anchor it got at its first apply.
  if (planned.attr("recurrence").is_null() || prior.is_null() || prior.attr("recurrence").is_null())
    return planned.with_attr("start_time", Value::null(Type::string()));
  return move_anchor_to_zone(prior, planned);
}

// The root, its environment and the app a schedule belongs to exist in the repository or in this
// plan; otherwise an error at the first attribute that names something unknown.
bool target_exists(const ProviderContext& ctx, const PlanOverlay& overlay, const std::string& root,
                   const std::string& env, const std::string& app, schema::Diagnostics& diags) {
  if (root_environment_files(*ctx.store, root).empty() && !overlay.planned_root(root)) {
    diags.error("Unknown root",
                unknown_root_detail(ctx, root) + " Reference the root (root = appofapps_root.<name>.name) so "
                                                 "Terraform plans it first.",
                AttributePath::root("root"));
    return false;
  }
  if (!ctx.store->read(layout::root_file(root, env)) && !overlay.root_environment_planned(root, env)) {
    diags.error("Unknown environment", unknown_environment_detail(ctx, root, env, &overlay),
                AttributePath::root("environment"));
    return false;
  }
  const PlanOverlay::Planned planned = overlay.planned(root, env, app);
  if (planned == PlanOverlay::Planned::Kept ||
      (planned == PlanOverlay::Planned::NotYet && ctx.store->read(layout::app_file(root, env, app))))
    return true;
  diags.error("Unknown app",
              "There is no appofapps_app \"" + app + "\" in " + root + "/" + env +
                  " in the repository or in this plan. Reference it (app = appofapps_app.<name>.name) so "
                  "Terraform plans it first.",
              AttributePath::root("app"));
  return false;
}

// A recurrence without start_time is anchored at the apply's time: an end_time already past can
// never be reached. False, with an error at end_time, then.
bool end_time_ahead(const Value& planned, schema::Diagnostics& diags) {
  const auto end = opt_string(planned, "end_time");
  if (!end || !planned.attr("time_zone").is_known()) return true;
  try {
    const auto end_at = schedule::parse_time(*end, schedule::locate_zone(planned.attr("time_zone").as_string()), "end_time");
    if (end_at > now_seconds()) return true;
    diags.error("Invalid end_time",
                "end_time " + *end + " has passed, and a recurrence without start_time starts when it is applied, so "
                "it would never run. Set a later end_time, or a start_time.",
                AttributePath::root("end_time"));
  } catch (const schedule::ScheduleError& e) {
    report(e, diags);
  }
  return false;
}

// next_runs and azureml_time_zone of a plan. With the trigger known, the zone is known and a
// changed schedule shows its next runs as a warning (next_runs itself is recorded at apply: the
// fire times depend on the clock, and a known plan value would not survive Terraform's re-plan
// during apply); an unchanged one keeps its prior next_runs. False when the trigger is invalid.
bool plan_runs(const Value& prior, bool changed, bool anchor_at_apply, bool identity_known, Value& planned,
               schema::Diagnostics& diags) {
  Value user_part = planned;
  for (const char* f : {"next_runs", "azureml_time_zone", "commit", "id", "azureml_name", "start_time"})
    user_part = user_part.with_attr(f, Value::null(user_part.type().attribute(f)));
  // Anchored at the apply, start_time is unknown by design; otherwise it must be known.
  const bool start_known = planned.attr("start_time").is_known() == !anchor_at_apply;
  if (!user_part.is_wholly_known() || !start_known || !identity_known) {
    planned = planned.with_attr("next_runs", Value::unknown(Type::list(Type::string())));
    planned = planned.with_attr("azureml_time_zone", Value::unknown(Type::string()));
    return true;
  }
  schedule::ScheduleSpec spec;
  Value previewed = planned;
  if (anchor_at_apply)
    previewed = planned.with_attr("start_time",
                                  Value::string(now_minute(schedule::locate_zone(planned.attr("time_zone").as_string()))));
  if (!spec_of(previewed, spec, diags)) return false;
  planned = planned.with_attr("azureml_time_zone", Value::string(spec.windows_time_zone));
  planned = planned.with_attr("next_runs", changed ? Value::unknown(Type::list(Type::string())) : prior.attr("next_runs"));
  if (changed) preview_next_runs(spec, anchor_at_apply, diags);
  return true;
}

}  // namespace

ScheduleResource::ScheduleResource(const ContextHolder& context, const schema::StopToken& stop, PlanOverlay& overlay)
    : context_(context), stop_(stop), overlay_(overlay), schema_(build_schema()) {}

void ScheduleResource::validate(const Value& config, schema::Diagnostics& diags) const {
  // Declared rules and string limits (schema/rules.h) first; this resource is not on the runtime yet.
  schema::check_rules(schema().block, config, diags);
  if (diags.has_errors()) return;
  if (config.is_null() || !config.is_known()) return;
  const std::string dns = "a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters)";
  for (const char* f : {"root", "environment", "app"})
    if (auto v = opt_string(config, f); v && !render::is_dns1123_label(*v))
      diags.error(std::string("Invalid ") + f, "\"" + *v + "\" is not allowed: " + dns, AttributePath::root(f));
  try {
    if (auto n = opt_string(config, "name")) schedule::validate_schedule_name(*n);
  } catch (const schedule::ScheduleError& e) {
    report(e, diags);
  }
  try {
    if (auto j = opt_string(config, "job")) schedule::validate_job(*j);
  } catch (const schedule::ScheduleError& e) {
    report(e, diags);
  }
  // The trigger is checked as a whole once every part of it is known.
  bool trigger_known = true;
  for (const char* f : {"cron", "recurrence", "time_zone", "start_time", "end_time", "enabled"})
    trigger_known = trigger_known && config.attr(f).is_wholly_known();
  if (trigger_known && !diags.has_errors()) {
    schedule::ScheduleSpec spec;
    // Without start_time a recurrence is anchored at plan time; any valid anchor checks the rest.
    Value checked = config;
    if (config.attr("start_time").is_null() && !config.attr("recurrence").is_null())
      checked = config.with_attr("start_time", Value::string("2000-01-03T00:00:00"));
    read_trigger(checked, spec, diags);
  }
}

schema::PlanResponse ScheduleResource::plan(const schema::PlanRequest& req) const {
  schema::PlanResponse res;
  if (req.proposed_new_state.is_null()) {
    res.planned_state = req.proposed_new_state;
    return res;
  }
  validate(req.config, res.diagnostics);
  if (res.diagnostics.has_errors()) return res;
  auto ctx = context_.get();
  Value planned = with_defaults(req.prior_state, req.proposed_new_state, req.config);
  const bool identity_known = planned.attr("root").is_known() && planned.attr("environment").is_known() &&
                              planned.attr("app").is_known() && planned.attr("name").is_known();
  if (identity_known) {
    const std::string root = planned.attr("root").as_string(), env = planned.attr("environment").as_string(),
                      app = planned.attr("app").as_string(), name = planned.attr("name").as_string();
    planned = planned.with_attr("id", Value::string(root + "/" + env + "/" + app + "/" + name));
    try {
      planned = planned.with_attr("azureml_name", Value::string(schedule::azureml_schedule_name(app, env, name)));
    } catch (const schedule::ScheduleError& e) {
      report(e, res.diagnostics);
      return res;
    }
    if (!target_exists(*ctx, overlay_, root, env, app, res.diagnostics)) return res;
  } else {
    planned = planned.with_attr("id", Value::unknown(Type::string()));
    planned = planned.with_attr("azureml_name", Value::unknown(Type::string()));
  }
  // A recurrence counts its intervals from start_time. Without one it is anchored at the apply's
  // time, as Azure ML anchors it at creation: a plan-time value would differ when Terraform plans
  // again during the apply (it rejects such "inconsistent final plans").
  const bool anchor_at_apply = planned.attr("start_time").is_null() && !planned.attr("recurrence").is_null();
  if (anchor_at_apply) {
    planned = planned.with_attr("start_time", Value::unknown(Type::string()));
    if (!end_time_ahead(planned, res.diagnostics)) return res;
  }
  const bool changed = req.prior_state.is_null() || !schema::equal_ignoring_computed(schema_.block, req.prior_state, planned);
  if (!plan_runs(req.prior_state, changed, anchor_at_apply, identity_known, planned, res.diagnostics))
    return res;

  if (req.prior_state.is_null()) {
    if (identity_known) {
      const std::string path = layout::schedule_file(planned.attr("root").as_string(), planned.attr("environment").as_string(),
                                                     planned.attr("app").as_string(), planned.attr("name").as_string());
      const std::string key = "appofapps_schedule/" + planned.attr("id").as_string();
      auto exists = [&] { return ctx->store->read(path).has_value(); };
      if (exists()) res.planned_private = replaces_private(key);
      if (!create_may_take_over(overlay_, key, req.prior_private, exists)) {
        res.diagnostics.error("Schedule already exists",
                              "The repository already has " + path + ". Import it with `terraform import <address> " +
                                  planned.attr("id").as_string() + "`.",
                              AttributePath::root("name"));
        return res;
      }
    }
    planned = planned.with_attr("commit", Value::unknown(Type::string()));
  } else {
    planned = plan_commit(req.prior_state, planned);
    res.requires_replace = schema::requires_replace(req.prior_state, planned, {"root", "environment", "app", "name"});
    res.planned_private = replaces_private("appofapps_schedule/" + req.prior_state.attr("id").as_string());
  }
  res.planned_state = planned;
  return res;
}

schema::ApplyResponse ScheduleResource::apply(const schema::ApplyRequest& req) const {
  schema::ApplyResponse res;
  res.new_state = req.prior_state;
  if (refuse_when_stopping(stop_, res)) return res;
  auto ctx = context_.get();
  try {
    gitops::CommitRequest commit;
    schedule::ScheduleSpec spec;
    if (req.planned_state.is_null()) {
      const Value& p = req.prior_state;
      spec.root = p.attr("root").as_string();
      spec.environment = p.attr("environment").as_string();
      spec.app = p.attr("app").as_string();
      spec.name = p.attr("name").as_string();
      commit.changes.push_back({layout::schedule_file(spec.root, spec.environment, spec.app, spec.name), std::nullopt});
      commit.message = commit_message(*ctx, "Delete", spec);
      ctx->store->commit(commit);
      res.new_state = Value::null(schema_.block.implied_type());
      return res;
    }
    Value state = req.planned_state;
    if (!state.attr("start_time").is_known())  // a recurrence anchored now (see plan)
      state = state.with_attr("start_time",
                              Value::string(now_minute(schedule::locate_zone(state.attr("time_zone").as_string()))));
    if (!spec_of(state, spec, res.diagnostics)) return res;
    if (!state.attr("next_runs").is_known()) {
      const schedule::Trigger trigger = schedule::make_trigger(spec);
      state = state.with_attr("next_runs", run_list(schedule::next_runs(trigger, now_seconds(), kPlannedRuns), trigger.zone));
    }
    commit.changes.push_back({layout::schedule_file(spec.root, spec.environment, spec.app, spec.name),
                              schedule::render_schedule(spec)});
    commit.message = commit_message(*ctx, req.prior_state.is_null() ? "Create" : "Update", spec);
    gitops::CommitResult result = ctx->store->commit(commit);
    if (!state.attr("commit").is_known()) state = state.with_attr("commit", Value::string(result.commit_id));
    res.new_state = state;
    log::info("schedule written", {{"schedule", state.attr("id").as_string()}});
  } catch (const std::exception& e) {
    res.diagnostics.error("Could not write schedule", e.what());
  }
  return res;
}

schema::ReadResponse ScheduleResource::read(const schema::ReadRequest& req) const {
  schema::ReadResponse res;
  res.new_state = req.current_state;
  res.private_data = req.private_data;
  if (req.current_state.is_null()) return res;
  auto ctx = context_.get();
  Value state = req.current_state;
  const std::string root = state.attr("root").as_string(), env = state.attr("environment").as_string(),
                    app = state.attr("app").as_string(), name = state.attr("name").as_string();
  overlay_.note_in_state("appofapps_schedule/" + state.attr("id").as_string());
  const std::string path = layout::schedule_file(root, env, app, name);
  auto text = ctx->store->read(path);
  if (!text) {
    res.new_state = Value::null(schema_.block.implied_type());
    return res;
  }
  schedule::ScheduleSpec file;
  try {
    file = schedule::parse_schedule(*text);
  } catch (const std::exception& e) {
    log::warn("schedule file unreadable", {{"schedule", path}, {"error", e.what()}});
    res.new_state = state.with_attr("commit", Value::string(""));
    return res;
  }
  // What the state says, read the same way, to keep the user's spelling where it means the same.
  schedule::ScheduleSpec mine;
  schema::Diagnostics ignored;
  const bool mine_ok = !state.attr("job").is_null() && spec_of(state, mine, ignored);
  auto set_string = [&](const char* attr, const std::string& value) {
    if (!value.empty() || !state.attr(attr).is_null()) state = state.with_attr(attr, Value::string(value));
  };
  set_string("job", file.job);
  set_string("display_name", file.display_name);
  set_string("description", file.description);
  if (!mine_ok || mine.time_zone != file.time_zone) state = state.with_attr("time_zone", Value::string(file.time_zone));
  for (const auto& [attr, value, own] : {std::tuple{"start_time", file.start_time, mine.start_time},
                                          std::tuple{"end_time", file.end_time, mine.end_time}})
    if (!mine_ok || own != value) state = state.with_attr(attr, value.empty() ? Value::null(Type::string()) : Value::string(value));
  state = state.with_attr("enabled", Value::boolean(file.enabled));
  const Type rec_type = schema_.block.implied_type().attribute("recurrence");
  if (!mine_ok || !(mine.rule == file.rule)) {
    if (const auto* cron = std::get_if<schedule::CronExpression>(&file.rule)) {
      state = state.with_attr("cron", Value::string(cron->text()));
      state = state.with_attr("recurrence", Value::null(rec_type));
    } else {
      const auto& r = std::get<schedule::Recurrence>(file.rule);
      std::map<std::string, Value> attrs{{"frequency", Value::string(std::string(schedule::to_string(r.frequency)))},
                                         {"interval", Value::number(static_cast<int64_t>(r.interval))}};
      // Empty lists as [], not null: `[]` and leaving a list out both plan no change then.
      attrs["hours"] = int_list_value(r.hours);
      attrs["minutes"] = int_list_value(r.minutes);
      attrs["month_days"] = int_list_value(r.month_days);
      std::vector<Value> days;
      for (const auto& d : r.week_days) days.push_back(Value::string(d));
      attrs["week_days"] = Value::list(Type::string(), std::move(days));
      state = state.with_attr("recurrence", Value::object(rec_type, std::move(attrs)));
      state = state.with_attr("cron", Value::null(Type::string()));
    }
  }
  state = state.with_attr("azureml_time_zone", Value::string(file.windows_time_zone));
  state = state.with_attr("id", Value::string(root + "/" + env + "/" + app + "/" + name));
  state = state.with_attr("azureml_name", Value::string(schedule::azureml_schedule_name(app, env, name)));
  if (state.attr("next_runs").is_null()) {  // just imported: the next runs as of now
    const schedule::Trigger trigger = schedule::make_trigger(file);
    state = state.with_attr("next_runs", run_list(schedule::next_runs(trigger, now_seconds(), kPlannedRuns), trigger.zone));
  }
  // Anything the attributes do not model (a hand-added key, a changed Windows zone name) makes
  // the file differ from what the state renders: an empty commit makes the plan rewrite it.
  schedule::ScheduleSpec now;
  schema::Diagnostics diags;
  const bool renders = spec_of(state, now, diags);
  if (!renders || schedule::render_schedule(now) != *text) {
    res.new_state = state.with_attr("commit", Value::string(""));
    return res;
  }
  if (state.attr("commit").is_null()) state = state.with_attr("commit", Value::string(ctx->store->tip()));
  res.new_state = state;
  return res;
}

schema::ImportResponse ScheduleResource::import_state(const std::string& id) const {
  schema::ImportResponse res;
  const std::vector<std::string> parts = split_import_id(id);
  bool ok = parts.size() == 4;
  if (ok) {
    try {
      schedule::validate_schedule_identity(parts[0], parts[1], parts[2], parts[3]);
    } catch (const schedule::ScheduleError&) {
      ok = false;
    }
  }
  if (!ok) {
    res.diagnostics.error("Invalid import ID", "Import an appofapps_schedule as <root>/<environment>/<app>/<name>, e.g. "
                                               "`terraform import appofapps_schedule.nightly ml-platform/prod/fraud/nightly`; "
                                               "got \"" + id + "\".");
    return res;
  }
  res.state = Value::object(schema_.block.implied_type(), {{"root", Value::string(parts[0])},
                                                           {"environment", Value::string(parts[1])},
                                                           {"app", Value::string(parts[2])},
                                                           {"name", Value::string(parts[3])},
                                                           {"id", Value::string(id)}});
  return res;
}

}  // namespace aoa::provider
