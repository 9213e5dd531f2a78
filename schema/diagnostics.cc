#include "schema/diagnostics.h"

namespace aoa::schema {

AttributePath AttributePath::root(const std::string& attribute) { return AttributePath().attr(attribute); }

AttributePath AttributePath::attr(const std::string& name) const {
  AttributePath p = *this;
  p.steps_.push_back(Step{Step::Kind::Attribute, name, 0});
  return p;
}
AttributePath AttributePath::key(const std::string& k) const {
  AttributePath p = *this;
  p.steps_.push_back(Step{Step::Kind::KeyString, k, 0});
  return p;
}
AttributePath AttributePath::index(int64_t i) const {
  AttributePath p = *this;
  p.steps_.push_back(Step{Step::Kind::KeyInt, {}, i});
  return p;
}

std::string AttributePath::to_string() const {
  std::string out;
  for (const auto& s : steps_) {
    switch (s.kind) {
      case Step::Kind::Attribute:
        if (!out.empty()) out.push_back('.');
        out += s.name;
        break;
      case Step::Kind::KeyString:
        out += "[\"";
        for (char c : s.name) {
          if (c == '"' || c == '\\') out.push_back('\\');
          out.push_back(c);
        }
        out += "\"]";
        break;
      case Step::Kind::KeyInt: out += "[" + std::to_string(s.index) + "]"; break;
    }
  }
  return out;
}

std::string sanitize_utf8(std::string_view s) {
  static const char kReplacement[] = "\xEF\xBF\xBD";
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  const size_t n = s.size();
  auto cont = [&](size_t k) { return k < n && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80; };
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = 0;
    if (c < 0x80) {
      len = 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
      if (cont(i + 1)) len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      if (cont(i + 1) && cont(i + 2)) {
        unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
        bool overlong = c == 0xE0 && c1 < 0xA0;
        bool surrogate = c == 0xED && c1 >= 0xA0;
        if (!overlong && !surrogate) len = 3;
      }
    } else if (c >= 0xF0 && c <= 0xF4) {
      if (cont(i + 1) && cont(i + 2) && cont(i + 3)) {
        unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
        bool overlong = c == 0xF0 && c1 < 0x90;
        bool too_big = c == 0xF4 && c1 >= 0x90;
        if (!overlong && !too_big) len = 4;
      }
    }
    if (len == 0) {
      out += kReplacement;
      ++i;
    } else {
      out.append(s.substr(i, len));
      i += len;
    }
  }
  return out;
}

void Diagnostics::add(Diagnostic d) {
  d.summary = sanitize_utf8(d.summary);
  d.detail = sanitize_utf8(d.detail);
  items_.push_back(std::move(d));
}
void Diagnostics::error(std::string summary, std::string detail, std::optional<AttributePath> path) {
  add(Diagnostic{Severity::Error, std::move(summary), std::move(detail), std::move(path)});
}
void Diagnostics::warning(std::string summary, std::string detail, std::optional<AttributePath> path) {
  add(Diagnostic{Severity::Warning, std::move(summary), std::move(detail), std::move(path)});
}
void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}
bool Diagnostics::has_errors() const {
  for (const auto& d : items_)
    if (d.severity == Severity::Error) return true;
  return false;
}

}  // namespace aoa::schema
