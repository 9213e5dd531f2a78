#include "internal/gitops/commit_message.h"

namespace aoa::gitops {
namespace {

std::string one_line(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\r') {
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
      out.push_back(' ');
    } else if (c == '\n') {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  auto is_blank = [](char c) { return c == ' ' || c == '\t'; };
  size_t b = 0;
  while (b < out.size() && is_blank(out[b])) ++b;
  size_t e = out.size();
  while (e > b && is_blank(out[e - 1])) --e;
  return out.substr(b, e - b);
}

std::string trim_newlines(const std::string& s) {
  size_t b = 0;
  while (b < s.size() && (s[b] == '\n' || s[b] == '\r')) ++b;
  size_t e = s.size();
  while (e > b && (s[e - 1] == '\n' || s[e - 1] == '\r' || s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return s.substr(b, e - b);
}

std::string trailer_key(const std::string& k) {
  std::string out;
  for (char c : one_line(k)) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    out.push_back(ok ? c : '-');
  }
  if (out.empty()) out = "Trailer";
  return out;
}

}  // namespace

std::string build_commit_message(const std::string& subject, const std::string& body,
                                 const std::vector<std::pair<std::string, std::string>>& trailers) {
  std::string msg = one_line(subject);
  if (msg.empty()) msg = "Update";
  msg.push_back('\n');
  std::string b = trim_newlines(body);
  if (!b.empty()) {
    msg += "\n" + b + "\n";
  }
  if (!trailers.empty()) {
    msg.push_back('\n');
    for (const auto& [k, v] : trailers) {
      msg += trailer_key(k) + ": " + one_line(v) + "\n";
    }
  }
  return msg;
}

}  // namespace aoa::gitops
