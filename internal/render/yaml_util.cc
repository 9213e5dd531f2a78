#include "internal/render/yaml_util.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <sstream>
#include <string>

#include <yaml-cpp/eventhandler.h>

#include "schema/diagnostics.h"

namespace aoa::render {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// Words that some YAML version resolves to a boolean or null (YAML 1.1 booleans include y/n/on/off).
constexpr std::array<std::string_view, 11> kReservedWords = {"true", "false", "yes", "no", "on", "off",
                                                             "y",    "n",     "null", "nil", "none"};

}  // namespace

bool is_safe_plain_scalar(std::string_view s) {
  if (s.empty()) return false;
  const char first = s.front();
  // A leading digit, sign or dot may start a number, date, time or .inf/.nan; other punctuation
  // may be an indicator (-, ?, :, ,, [, ], {, }, #, &, *, !, |, >, ', ", %, @, `, =, <).
  const bool first_ok = std::isalpha(static_cast<unsigned char>(first)) || first == '_' || first == '/';
  if (!first_ok) return false;
  for (char c : s) {
    const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
                    c == '/' || c == ':' || c == '@' || c == '+' || c == '=';
    if (!ok) return false;  // whitespace, quotes, '#', ',', brackets, non-ASCII, control characters
  }
  if (s.back() == ':') return false;  // "x:" would read as a mapping key
  for (auto word : kReservedWords) {
    if (iequals(s, word)) return false;
  }
  return true;
}

void emit_string(YAML::Emitter& out, std::string_view s) {
  const std::string value(s);
  if (is_safe_plain_scalar(s)) {
    out << value;
  } else {
    out << YAML::DoubleQuoted << value;
  }
}

Result<YAML::Node> load_single_document(std::string_view text, std::string_view what) {
  const std::string name(what);
  if (schema::sanitize_utf8(text) != text) return Status::corruption(name + " is not valid UTF-8");
  // Counts documents with the event parser and stops at the second one: bounded even on the
  // inputs that make yaml-cpp 0.7 report empty documents forever.
  struct Discard : YAML::EventHandler {
    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}
  };
  const std::string copy(text);
  size_t documents = 0;
  YAML::Node doc;
  try {
    Discard discard;
    std::istringstream in(copy);
    YAML::Parser parser(in);
    while (documents < 2 && parser.HandleNextDocument(discard)) ++documents;
    if (documents == 1) doc = YAML::Load(copy);
  } catch (const YAML::Exception& e) {
    return Status::corruption(name + " is not valid YAML: " + e.what());
  }
  if (documents != 1) {
    return Status::corruption(name + ": expected exactly one YAML document, found " +
                              (documents > 1 ? "several" : "none"));
  }
  if (!doc.IsMap()) return Status::corruption(name + ": the document is not a mapping");
  return doc;
}

bool parse_decimal_int(std::string_view s, long long min, long long max, long long& out) {
  if (s.empty() || s.size() > 19) return false;
  const bool negative = s.front() == '-';
  const std::string_view digits = negative ? s.substr(1) : s;
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos) return false;
  long long value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || value < min || value > max) return false;
  out = value;
  return true;
}

Status ManifestReader::fail(const std::string& why) const { return Status::corruption(context_ + ": " + why); }

Result<std::string> ManifestReader::scalar_at(const YAML::Node& node, const char* key, const std::string& path) const {
  if (!node || !node.IsMap()) return std::string();
  const YAML::Node child = node[key];
  if (!child || child.IsNull()) return std::string();
  if (!child.IsScalar()) return fail(path + "." + key + " is not a string");
  return child.Scalar();
}

Result<YAML::Node> ManifestReader::map_at(const YAML::Node& node, const char* key, const std::string& path) const {
  if (!node || !node.IsMap()) return YAML::Node();
  const YAML::Node child = node[key];
  if (!child || child.IsNull()) return YAML::Node();
  if (!child.IsMap()) return fail(path + "." + key + " is not a mapping");
  return child;
}

Result<std::map<std::string, std::string>> ManifestReader::string_map(const YAML::Node& node,
                                                                      const std::string& path) const {
  std::map<std::string, std::string> result;
  if (!node) return result;
  for (const auto& entry : node) {
    if (!entry.first.IsScalar() || !(entry.second.IsScalar() || entry.second.IsNull())) {
      return fail(path + " must map strings to strings");
    }
    result[entry.first.Scalar()] = entry.second.IsNull() ? std::string() : entry.second.Scalar();
  }
  return result;
}

}  // namespace aoa::render
