// The provider's one clock: what "now" is for schedules' next runs, audit record times, soak
// times, promotion windows and freezes. Everything that decides by time reads it here, so tests
// can move it.
//
// AOA_TEST_NOW (tests only; documented as such in docs/guides/safe-releases.md): an RFC 3339
// instant ("2026-12-01T09:00:00Z", or with an offset) that replaces the wall clock for the whole
// provider process. Terraform passes its own environment to the provider, so an end-to-end test
// sets it on the `terraform` command. An unreadable value is ignored (the wall clock is used)
// and logged once as a warning.
#pragma once

#include <date/date.h>

namespace aoa::provider {

date::sys_seconds now_seconds();

}  // namespace aoa::provider
