// Where the `graph` command looks when --repository is not given: the repository that the
// Terraform configuration in a directory configures (`provider "appofapps" { repository { url,
// branch, path } }` in its *.tf files), else the embedded default ./gitops. A deliberately small
// reader of HCL: it finds literal strings only; a url built from variables or functions is an
// error that asks for --repository, never a guess.
#pragma once

#include <optional>
#include <string>

#include "internal/status/status.h"

namespace aoa::provider {

struct ConfiguredRepository {
  std::string url;     // as written; relative paths are relative to the configuration directory
  std::string branch;  // "" when not set
  std::string path;    // "" when not set
  std::string file;    // the .tf file that sets it
};

// The repository block of the (unaliased) appofapps provider in `text`, one file's content;
// nullopt when the file has none. kInvalidArgument when a url, branch or path is not a literal.
Result<std::optional<ConfiguredRepository>> repository_in_hcl(const std::string& text);

// The same over every *.tf file of `dir`, in name order; the first file with a repository block
// wins. nullopt: no file configures one (the provider then uses ./gitops).
Result<std::optional<ConfiguredRepository>> configured_repository(const std::string& dir);

}  // namespace aoa::provider
