// The provider SDK interface: what a resource, a data source and a provider implement.
// The protocol layer (internal/protocol) turns tfplugin6 RPCs into calls on these interfaces;
// nothing here knows about gRPC, Git or ML.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "schema/diagnostics.h"
#include "schema/function.h"
#include "schema/schema.h"
#include "schema/value.h"

namespace aoa::schema {

// Cancellation flag raised by StopProvider; long operations poll it.
class StopToken {
 public:
  void request_stop() { stopped_.store(true); }
  bool stop_requested() const { return stopped_.load(); }

 private:
  std::atomic<bool> stopped_{false};
};

struct PlanRequest {
  cty::Value prior_state;         // null on create
  cty::Value proposed_new_state;  // null on destroy
  cty::Value config;              // null on destroy
  std::string prior_private;
};
struct PlanResponse {
  cty::Value planned_state;
  std::vector<AttributePath> requires_replace;
  std::string planned_private;
  Diagnostics diagnostics;
};

struct ApplyRequest {
  cty::Value prior_state;    // null on create
  cty::Value planned_state;  // null on destroy
  cty::Value config;
  std::string planned_private;
};
struct ApplyResponse {
  cty::Value new_state;  // null after destroy; on error the prior state
  std::string private_data;
  Diagnostics diagnostics;
};

struct ReadRequest {
  cty::Value current_state;
  std::string private_data;
};
struct ReadResponse {
  cty::Value new_state;  // null = the object is gone
  std::string private_data;
  Diagnostics diagnostics;
};

struct ImportResponse {
  cty::Value state;  // a stub that Read completes
  Diagnostics diagnostics;
};

class Resource {
 public:
  virtual ~Resource() = default;
  virtual const Schema& schema() const = 0;
  virtual void validate(const cty::Value& config, Diagnostics& diags) const = 0;
  virtual PlanResponse plan(const PlanRequest& request) const = 0;
  virtual ApplyResponse apply(const ApplyRequest& request) const = 0;
  virtual ReadResponse read(const ReadRequest& request) const = 0;
  virtual ImportResponse import_state(const std::string& id) const = 0;
  // Called with the state decoded under the current schema; override when the schema version changes.
  virtual cty::Value upgrade(int64_t /*from_version*/, const cty::Value& state, Diagnostics& /*diags*/) const {
    return state;
  }
};

class DataSource {
 public:
  virtual ~DataSource() = default;
  virtual const Schema& schema() const = 0;
  virtual void validate(const cty::Value& /*config*/, Diagnostics& /*diags*/) const {}
  virtual cty::Value read(const cty::Value& config, Diagnostics& diags) const = 0;
};

class Provider {
 public:
  virtual ~Provider() = default;
  virtual const Schema& schema() const = 0;
  virtual void validate(const cty::Value& config, Diagnostics& diags) const = 0;
  virtual void configure(const std::string& terraform_version, const cty::Value& config,
                         Diagnostics& diags) = 0;
  // Type name -> implementation; stable for the life of the process.
  virtual const std::map<std::string, std::shared_ptr<Resource>>& resources() const = 0;
  virtual const std::map<std::string, std::shared_ptr<DataSource>>& data_sources() const = 0;
  // Function name (without the provider:: prefix) -> implementation; none by default.
  virtual const std::map<std::string, std::shared_ptr<Function>>& functions() const {
    static const std::map<std::string, std::shared_ptr<Function>> kNone;
    return kNone;
  }
  virtual StopToken& stop_token() = 0;
};

}  // namespace aoa::schema
