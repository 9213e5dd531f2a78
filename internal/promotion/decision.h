// decide(): whether a promotion may happen, what the target environment runs afterwards, in
// which order, and the evidence. Pure: same request and context -> same decision.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "internal/promotion/context.h"
#include "internal/promotion/evidence.h"
#include "internal/promotion/request.h"
#include "schema/diagnostics.h"

namespace aoa::promotion {

struct Decision {
  enum Status { Promoted, Held };
  Status status = Promoted;
  // What the target runs after the decision, per bundle app: the requested versions when
  // promoted, versions_before when held (apps with nothing to keep are absent).
  std::map<std::string, std::string> approved_versions;
  std::map<std::string, std::string> versions_before;  // target's current version per bundle app, absent if none
  std::vector<std::string> order;                      // bundle apps in planner order (wave, then name)
  bool rollback = false;                               // some app goes to a lower version
  std::vector<std::string> rolled_back_apps;           // sorted
  std::vector<std::string> skipped_environments;       // in order (allow_skip)
  std::vector<GateEvidence> evidence;                  // by gate, then app
  schema::Diagnostics diagnostics;                     // paths are attributes of appofapps_promotion
};

// Checks every rule and reports every problem (not only the first); when there are errors the
// decision is still filled as far as possible, and the provider fails the plan. The rules:
//  1. from and to are environments of the root; to comes after from and is the next one unless
//     allow_skip (the skipped ones are listed).                          paths: from, to
//  2. versions is not empty; each version runs in from (except a rollback with history, 6).
//                                                                        path: versions["app"]
//  3. every gate check of every app it applies to, against the registry record of the app's
//     model (as run in from; in to when the app is not in from) and version; a missing record
//     is an error at versions["app"], a missing metric a gate failure.   paths: gate[i]…
//  4. failures are errors at gate[i] (on_gate_failure = error), or one warning and status Held
//     for the whole bundle (hold); holding an app that does not run in to is an error.
//  5. a protected target needs approval { approved_by, ticket }.         paths: approval…
//  6. an app whose version compares lower than the one in to (registry::compare_versions) is
//     rolled back; when the history shows that version was promoted to `to` before, its gate
//     failures are waived and it need not run in from.
//  7. each dependency of a bundle app (depends_on in from) is in the bundle or runs in to at
//     the version it runs in from.                                        path: versions["app"]
//  8. order: planner waves over the from environment, then name.
Decision decide(const PromotionRequest& request, const PromotionContext& context);

}  // namespace aoa::promotion
