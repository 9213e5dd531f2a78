#include "internal/render/k8s_names.h"

namespace aoa::render {
namespace {

bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool is_alnum(char c) { return is_lower_alnum(c) || (c >= 'A' && c <= 'Z'); }

// [a-z0-9]([-a-z0-9]*[a-z0-9])? without a length limit.
bool matches_dns_label_pattern(std::string_view s) {
  if (s.empty() || !is_lower_alnum(s.front()) || !is_lower_alnum(s.back())) return false;
  for (char c : s) {
    if (!is_lower_alnum(c) && c != '-') return false;
  }
  return true;
}

// ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9], 1..63 characters.
bool is_qualified_name_part(std::string_view s) {
  if (s.empty() || s.size() > 63) return false;
  if (!is_alnum(s.front()) || !is_alnum(s.back())) return false;
  for (char c : s) {
    if (!is_alnum(c) && c != '-' && c != '_' && c != '.') return false;
  }
  return true;
}

}  // namespace

bool is_dns1123_label(std::string_view s) { return s.size() <= 63 && matches_dns_label_pattern(s); }

bool is_dns1123_subdomain(std::string_view s) {
  if (s.empty() || s.size() > 253) return false;
  while (true) {
    const auto dot = s.find('.');
    if (!matches_dns_label_pattern(s.substr(0, dot))) return false;
    if (dot == std::string_view::npos) return true;
    s.remove_prefix(dot + 1);
  }
}

bool is_label_key(std::string_view s) {
  const auto slash = s.find('/');
  if (slash == std::string_view::npos) return is_qualified_name_part(s);
  const auto prefix = s.substr(0, slash);
  const auto name = s.substr(slash + 1);
  return is_dns1123_subdomain(prefix) && is_qualified_name_part(name);  // a second '/' fails the name
}

bool is_label_value(std::string_view s) { return s.empty() || is_qualified_name_part(s); }

}  // namespace aoa::render
