#include "provider/shared/release_hold.h"

#include <nlohmann/json.hpp>

#include "internal/gitops/repo_layout.h"
#include "internal/protocol/log.h"
#include "provider/shared/local_cache.h"
#include "provider/shared/terraform_run.h"

namespace aoa::provider {
namespace {

std::filesystem::path note_file(const ProviderContext& ctx, const std::string& root, const std::string& environment) {
  return local_cache_file("releases",
                          ctx.identity + '\n' + ctx.branch + '\n' + ctx.subpath + '\n' + root + '\n' + environment);
}

// The release of this environment planned to publish in the run this provider serves.
bool release_planned_for_this_run(const ProviderContext& ctx, const std::string& root, const std::string& environment) {
  const nlohmann::json note = nlohmann::json::parse(read_cache_file(note_file(ctx, root, environment)), nullptr, false);
  if (!note.is_object() || note.value("tip", "") != ctx.configured_tip) return false;
  const std::string run = terraform_run_id();
  return (!run.empty() && note.value("run", "") == run) || applying_saved_plan();
}

}  // namespace

std::string release_key(const std::string& root, const std::string& environment) { return root + "/" + environment; }

std::string held_for_release(const ProviderContext& ctx, const std::string& root, const std::string& environment) {
  if (!ctx.group || !ctx.group->has_journal()) return "";
  if (!ctx.store->read(gitops::layout::release_file(root, environment)) &&
      !release_planned_for_this_run(ctx, root, environment))
    return "";
  return release_key(root, environment);
}

void note_release_planned(const ProviderContext& ctx, const std::string& root, const std::string& environment) {
  if (!ctx.group || !ctx.group->has_journal()) return;
  const nlohmann::json note{{"tip", ctx.configured_tip}, {"run", terraform_run_id()}};
  if (!write_cache_file(note_file(ctx, root, environment), note.dump()))
    log::debug("release note not saved", {{"root", root}, {"environment", environment}});
}

}  // namespace aoa::provider
