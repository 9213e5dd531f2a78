// Runs the real terraform CLI against the built provider in a scratch directory (dev_overrides
// through TF_CLI_CONFIG_FILE; never a registry). Used by every end-to-end test.
#pragma once

#include <string>
#include <vector>

namespace aoa::e2e {

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr, interleaved
};

// Runs `command` through /bin/sh in `dir` with extra environment assignments; output captured.
CommandResult run(const std::string& command, const std::string& dir, const std::vector<std::string>& env = {});

class TerraformWorkspace {
 public:
  // Creates a fresh directory under the test temp dir with a CLI config pointing at the provider.
  explicit TerraformWorkspace(const std::string& name);
  ~TerraformWorkspace();

  const std::string& dir() const { return dir_; }
  // Replaces the CLI configuration (dev_overrides) with `content`, e.g. a provider_installation
  // with a filesystem_mirror, as a user installing a release writes it.
  void set_cli_config(const std::string& content) const;
  void write_file(const std::string& relative, const std::string& content) const;
  std::string read_file(const std::string& relative) const;

  // `terraform <args>` in the workspace (no colour, no input).
  CommandResult terraform(const std::string& args) const;
  // `git <args>` in the workspace's GitOps repository (./gitops unless given).
  CommandResult git(const std::string& args, const std::string& repo = "gitops") const;

 private:
  std::string dir_;
  std::string cli_config_;
};

// HCL: the appofapps provider and a root "ml" with one environment "dev" (cluster aks-dev).
std::string provider_with_dev_root();

// Empty when terraform can be used; otherwise why not (the caller fails, or skips when
// AOA_SKIP_E2E=1 says so explicitly).
std::string terraform_unavailable_reason();

}  // namespace aoa::e2e

// Fails (or skips, with AOA_SKIP_E2E=1) when terraform is missing.
#define AOA_REQUIRE_TERRAFORM()                                                              \
  do {                                                                                       \
    std::string why_ = ::aoa::e2e::terraform_unavailable_reason();                           \
    if (!why_.empty()) {                                                                     \
      const char* skip_ = std::getenv("AOA_SKIP_E2E");                                      \
      if (skip_ != nullptr && std::string(skip_) == "1") GTEST_SKIP() << why_;               \
      FAIL() << why_ << " (set AOA_SKIP_E2E=1 to skip the end-to-end tests explicitly)";    \
    }                                                                                        \
  } while (0)
