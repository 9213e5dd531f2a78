// The protocol lifecycle, written once: turns a typed resource (provider/runtime/resource.h) into
// the untyped schema::Resource that the protocol layer calls. The rules it applies are listed in
// resource.h; their model-independent parts are in provider/runtime/rules.h.
#pragma once

#include <algorithm>
#include <exception>
#include <memory>

#include "internal/protocol/log.h"
#include "provider/shared/plan_base.h"
#include "provider/shared/plan_overlay.h"
#include "provider/shared/provider_context.h"
#include "provider/shared/resource_helpers.h"
#include "provider/runtime/model.h"
#include "provider/runtime/resource.h"
#include "provider/runtime/rules.h"
#include "provider/runtime/status_diagnostic.h"
#include "schema/provider.h"
#include "schema/rules.h"

namespace aoa::runtime {

// What every resource's lifecycle uses from the provider.
struct Services {
  const provider::ContextHolder& context;
  const schema::StopToken& stop;
  provider::PlanOverlay& overlay;
};

// Typed forms of same_arguments and arguments_known (rules.h), for plan hooks.
template <Model M>
bool same_arguments(const schema::Block& block, const M& a, const M& b) {
  const cty::Type t = block.implied_type();
  return same_arguments(block, encode(a, t), encode(b, t));
}
template <Model M>
bool arguments_known(const schema::Block& block, const M& m) {
  return arguments_known(block, encode(m, block.implied_type()));
}

template <typename R>
class Lifecycle final : public schema::Resource {
 public:
  using M = typename R::Model;

  Lifecycle(std::shared_ptr<const R> resource, Services services)
      : r_(std::move(resource)), services_(services), type_(r_->schema().block.implied_type()) {}

  const schema::Schema& schema() const override { return r_->schema(); }

  void validate(const cty::Value& config, schema::Diagnostics& diags) const override { checked(config, diags); }

  // A remote repository's plan base rides along in the private data (provider/shared/plan_base.h);
  // everything below sees the private data without it.
  schema::PlanResponse plan(const schema::PlanRequest& request) const override {
    auto [prior_private, base] = provider::split_plan_base(request.prior_private);
    if (base.empty()) return plan_unstamped(request);
    schema::PlanRequest req = request;
    req.prior_private = std::move(prior_private);
    schema::PlanResponse res = plan_unstamped(req);
    res.planned_private = provider::with_plan_base(res.planned_private, base);
    return res;
  }

  schema::ApplyResponse apply(const schema::ApplyRequest& request) const override {
    auto [planned_private, base] = provider::split_plan_base(request.planned_private);
    if (base.empty()) return apply_unstamped(request, "");
    schema::ApplyRequest req = request;
    req.planned_private = std::move(planned_private);
    return apply_unstamped(req, base);
  }

  schema::PlanResponse plan_unstamped(const schema::PlanRequest& req) const {
    schema::PlanResponse res;
    res.planned_state = req.proposed_new_state;
    if (req.proposed_new_state.is_null()) {  // destroy: nothing to plan unless the resource opts in
      if (!req.prior_state.is_null()) plan_destroy(decode<M>(req.prior_state), res);
      return res;
    }
    const M config = checked(req.config, res.diagnostics);
    if (res.diagnostics.has_errors()) return res;
    const bool create = req.prior_state.is_null();
    cty::Value proposed = apply_defaults(block(), req.proposed_new_state, req.prior_state, req.config);
    const std::optional<M> prior = create ? std::nullopt : std::optional<M>(decode<M>(req.prior_state));
    const std::optional<std::string> prior_id = prior ? r_->id_of(*prior) : std::nullopt;
    const M defaulted = decode<M>(proposed);
    log_identity(defaulted);
    PlanStep<M> step{prior,         config, defaulted, req.prior_private, {}, {}, res.diagnostics,
                     create ? replaced_id(r_->info(), req.prior_private) : prior_id.value_or("")};
    r_->modify_plan(step);
    if (res.diagnostics.has_errors()) return res;
    cty::Value planned = encode_over(proposed, defaulted, step.planned, type());
    if (create) {
      if (!plan_create(step, req.prior_private, res.diagnostics)) return res;
    } else {
      step.requires_replace = merged(declared_replacements(block(), req.prior_state, planned, same_meaning()),
                                     step.requires_replace);
      if (prior_id) step.planned_private = replaces_marker(r_->info(), *prior_id);
    }
    res.planned_state = plan_commit(block(), req.prior_state, planned, step.rewrite);
    res.requires_replace = std::move(step.requires_replace);
    res.planned_private = std::move(step.planned_private);
    return res;
  }

  schema::ApplyResponse apply_unstamped(const schema::ApplyRequest& req, const std::string& plan_base) const {
    schema::ApplyResponse res;
    res.new_state = req.prior_state;
    if (provider::refuse_when_stopping(services_.stop, res)) return res;
    try {
      log_identity(decode<M>(req.planned_state.is_null() ? req.prior_state : req.planned_state));
      if (req.planned_state.is_null()) {
        const M prior = decode<M>(req.prior_state);
        const auto id = r_->id_of(prior);
        ApplyStep step(services_.context.get(), req.planned_private,
                       id && req.planned_private == replaces_marker(r_->info(), *id));
        step.set_plan_base(plan_base);
        r_->destroy(prior, step);
        step.finish();
        if (!reported(step, res)) res.new_state = cty::Value::null(type());
        return res;
      }
      ApplyStep step(services_.context.get(), req.planned_private);
      step.set_plan_base(plan_base);
      const M planned = decode<M>(req.planned_state);
      M out = req.prior_state.is_null() ? r_->create(planned, step)
                                        : r_->update(decode<M>(req.prior_state), planned, step);
      step.finish();
      if (reported(step, res)) return res;
      cty::Value state = encode_over(req.planned_state, planned, out, type());
      if (state.has_attr("commit") && !state.attr("commit").is_known() && !step.commit_id().empty())
        state = state.with_attr("commit", cty::Value::string(step.commit_id()));
      res.new_state = state;
    } catch (const StatusException& e) {
      // A hook's unexpected engine Status (aoa::value_or_throw): its inputs passed the plan.
      StatusReport how;
      how.summary = write_error();
      how.at_field = false;
      report_status(e.status(), res.diagnostics, how);
    } catch (const std::exception& e) {
      res.diagnostics.error(write_error(), e.what());
    }
    return res;
  }

  schema::ReadResponse read(const schema::ReadRequest& req) const override {
    schema::ReadResponse res;
    res.new_state = req.current_state;
    res.private_data = req.private_data;
    if (req.current_state.is_null()) return res;
    auto ctx = services_.context.get();
    if (ctx->remote)  // the commit this refresh read: the base of the plan that follows
      res.private_data = provider::with_plan_base(provider::split_plan_base(req.private_data).first, ctx->store->tip());
    const M current = decode<M>(req.current_state);
    log_identity(current);
    if (auto id = r_->id_of(current)) services_.overlay.note_in_state(key(*id));
    ReadStep step{*ctx, res.diagnostics};
    std::optional<M> now = r_->read(current, step);
    if (!now) {
      res.new_state = cty::Value::null(type());
      return res;
    }
    cty::Value state = encode_over(req.current_state, current, *now, type());
    if (state.has_attr("commit") && state.attr("commit").is_null())
      state = state.with_attr("commit", cty::Value::string(ctx->store->tip()));
    res.new_state = state;
    return res;
  }

  schema::ImportResponse import_state(const std::string& id) const override {
    schema::ImportResponse res;
    auto parts = parse_import_id(r_->info(), block(), id, res.diagnostics);
    if (!parts) return res;
    std::shared_ptr<const provider::ProviderContext> ctx;
    try {
      ctx = services_.context.get();
    } catch (const provider::NotConfigured&) {  // only a stub needs no repository; Read will need it
      res.state = import_stub(block(), *parts, id);
      return res;
    }
    ReadStep step{*ctx, res.diagnostics};
    std::optional<M> imported = r_->import_state(*parts, step);
    if (res.diagnostics.has_errors()) return res;
    res.state = imported ? encode(*imported, type()) : import_stub(block(), *parts, id);
    return res;
  }

 private:
  const schema::Block& block() const { return r_->schema().block; }
  std::string write_error() const {
    const ResourceInfo& info = r_->info();
    return info.write_error.empty() ? "Could not write " + info.noun : info.write_error;
  }
  const cty::Type& type() const { return type_; }
  std::string key(const std::string& id) const { return r_->info().type_name + "/" + id; }
  // The object's identity on every later log line of this RPC (never attribute values).
  void log_identity(const M& m) const {
    if (auto id = r_->id_of(m)) log::annotate_request("tf_resource_id", *id);
  }
  // The declared rules, then (unless they failed) the resource's own validate; the configuration
  // decoded once.
  M checked(const cty::Value& config, schema::Diagnostics& diags) const {
    M m = decode<M>(config);
    if (config.is_null() || !config.is_known()) return m;
    schema::check_rules(block(), config, diags);
    if (!diags.has_errors() || r_->validate_after_rule_errors()) r_->validate(m, diags);
    return m;
  }
  void plan_destroy(const M& prior, schema::PlanResponse& res) const {
    DestroyPlan step{res.diagnostics};
    r_->plan_destroy(prior, step);
    if (auto id = r_->id_of(prior); step.replaced && id) res.planned_private = replaces_marker(r_->info(), *id);
  }
  // The "already exists" rule and the private data of a create; false after an error.
  bool plan_create(PlanStep<M>& step, const std::string& prior_private, schema::Diagnostics& diags) const {
    if (step.replaces_own)
      if (auto id = r_->id_of(step.planned)) step.planned_private = replaces_marker(r_->info(), *id);
    auto ctx = services_.context.get();
    if (auto e = r_->existing(step.planned, *ctx))
      return check_existing(services_.overlay, *e, prior_private, step.planned_private, diags);
    return true;
  }
  auto same_meaning() const {
    return [this](const std::string& a, const cty::Value& p, const cty::Value& n) { return r_->same_meaning(a, p, n); };
  }
  // Appends the apply hook's diagnostics; true when one is an error (the state stays the prior one).
  static bool reported(ApplyStep& step, schema::ApplyResponse& res) {
    res.diagnostics.append(step.diags());
    return step.diags().has_errors();
  }
  static std::vector<schema::AttributePath> merged(std::vector<schema::AttributePath> a,
                                                   const std::vector<schema::AttributePath>& b) {
    for (const auto& p : b)
      if (std::find(a.begin(), a.end(), p) == a.end()) a.push_back(p);
    return a;
  }

  std::shared_ptr<const R> r_;
  Services services_;
  cty::Type type_;
};

}  // namespace aoa::runtime
