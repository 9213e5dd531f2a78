#include "provider/resources/schedule.h"
#include "provider/shared/schema_names.h"
#include "provider/shared/name_rules.h"

#include <chrono>

#include "internal/gitops/commit_message.h"
#include "internal/protocol/log.h"
#include "internal/render/k8s_names.h"
#include "internal/schedule/cron.h"
#include "internal/schedule/recurrence.h"
#include "internal/schedule/schedule_yaml.h"
#include "internal/schedule/time_parse.h"
#include "internal/schedule/time_zone.h"
#include "provider/shared/clock.h"
#include "provider/shared/environment_apps.h"
#include "provider/shared/environment_lookup.h"
#include "provider/shared/resource_helpers.h"

namespace aoa::provider {
namespace {

constexpr const char* kType = "appofapps_schedule";
constexpr int kPlannedRuns = 5;

// root, environment, app and name: the schedule's identity and file path.
void add_identity(BlockBuilder& b) {
  b.attribute("root", Type::string())
      .required()
      .requires_replace()
      .rule(dns_label_rule("Invalid root"))
      .description("The name of an `appofapps_root`. The root must be in the repository or planned in the same run"
                   " (*Unknown root*). Changing it replaces the schedule.")
      .attribute("environment", Type::string())
      .required()
      .requires_replace()
      .rule(dns_label_rule("Invalid environment"))
      .description("An environment of the root. The root must have it, in the repository or in this plan "
                   "(*Unknown environment*). Changing it replaces the schedule.")
      .attribute("app", Type::string())
      .required()
      .requires_replace()
      .rule(dns_label_rule("Invalid app"))
      .description("The `appofapps_app` this schedule retrains. Its name must also start with a letter, because "
                   "the Azure ML name starts with it (*Invalid app*, at plan). The app must be in the repository or planned (not destroyed) "
                   "earlier in the same run (*Unknown app*); reference it (`app = appofapps_app.fraud.name`) so "
                   "Terraform creates the app first. Changing it replaces the schedule.")
      .attribute("name", Type::string())
      .required()
      .requires_replace()
      .rule(check_rule("Invalid name", "1-127 letters, digits, `-` or `_`, starting with a letter",
                        schedule::validate_schedule_name))
      .description("Schedule name, unique per app and environment. Azure ML sees `<app>-<environment>-<name>`. "
                   "Changing it replaces the schedule.");
}

schema::Schema build_schema() {
  BlockBuilder b;
  b.description("A retraining schedule of one app in one environment: the Azure ML CLI v2 schedule file "
                "`schedules/<root>/<environment>/<app>/<name>.yaml`. The plan of a new or changed schedule shows "
                "its next runs.");
  add_identity(b);
  b.attribute("job", Type::string())
      .required()
      .rule(check_rule("Invalid job",
                        "`azureml:<job name>` or the relative path of a pipeline job YAML (`.yml` or `.yaml`) in the "
                        "repository folder, e.g. `pipelines/retrain.yml`",
                        schedule::validate_job))
      .description("The job each run creates.")
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

Result<std::string> now_minute(const std::string& time_zone) {
  AOA_ASSIGN_OR_RETURN(const date::time_zone* zone, schedule::locate_zone(time_zone));
  return schedule::format_local_time(std::chrono::floor<std::chrono::minutes>(now_seconds()), zone);
}

// The file a planned or state object with a known identity describes; false (diagnostics) when it
// is not valid.
bool spec_of(const ScheduleModel& m, schedule::ScheduleSpec& spec, schema::Diagnostics& diags) {
  spec.root = m.root.get();
  spec.environment = m.environment.get();
  spec.app = m.app.get();
  spec.name = m.name.get();
  spec.job = m.job.value_or("");
  spec.display_name = m.display_name.value_or("");
  spec.description = m.description.value_or("");
  if (!read_trigger(m.trigger(), spec, diags)) return false;
  return report(schedule::validate_spec(spec), diags);
}

std::string commit_message(const ProviderContext& ctx, const std::string& action, const schedule::ScheduleSpec& s) {
  return gitops::build_commit_message(
      action + " " + kType + " " + s.name + " (" + s.root + "/" + s.environment + "/" + s.app + ")", "",
      {{"Appofapps-Resource", std::string(kType) + "/" + s.root + "/" + s.environment + "/" + s.app + "/" + s.name},
       {"Appofapps-Environment", s.environment},
       {"Appofapps-Actor", author_actor(ctx)}});
}

// start_time of a plan: the configured one; else a recurrence keeps the anchor it got at its first
// apply. A kept anchor is an instant: when the zone changes, it is written as that zone's local time.
runtime::String planned_start(const runtime::PlanStep<ScheduleModel>& step) {
  const ScheduleModel& planned = step.planned;
  if (!step.config.start_time.is_null()) return planned.start_time;
  if (planned.recurrence.is_null() || step.is_create() || step.prior->recurrence.is_null()) return {};
  const ScheduleModel& prior = *step.prior;
  if (!planned.start_time.is_known() || !planned.time_zone.is_known() || !prior.time_zone.is_known() ||
      prior.time_zone.get() == planned.time_zone.get())
    return planned.start_time;
  const auto from = schedule::locate_zone(prior.time_zone.get());
  const auto to = schedule::locate_zone(planned.time_zone.get());
  if (!from.ok() || !to.ok()) return planned.start_time;  // left as is: the trigger check reports it
  const auto instant = schedule::parse_time(planned.start_time.get(), *from, "start_time");
  if (!instant.ok()) return planned.start_time;
  return schedule::format_local_time(*instant, *to);
}

// A recurrence without start_time is anchored at the apply's time: an end_time already past can
// never be reached. False, with an error at end_time, then.
bool end_time_ahead(const ScheduleModel& planned, schema::Diagnostics& diags) {
  if (!planned.end_time.is_known() || !planned.time_zone.is_known()) return true;
  const std::string& end = planned.end_time.get();
  const auto zone = schedule::locate_zone(planned.time_zone.get());
  if (!report(zone.status(), diags)) return false;
  const auto t = schedule::parse_time(end, *zone, "end_time");
  if (!report(t.status(), diags)) return false;
  if (*t > now_seconds()) return true;
  diags.error("Invalid end_time",
              "end_time " + end + " has passed, and a recurrence without start_time starts when it is applied, so "
              "it would never run. Set a later end_time, or a start_time.",
              AttributePath::root("end_time"));
  return false;
}

// What the user configures: the model without its computed-only attributes.
ScheduleModel user_part(ScheduleModel m) {
  m.id = m.azureml_name = m.azureml_time_zone = m.commit = runtime::String();
  m.next_runs = runtime::StringList();
  return m;
}

// next_runs and azureml_time_zone of a plan. With the trigger known, the zone is known and a
// changed schedule shows its next runs as a warning (next_runs itself is recorded at apply: the
// fire times depend on the clock, and a known plan value would not survive Terraform's re-plan
// during apply); an unchanged one keeps its prior next_runs. An invalid trigger is an error.
void plan_runs(const runtime::PlanStep<ScheduleModel>& step, bool anchor_at_apply, ScheduleModel& planned) {
  ScheduleModel user = user_part(planned);
  user.start_time = runtime::String();
  // Anchored at the apply, start_time is unknown by design; otherwise it must be known.
  const bool start_known = planned.start_time.is_unknown() == anchor_at_apply;
  if (!runtime::wholly_known(user) || !start_known) {
    planned.next_runs = runtime::StringList::unknown();
    planned.azureml_time_zone = runtime::String::unknown();
    return;
  }
  const bool changed = step.is_create() || user_part(*step.prior) != user_part(planned);
  ScheduleModel previewed = planned;
  if (anchor_at_apply) {
    Result<std::string> now = now_minute(planned.time_zone.get());
    if (!report(now.status(), step.diags)) return;
    previewed.start_time = std::move(now).value();
  }
  schedule::ScheduleSpec spec;
  if (!spec_of(previewed, spec, step.diags)) return;
  planned.azureml_time_zone = spec.windows_time_zone;
  planned.next_runs = changed ? runtime::StringList::unknown() : step.prior->next_runs;
  if (changed) report(preview_next_runs(spec, anchor_at_apply, now_seconds(), kPlannedRuns, step.diags), step.diags);
}

// `m` with what the file says; where the state, read the same way (`mine`, when `mine_ok`), means
// the same, the user's spelling stays.
ScheduleModel with_file(ScheduleModel m, const schedule::ScheduleSpec& file, bool mine_ok,
                        const schedule::ScheduleSpec& mine) {
  for (auto [field, value] : {std::pair{&m.job, file.job}, std::pair{&m.display_name, file.display_name},
                              std::pair{&m.description, file.description}})
    if (!value.empty() || !field->is_null()) *field = value;
  if (!mine_ok || mine.time_zone != file.time_zone) m.time_zone = file.time_zone;
  for (auto [field, value, own] : {std::tuple{&m.start_time, file.start_time, mine.start_time},
                                   std::tuple{&m.end_time, file.end_time, mine.end_time}})
    if (!mine_ok || own != value) *field = value.empty() ? runtime::String() : runtime::String(value);
  m.enabled = file.enabled;
  if (!mine_ok || !(mine.rule == file.rule)) {
    const auto* cron = std::get_if<schedule::CronExpression>(&file.rule);
    m.cron = cron ? runtime::String(cron->text()) : runtime::String();
    m.recurrence = cron ? runtime::Field<RecurrenceModel>()
                        : runtime::Field<RecurrenceModel>(recurrence_model(std::get<schedule::Recurrence>(file.rule)));
  }
  m.azureml_time_zone = file.windows_time_zone;
  return m;
}

}  // namespace

ScheduleResource::ScheduleResource(const ContextHolder& context, PlanOverlay& overlay)
    : context_(context), overlay_(overlay), schema_(build_schema()) {}

const runtime::ResourceInfo& ScheduleResource::info() const {
  static const runtime::ResourceInfo kInfo{
      kType, "schedule", {{"root", "environment", "app", "name"}, "nightly", "ml-platform/prod/fraud/nightly"}};
  return kInfo;
}

std::optional<std::string> ScheduleResource::id_of(const ScheduleModel& m) const {
  if (!m.root.is_known() || !m.environment.is_known() || !m.app.is_known() || !m.name.is_known()) return std::nullopt;
  return m.root.get() + "/" + m.environment.get() + "/" + m.app.get() + "/" + m.name.get();
}

// The trigger is checked as a whole once every part of it is known (the declared rules came first).
void ScheduleResource::validate(const ScheduleModel& config, schema::Diagnostics& diags) const {
  TriggerModel trigger = config.trigger();
  if (!runtime::wholly_known(trigger)) return;
  // Without start_time a recurrence is anchored at plan time; any valid anchor checks the rest.
  if (trigger.start_time.is_null() && !trigger.recurrence.is_null()) trigger.start_time = std::string("2000-01-03T00:00:00");
  schedule::ScheduleSpec spec;
  read_trigger(trigger, spec, diags);
}

// id, azureml_name and the target check of a plan; false after an error.
bool ScheduleResource::plan_identity(runtime::PlanStep<ScheduleModel>& step) const {
  ScheduleModel& planned = step.planned;
  const auto id = id_of(planned);
  if (!id) {
    planned.id = planned.azureml_name = runtime::String::unknown();
    return true;
  }
  planned.id = *id;
  schedule::ScheduleSpec s;
  s.root = planned.root.get(), s.environment = planned.environment.get(), s.app = planned.app.get();
  Result<std::string> azureml_name = schedule::azureml_schedule_name(s.app, s.environment, planned.name.get());
  if (!report(azureml_name.status(), step.diags)) return false;
  planned.azureml_name = std::move(azureml_name).value();
  return app_target_exists(*context_.get(), overlay_, s.root, s.environment, s.app, step.diags);
}

void ScheduleResource::modify_plan(runtime::PlanStep<ScheduleModel>& step) const {
  ScheduleModel& planned = step.planned;
  planned.start_time = planned_start(step);
  if (!plan_identity(step)) return;
  // A recurrence counts its intervals from start_time. Without one it is anchored at the apply's
  // time, as Azure ML anchors it at creation: a plan-time value would differ when Terraform plans
  // again during the apply (it rejects such "inconsistent final plans").
  const bool anchor_at_apply = planned.start_time.is_null() && !planned.recurrence.is_null();
  if (anchor_at_apply) {
    planned.start_time = runtime::String::unknown();
    if (!end_time_ahead(planned, step.diags)) return;
  }
  if (!id_of(planned)) {
    planned.next_runs = runtime::StringList::unknown();
    planned.azureml_time_zone = runtime::String::unknown();
    return;
  }
  plan_runs(step, anchor_at_apply, planned);
}

std::optional<runtime::Existing> ScheduleResource::existing(const ScheduleModel& planned, const ProviderContext& ctx) const {
  const auto id = id_of(planned);
  if (!id) return std::nullopt;
  const std::string path =
      layout::schedule_file(planned.root.get(), planned.environment.get(), planned.app.get(), planned.name.get());
  return runtime::Existing{std::string(kType) + "/" + *id, [&ctx, path] { return ctx.store->read(path).has_value(); },
                           "Schedule already exists",
                           "The repository already has " + path + ". Import it with `terraform import <address> " +
                               *id + "`.",
                           AttributePath::root("name")};
}

ScheduleModel ScheduleResource::write(const ScheduleModel& planned, const std::string& action,
                                      runtime::ApplyStep& step) const {
  ScheduleModel m = planned;
  if (m.start_time.is_unknown()) m.start_time = value_or_throw(now_minute(m.time_zone.get()));  // anchored now
  schedule::ScheduleSpec spec;
  schema::Diagnostics diags;
  if (!spec_of(m, spec, diags)) throw std::runtime_error(diags.items().front().summary + ": " + diags.items().front().detail);
  if (m.next_runs.is_unknown()) m.next_runs = value_or_throw(next_run_texts(spec, now_seconds(), kPlannedRuns));
  gitops::CommitRequest commit;
  commit.changes.push_back({layout::schedule_file(spec.root, spec.environment, spec.app, spec.name),
                            value_or_throw(schedule::render_schedule(spec))});
  commit.message = commit_message(step.ctx(), action, spec);
  step.commit(commit);
  log::info("schedule written", {{"schedule", *id_of(m)}});
  return m;
}

ScheduleModel ScheduleResource::create(const ScheduleModel& planned, runtime::ApplyStep& step) const {
  return write(planned, "Create", step);
}

ScheduleModel ScheduleResource::update(const ScheduleModel&, const ScheduleModel& planned,
                                       runtime::ApplyStep& step) const {
  return write(planned, "Update", step);
}

void ScheduleResource::destroy(const ScheduleModel& prior, runtime::ApplyStep& step) const {
  schedule::ScheduleSpec spec;
  spec.root = prior.root.get(), spec.environment = prior.environment.get();
  spec.app = prior.app.get(), spec.name = prior.name.get();
  gitops::CommitRequest commit;
  commit.changes.push_back({layout::schedule_file(spec.root, spec.environment, spec.app, spec.name), std::nullopt});
  commit.message = commit_message(step.ctx(), "Delete", spec);
  step.commit(commit);
}

std::optional<ScheduleModel> ScheduleResource::read(const ScheduleModel& current, runtime::ReadStep& step) const {
  const std::string path =
      layout::schedule_file(current.root.get(), current.environment.get(), current.app.get(), current.name.get());
  auto text = step.ctx.store->read(path);
  if (!text) return std::nullopt;
  ScheduleModel m = current;
  Result<schedule::ScheduleSpec> parsed = schedule::parse_schedule(*text);
  if (!parsed.ok()) {
    log::warn("schedule file unreadable", {{"schedule", path}, {"error", parsed.status().message()}});
    m.commit = std::string();
    return m;
  }
  const schedule::ScheduleSpec file = std::move(parsed).value();
  // What the state says, read the same way, to keep the user's spelling where it means the same.
  schedule::ScheduleSpec mine;
  schema::Diagnostics ignored;
  const bool mine_ok = !current.job.is_null() && spec_of(current, mine, ignored);
  m = with_file(m, file, mine_ok, mine);
  m.id = *id_of(m);
  m.azureml_name = schedule::azureml_schedule_name(m.app.get(), m.environment.get(), m.name.get()).value_or("");
  if (m.next_runs.is_null())  // just imported: the next runs as of now
    m.next_runs = next_run_texts(file, now_seconds(), kPlannedRuns).value_or({});
  // Anything the attributes do not model (a hand-added key, a changed Windows zone name) makes
  // the file differ from what the state renders: an empty commit makes the plan rewrite it.
  schedule::ScheduleSpec now;
  schema::Diagnostics diags;
  if (!spec_of(m, now, diags) || schedule::render_schedule(now).value_or("") != *text) m.commit = std::string();
  return m;
}

std::shared_ptr<schema::Resource> make_schedule_resource(const runtime::Services& services) {
  return std::make_shared<runtime::Lifecycle<ScheduleResource>>(
      std::make_shared<const ScheduleResource>(services.context, services.overlay), services);
}

}  // namespace aoa::provider
