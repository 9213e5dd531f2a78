// The documentation renderer: the reference generated from a schema, and the template placeholders.
#include "provider/cmd/docs_render.h"

#include <gtest/gtest.h>

#include <map>

namespace aoa::provider::docs {
namespace {

using cty::Type;
using cty::Value;
using schema::BlockBuilder;
using schema::Nesting;
using schema::Rule;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
size_t at(const std::string& text, const std::string& part) {
  size_t pos = text.find(part);
  EXPECT_NE(pos, std::string::npos) << "missing: " << part << "\nin:\n" << text;
  return pos;
}

schema::Block sample_block() {
  schema::Block probe = BlockBuilder()
                            .description("A probe")
                            .attribute("period", Type::number())
                            .optional()
                            .rule(Rule::int_between("Invalid period", 1, 3600))
                            .default_value(Value::number(int64_t{10}))
                            .description("Seconds between probes.")
                            .build();
  schema::Block endpoint = BlockBuilder()
                               .description("How it is served.")
                               .attribute("kind", Type::string())
                               .required()
                               .description("Kind of endpoint.")
                               .block("probe", Nesting::Single, probe)
                               .build();
  return BlockBuilder()
      .attribute("name", Type::string())
      .required()
      .description("The name")
      .requires_replace()
      .rule(Rule::not_empty("Empty name"))
      .attribute("branch", Type::string())
      .optional()
      .computed()
      .description("Branch. Default `main`.")
      .default_value(Value::string("main"))
      .attribute("labels", Type::map(Type::string()))
      .optional()
      .rule(Rule::one_of("Invalid label key", {"a", "b"}, Rule::Target::Keys))
      .attribute("note", Type::string())
      .optional()
      .multiline()
      .max_bytes(4096)
      .attribute("token", Type::string())
      .optional()
      .sensitive()
      .attribute("id", Type::string())
      .computed()
      .description("The id.")
      .block("endpoint", Nesting::List, endpoint)
      .min_items(1)
      .max_items(3)
      .build();
}

TEST(DocsSchemaMarkdown, GroupsRequiredOptionalAndReadOnly) {
  std::string md = schema_markdown(sample_block(), SchemaKind::Resource);
  size_t required = at(md, "### Required"), optional = at(md, "### Optional"), attrs = at(md, "## Attribute reference");
  EXPECT_LT(required, at(md, "* `name` (String)"));
  EXPECT_LT(at(md, "* `name` (String)"), optional);
  EXPECT_LT(optional, at(md, "* `branch` (String)"));  // optional + computed is an argument
  EXPECT_LT(at(md, "* `branch` (String)"), attrs);
  EXPECT_LT(attrs, at(md, "* `id` (String) The id."));
  EXPECT_TRUE(has(md, "* `labels` (Map of String)"));
  EXPECT_TRUE(has(md, "* `token` (String, sensitive)"));
}

TEST(DocsSchemaMarkdown, DefaultsAreStatedOnce) {
  std::string md = schema_markdown(sample_block(), SchemaKind::Resource);
  EXPECT_TRUE(has(md, "* `branch` (String) Branch. Default `main`.\n"));  // the description already says it
  EXPECT_TRUE(has(md, "Seconds between probes. Default `10`."));          // from default_value
}

TEST(DocsSchemaMarkdown, RulesWithTheirErrorSummaries) {
  std::string md = schema_markdown(sample_block(), SchemaKind::Resource);
  EXPECT_TRUE(has(md, "The name. Rule: not empty (*Empty name*)."));
  EXPECT_TRUE(has(md, "Each key: one of \"a\", \"b\" (*Invalid label key*)."));
  EXPECT_TRUE(has(md, "Rule: a whole number from 1 to 3600 (*Invalid period*)."));
}

TEST(DocsSchemaMarkdown, StringLimits) {
  std::string md = schema_markdown(sample_block(), SchemaKind::Resource);
  EXPECT_TRUE(has(md, "A string argument is at most 1024 bytes long and has no control characters"));
  EXPECT_TRUE(has(md, "* `note` (String) At most 4096 bytes; newlines and tabs are allowed.\n"));
  EXPECT_FALSE(has(md, "`name` (String) The name. Rule: not empty (*Empty name*). At most"));
}

TEST(DocsSchemaMarkdown, ReplacementOnlyForResources) {
  EXPECT_TRUE(has(schema_markdown(sample_block(), SchemaKind::Resource), "Changing it replaces the resource."));
  EXPECT_FALSE(has(schema_markdown(sample_block(), SchemaKind::DataSource), "replaces"));
}

TEST(DocsSchemaMarkdown, NestedBlocksRecursively) {
  std::string md = schema_markdown(sample_block(), SchemaKind::Resource);
  size_t entry = at(md, "* `endpoint` (Block List, at least 1, at most 3) How it is served. See "
                        "[`endpoint` block](#endpoint-block).");
  EXPECT_LT(entry, at(md, "### Optional"));  // a block with min_items is required
  size_t endpoint = at(md, "### `endpoint` block\n\nHow it is served.\n\nRequired:\n\n* `kind` (String) Kind of endpoint.");
  size_t probe = at(md, "### `endpoint.probe` block\n\nA probe.\n\nOptional:\n\n* `period` (Number)");
  EXPECT_TRUE(has(md, "* `probe` (Block) A probe. See [`endpoint.probe` block](#endpointprobe-block)."));
  EXPECT_LT(endpoint, probe);
  EXPECT_LT(probe, at(md, "## Attribute reference"));
}

TEST(DocsSchemaMarkdown, ProviderHasNoAttributeReference) {
  schema::Block b = BlockBuilder().attribute("url", Type::string()).optional().build();
  std::string md = schema_markdown(b, SchemaKind::Provider);
  EXPECT_TRUE(has(md, "* `url` (String)"));
  EXPECT_FALSE(has(md, "## Attribute reference"));
}

TEST(DocsSchemaMarkdown, ObjectAttributesListTheirFields) {
  Type app = Type::object({{"model", Type::string()}, {"wave", Type::number()}});
  schema::Block b = BlockBuilder().attribute("apps", Type::map(app)).computed().description("Apps.").build();
  std::string md = schema_markdown(b, SchemaKind::DataSource);
  EXPECT_TRUE(has(md, "There are no arguments."));
  EXPECT_TRUE(has(md, "* `apps` (Map of Object) Apps.\n  Each object has `model` (String), `wave` (Number).\n"));
}

TemplateInput input(std::string text, std::map<std::string, std::string> files = {}) {
  return {"templates/resources/x.md.tmpl", std::move(text), "## Argument reference\n\n* `a` (String)\n",
          [files](const std::string& p) -> std::optional<std::string> {
            auto it = files.find(p);
            if (it == files.end()) return std::nullopt;
            return it->second;
          }};
}

TEST(DocsTemplate, ReplacesPlaceholders) {
  std::string page = render_template(input(
      "# x\n\n{{ tffile \"examples/x/resource.tf\" }}\n\n{{ .SchemaMarkdown }}\n\n{{codefile \"shell\" \"examples/x/import.sh\"}}\n",
      {{"examples/x/resource.tf", "resource \"x\" \"y\" {}\n"}, {"examples/x/import.sh", "terraform import x.y id"}}));
  EXPECT_EQ(page,
            "# x\n\n```terraform\nresource \"x\" \"y\" {}\n```\n\n## Argument reference\n\n* `a` (String)\n\n"
            "```shell\nterraform import x.y id\n```\n");
}

TEST(DocsTemplate, IndentedPlaceholderIndentsItsBlock) {
  std::string page = render_template(input("* Import:\n\n  {{ codefile \"sh\" \"i.sh\" }}\n", {{"i.sh", "a\n\nb\n"}}));
  EXPECT_EQ(page, "* Import:\n\n  ```sh\n  a\n\n  b\n  ```\n");
}

TEST(DocsTemplate, TextWithoutPlaceholdersIsUnchanged) {
  EXPECT_EQ(render_template(input("plain { text } }\n")), "plain { text } }\n");
}

void expect_error(const TemplateInput& in, const std::string& part) {
  try {
    render_template(in);
    FAIL() << "no error; expected one containing: " << part;
  } catch (const DocsError& e) {
    EXPECT_TRUE(has(e.what(), part)) << e.what();
  }
}

TEST(DocsTemplate, MissingExampleFileIsAnErrorNamingIt) {
  expect_error(input("a\n{{ tffile \"examples/resources/appofapps_x/resource.tf\" }}\n"),
               "templates/resources/x.md.tmpl:2: example file examples/resources/appofapps_x/resource.tf does not exist");
}

TEST(DocsTemplate, UnknownMalformedAndUnclosedPlaceholders) {
  expect_error(input("{{ .Description }}"), "unknown placeholder {{ .Description }}");
  expect_error(input("{{ tffile }}"), "unknown placeholder");
  expect_error(input("{{ tffile examples/a.tf }}"), "malformed placeholder");
  expect_error(input("x\n\n{{ tffile \"a.tf\""), "templates/resources/x.md.tmpl:3: placeholder {{ is not closed");
}

TEST(DocsFunctionMarkdown, SignatureNumberedArgumentsAndReturn) {
  schema::FunctionSignature sig{.summary = "s",
                                .description = "d",
                                .parameters = {{"apps", cty::Type::map(cty::Type::list(cty::Type::string())), "The apps."},
                                               {"note", cty::Type::string(), "A note.", true}},
                                .return_type = cty::Type::map(cty::Type::number())};
  EXPECT_EQ(function_markdown("sync_waves", sig),
            "## Signature\n\n```text\nsync_waves(apps map of list of string, note string) map of number\n```\n\n"
            "## Arguments\n\n1. `apps` (Map of List of String) The apps.\n2. `note` (String) A note. May be `null`.\n\n"
            "## Return\n\nMap of Number.\n");
}

}  // namespace
}  // namespace aoa::provider::docs
