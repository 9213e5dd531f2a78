// Whether an environment's changes are held for its appofapps_release: the release has recorded
// itself in the repository (layout::release_file) and the provider keeps a release journal. The
// apps of such an environment hold their changes (runtime::ApplyStep::stage with the key), and the
// release publishes them as one commit.
#pragma once

#include <string>

#include "provider/shared/provider_context.h"

namespace aoa::provider {

// "<root>/<environment>": how the release journal and the group committer name a release.
std::string release_key(const std::string& root, const std::string& environment);

// The release key when the environment's changes are held for its release, else "".
std::string held_for_release(const ProviderContext& ctx, const std::string& root, const std::string& environment);

}  // namespace aoa::provider
