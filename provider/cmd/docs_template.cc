// The template language of the documentation pages (docs_render.h): `{{ .SchemaMarkdown }}`,
// `{{ tffile "path" }}` and `{{ codefile "lang" "path" }}`.
#include <cctype>
#include <string>
#include <vector>

#include "provider/cmd/docs_render.h"

namespace aoa::provider::docs {
namespace {

struct Placeholder {
  std::string verb;               // ".SchemaMarkdown", "tffile" or "codefile"
  std::vector<std::string> args;  // the quoted arguments, unquoted
};

[[noreturn]] void fail(const TemplateInput& in, size_t line, const std::string& what) {
  throw DocsError(in.name + ":" + std::to_string(line) + ": " + what);
}

size_t line_at(const std::string& text, size_t pos) {
  size_t line = 1;
  for (size_t i = 0; i < pos && i < text.size(); ++i)
    if (text[i] == '\n') ++line;
  return line;
}

// Splits the inside of `{{ … }}` into a verb and double-quoted arguments; nullopt when malformed.
std::optional<Placeholder> parse_placeholder(const std::string& inside) {
  Placeholder p;
  size_t i = 0;
  auto skip_space = [&] {
    while (i < inside.size() && std::isspace(static_cast<unsigned char>(inside[i]))) ++i;
  };
  skip_space();
  while (i < inside.size() && !std::isspace(static_cast<unsigned char>(inside[i]))) p.verb += inside[i++];
  for (skip_space(); i < inside.size(); skip_space()) {
    if (inside[i] != '"') return std::nullopt;
    size_t end = inside.find('"', i + 1);
    if (end == std::string::npos) return std::nullopt;
    p.args.push_back(inside.substr(i + 1, end - i - 1));
    i = end + 1;
  }
  if (p.verb.empty()) return std::nullopt;
  return p;
}

std::string code_block(const TemplateInput& in, size_t line, const std::string& lang, const std::string& path) {
  std::optional<std::string> content = in.read_file ? in.read_file(path) : std::nullopt;
  if (!content) fail(in, line, "example file " + path + " does not exist");
  std::string body = *content;
  if (!body.empty() && body.back() != '\n') body += '\n';
  return "```" + lang + "\n" + body + "```";
}

std::string expand(const TemplateInput& in, size_t line, const std::string& inside) {
  std::optional<Placeholder> p = parse_placeholder(inside);
  if (!p) fail(in, line, "malformed placeholder {{" + inside + "}}");
  if (p->verb == ".SchemaMarkdown" && p->args.empty()) {
    std::string md = in.schema_markdown;
    while (!md.empty() && md.back() == '\n') md.pop_back();
    return md;
  }
  if (p->verb == "tffile" && p->args.size() == 1) return code_block(in, line, "terraform", p->args[0]);
  if (p->verb == "codefile" && p->args.size() == 2) return code_block(in, line, p->args[0], p->args[1]);
  fail(in, line,
       "unknown placeholder {{" + inside +
           "}}: use {{ .SchemaMarkdown }}, {{ tffile \"path\" }} or {{ codefile \"lang\" \"path\" }}");
}

// The spaces before `open` when nothing else precedes it on its line; "" otherwise.
std::string indent_before(const std::string& text, size_t open) {
  size_t line_start = text.rfind('\n', open == 0 ? 0 : open - 1);
  line_start = (line_start == std::string::npos || open == 0) ? 0 : line_start + 1;
  std::string prefix = text.substr(line_start, open - line_start);
  return prefix.find_first_not_of(' ') == std::string::npos ? prefix : "";
}

// Every line after the first of `s`, except empty ones, indented by `indent`.
std::string indent_lines(const std::string& s, const std::string& indent) {
  if (indent.empty()) return s;
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    out += s[i];
    if (s[i] == '\n' && i + 1 < s.size() && s[i + 1] != '\n') out += indent;
  }
  return out;
}

}  // namespace

std::string render_template(const TemplateInput& in) {
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t open = in.text.find("{{", pos);
    if (open == std::string::npos) break;
    size_t close = in.text.find("}}", open + 2);
    if (close == std::string::npos) fail(in, line_at(in.text, open), "placeholder {{ is not closed with }}");
    out.append(in.text, pos, open - pos);
    std::string text = expand(in, line_at(in.text, open), in.text.substr(open + 2, close - open - 2));
    out += indent_lines(text, indent_before(in.text, open));
    pos = close + 2;
  }
  out.append(in.text, pos, std::string::npos);
  return out;
}

}  // namespace aoa::provider::docs
