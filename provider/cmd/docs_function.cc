// The generated reference of a provider function (docs_render.h).
#include <algorithm>
#include <cctype>

#include "provider/cmd/docs_render.h"

namespace aoa::provider::docs {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

}  // namespace

std::string function_markdown(const std::string& name, const schema::FunctionSignature& sig) {
  std::string signature = name + "(";
  for (size_t i = 0; i < sig.parameters.size(); ++i)
    signature += (i ? ", " : "") + sig.parameters[i].name + " " + lower(type_name(sig.parameters[i].type));
  signature += ") " + lower(type_name(sig.return_type));
  std::string out = "## Signature\n\n```text\n" + signature + "\n```\n\n## Arguments\n\n";
  if (sig.parameters.empty()) out += "None.\n";
  for (size_t i = 0; i < sig.parameters.size(); ++i) {
    const auto& p = sig.parameters[i];
    out += std::to_string(i + 1) + ". `" + p.name + "` (" + type_name(p.type) + ") " + p.description;
    if (p.allow_null) out += " May be `null`.";
    out += "\n";
  }
  return out + "\n## Return\n\n" + type_name(sig.return_type) + ".\n";
}

}  // namespace aoa::provider::docs
