#include "provider/cmd/graph_config.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace aoa::provider {
namespace {

struct Token {
  enum Kind { kIdent, kString, kOpen, kClose, kEquals, kNewline, kOther } kind;
  std::string text;      // identifier, or the string's content
  bool literal = true;   // a string without ${...} or %{...}
};

// Identifiers, strings, braces, '=' and newlines; comments and heredoc bodies are skipped, and
// everything else is kOther (enough to tell `url = "x"` from `url = var.x`).
std::vector<Token> tokenize(const std::string& s) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '\n') {
      out.push_back({Token::kNewline, ""});
      ++i;
    } else if (c == ' ' || c == '\t' || c == '\r') {
      ++i;
    } else if (c == '#' || (c == '/' && i + 1 < s.size() && s[i + 1] == '/')) {
      while (i < s.size() && s[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      const size_t end = s.find("*/", i + 2);
      i = end == std::string::npos ? s.size() : end + 2;
    } else if (c == '<' && s.compare(i, 2, "<<") == 0) {
      // Heredoc: <<EOT or <<-EOT, up to a line holding only the marker.
      size_t j = i + 2 + (i + 2 < s.size() && s[i + 2] == '-' ? 1 : 0);
      const size_t start = j;
      while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_')) ++j;
      const std::string marker = s.substr(start, j - start);
      out.push_back({Token::kString, "", false});
      size_t line = s.find('\n', j);
      while (line != std::string::npos) {
        const size_t next = s.find('\n', line + 1);
        std::string body = s.substr(line + 1, (next == std::string::npos ? s.size() : next) - line - 1);
        body.erase(0, body.find_first_not_of(" \t"));
        while (!body.empty() && (body.back() == '\r' || body.back() == ' ')) body.pop_back();
        line = next;
        if (!marker.empty() && body == marker) break;
      }
      i = line == std::string::npos ? s.size() : line;
    } else if (c == '"') {
      Token t{Token::kString, "", true};
      ++i;
      while (i < s.size() && s[i] != '"' && s[i] != '\n') {
        if (s[i] == '\\' && i + 1 < s.size()) {
          t.text += s[i + 1] == 'n' ? '\n' : s[i + 1];
          i += 2;
          continue;
        }
        if ((s[i] == '$' || s[i] == '%') && i + 1 < s.size() && s[i + 1] == '{') t.literal = false;
        t.text += s[i++];
      }
      ++i;
      out.push_back(std::move(t));
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      size_t j = i;
      while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_' || s[j] == '-')) ++j;
      out.push_back({Token::kIdent, s.substr(i, j - i)});
      i = j;
    } else if (c == '{') {
      out.push_back({Token::kOpen, "{"});
      ++i;
    } else if (c == '}') {
      out.push_back({Token::kClose, "}"});
      ++i;
    } else if (c == '=' && !(i + 1 < s.size() && (s[i + 1] == '=' || s[i + 1] == '>'))) {
      out.push_back({Token::kEquals, "="});
      ++i;
    } else {
      out.push_back({Token::kOther, std::string(1, c)});
      ++i;
    }
  }
  return out;
}

// Index just past the '}' that closes the block opened at tokens[open].
size_t block_end(const std::vector<Token>& t, size_t open) {
  int depth = 0;
  for (size_t i = open; i < t.size(); ++i) {
    if (t[i].kind == Token::kOpen) ++depth;
    if (t[i].kind == Token::kClose && --depth == 0) return i + 1;
  }
  return t.size();
}

// `name = <value>` at the top level of the block body [begin, end): the value's tokens up to the
// end of the line.
std::optional<std::vector<Token>> attribute(const std::vector<Token>& t, size_t begin, size_t end,
                                            const std::string& name) {
  int depth = 0;
  for (size_t i = begin; i < end; ++i) {
    if (t[i].kind == Token::kOpen) ++depth;
    if (t[i].kind == Token::kClose) --depth;
    if (depth == 0 && t[i].kind == Token::kIdent && t[i].text == name && i + 1 < end &&
        t[i + 1].kind == Token::kEquals && (i == begin || t[i - 1].kind == Token::kNewline ||
                                            t[i - 1].kind == Token::kOpen)) {
      std::vector<Token> value;
      for (size_t j = i + 2; j < end && t[j].kind != Token::kNewline && t[j].kind != Token::kClose; ++j)
        value.push_back(t[j]);
      return value;
    }
  }
  return std::nullopt;
}

// [open brace, end) of the first nested block `name {` at the top level of [begin, end).
std::optional<std::pair<size_t, size_t>> nested_block(const std::vector<Token>& t, size_t begin, size_t end,
                                                      const std::string& name) {
  int depth = 0;
  for (size_t i = begin; i < end; ++i) {
    if (t[i].kind == Token::kOpen) ++depth;
    if (t[i].kind == Token::kClose) --depth;
    if (depth == 0 && t[i].kind == Token::kIdent && t[i].text == name && i + 1 < end && t[i + 1].kind == Token::kOpen)
      return std::make_pair(i + 1, block_end(t, i + 1));
  }
  return std::nullopt;
}

}  // namespace

Result<std::optional<ConfiguredRepository>> repository_in_hcl(const std::string& text) {
  const std::vector<Token> t = tokenize(text);
  int depth = 0;
  for (size_t i = 0; i + 2 < t.size(); ++i) {
    if (t[i].kind == Token::kOpen) ++depth;
    if (t[i].kind == Token::kClose) --depth;
    if (depth != 0 || t[i].kind != Token::kIdent || t[i].text != "provider" || t[i + 1].kind != Token::kString ||
        t[i + 1].text != "appofapps" || t[i + 2].kind != Token::kOpen)
      continue;
    const size_t open = i + 2, end = block_end(t, open);
    if (attribute(t, open + 1, end - 1, "alias")) continue;  // an aliased provider is not the default
    auto repo = nested_block(t, open + 1, end - 1, "repository");
    if (!repo) return std::optional<ConfiguredRepository>();
    ConfiguredRepository r;
    for (auto [name, field] : {std::pair<const char*, std::string*>{"url", &r.url}, {"branch", &r.branch},
                               {"path", &r.path}}) {
      auto value = attribute(t, repo->first + 1, repo->second - 1, name);
      if (!value) continue;
      if (value->size() != 1 || (*value)[0].kind != Token::kString || !(*value)[0].literal)
        return Status::invalid_argument(std::string("the provider's repository.") + name +
                                            " is not a literal string; pass it with --" +
                                            (std::string(name) == "url" ? "repository" : name),
                                        std::string("repository.") + name);
      *field = (*value)[0].text;
    }
    if (r.url.empty()) r.url = "./gitops";
    return std::optional<ConfiguredRepository>(r);
  }
  return std::optional<ConfiguredRepository>();
}

Result<std::optional<ConfiguredRepository>> configured_repository(const std::string& dir) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.path().extension() == ".tf" && entry.is_regular_file(ec)) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    Result<std::optional<ConfiguredRepository>> found = repository_in_hcl(text.str());
    if (!found.ok()) return found.status().with_context(file.filename().string());
    if (*found) {
      (*found)->file = file.string();
      return found;
    }
  }
  return std::optional<ConfiguredRepository>();
}

}  // namespace aoa::provider
