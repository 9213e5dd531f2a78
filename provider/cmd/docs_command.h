// `terraform-provider-appofapps docs`: writes the documentation pages (docs/index.md,
// docs/resources/<name>.md, docs/data-sources/<name>.md, docs/functions/<name>.md) from the
// provider's schema and function signatures merged with
// the hand-written templates under templates/ and the example files under examples/
// (docs_render.h). Guides (docs/guides/) are hand-written and not touched.
#pragma once

namespace aoa::provider {

// argv[0] is the program, argv[1] == "docs". Arguments: --out <dir> (required) and
// --source <dir> (the repository root holding templates/ and examples/; default ".").
// Exit codes: 0 written; 1 a page could not be generated (missing template or example file,
// bad placeholder, unwritable output; the message names it); 2 bad arguments (usage on stderr).
int run_docs_command(int argc, char** argv);

}  // namespace aoa::provider
