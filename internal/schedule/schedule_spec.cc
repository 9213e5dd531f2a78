#include "internal/schedule/schedule_spec.h"

#include "internal/render/k8s_names.h"
#include "internal/schedule/schedule_error.h"
#include "internal/schedule/time_parse.h"
#include "internal/schedule/time_zone.h"

namespace aoa::schedule {
namespace {

constexpr size_t kMaxNameLength = 127;
constexpr size_t kMaxJobLength = 1024;

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

void check_label(std::string_view value, const char* field) {
  if (!render::is_dns1123_label(value)) {
    throw ScheduleError(field, std::string(field) + " " + quoted(value) +
                                   " must be a DNS-1123 label: 1-63 lower-case letters, digits or '-', starting "
                                   "and ending with a letter or digit");
  }
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

[[noreturn]] void bad_job(std::string_view job, const std::string& why) {
  throw ScheduleError("job", "job " + quoted(job) + " " + why +
                                 "; use \"azureml:<job name>\" or a pipeline YAML path relative to the repository "
                                 "folder, e.g. \"pipelines/retrain.yml\"");
}

std::optional<date::sys_seconds> time_or_none(const std::string& text, const date::time_zone* zone,
                                              std::string_view field) {
  if (text.empty()) return std::nullopt;
  if (!is_local_time_text(text)) {
    throw ScheduleError(std::string(field), std::string(field) + " " + quoted(text) +
                                                " must be a local time \"YYYY-MM-DDTHH:MM:SS\" in time_zone");
  }
  return parse_time(text, zone, field);
}

}  // namespace

void validate_schedule_name(std::string_view name) {
  constexpr std::string_view kRule = "1-127 letters, digits, '-' or '_', starting with a letter";
  if (name.empty()) throw ScheduleError("name", "name must not be empty; use " + std::string(kRule));
  if (name.size() > kMaxNameLength) {
    throw ScheduleError("name", "name is " + std::to_string(name.size()) + " characters long; use " +
                                    std::string(kRule));
  }
  if (!is_letter(name.front())) {
    throw ScheduleError("name", "name " + quoted(name) + " must start with a letter; use " + std::string(kRule));
  }
  for (char c : name) {
    if (!is_letter(c) && !is_digit(c) && c != '-' && c != '_') {
      throw ScheduleError("name", "name " + quoted(name) + " contains " + quoted(std::string_view(&c, 1)) + "; use " +
                                      std::string(kRule));
    }
  }
}

std::string azureml_schedule_name(std::string_view app, std::string_view environment, std::string_view name) {
  check_label(app, "app");
  check_label(environment, "environment");
  validate_schedule_name(name);
  if (!is_letter(app.front())) {
    throw ScheduleError("app", "the Azure ML schedule name \"<app>-<environment>-<name>\" must start with a letter, "
                               "but app " + quoted(app) + " starts with a digit");
  }
  return std::string(app) + "-" + std::string(environment) + "-" + std::string(name);
}

void validate_schedule_identity(std::string_view root, std::string_view environment, std::string_view app,
                                std::string_view name) {
  check_label(root, "root");
  check_label(environment, "environment");
  check_label(app, "app");
  validate_schedule_name(name);
}

void validate_job(std::string_view job) {
  if (job.empty()) bad_job(job, "is empty");
  if (job.size() > kMaxJobLength) bad_job(job, "is too long (at most 1024 characters)");
  for (char c : job) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) bad_job(job, "contains a control character");
  }
  constexpr std::string_view kAzureMl = "azureml:";
  if (job.substr(0, kAzureMl.size()) == kAzureMl) {
    const std::string_view rest = job.substr(kAzureMl.size());
    if (rest.empty() || rest.find_first_of(" /\\") != std::string_view::npos) bad_job(job, "does not name a job");
    return;
  }
  if (job.front() == '/' || job.find('\\') != std::string_view::npos ||
      (job.size() >= 2 && is_letter(job[0]) && job[1] == ':')) {
    bad_job(job, "is not a relative path");
  }
  size_t begin = 0;
  while (true) {
    const size_t slash = job.find('/', begin);
    const std::string_view segment = job.substr(begin, slash == std::string_view::npos ? slash : slash - begin);
    if (segment.empty() || segment == "." || segment == "..") bad_job(job, "has an empty, \".\" or \"..\" segment");
    if (slash == std::string_view::npos) break;
    begin = slash + 1;
  }
  if (!ends_with(job, ".yml") && !ends_with(job, ".yaml")) bad_job(job, "is not a .yml or .yaml file");
}

void validate_spec(const ScheduleSpec& spec) {
  check_label(spec.root, "root");
  azureml_schedule_name(spec.app, spec.environment, spec.name);
  if (const auto* recurrence = std::get_if<Recurrence>(&spec.rule)) validate(*recurrence);
  const date::time_zone* zone = locate_zone(spec.time_zone);
  bool printable = !spec.windows_time_zone.empty() && spec.windows_time_zone.size() <= 128;
  for (char c : spec.windows_time_zone) printable = printable && c >= 0x20 && c < 0x7f;
  if (!printable) {
    throw ScheduleError("windows_time_zone", "the Windows time zone " + quoted(spec.windows_time_zone) +
                                                 " is not a Windows time zone name such as \"W. Europe Standard Time\"");
  }
  Trigger trigger;
  trigger.rule = spec.rule;
  trigger.zone = zone;
  trigger.start = time_or_none(spec.start_time, zone, "start_time");
  trigger.end = time_or_none(spec.end_time, zone, "end_time");
  if (trigger.start && trigger.end) validate(trigger);
  validate_job(spec.job);
}

Trigger make_trigger(const ScheduleSpec& spec) {
  Trigger trigger;
  trigger.rule = spec.rule;
  trigger.zone = locate_zone(spec.time_zone);
  trigger.start = time_or_none(spec.start_time, trigger.zone, "start_time");
  trigger.end = time_or_none(spec.end_time, trigger.zone, "end_time");
  trigger.enabled = spec.enabled;
  return trigger;
}

}  // namespace aoa::schedule
