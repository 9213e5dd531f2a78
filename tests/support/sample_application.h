// A child Application file of app "app-<i>" in ml/dev, as the provider renders it, for tests and
// benchmarks that need many of them.
#pragma once

#include <string>

#include "internal/gitops/repo_layout.h"
#include "internal/render/child_application.h"

namespace aoa::testing {

// `dependency` < 0: none; else the app depends on "app-<dependency>".
inline std::string sample_application(int i, int wave, int dependency, const std::string& version = "1") {
  render::ChildApplicationSpec s;
  s.root = "ml";
  s.environment = "dev";
  s.app = "app-" + std::to_string(i);
  s.owner = "team";
  s.cluster = "aks-dev";
  s.namespace_ = "ns-" + std::to_string(i);
  s.argocd_namespace = "argocd";
  s.repo_url = "file:///tmp/gitops";
  s.target_revision = "main";
  s.source_path = gitops::layout::workload_dir("ml", "dev", s.app);
  s.sync_wave = wave;
  if (dependency >= 0) s.depends_on = {"app-" + std::to_string(dependency)};
  s.model = "m" + std::to_string(i) + ":" + version;
  return render::render_child_application(s).value();
}

}  // namespace aoa::testing
