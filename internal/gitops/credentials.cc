#include "internal/gitops/credentials.h"

#include <fnmatch.h>
#include <strings.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace aoa::gitops {
namespace {

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) s.pop_back();
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  return s.substr(i);
}

std::string base64_decode(const std::string& in) {
  std::string out((in.size() / 4 + 1) * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(in.data()), static_cast<int>(in.size()));
  if (n < 0) return "";
  size_t len = static_cast<size_t>(n);
  // EVP_DecodeBlock counts the '=' padding as zero bytes.
  if (!in.empty() && in.back() == '=') --len;
  if (in.size() > 1 && in[in.size() - 2] == '=') --len;
  out.resize(len);
  return out;
}

// A hashed known_hosts name "|1|base64(salt)|base64(hmac-sha1(salt, name))" matches `name`.
bool hashed_match(const std::string& pattern, const std::string& name) {
  if (pattern.rfind("|1|", 0) != 0) return false;
  const size_t bar = pattern.find('|', 3);
  if (bar == std::string::npos) return false;
  const std::string salt = base64_decode(pattern.substr(3, bar - 3));
  const std::string want = base64_decode(pattern.substr(bar + 1));
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  if (!HMAC(EVP_sha1(), salt.data(), static_cast<int>(salt.size()), reinterpret_cast<const unsigned char*>(name.data()),
            name.size(), mac, &mac_len))
    return false;
  return want == std::string(reinterpret_cast<char*>(mac), mac_len);
}

// One host pattern: '*' and '?' are wildcards; '[' and ']' are literal ("[host]:port").
bool pattern_matches(const std::string& pattern, const std::string& name) {
  if (pattern.find_first_of("*?") == std::string::npos) return ::strcasecmp(pattern.c_str(), name.c_str()) == 0;
  std::string escaped;
  for (char ch : pattern) {
    if (ch == '[' || ch == ']' || ch == '\\') escaped += '\\';
    escaped += ch;
  }
  return ::fnmatch(escaped.c_str(), name.c_str(), FNM_CASEFOLD) == 0;
}

// The host field of a known_hosts line ("a,b,!c") names `name`.
bool hosts_match(const std::string& field, const std::string& name) {
  if (field.rfind("|1|", 0) == 0) return hashed_match(field, name);
  bool matched = false;
  std::stringstream ss(field);
  std::string pattern;
  while (std::getline(ss, pattern, ',')) {
    const bool negated = !pattern.empty() && pattern[0] == '!';
    if (negated) pattern = pattern.substr(1);
    if (pattern_matches(pattern, name)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

}  // namespace

Result<std::string> resolve_token(const Credentials& c) {
  if (!c.token.empty()) return c.token;
  if (!c.token_env.empty()) {
    const char* v = std::getenv(c.token_env.c_str());
    std::string token = v ? trim(v) : "";
    if (token.empty())
      return Status::invalid_argument("the environment variable " + c.token_env + " (token_env) is unset or empty",
                                      "token_env");
    return token;
  }
  if (!c.token_file.empty()) {
    std::ifstream in(c.token_file, std::ios::binary);
    if (!in) return Status::invalid_argument("cannot read the token file " + c.token_file + " (token_file)", "token_file");
    std::stringstream ss;
    ss << in.rdbuf();
    std::string token = trim(ss.str());
    if (token.empty()) return Status::invalid_argument("the token file " + c.token_file + " is empty", "token_file");
    return token;
  }
  return Status::not_found("no token configured (token, token_env or token_file)");
}

std::string known_hosts_path(const Credentials& c) {
  if (!c.known_hosts_file.empty()) return c.known_hosts_file;
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : "") + "/.ssh/known_hosts";
}

Status check_known_host(const std::string& file, const std::string& host, int port, const std::string& key_blob) {
  std::ifstream in(file);
  if (!in) return Status::not_found("the known_hosts file " + file + " does not exist or cannot be read");
  const std::string name = port == 22 || port <= 0 ? host : "[" + host + "]:" + std::to_string(port);
  bool other_key = false;
  std::string line;
  while (std::getline(in, line)) {
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    std::stringstream ss(line);
    std::string marker, hosts, type, key;
    ss >> hosts;
    if (!hosts.empty() && hosts[0] == '@') {
      marker = hosts;
      ss >> hosts;
    }
    ss >> type >> key;
    if (key.empty() || !hosts_match(hosts, name)) continue;
    if (marker == "@cert-authority") continue;  // certificates are not supported: not a match
    const bool same = base64_decode(key) == key_blob;
    if (marker == "@revoked") {
      if (same) return Status::conflict("the host key of " + name + " is marked @revoked in " + file);
      continue;
    }
    if (same) return Status();
    other_key = true;
  }
  if (other_key)
    return Status::conflict("the host key of " + name + " does not match the one in " + file +
                            " (the host key changed, or another host answers)");
  return Status::not_found("the host " + name + " is not in " + file +
                           "; add its key (ssh-keyscan -p <port> <host> >> " + file + ")");
}

std::string redact_url_userinfo(std::string text) {
  // "scheme://userinfo@" → "scheme://***@": the user-info part may carry a password or token.
  size_t pos = 0;
  while ((pos = text.find("://", pos)) != std::string::npos) {
    const size_t start = pos + 3;
    size_t end = start;
    while (end < text.size() && text[end] != '/' && text[end] != '@' && text[end] != ' ' && text[end] != '"' &&
           text[end] != '\'' && text[end] != '\n')
      ++end;
    if (end < text.size() && text[end] == '@' && end > start) {
      text.replace(start, end - start, "***");
      pos = start + 4;
    } else {
      pos = start;
    }
  }
  return text;
}

std::string scrub(std::string text, const Credentials& c) {
  std::vector<std::string> secrets;
  if (!c.token.empty()) secrets.push_back(c.token);
  if (auto t = resolve_token(c); t.ok() && !t->empty()) secrets.push_back(*t);
  for (const auto& s : secrets) {
    if (s.size() < 4) continue;  // too short to tell from ordinary text
    size_t pos = 0;
    while ((pos = text.find(s, pos)) != std::string::npos) {
      text.replace(pos, s.size(), "***");
      pos += 3;
    }
  }
  return redact_url_userinfo(std::move(text));
}

}  // namespace aoa::gitops
