// Rule 7: a bundle app's dependencies travel with it or are already in the target at the version
// the app was tested with in the source environment.
#include "internal/promotion/decide_steps.h"

namespace aoa::promotion::detail {

void check_dependencies(DecideState& s) {
  const std::string& from = s.request.from;
  const std::string& to = s.request.to;
  for (const auto& [app, version] : s.request.versions) {
    // An app that is not in from (a rollback with history) has no tested-with set to check.
    const auto source = s.context.from_apps.find(app);
    if (source == s.context.from_apps.end()) continue;
    std::set<std::string> seen;
    for (const auto& dep : source->second.depends_on) {
      if (!seen.insert(dep).second || s.request.versions.contains(dep)) continue;
      const auto dep_from = s.context.from_apps.find(dep);
      const auto dep_to = s.context.to_apps.find(dep);
      if (dep_from != s.context.from_apps.end() && dep_to != s.context.to_apps.end() &&
          dep_from->second.version == dep_to->second.version) {
        continue;
      }
      const std::string in_to = dep_to == s.context.to_apps.end()
                                    ? to + " has no \"" + dep + "\""
                                    : to + " runs \"" + dep + "\" " + dep_to->second.version;
      if (dep_from == s.context.from_apps.end()) {
        s.decision.diagnostics.error(
            "\"" + app + "\" depends on \"" + dep + "\", which is not deployed in " + from,
            "\"" + app + "\" was not tested with any version of \"" + dep + "\" in " + from + "; " + in_to +
                ". Deploy \"" + dep + "\" to " + from + " or remove the dependency.",
            version_path(app));
        continue;
      }
      const std::string& tested = dep_from->second.version;
      s.decision.diagnostics.error(
          "\"" + app + "\" depends on \"" + dep + "\", which " + to + " does not run at version " + tested,
          "In " + from + ", \"" + app + "\" runs with \"" + dep + "\" " + tested + "; " + in_to +
              ". Add \"" + dep + "\" = \"" + tested + "\" to versions (the bundle), or promote it to " + to + " first.",
          version_path(app));
    }
  }
}

}  // namespace aoa::promotion::detail
