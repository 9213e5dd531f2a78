#include "provider/shared/release_hold.h"

#include "internal/gitops/repo_layout.h"

namespace aoa::provider {

std::string release_key(const std::string& root, const std::string& environment) { return root + "/" + environment; }

std::string held_for_release(const ProviderContext& ctx, const std::string& root, const std::string& environment) {
  if (!ctx.group || !ctx.group->has_journal()) return "";
  if (!ctx.store->read(gitops::layout::release_file(root, environment))) return "";
  return release_key(root, environment);
}

}  // namespace aoa::provider
