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

namespace {

// One path segment of a reference: letters, digits, '-' and '_' (Key Vault and connection names).
bool segment_ok(const std::string& s) {
  return !s.empty() && s.size() <= 127 && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  });
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out(1);
  for (char c : s) {
    if (c == sep) out.emplace_back();
    else out.back() += c;
  }
  return out;
}

}  // namespace

std::string secret_reference_problem(const std::string& v) {
  static const std::string kVaultHost = ".vault.azure.net";
  if (v.rfind("https://", 0) == 0) {
    const auto parts = split(v.substr(8), '/');  // host, "secrets", name[, version]
    const std::string& host = parts[0];
    if (host.size() <= kVaultHost.size() || !host.ends_with(kVaultHost) ||
        !segment_ok(host.substr(0, host.size() - kVaultHost.size())))
      return "the host must be <vault>.vault.azure.net";
    if (parts.size() < 3 || parts.size() > 4 || parts[1] != "secrets" || !segment_ok(parts[2]) ||
        (parts.size() == 4 && !segment_ok(parts[3])))
      return "a Key Vault secret URI is https://<vault>.vault.azure.net/secrets/<name>[/<version>]";
    return "";
  }
  if (v.rfind("azureml://connections/", 0) == 0) {
    const auto parts = split(v.substr(22), '/');  // connection, "credentials", key
    if (parts.size() != 3 || !segment_ok(parts[0]) || parts[1] != "credentials" || !segment_ok(parts[2]))
      return "a connection reference is azureml://connections/<connection>/credentials/<key>";
    return "";
  }
  return "not a reference: use a Key Vault secret URI (https://<vault>.vault.azure.net/secrets/<name>[/<version>]) "
         "or azureml://connections/<connection>/credentials/<key>; the secret itself never goes here";
}

std::string render_secret_reference(const std::string& v) {
  return v.rfind("https://", 0) == 0 ? "${{keyvault:" + v + "}}" : "${{" + v + "}}";
}

std::string parse_secret_reference(const std::string& rendered) {
  if (rendered.rfind("${{", 0) != 0 || !rendered.ends_with("}}")) return "";
  std::string inner = rendered.substr(3, rendered.size() - 5);
  if (inner.rfind("keyvault:", 0) == 0) inner = inner.substr(9);
  return secret_reference_problem(inner).empty() ? inner : "";
}

}  // namespace aoa::provider
