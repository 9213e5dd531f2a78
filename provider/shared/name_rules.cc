#include "provider/shared/name_rules.h"

#include "internal/render/k8s_names.h"

namespace aoa::provider {

namespace {
const char* const kDnsLabel = "a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters)";
}  // namespace

schema::Rule dns_label_rule(const char* summary, const std::string& what, schema::Rule::Target target) {
  return schema::Rule::custom(summary, kDnsLabel, [what](const cty::Value& v) {
    const std::string& s = v.as_string();
    return render::is_dns1123_label(s) ? std::string() : "\"" + s + "\" is not " + what + ": " + kDnsLabel;
  }, target);
}

schema::Rule check_rule(const char* summary, const char* description, Status (*check)(std::string_view),
                        schema::Rule::Target target) {
  return schema::Rule::custom(
      summary, description, [check](const cty::Value& v) { return check(v.as_string()).message(); }, target);
}

}  // namespace aoa::provider
