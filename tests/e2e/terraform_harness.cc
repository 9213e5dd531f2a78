#include "tests/e2e/terraform_harness.h"

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace aoa::e2e {
namespace fs = std::filesystem;

namespace {
std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}
}  // namespace

namespace {

// Under ASan the provider processes inherit this: see provider-lsan.supp for the suppressions.
std::string provider_lsan_options() {
  const char* lsan = std::getenv("LSAN_OPTIONS");
  return std::string(lsan != nullptr ? lsan : "") + (lsan != nullptr && *lsan ? ":" : "") +
         "print_suppressions=0:suppressions=" + AOA_SOURCE_DIR + "/tests/e2e/provider-lsan.supp";
}

}  // namespace

CommandResult run(const std::string& command, const std::string& dir, const std::vector<std::string>& env) {
  std::string full = "cd " + shell_quote(dir) + " && ";
  // Every command a test runs may start the provider (terraform with its own environment, the
  // binary itself): all of them get the provider's LeakSanitizer suppressions unless they set theirs.
  bool lsan = false;
  for (const auto& e : env) lsan = lsan || e.rfind("LSAN_OPTIONS=", 0) == 0;
  if (!lsan) full += "export " + shell_quote("LSAN_OPTIONS=" + provider_lsan_options()) + "; ";
  for (const auto& e : env) full += "export " + shell_quote(e) + "; ";
  full += command + " 2>&1";
  CommandResult r;
  FILE* pipe = ::popen(full.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("popen failed");
  std::array<char, 4096> buf;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) r.output.append(buf.data(), n);
  int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string provider_with_dev_root() {
  return R"(
terraform {
  required_providers {
    appofapps = { source = "appofapps/appofapps" }
  }
}
provider "appofapps" {}
resource "appofapps_root" "ml" {
  name = "ml"
  environment {
    name      = "dev"
    cluster   = "aks-dev"
    namespace = "ml-dev"
  }
}
)";
}

std::string terraform_unavailable_reason() {
  CommandResult r = run("command -v terraform >/dev/null && terraform version", "/");
  if (r.exit_code != 0) return "terraform is not on PATH: the end-to-end tests need the real terraform CLI";
  return "";
}

TerraformWorkspace::TerraformWorkspace(const std::string& name) {
  fs::path base = fs::temp_directory_path() / ("aoa-e2e-" + std::to_string(::getpid()));
  fs::path d = base / name;
  fs::remove_all(d);
  fs::create_directories(d);
  dir_ = d.string();
  cli_config_ = (d / "dev.tfrc").string();
  std::ofstream(cli_config_) << "provider_installation {\n  dev_overrides {\n    \"appofapps/appofapps\" = \""
                             << AOA_PROVIDER_DIR << "\"\n  }\n  direct {}\n}\n";
}

TerraformWorkspace::~TerraformWorkspace() {
  if (std::getenv("AOA_KEEP_E2E") == nullptr) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
}

void TerraformWorkspace::set_cli_config(const std::string& content) const { std::ofstream(cli_config_) << content; }

void TerraformWorkspace::write_file(const std::string& relative, const std::string& content) const {
  fs::path p = fs::path(dir_) / relative;
  fs::create_directories(p.parent_path());
  std::ofstream(p) << content;
}

std::string TerraformWorkspace::read_file(const std::string& relative) const {
  std::ifstream in(fs::path(dir_) / relative);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

CommandResult TerraformWorkspace::terraform(const std::string& args) const {
  return run("terraform " + args, dir_,
             {"TF_CLI_CONFIG_FILE=" + cli_config_, "TF_IN_AUTOMATION=1", "TF_INPUT=0", "NO_COLOR=1",
              "CHECKPOINT_DISABLE=1", "TF_LOG="});
}

CommandResult TerraformWorkspace::git(const std::string& args, const std::string& repo) const {
  return run("git -C " + shell_quote(repo) + " " + args, dir_,
             {"GIT_AUTHOR_NAME=Hand Editor", "GIT_AUTHOR_EMAIL=hand@example.com", "GIT_COMMITTER_NAME=Hand Editor",
              "GIT_COMMITTER_EMAIL=hand@example.com"});
}

}  // namespace aoa::e2e
