// Documentation pages from the provider's schema: the generated argument and attribute reference
// of a schema block, and the tiny template language that merges it with hand-written prose and
// example files. Pure: no file system access (files come in through a reader), no globals.
//
// Template placeholders (anything else between `{{` and `}}` is an error):
//   {{ .SchemaMarkdown }}              the reference of the page's schema (schema_markdown below)
//   {{ tffile "<path>" }}              the file as a ```terraform code block
//   {{ codefile "<lang>" "<path>" }}   the file as a ```<lang> code block
// Paths are relative to the source directory (the repository root). A placeholder that only spaces
// precede on its line (say, inside a list item) has every line of its expansion indented alike.
#pragma once

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

#include "schema/function.h"
#include "schema/schema.h"

namespace aoa::provider::docs {

// A page that cannot be generated; what() names the template and, where there is one, the file
// or placeholder at fault.
struct DocsError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// What kind of object the schema describes: resources say when a change replaces them.
enum class SchemaKind { Provider, Resource, DataSource };

// The reference of `block` as Markdown, starting with "## Argument reference":
// * arguments grouped under "### Required" and "### Optional" (optional+computed is optional),
//   then each nested block (recursively, in schema order) under "### `path` block" with its
//   description and its own required/optional/read-only lists;
// * "## Attribute reference" with the computed-only attributes.
// Each entry reads "* `name` (Type[, sensitive]) Description." followed by what the schema
// declares: the default (`default_value`, unless the description already says "Default"), each
// rule with its error summary, a string limit other than the usual one, and "Changing it
// replaces the resource." for `requires_replace` (unless the description already says "replaces").
// Blocks show their nesting and item limits.
std::string schema_markdown(const schema::Block& block, SchemaKind kind);

// The reference of a provider function, what {{ .SchemaMarkdown }} expands to on its page:
// "## Signature" (a text block `name(param type, …) return type`, types in lower case),
// "## Arguments" (a numbered list "1. `param` (Type) Description." in call order) and
// "## Return" (the return type).
std::string function_markdown(const std::string& name, const schema::FunctionSignature& signature);

// Terraform-docs style name of a type: "String", "List of String", "Map of Object", ….
std::string type_name(const cty::Type& type);

// Reads a file by its path relative to the source directory; nullopt when it does not exist.
using FileReader = std::function<std::optional<std::string>(const std::string& path)>;

struct TemplateInput {
  std::string name;             // the template's path, for error messages
  std::string text;             // the template itself
  std::string schema_markdown;  // what {{ .SchemaMarkdown }} expands to
  FileReader read_file;
};

// The page: the template with every placeholder replaced. Throws DocsError for an unknown or
// unterminated placeholder, a malformed argument list, or a file that does not exist.
std::string render_template(const TemplateInput& in);

}  // namespace aoa::provider::docs
