// terraform-provider-appofapps: started by Terraform it serves the plugin protocol; started by a
// person it explains itself and runs the commands for people (`graph`, `docs`).
#include <cstdio>
#include <cstring>

#include "build_info.h"  // generated: AOA_VERSION, AOA_COMMIT, AOA_PROTOCOL_VERSION
#include "internal/protocol/plugin_server.h"
#include "provider/appofapps_provider.h"
#include "provider/cmd/docs_command.h"
#include "provider/cmd/graph_command.h"

int main(int argc, char** argv) {
  if (argc > 1 && (std::strcmp(argv[1], "--version") == 0 || std::strcmp(argv[1], "version") == 0)) {
    std::printf("terraform-provider-appofapps %s\ncommit %s\nplugin protocol %s\n", AOA_VERSION, AOA_COMMIT,
                AOA_PROTOCOL_VERSION);
    return 0;
  }
  if (argc > 1 && (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0 ||
                   std::strcmp(argv[1], "help") == 0)) {
    std::printf(
        "terraform-provider-appofapps %s\n\n"
        "A Terraform/OpenTofu provider; terraform starts it. Commands for people:\n"
        "  graph       print the release graph of a root and environment from a GitOps\n"
        "              repository (text, json, dot or mermaid); `graph --help` for its\n"
        "              arguments\n"
        "  docs        write the documentation pages from the schema and templates/;\n"
        "              `docs --help` for its arguments\n"
        "  --version   print the version, the commit it was built from and the plugin\n"
        "              protocol version\n"
        "  --help      this text\n",
        AOA_VERSION);
    return 0;
  }
  if (argc > 1 && std::strcmp(argv[1], "graph") == 0) return aoa::provider::run_graph_command(argc, argv);
  if (argc > 1 && std::strcmp(argv[1], "docs") == 0) return aoa::provider::run_docs_command(argc, argv);
  aoa::provider::AppofappsProvider provider;
  return aoa::protocol::serve(provider);
}
