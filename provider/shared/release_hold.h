// Whether an environment's changes are held for its appofapps_release. They are when the release
// has recorded itself in the repository (layout::release_file) and the provider keeps a release
// journal, and also when the release is created in this very run: its plan notes that it will
// publish (note_release_planned), so the apps applied before it hold their changes too and a
// release created with its apps is one commit as well. The apps of such an environment hold their
// changes (runtime::ApplyStep::stage with the key), and the release publishes them as one commit.
#pragma once

#include <string>

#include "provider/shared/provider_context.h"

namespace aoa::provider {

// "<root>/<environment>": how the release journal and the group committer name a release.
std::string release_key(const std::string& root, const std::string& environment);

// The release key when the environment's changes are held for its release, else "".
std::string held_for_release(const ProviderContext& ctx, const std::string& root, const std::string& environment);

// Called by the release's plan when its apply will publish: notes, in the local cache
// (provider/shared/local_cache.h), the Terraform run (provider/shared/terraform_run.h) and the
// branch tip. held_for_release honours the note in the apply of the same run (or of the saved plan
// it made) while the branch is at that tip. Best effort: without the note the apps commit on their
// own and the release publishes only its record, as before.
void note_release_planned(const ProviderContext& ctx, const std::string& root, const std::string& environment);

}  // namespace aoa::provider
