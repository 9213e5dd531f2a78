#include "provider/shared/terraform_run.h"

#include <unistd.h>

#include <fstream>
#include <iterator>
#include <sstream>
#include <vector>

namespace aoa::provider {
namespace {

std::string read_proc(const std::string& file) {
  std::ifstream in("/proc/" + std::to_string(::getppid()) + "/" + file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

namespace {

std::string parent_run_id() {
  // /proc/<pid>/stat: "pid (comm) state ppid …", field 22 is the start time. comm may hold spaces
  // and parentheses, so fields are counted after the last ')'.
  const std::string stat = read_proc("stat");
  const size_t close = stat.rfind(')');
  if (close == std::string::npos) return "";
  std::istringstream fields(stat.substr(close + 1));
  std::string field;
  for (int i = 3; i <= 22; ++i)
    if (!(fields >> field)) return "";
  return std::to_string(::getppid()) + ":" + field;
}

bool parent_applies_saved_plan() {
  const std::string cmdline = read_proc("cmdline");
  std::vector<std::string> args;
  for (size_t start = 0; start < cmdline.size();) {
    const size_t end = cmdline.find('\0', start);
    args.push_back(cmdline.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return is_saved_plan_apply(args);
}

}  // namespace

bool is_saved_plan_apply(const std::vector<std::string>& argv) {
  // An argument after `apply` that is not an option is the plan file (options take their values
  // with `=` in every documented form).
  bool after_apply = false;
  for (size_t i = 1; i < argv.size(); ++i) {
    if (!after_apply) {
      after_apply = argv[i] == "apply";
      continue;
    }
    if (!argv[i].empty() && argv[i][0] != '-') return true;
  }
  return false;
}

// The parent does not change during the process's life: read once.
std::string terraform_run_id() {
  static const std::string id = parent_run_id();
  return id;
}

bool applying_saved_plan() {
  static const bool saved = parent_applies_saved_plan();
  return saved;
}

}  // namespace aoa::provider
