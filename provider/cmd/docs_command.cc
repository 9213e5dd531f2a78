#include "provider/cmd/docs_command.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "provider/appofapps_provider.h"
#include "provider/cmd/docs_render.h"

namespace aoa::provider {
namespace {

namespace fs = std::filesystem;
using docs::SchemaKind;

constexpr const char* kUsage =
    "usage: terraform-provider-appofapps docs --out <dir> [--source <dir>]\n"
    "\n"
    "Writes the documentation pages generated from the provider's schema: <dir>/index.md,\n"
    "<dir>/resources/<name>.md, <dir>/data-sources/<name>.md and <dir>/functions/<name>.md. Each\n"
    "page is the template <source>/templates/<same path>.tmpl with its placeholders filled in:\n"
    "{{ .SchemaMarkdown }} (the argument and attribute reference, or a function's signature and\n"
    "arguments), {{ tffile \"path\" }} and {{ codefile \"lang\" \"path\" }}\n"
    "(example files, relative to <source>).\n"
    "\n"
    "  --out      directory to write to, e.g. docs (created if missing)\n"
    "  --source   repository root holding templates/ and examples/ (default .)\n"
    "\n"
    "Exit status: 0 written; 1 a page could not be generated; 2 usage error.\n";

constexpr const char* kPrefix = "appofapps_";

struct Page {
  std::string path;       // relative to the output directory, e.g. "resources/root.md"
  std::string reference;  // what {{ .SchemaMarkdown }} expands to
};

void err(const std::string& msg) { std::fprintf(stderr, "terraform-provider-appofapps docs: %s\n", msg.c_str()); }

std::optional<std::string> read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string short_name(const std::string& type_name) {
  return type_name.rfind(kPrefix, 0) == 0 ? type_name.substr(std::string(kPrefix).size()) : type_name;
}

template <typename Map>
void add_pages(const Map& types, const std::string& dir, SchemaKind kind, std::vector<Page>& pages) {
  for (const auto& [name, impl] : types)
    pages.push_back({dir + "/" + short_name(name) + ".md", docs::schema_markdown(impl->schema().block, kind)});
}

void add_function_pages(const schema::Provider& provider, std::vector<Page>& pages) {
  for (const auto& [name, f] : provider.functions())
    pages.push_back({"functions/" + name + ".md", docs::function_markdown(name, f->signature())});
}

// Every template under templates/<dir>/ must belong to a page: a renamed or removed type fails.
void check_no_stray_templates(const fs::path& source, const std::vector<Page>& pages) {
  std::set<std::string> expected;
  for (const auto& p : pages) expected.insert("templates/" + p.path + ".tmpl");
  for (const char* dir : {"resources", "data-sources", "functions"}) {
    fs::path d = source / "templates" / dir;
    if (!fs::is_directory(d)) continue;
    for (const auto& e : fs::directory_iterator(d)) {
      std::string rel = std::string("templates/") + dir + "/" + e.path().filename().string();
      if (!expected.count(rel)) throw docs::DocsError(rel + ": no resource, data source or function has this page");
    }
  }
}

void write_page(const fs::path& source, const fs::path& out, const Page& page) {
  const std::string tmpl = "templates/" + page.path + ".tmpl";
  std::optional<std::string> text = read_text(source / tmpl);
  if (!text) throw docs::DocsError(tmpl + ": template does not exist");
  docs::TemplateInput in{tmpl, *text, page.reference,
                         [&source](const std::string& p) { return read_text(source / p); }};
  std::string md = docs::render_template(in);
  fs::path target = out / page.path;
  fs::create_directories(target.parent_path());
  std::ofstream f(target, std::ios::binary | std::ios::trunc);
  f << md;
  if (!f.flush()) throw docs::DocsError(target.string() + ": cannot write");
}

std::optional<std::string> parse(int argc, char** argv, std::string& out, std::string& source, bool& help) {
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      help = true;
    } else if (arg == "--out" || arg == "--source") {
      if (i + 1 >= argc) return arg + " needs a value";
      (arg == "--out" ? out : source) = argv[++i];
    } else {
      return "unknown argument \"" + arg + "\"";
    }
  }
  return std::nullopt;
}

}  // namespace

int run_docs_command(int argc, char** argv) {
  std::string out, source = ".";
  bool help = false;
  std::optional<std::string> problem = parse(argc, argv, out, source, help);
  if (!problem && !help && out.empty()) problem = "--out is required";
  if (problem) {
    err(*problem);
    std::fputs(kUsage, stderr);
    return 2;
  }
  if (help) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  AppofappsProvider provider;
  std::vector<Page> pages{{"index.md", docs::schema_markdown(provider.schema().block, SchemaKind::Provider)}};
  add_pages(provider.resources(), "resources", SchemaKind::Resource, pages);
  add_pages(provider.data_sources(), "data-sources", SchemaKind::DataSource, pages);
  add_function_pages(provider, pages);
  try {
    check_no_stray_templates(source, pages);
    for (const auto& page : pages) write_page(source, out, page);
  } catch (const std::exception& e) {
    err(e.what());
    return 1;
  }
  return 0;
}

}  // namespace aoa::provider
