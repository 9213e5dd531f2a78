#include "internal/schedule/schedule_spec.h"

#include "internal/render/k8s_names.h"
#include "internal/schedule/quoted.h"
#include "internal/schedule/time_parse.h"
#include "internal/schedule/time_zone.h"

namespace aoa::schedule {
namespace {

constexpr size_t kMaxNameLength = 127;
constexpr size_t kMaxJobLength = 1024;

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

Status check_label(std::string_view value, const char* field) {
  if (render::is_dns1123_label(value)) return {};
  return Status::invalid_argument(std::string(field) + " " + quoted(value) +
                                      " must be a DNS-1123 label: 1-63 lower-case letters, digits or '-', starting "
                                      "and ending with a letter or digit",
                                  field);
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

Status bad_job(std::string_view job, const std::string& why) {
  return Status::invalid_argument("job " + quoted(job) + " " + why +
                                      "; use \"azureml:<job name>\" or a pipeline YAML path relative to the "
                                      "repository folder, e.g. \"pipelines/retrain.yml\"",
                                  "job");
}

Result<std::optional<date::sys_seconds>> time_or_none(const std::string& text, const date::time_zone* zone,
                                                      std::string_view field) {
  if (text.empty()) return std::optional<date::sys_seconds>();
  if (!is_local_time_text(text)) {
    return Status::invalid_argument(
        std::string(field) + " " + quoted(text) + " must be a local time \"YYYY-MM-DDTHH:MM:SS\" in time_zone",
        std::string(field));
  }
  AOA_ASSIGN_OR_RETURN(const date::sys_seconds t, parse_time(text, zone, field));
  return std::optional<date::sys_seconds>(t);
}

}  // namespace

Status validate_schedule_name(std::string_view name) {
  constexpr std::string_view kRule = "1-127 letters, digits, '-' or '_', starting with a letter";
  if (name.empty()) return Status::invalid_argument("name must not be empty; use " + std::string(kRule), "name");
  if (name.size() > kMaxNameLength) {
    return Status::invalid_argument(
        "name is " + std::to_string(name.size()) + " characters long; use " + std::string(kRule), "name");
  }
  if (!is_letter(name.front())) {
    return Status::invalid_argument("name " + quoted(name) + " must start with a letter; use " + std::string(kRule),
                                    "name");
  }
  for (char c : name) {
    if (!is_letter(c) && !is_digit(c) && c != '-' && c != '_') {
      return Status::invalid_argument(
          "name " + quoted(name) + " contains " + quoted(std::string_view(&c, 1)) + "; use " + std::string(kRule),
          "name");
    }
  }
  return {};
}

Result<std::string> azureml_schedule_name(std::string_view app, std::string_view environment, std::string_view name) {
  AOA_RETURN_IF_ERROR(check_label(app, "app"));
  AOA_RETURN_IF_ERROR(check_label(environment, "environment"));
  AOA_RETURN_IF_ERROR(validate_schedule_name(name));
  if (!is_letter(app.front())) {
    return Status::invalid_argument("the Azure ML schedule name \"<app>-<environment>-<name>\" must start with a "
                                    "letter, but app " + quoted(app) + " starts with a digit",
                                    "app");
  }
  return std::string(app) + "-" + std::string(environment) + "-" + std::string(name);
}

Status validate_schedule_identity(std::string_view root, std::string_view environment, std::string_view app,
                                  std::string_view name) {
  AOA_RETURN_IF_ERROR(check_label(root, "root"));
  AOA_RETURN_IF_ERROR(check_label(environment, "environment"));
  AOA_RETURN_IF_ERROR(check_label(app, "app"));
  return validate_schedule_name(name);
}

Status validate_job(std::string_view job) {
  if (job.empty()) return bad_job(job, "is empty");
  if (job.size() > kMaxJobLength) return bad_job(job, "is too long (at most 1024 characters)");
  for (char c : job) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return bad_job(job, "contains a control character");
  }
  constexpr std::string_view kAzureMl = "azureml:";
  if (job.substr(0, kAzureMl.size()) == kAzureMl) {
    const std::string_view rest = job.substr(kAzureMl.size());
    if (rest.empty() || rest.find_first_of(" /\\") != std::string_view::npos) return bad_job(job, "does not name a job");
    return {};
  }
  if (job.front() == '/' || job.find('\\') != std::string_view::npos ||
      (job.size() >= 2 && is_letter(job[0]) && job[1] == ':')) {
    return bad_job(job, "is not a relative path");
  }
  size_t begin = 0;
  while (true) {
    const size_t slash = job.find('/', begin);
    const std::string_view segment = job.substr(begin, slash == std::string_view::npos ? slash : slash - begin);
    if (segment.empty() || segment == "." || segment == "..") {
      return bad_job(job, "has an empty, \".\" or \"..\" segment");
    }
    if (slash == std::string_view::npos) break;
    begin = slash + 1;
  }
  if (!ends_with(job, ".yml") && !ends_with(job, ".yaml")) return bad_job(job, "is not a .yml or .yaml file");
  return {};
}

Status validate_spec(const ScheduleSpec& spec) {
  AOA_RETURN_IF_ERROR(check_label(spec.root, "root"));
  AOA_RETURN_IF_ERROR(azureml_schedule_name(spec.app, spec.environment, spec.name).status());
  if (const auto* recurrence = std::get_if<Recurrence>(&spec.rule)) AOA_RETURN_IF_ERROR(validate(*recurrence));
  AOA_ASSIGN_OR_RETURN(const date::time_zone* zone, locate_zone(spec.time_zone));
  bool printable = !spec.windows_time_zone.empty() && spec.windows_time_zone.size() <= 128;
  for (char c : spec.windows_time_zone) printable = printable && c >= 0x20 && c < 0x7f;
  if (!printable) {
    return Status::invalid_argument("the Windows time zone " + quoted(spec.windows_time_zone) +
                                        " is not a Windows time zone name such as \"W. Europe Standard Time\"",
                                    "windows_time_zone");
  }
  Trigger trigger;
  trigger.rule = spec.rule;
  trigger.zone = zone;
  AOA_ASSIGN_OR_RETURN(trigger.start, time_or_none(spec.start_time, zone, "start_time"));
  AOA_ASSIGN_OR_RETURN(trigger.end, time_or_none(spec.end_time, zone, "end_time"));
  if (trigger.start && trigger.end) AOA_RETURN_IF_ERROR(validate(trigger));
  return validate_job(spec.job);
}

Result<Trigger> make_trigger(const ScheduleSpec& spec) {
  Trigger trigger;
  trigger.rule = spec.rule;
  AOA_ASSIGN_OR_RETURN(trigger.zone, locate_zone(spec.time_zone));
  AOA_ASSIGN_OR_RETURN(trigger.start, time_or_none(spec.start_time, trigger.zone, "start_time"));
  AOA_ASSIGN_OR_RETURN(trigger.end, time_or_none(spec.end_time, trigger.zone, "end_time"));
  trigger.enabled = spec.enabled;
  return trigger;
}

}  // namespace aoa::schedule
