#include "internal/schedule/schedule_yaml.h"

#include <climits>

#include <yaml-cpp/yaml.h>

#include "internal/render/child_application.h"  // kLabelApp
#include "internal/render/root_application.h"   // kLabelRoot, kLabelEnvironment
#include "internal/render/yaml_util.h"
#include "internal/schedule/quoted.h"

namespace aoa::schedule {
namespace {

using render::emit_string;

// Rendering and parsing unwind with StatusException; render_schedule and parse_schedule turn it
// back into the Status.
[[noreturn]] void invalid(const std::string& field, const std::string& message) {
  throw StatusException(Status::invalid_argument(message, field));
}

// --- rendering -------------------------------------------------------------------------------

void key(YAML::Emitter& out, std::string_view k) { out << YAML::Key << std::string(k) << YAML::Value; }

void emit_kv(YAML::Emitter& out, std::string_view k, std::string_view value) {
  key(out, k);
  emit_string(out, value);
}

// Quoted like the Azure ML examples (and cron text must be: `*` starts an alias in YAML).
void emit_quoted(YAML::Emitter& out, std::string_view k, std::string_view value) {
  key(out, k);
  out << YAML::DoubleQuoted << std::string(value);
}

template <typename T>
void emit_flow_list(YAML::Emitter& out, std::string_view k, const std::vector<T>& values) {
  if (values.empty()) return;
  key(out, k);
  out << YAML::Flow << YAML::BeginSeq;
  for (const auto& v : values) out << v;
  out << YAML::EndSeq;
}

void emit_trigger(YAML::Emitter& out, const ScheduleSpec& spec) {
  key(out, "trigger");
  out << YAML::BeginMap;
  if (const auto* cron = std::get_if<CronExpression>(&spec.rule)) {
    emit_kv(out, "type", "cron");
    emit_quoted(out, "expression", cron->text());
  } else {
    const Recurrence r = value_or_throw(canonical(std::get<Recurrence>(spec.rule)));
    emit_kv(out, "type", "recurrence");
    emit_kv(out, "frequency", to_string(r.frequency));
    key(out, "interval");
    out << r.interval;
    if (!r.hours.empty() || !r.minutes.empty() || !r.week_days.empty() || !r.month_days.empty()) {
      key(out, "schedule");
      out << YAML::BeginMap;
      emit_flow_list(out, "hours", r.hours);
      emit_flow_list(out, "minutes", r.minutes);
      emit_flow_list(out, "week_days", r.week_days);
      emit_flow_list(out, "month_days", r.month_days);
      out << YAML::EndMap;
    }
  }
  if (!spec.start_time.empty()) emit_quoted(out, "start_time", spec.start_time);
  if (!spec.end_time.empty()) emit_quoted(out, "end_time", spec.end_time);
  emit_quoted(out, "time_zone", spec.windows_time_zone);
  out << YAML::EndMap;
}

std::string job_in_file(const std::string& job) {
  return job.rfind("azureml:", 0) == 0 ? job : std::string(kJobPathPrefix) + job;
}

// --- parsing ---------------------------------------------------------------------------------

constexpr std::string_view kWhat = "schedule file";

class Reader {
 public:
  [[noreturn]] void fail(const std::string& why) const { throw StatusException(base_.fail(why)); }
  std::string scalar_at(const YAML::Node& node, const char* k, const std::string& path) const {
    return value_or_throw(base_.scalar_at(node, k, path));
  }
  YAML::Node map_at(const YAML::Node& node, const char* k, const std::string& path) const {
    return value_or_throw(base_.map_at(node, k, path));
  }

  std::string required(const YAML::Node& node, const char* k, const std::string& path) const {
    std::string value = scalar_at(node, k, path);
    if (value.empty()) fail(path + "." + k + " is missing");
    return value;
  }

  YAML::Node required_map(const YAML::Node& node, const char* k, const std::string& path) const {
    YAML::Node map = map_at(node, k, path);  // a null node when absent
    if (!map.IsMap()) fail(path + "." + k + " is missing");
    return map;
  }

  int integer(const YAML::Node& node, const std::string& path) const {
    long long value = 0;
    if (!node.IsScalar() || !render::parse_decimal_int(node.Scalar(), INT_MIN, INT_MAX, value)) {
      fail(path + " is not an integer");
    }
    return static_cast<int>(value);
  }

  // An integer or a list of integers (Azure ML accepts both); empty when absent.
  std::vector<int> integers(const YAML::Node& schedule, const char* k, const std::string& path) const {
    std::vector<int> values;
    if (!schedule.IsMap()) return values;
    const YAML::Node node = schedule[k];
    const std::string where = path + "." + k;
    if (!node || node.IsNull()) return values;
    if (node.IsScalar()) return {integer(node, where)};
    if (!node.IsSequence()) fail(where + " is not a list of integers");
    for (const auto& item : node) values.push_back(integer(item, where + "[]"));
    return values;
  }

  // A string or a list of strings; empty when absent.
  std::vector<std::string> strings(const YAML::Node& schedule, const char* k, const std::string& path) const {
    std::vector<std::string> values;
    if (!schedule.IsMap()) return values;
    const YAML::Node node = schedule[k];
    const std::string where = path + "." + k;
    if (!node || node.IsNull()) return values;
    if (node.IsScalar()) return {node.Scalar()};
    if (!node.IsSequence()) fail(where + " is not a list of strings");
    for (const auto& item : node) {
      if (!item.IsScalar()) fail(where + " is not a list of strings");
      values.push_back(item.Scalar());
    }
    return values;
  }

 private:
  render::ManifestReader base_{"not an Azure ML schedule file of this provider"};
};

std::variant<CronExpression, Recurrence> read_rule(const Reader& reader, const YAML::Node& trigger) {
  const std::string type = reader.required(trigger, "type", "trigger");
  if (type == "cron") return value_or_throw(CronExpression::parse(reader.required(trigger, "expression", "trigger")));
  if (type != "recurrence") reader.fail("trigger.type is " + quoted(type) + ", expected cron or recurrence");
  Recurrence r;
  r.frequency = value_or_throw(parse_frequency(reader.required(trigger, "frequency", "trigger")));
  const YAML::Node interval = trigger["interval"];
  if (!interval || interval.IsNull()) reader.fail("trigger.interval is missing");
  r.interval = reader.integer(interval, "trigger.interval");
  const YAML::Node schedule = reader.map_at(trigger, "schedule", "trigger");
  r.hours = reader.integers(schedule, "hours", "trigger.schedule");
  r.minutes = reader.integers(schedule, "minutes", "trigger.schedule");
  r.week_days = reader.strings(schedule, "week_days", "trigger.schedule");
  r.month_days = reader.integers(schedule, "month_days", "trigger.schedule");
  return value_or_throw(canonical(std::move(r)));
}

std::string job_from_file(const Reader& reader, const YAML::Node& doc) {
  const YAML::Node node = doc["create_job"];
  if (node && node.IsMap()) reader.fail("create_job is an inline job; this provider writes a job reference or path");
  std::string job = reader.required(doc, "create_job", "schedule");
  if (job.rfind("azureml:", 0) == 0) return job;
  if (job.rfind(kJobPathPrefix, 0) != 0) {
    invalid("job", "create_job " + quoted(job) + " does not start with \"" + std::string(kJobPathPrefix) +
                       "\" (the repository folder, seen from the schedule file)");
  }
  return job.substr(kJobPathPrefix.size());
}

ScheduleSpec read_spec(std::string_view text) {
  const YAML::Node doc = value_or_throw(render::load_single_document(text, kWhat));
  const Reader reader;
  const std::string schema = reader.scalar_at(doc, "$schema", "schedule");
  if (!schema.empty() && schema != kScheduleSchema) {
    reader.fail("$schema is " + quoted(schema) + ", expected \"" + std::string(kScheduleSchema) + "\"");
  }
  ScheduleSpec spec;
  const YAML::Node tags = reader.required_map(doc, "tags", "schedule");
  spec.root = reader.required(tags, std::string(render::kLabelRoot).c_str(), "tags");
  spec.environment = reader.required(tags, std::string(render::kLabelEnvironment).c_str(), "tags");
  spec.app = reader.required(tags, std::string(render::kLabelApp).c_str(), "tags");

  const std::string azure_name = reader.required(doc, "name", "schedule");
  const std::string prefix = spec.app + "-" + spec.environment + "-";
  if (azure_name.rfind(prefix, 0) != 0) {
    invalid("name", "name " + quoted(azure_name) + " does not start with " + quoted(prefix) +
                        " (\"<app>-<environment>-<name>\" from the tags)");
  }
  spec.name = azure_name.substr(prefix.size());
  spec.display_name = reader.scalar_at(doc, "display_name", "schedule");
  spec.description = reader.scalar_at(doc, "description", "schedule");

  const YAML::Node properties = reader.required_map(doc, "properties", "schedule");
  spec.time_zone = reader.required(properties, std::string(kPropertyTimeZone).c_str(), "properties");
  const std::string enabled = reader.scalar_at(properties, std::string(kPropertyEnabled).c_str(), "properties");
  if (enabled != "true" && enabled != "false" && !enabled.empty()) {
    invalid("enabled", "property " + std::string(kPropertyEnabled) + " is " + quoted(enabled) +
                           "; use \"true\" or \"false\"");
  }
  spec.enabled = enabled != "false";

  const YAML::Node trigger = reader.required_map(doc, "trigger", "schedule");
  spec.rule = read_rule(reader, trigger);
  spec.start_time = reader.scalar_at(trigger, "start_time", "trigger");
  spec.end_time = reader.scalar_at(trigger, "end_time", "trigger");
  spec.windows_time_zone = reader.required(trigger, "time_zone", "trigger");
  spec.job = job_from_file(reader, doc);
  throw_if_error(validate_spec(spec));
  return spec;
}

std::string render(const ScheduleSpec& spec) {
  throw_if_error(validate_spec(spec));
  YAML::Emitter out;
  out.SetIndent(2);
  out << YAML::BeginMap;
  emit_kv(out, "$schema", kScheduleSchema);
  emit_kv(out, "name", value_or_throw(azureml_schedule_name(spec.app, spec.environment, spec.name)));
  if (!spec.display_name.empty()) emit_kv(out, "display_name", spec.display_name);
  if (!spec.description.empty()) emit_kv(out, "description", spec.description);
  key(out, "tags");
  out << YAML::BeginMap;
  emit_kv(out, render::kLabelRoot, spec.root);
  emit_kv(out, render::kLabelEnvironment, spec.environment);
  emit_kv(out, render::kLabelApp, spec.app);
  out << YAML::EndMap;
  key(out, "properties");
  out << YAML::BeginMap;
  emit_kv(out, kPropertyTimeZone, spec.time_zone);
  emit_quoted(out, kPropertyEnabled, spec.enabled ? "true" : "false");
  out << YAML::EndMap;
  emit_trigger(out, spec);
  emit_kv(out, "create_job", job_in_file(spec.job));
  out << YAML::EndMap;
  if (!out.good()) throw StatusException(Status::internal("schedule file: YAML emitter failed: " + out.GetLastError()));
  return std::string(out.c_str()) + "\n";
}

}  // namespace

Result<std::string> render_schedule(const ScheduleSpec& spec) {
  return catch_status([&] { return render(spec); });
}

Result<ScheduleSpec> parse_schedule(std::string_view text) {
  return catch_status([&] {
    try {
      return read_spec(text);
    } catch (const YAML::Exception& e) {
      // Shape surprises yaml-cpp reports while we walk the nodes (e.g. indexing a scalar).
      throw StatusException(
          Status::corruption(std::string(kWhat) + " is not in the expected shape: " + e.what()));
    }
  });
}

}  // namespace aoa::schedule
