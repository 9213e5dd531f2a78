// Declared rules (schema/rules.h) for the names this provider's resources share: Kubernetes
// DNS-1123 labels, and engine name checks wrapped as rules.
#pragma once

#include <string>
#include <string_view>

#include "internal/status/status.h"
#include "schema/rules.h"

namespace aoa::provider {

// A DNS-1123 label. The detail reads "\"x\" is not <what>: a DNS-1123 label (…)".
schema::Rule dns_label_rule(const char* summary, const std::string& what = "allowed",
                            schema::Rule::Target target = schema::Rule::Target::Value);

// An engine's check of one string as a rule described by `description`: the message of the Status
// it returns is the diagnostic's detail.
schema::Rule check_rule(const char* summary, const char* description, Status (*check)(std::string_view),
                        schema::Rule::Target target = schema::Rule::Target::Value);

}  // namespace aoa::provider
