#include "internal/protocol/provider_service.h"

#include <exception>

#include "internal/protocol/convert.h"
#include "internal/protocol/log.h"
#include "schema/call_activity.h"
#include "schema/json_codec.h"
#include "schema/msgpack_codec.h"

namespace aoa::protocol {
namespace {

using google::protobuf::RepeatedPtrField;

const schema::Resource* find_resource(schema::Provider& p, const std::string& type, schema::Diagnostics& diags) {
  auto it = p.resources().find(type);
  if (it == p.resources().end()) {
    diags.error("Unknown resource type", "The provider has no resource type \"" + type + "\".");
    return nullptr;
  }
  return it->second.get();
}

const schema::DataSource* find_data_source(schema::Provider& p, const std::string& type,
                                           schema::Diagnostics& diags) {
  auto it = p.data_sources().find(type);
  if (it == p.data_sources().end()) {
    diags.error("Unknown data source type", "The provider has no data source type \"" + type + "\".");
    return nullptr;
  }
  return it->second.get();
}

constexpr const char* kResource = "tf_resource_type";
constexpr const char* kDataSource = "tf_data_source_type";

// Counts of the response's diagnostics for the "Served request" line; never their text, which may
// quote configuration values.
void annotate_diagnostics(const schema::Diagnostics& diags) {
  size_t errors = 0;
  for (const auto& d : diags.items()) errors += d.severity == schema::Severity::Error ? 1 : 0;
  if (errors > 0) log::annotate_request("diagnostic_error_count", std::to_string(errors));
  if (diags.size() > errors) log::annotate_request("diagnostic_warning_count", std::to_string(diags.size() - errors));
}

// Runs one RPC body inside its log scope (log.h); any exception becomes an error diagnostic so
// Terraform shows it instead of "plugin did not respond".
template <typename Body>
void guarded(const char* rpc, const char* type_key, const std::string& type, schema::Diagnostics& diags,
             Body&& body) {
  log::RequestScope scope(rpc, type_key, type);
  schema::CallActivity::Scope in_flight(schema::CallActivity::global());
  try {
    body();
  } catch (const cty::DecodeError& e) {
    diags.error("Invalid value from Terraform",
                std::string(rpc) + " could not decode a value" + (e.path.empty() ? "" : " at " + e.path) + ": " +
                    e.what());
  } catch (const std::exception& e) {
    log::error("Exception in the provider, reported as a diagnostic");
    diags.error("Provider error in " + std::string(rpc), e.what());
  }
  annotate_diagnostics(diags);
}

template <typename Response>
void put(const schema::Diagnostics& diags, Response* response) {
  to_proto(diags, response->mutable_diagnostics());
}

}  // namespace

grpc::Status ProviderService::GetMetadata(grpc::ServerContext*, const tfplugin6::GetMetadataMessages::Request*,
                                          tfplugin6::GetMetadataMessages::Response* response) {
  response->mutable_server_capabilities()->set_plan_destroy(true);
  response->mutable_server_capabilities()->set_get_provider_schema_optional(true);
  for (const auto& [name, _] : provider_.resources()) response->add_resources()->set_type_name(name);
  for (const auto& [name, _] : provider_.data_sources()) response->add_data_sources()->set_type_name(name);
  for (const auto& [name, _] : provider_.functions()) response->add_functions()->set_name(name);
  return grpc::Status::OK;
}

grpc::Status ProviderService::GetProviderSchema(grpc::ServerContext*, const tfplugin6::GetProviderSchema::Request*,
                                                tfplugin6::GetProviderSchema::Response* response) {
  to_proto(provider_.schema(), response->mutable_provider());
  for (const auto& [name, r] : provider_.resources()) to_proto(r->schema(), &(*response->mutable_resource_schemas())[name]);
  for (const auto& [name, d] : provider_.data_sources())
    to_proto(d->schema(), &(*response->mutable_data_source_schemas())[name]);
  // Terraform 1.8+ learns the functions here (it never calls GetFunctions).
  for (const auto& [name, f] : provider_.functions()) to_proto(f->signature(), &(*response->mutable_functions())[name]);
  // Plans of destroys come to us (destroy rules are checked at plan time), and every RPC works in a
  // fresh process because schemas are built at start-up.
  response->mutable_server_capabilities()->set_plan_destroy(true);
  response->mutable_server_capabilities()->set_get_provider_schema_optional(true);
  return grpc::Status::OK;
}

grpc::Status ProviderService::ValidateProviderConfig(grpc::ServerContext*,
                                                     const tfplugin6::ValidateProviderConfig::Request* request,
                                                     tfplugin6::ValidateProviderConfig::Response* response) {
  schema::Diagnostics diags;
  guarded("ValidateProviderConfig", "", "", diags, [&] {
    auto type = provider_.schema().block.implied_type();
    provider_.validate(decode_dynamic(request->config(), type), diags);
  });
  put(diags, response);
  return grpc::Status::OK;
}

grpc::Status ProviderService::ValidateResourceConfig(grpc::ServerContext*,
                                                     const tfplugin6::ValidateResourceConfig::Request* request,
                                                     tfplugin6::ValidateResourceConfig::Response* response) {
  schema::Diagnostics diags;
  guarded("ValidateResourceConfig", kResource, request->type_name(), diags, [&] {
    if (auto* r = find_resource(provider_, request->type_name(), diags)) {
      r->validate(decode_dynamic(request->config(), r->schema().block.implied_type()), diags);
    }
  });
  put(diags, response);
  return grpc::Status::OK;
}

grpc::Status ProviderService::ValidateDataResourceConfig(
    grpc::ServerContext*, const tfplugin6::ValidateDataResourceConfig::Request* request,
    tfplugin6::ValidateDataResourceConfig::Response* response) {
  schema::Diagnostics diags;
  guarded("ValidateDataResourceConfig", kDataSource, request->type_name(), diags, [&] {
    if (auto* d = find_data_source(provider_, request->type_name(), diags)) {
      d->validate(decode_dynamic(request->config(), d->schema().block.implied_type()), diags);
    }
  });
  put(diags, response);
  return grpc::Status::OK;
}

grpc::Status ProviderService::UpgradeResourceState(grpc::ServerContext*,
                                                   const tfplugin6::UpgradeResourceState::Request* request,
                                                   tfplugin6::UpgradeResourceState::Response* response) {
  schema::Diagnostics diags;
  guarded("UpgradeResourceState", kResource, request->type_name(), diags, [&] {
    auto* r = find_resource(provider_, request->type_name(), diags);
    if (r == nullptr) return;
    auto type = r->schema().block.implied_type();
    if (request->raw_state().json().empty()) {
      diags.error("Unsupported state format",
                  "This resource's state is in the pre-0.12 flatmap format, which this provider never wrote.");
      return;
    }
    // State JSON is decoded against the current schema: attributes it lacks become null.
    cty::Value state = cty::decode_json(request->raw_state().json(), type);
    state = r->upgrade(request->version(), state, diags);
    if (!diags.has_errors()) encode_dynamic(state, type, response->mutable_upgraded_state());
  });
  put(diags, response);
  return grpc::Status::OK;
}

grpc::Status ProviderService::ConfigureProvider(grpc::ServerContext*,
                                                const tfplugin6::ConfigureProvider::Request* request,
                                                tfplugin6::ConfigureProvider::Response* response) {
  schema::Diagnostics diags;
  guarded("ConfigureProvider", "", "", diags, [&] {
    auto type = provider_.schema().block.implied_type();
    provider_.configure(request->terraform_version(), decode_dynamic(request->config(), type), diags);
  });
  put(diags, response);
  return grpc::Status::OK;
}

grpc::Status ProviderService::ReadResource(grpc::ServerContext*, const tfplugin6::ReadResource::Request* request,
                                           tfplugin6::ReadResource::Response* response) {
  schema::Diagnostics diags;
  guarded("ReadResource", kResource, request->type_name(), diags, [&] {
    auto* r = find_resource(provider_, request->type_name(), diags);
    if (r == nullptr) return;
    auto type = r->schema().block.implied_type();
    schema::ReadRequest req{decode_dynamic(request->current_state(), type), request->private_()};
    auto res = r->read(req);
    diags.append(res.diagnostics);
    // On error keep what Terraform had: an empty new_state would read as "deleted".
    encode_dynamic(res.diagnostics.has_errors() ? req.current_state : res.new_state, type,
                   response->mutable_new_state());
    response->set_private_(res.diagnostics.has_errors() ? request->private_() : res.private_data);
  });
  put(diags, response);
  return grpc::Status::OK;
}

grpc::Status ProviderService::PlanResourceChange(grpc::ServerContext*,
                                                 const tfplugin6::PlanResourceChange::Request* request,
                                                 tfplugin6::PlanResourceChange::Response* response) {
  schema::Diagnostics diags;
  guarded("PlanResourceChange", kResource, request->type_name(), diags, [&] {
    auto* r = find_resource(provider_, request->type_name(), diags);
    if (r == nullptr) return;
    auto type = r->schema().block.implied_type();
    schema::PlanRequest req{decode_dynamic(request->prior_state(), type),
                            decode_dynamic(request->proposed_new_state(), type),
                            decode_dynamic(request->config(), type), request->prior_private()};
    auto res = r->plan(req);
    diags.append(res.diagnostics);
    if (res.diagnostics.has_errors()) return;
    encode_dynamic(res.planned_state, type, response->mutable_planned_state());
    for (const auto& p : res.requires_replace) to_proto(p, response->add_requires_replace());
    response->set_planned_private(res.planned_private);
  });
  put(diags, response);
  return grpc::Status::OK;
}

grpc::Status ProviderService::ApplyResourceChange(grpc::ServerContext*,
                                                  const tfplugin6::ApplyResourceChange::Request* request,
                                                  tfplugin6::ApplyResourceChange::Response* response) {
  schema::Diagnostics diags;
  cty::Value prior;
  const schema::Resource* r = nullptr;
  guarded("ApplyResourceChange", kResource, request->type_name(), diags, [&] {
    r = find_resource(provider_, request->type_name(), diags);
    if (r == nullptr) return;
    auto type = r->schema().block.implied_type();
    prior = decode_dynamic(request->prior_state(), type);
    schema::ApplyRequest req{prior, decode_dynamic(request->planned_state(), type),
                             decode_dynamic(request->config(), type), request->planned_private()};
    auto res = r->apply(req);
    diags.append(res.diagnostics);
    encode_dynamic(res.new_state, type, response->mutable_new_state());
    response->set_private_(res.private_data);
  });
  // An exception before a new state was chosen: hand back the prior state so nothing is lost.
  if (diags.has_errors() && r != nullptr && !response->has_new_state()) {
    try {
      encode_dynamic(prior, r->schema().block.implied_type(), response->mutable_new_state());
    } catch (...) {
    }
  }
  put(diags, response);
  return grpc::Status::OK;
}

grpc::Status ProviderService::ImportResourceState(grpc::ServerContext*,
                                                  const tfplugin6::ImportResourceState::Request* request,
                                                  tfplugin6::ImportResourceState::Response* response) {
  schema::Diagnostics diags;
  guarded("ImportResourceState", kResource, request->type_name(), diags, [&] {
    auto* r = find_resource(provider_, request->type_name(), diags);
    if (r == nullptr) return;
    auto res = r->import_state(request->id());
    diags.append(res.diagnostics);
    if (res.diagnostics.has_errors()) return;
    auto* imported = response->add_imported_resources();
    imported->set_type_name(request->type_name());
    encode_dynamic(res.state, r->schema().block.implied_type(), imported->mutable_state());
  });
  put(diags, response);
  return grpc::Status::OK;
}

grpc::Status ProviderService::ReadDataSource(grpc::ServerContext*, const tfplugin6::ReadDataSource::Request* request,
                                             tfplugin6::ReadDataSource::Response* response) {
  schema::Diagnostics diags;
  guarded("ReadDataSource", kDataSource, request->type_name(), diags, [&] {
    auto* d = find_data_source(provider_, request->type_name(), diags);
    if (d == nullptr) return;
    auto type = d->schema().block.implied_type();
    cty::Value state = d->read(decode_dynamic(request->config(), type), diags);
    if (!diags.has_errors()) encode_dynamic(state, type, response->mutable_state());
  });
  put(diags, response);
  return grpc::Status::OK;
}

grpc::Status ProviderService::GetFunctions(grpc::ServerContext*, const tfplugin6::GetFunctions::Request*,
                                           tfplugin6::GetFunctions::Response* response) {
  for (const auto& [name, f] : provider_.functions()) to_proto(f->signature(), &(*response->mutable_functions())[name]);
  return grpc::Status::OK;
}

grpc::Status ProviderService::CallFunction(grpc::ServerContext*, const tfplugin6::CallFunction::Request* request,
                                           tfplugin6::CallFunction::Response* response) {
  log::RequestScope scope("CallFunction", "tf_function_name", request->name());
  schema::FunctionResult result;
  auto it = provider_.functions().find(request->name());
  if (it == provider_.functions().end()) {
    result = schema::FunctionResult::fail("The provider has no function \"" + request->name() + "\".", std::nullopt);
  } else {
    const schema::FunctionSignature& sig = it->second->signature();
    const auto& params = sig.parameters;
    try {
      std::vector<cty::Value> args;
      for (int i = 0; i < request->arguments_size(); ++i) {
        // Surplus arguments are decoded as dynamic; call_function reports the count.
        const cty::Type type = i < static_cast<int>(params.size()) ? params[i].type : cty::Type::dynamic();
        args.push_back(decode_dynamic(request->arguments(i), type));
      }
      result = schema::call_function(*it->second, args);
      if (!result.error) encode_dynamic(result.value, sig.return_type, response->mutable_result());
    } catch (const std::exception& e) {
      log::error("Exception in the provider, reported as a function error");
      result = schema::FunctionResult::fail(request->name() + ": " + e.what(), std::nullopt);
    }
  }
  if (result.error) {
    response->clear_result();
    to_proto(*result.error, response->mutable_error());
    log::annotate_request("function_error_argument",
                          result.error->argument ? std::to_string(*result.error->argument) : "none");
  }
  return grpc::Status::OK;
}

grpc::Status ProviderService::StopProvider(grpc::ServerContext*, const tfplugin6::StopProvider::Request*,
                                           tfplugin6::StopProvider::Response*) {
  log::info("StopProvider: cancelling in-flight work");
  provider_.stop_token().request_stop();
  return grpc::Status::OK;
}

}  // namespace aoa::protocol
