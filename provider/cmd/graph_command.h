// `terraform-provider-appofapps graph`: prints the release graph of one root + environment as
// committed in a GitOps repository (text, Graphviz DOT or JSON). Reads the branch tip; never
// writes to the repository.
#pragma once

namespace aoa::provider {

// argv[0] is the program, argv[1] == "graph". Output on stdout, messages on stderr.
// Exit codes: 0 printed; 1 repository missing/unreadable, no apps, or a dependency cycle (the
// graph is still printed); 2 bad or missing arguments (usage on stderr).
int run_graph_command(int argc, char** argv);

}  // namespace aoa::provider
