#include "provider/shared/secret_hints.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace aoa::provider {
namespace {

std::vector<std::string> key_parts(const std::string& key) {
  std::vector<std::string> parts(1);
  for (char ch : key) {
    if (ch == '_' || ch == '-' || ch == '.') {
      parts.emplace_back();
    } else {
      parts.back() += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    }
  }
  return parts;
}

bool is_reference(const std::string& v) {
  return v.find(".vault.azure.net/secrets/") != std::string::npos || v.rfind("${{", 0) == 0 ||
         v.rfind("keyvaultref:", 0) == 0 || v.rfind("secretref:", 0) == 0;
}

bool token_shaped(const std::string& v) {
  for (const char* prefix : {"ghp_", "gho_", "ghs_", "ghu_", "github_pat_", "glpat-", "xoxb-", "xoxp-", "AKIA", "sk-"})
    if (v.rfind(prefix, 0) == 0 && v.size() >= 16) return true;
  if (v.find("-----BEGIN") != std::string::npos) return true;
  if (v.find("AccountKey=") != std::string::npos || v.find("SharedAccessKey=") != std::string::npos) return true;
  if (v.rfind("eyJ", 0) == 0 && std::count(v.begin(), v.end(), '.') == 2) return true;  // a JWT
  if (v.size() >= 32 && std::all_of(v.begin(), v.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' || c == '=' || c == '-' || c == '_';
      })) {
    // Long and without separators is not enough (a path, a name): it must mix digits and letters.
    const bool digits = std::any_of(v.begin(), v.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    const bool letters = std::any_of(v.begin(), v.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
    return digits && letters;
  }
  return false;
}

}  // namespace

std::string literal_secret_reason(const std::string& key, const std::string& value) {
  if (value.empty() || is_reference(value)) return "";
  for (const auto& part : key_parts(key)) {
    for (const char* word : {"SECRET", "TOKEN", "PASSWORD", "PASSWD", "PWD", "CREDENTIAL", "CREDENTIALS"})
      if (part.find(word) != std::string::npos) return "its name contains " + std::string(word);
    for (const char* word : {"KEY", "APIKEY", "ACCESSKEY", "PRIVATEKEY", "SUBSCRIPTIONKEY"})
      if (part == word) return "its name contains " + std::string(word);
  }
  if (token_shaped(value)) return "its value has the shape of a token or key";
  return "";
}

}  // namespace aoa::provider
