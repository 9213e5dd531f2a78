// Internal to decide(): the state the rule checks share and one function per rule.
// Each step adds to state.decision (diagnostics included) and never stops at the first problem.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "internal/promotion/decision.h"

namespace aoa::promotion::detail {

struct DecideState {
  DecideState(const PromotionRequest& r, const PromotionContext& c) : request(r), context(c) {}

  const PromotionRequest& request;
  const PromotionContext& context;
  Decision decision;

  // Bundle apps whose gate failures are waived and that need not run in from (rule 6).
  std::set<std::string> waived_apps;
  // Bundle app -> the model its registry records are looked up under (rule 3). Absent when the
  // app runs neither in from nor in to, or its version is not a valid name.
  std::map<std::string, std::string> model_of;
  // Gate failures that count (not waived), as indexes into decision.evidence, with their gate.
  std::vector<std::pair<size_t, size_t>> failures;  // (gate index, evidence index)

  // The record of (model, version), looked up once. On a missing or unreadable record, the
  // first call for an app reports an error at versions["app"] and every call returns nullptr.
  const registry::ModelVersionRecord* bundle_record(const std::string& app);
  // The record of what runs in `to` for an app; nullptr and `why` when there is none.
  const registry::ModelVersionRecord* target_record(const std::string& app, std::string& why);

 private:
  struct Lookup {
    std::optional<registry::ModelVersionRecord> record;
    std::string error;  // the lookup threw
  };
  const Lookup& lookup(const std::string& model, const std::string& version);
  std::map<std::pair<std::string, std::string>, Lookup> cache_;
  std::set<std::string> reported_;
};

schema::AttributePath version_path(const std::string& app);  // versions["app"]
schema::AttributePath gate_path(size_t index);              // gate[i]

void check_environments(DecideState& s);   // rule 1
void check_bundle(DecideState& s);         // rules 2 and 6
void evaluate_gates(DecideState& s);       // rule 3
void apply_gate_failures(DecideState& s);  // rule 4
void check_approval(DecideState& s);       // rule 5
void check_dependencies(DecideState& s);   // rule 7
void order_bundle(DecideState& s);         // rule 8

}  // namespace aoa::promotion::detail
