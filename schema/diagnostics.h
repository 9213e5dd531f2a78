// Attribute paths and diagnostics in the shape of tfplugin6 AttributePath / Diagnostic.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aoa::schema {

class AttributePath {
 public:
  struct Step {
    enum class Kind { Attribute, KeyString, KeyInt } kind;
    std::string name;   // attribute name or string key
    int64_t index = 0;  // list/tuple index
    bool operator==(const Step& o) const { return kind == o.kind && name == o.name && index == o.index; }
  };

  AttributePath() = default;
  static AttributePath root(const std::string& attribute);
  AttributePath attr(const std::string& name) const;
  AttributePath key(const std::string& k) const;
  AttributePath index(int64_t i) const;

  const std::vector<Step>& steps() const { return steps_; }
  bool empty() const { return steps_.empty(); }
  // environment[0].name, labels["team"]
  std::string to_string() const;
  bool operator==(const AttributePath& o) const { return steps_ == o.steps_; }
  bool operator!=(const AttributePath& o) const { return !(*this == o); }

 private:
  std::vector<Step> steps_;
};

enum class Severity { Error, Warning };

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string summary;
  std::string detail;
  std::optional<AttributePath> path;
};

// Replaces every byte that is not part of a well-formed UTF-8 sequence (overlong forms, surrogates
// and code points above U+10FFFF are ill-formed) with U+FFFD.
std::string sanitize_utf8(std::string_view s);

class Diagnostics {
 public:
  void error(std::string summary, std::string detail = {}, std::optional<AttributePath> path = {});
  void warning(std::string summary, std::string detail = {}, std::optional<AttributePath> path = {});
  void add(Diagnostic d);  // sanitizes summary/detail
  void append(const Diagnostics& other);
  bool has_errors() const;
  bool empty() const { return items_.empty(); }
  size_t size() const { return items_.size(); }
  const std::vector<Diagnostic>& items() const { return items_; }

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace aoa::schema
