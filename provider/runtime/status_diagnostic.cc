#include "provider/runtime/status_diagnostic.h"

namespace aoa::runtime {
namespace {

using schema::AttributePath;

// Appends one name to `path` (the root when there is none yet).
void add_name(std::optional<AttributePath>& path, const std::string& name) {
  path = path ? path->attr(name) : AttributePath::root(name);
}

// Appends `[…]`: a quoted key or a list index; `i` is at '[', and is left after ']'. A bracket that
// does not close is read as part of a name, as the field reads.
bool add_bracket(std::optional<AttributePath>& path, const std::string& field, size_t& i) {
  if (!path) return false;
  if (i + 1 < field.size() && field[i + 1] == '"') {
    std::string key;
    size_t j = i + 2;
    for (; j < field.size() && field[j] != '"'; ++j) {
      if (field[j] == '\\' && j + 1 < field.size()) ++j;
      key += field[j];
    }
    if (j + 1 >= field.size() || field[j + 1] != ']') return false;
    path = path->key(key);
    i = j + 2;
    return true;
  }
  const size_t close = field.find(']', i);
  if (close == std::string::npos || close == i + 1) return false;
  int64_t index = 0;
  for (size_t j = i + 1; j < close; ++j) {
    if (field[j] < '0' || field[j] > '9' || index > (INT64_MAX - 9) / 10) return false;
    index = index * 10 + (field[j] - '0');
  }
  path = path->index(index);
  i = close + 1;
  return true;
}

}  // namespace

std::optional<AttributePath> status_path(const std::string& field, const std::optional<AttributePath>& base) {
  std::optional<AttributePath> path = base;
  std::string name;
  size_t i = 0;
  while (i < field.size()) {
    const char c = field[i];
    if (c == '.') {
      if (!name.empty()) add_name(path, name);
      name.clear();
      ++i;
    } else if (c == '[') {
      if (!name.empty()) add_name(path, name);
      name.clear();
      const size_t at = i;
      if (!add_bracket(path, field, i)) {
        name = field.substr(at);  // not a bracket we read: the rest is one name
        break;
      }
    } else {
      name += c;
      ++i;
    }
  }
  if (!name.empty()) add_name(path, name);
  return path;
}

bool report_status(const Status& status, schema::Diagnostics& diags, const StatusReport& how) {
  if (status.ok()) return true;
  diags.error(how.summary.empty() ? "Invalid " + status.field() : how.summary, how.detail_prefix + status.message(),
              how.at_field ? status_path(status.field(), how.base) : how.base);
  return false;
}

schema::FunctionResult function_failure(const Status& status, std::optional<int64_t> argument) {
  return schema::FunctionResult::fail(status.message(), argument);
}

}  // namespace aoa::runtime
