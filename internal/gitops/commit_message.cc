#include "internal/gitops/commit_message.h"

#include <algorithm>
#include <cctype>

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

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  while (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}

bool is_trailer_line(const std::string& line) {
  const size_t colon = line.find(": ");
  if (colon == std::string::npos || colon == 0) return false;
  for (size_t i = 0; i < colon; ++i)
    if (!std::isalnum(static_cast<unsigned char>(line[i])) && line[i] != '-') return false;
  return true;
}

}  // namespace

std::string combine_commit_messages(const std::vector<std::string>& messages, const std::string& subject) {
  std::string body;
  std::vector<std::string> trailers;
  for (const auto& message : messages) {
    std::vector<std::string> lines = lines_of(message);
    if (lines.empty()) continue;
    // The last paragraph is the trailer block when every line of it is "Key: value".
    size_t block = lines.size();
    while (block > 1 && !lines[block - 1].empty()) --block;
    const bool has_trailers = block > 1 && std::all_of(lines.begin() + static_cast<std::ptrdiff_t>(block), lines.end(),
                                                       is_trailer_line);
    const size_t body_end = has_trailers ? block - 1 : lines.size();
    body += "- " + lines[0] + "\n";
    for (size_t i = 1; i < body_end; ++i)
      if (!lines[i].empty()) body += "  " + lines[i] + "\n";
    if (has_trailers)
      for (size_t i = block; i < lines.size(); ++i)
        if (std::find(trailers.begin(), trailers.end(), lines[i]) == trailers.end()) trailers.push_back(lines[i]);
  }
  std::string msg = (subject.empty() ? "Apply " + std::to_string(messages.size()) + " changes" : one_line(subject)) +
                    "\n\n" + body;
  if (!trailers.empty()) {
    msg += "\n";
    for (const auto& t : trailers) msg += t + "\n";
  }
  return msg;
}

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
