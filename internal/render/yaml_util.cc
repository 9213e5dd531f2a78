#include "internal/render/yaml_util.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

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

}  // namespace aoa::render
