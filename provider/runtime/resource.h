// The typed resource contract. A resource is a model struct (provider/runtime/model.h), its schema
// with declared rules, and the hooks below; the lifecycle around them is written once, in
// provider/runtime/lifecycle.h. Required: create, update, destroy, read. Everything else is an
// opt-in capability with a default that does nothing.
//
// The shared rules the lifecycle applies, so that no resource spells them again:
// * validate: the declared rules and string limits of every attribute (schema/rules.h), then the
//   resource's cross-attribute `validate` (after a rule error only if `validate_after_rule_errors`);
//   again at plan, when more values are known;
// * plan: destroy needs no plan of its own (`plan_destroy` opts in); the configuration decoded
//   once; defaults where the configuration is null; `modify_plan`; declared `requires_replace`
//   attributes that change; the "already exists" check of a create (`existing`); `commit` unknown
//   when the object will be written (or the hook says its files change), kept otherwise; the
//   private data that names the object a replacement moves away from (see `replaces_marker`);
// * apply: nothing is written once Terraform asked to stop; create, update or destroy by the null
//   prior or planned state; `commit` from the commit the hook made; a hook that refuses reports its
//   own error in `step.diags()` and the object keeps its prior state; an exception is one error
//   "Could not write <noun>" (or the resource's own `write_error`);
// * read: a null state stays null; the object is noted as in this workspace's state; nullopt from
//   the hook means gone; a null `commit` is the branch tip (after an import);
// * import: `a/b/c` split into the declared ID parts, each checked by its attribute's rules, with
//   one error naming the expected form; then the resource's `import_state`, or by default a stub of
//   the parts and the declared defaults that read fills in.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "internal/gitops/store.h"
#include "provider/shared/logged_store.h"
#include "provider/shared/plan_overlay.h"
#include "provider/shared/provider_context.h"
#include "schema/diagnostics.h"
#include "schema/provider.h"
#include "schema/schema.h"

namespace aoa::runtime {

// How users import the resource: the attributes the ID is made of, joined by '/'.
struct ImportId {
  std::vector<std::string> parts;  // attribute names, e.g. {"model", "version"}
  std::string example_name;        // resource name in the example address, e.g. "fraud_7"
  std::string example;             // an ID, e.g. "fraud/7"
};

struct ResourceInfo {
  std::string type_name;  // "appofapps_model_version"
  std::string noun;       // "model version", for "Could not write model version"
  ImportId import_id;
  std::string write_error = {};  // the summary of a failed write when not "Could not write <noun>"
  // The private data of a replacement names the object as "replaces=<type>/<id>", or, when false,
  // "replaces=<id>" (appofapps_app's form since before the runtime: its saved plans keep working).
  bool marker_names_type = true;
};

// The repository file a new object would take, for the "already exists" check of a create.
struct Existing {
  std::string key;                    // "<type>/<id>": how the plan overlay knows the object
  std::function<bool()> exists;       // the object's files are in the repository
  std::string summary;                // e.g. "Model version already registered"
  std::string detail;                 // what to do: import it, or choose another name
  schema::AttributePath path;
};

// What the plan hooks see and change.
template <typename M>
struct PlanStep {
  const std::optional<M> prior;  // nullopt on create
  const M config;
  M planned;  // the proposed new state with defaults applied
  const std::string& prior_private;
  std::string planned_private;
  std::vector<schema::AttributePath> requires_replace;  // added to the declared ones
  schema::Diagnostics& diags;
  // The id of the object this plan moves away from: on an update the prior object's; on a create
  // the one the prior private data names (Terraform's second plan of a replacement); else "".
  const std::string replaces = {};
  // Set by a create's hook when the object's files are this workspace's own (taint, -replace): the
  // planned private data then names the object, and the delete half of the replacement sees
  // ApplyStep::replacing().
  bool replaces_own = false;
  // Set by an update's hook when the object's files will be written although no attribute changes
  // (e.g. a value that depends on other objects and cannot be checked yet): `commit` is unknown.
  bool rewrite = false;
  bool is_create() const { return !prior.has_value(); }
};

// What the plan of a destroy sees and decides.
struct DestroyPlan {
  schema::Diagnostics& diags;
  // Set by the hook when this delete is half of a replacement (the object comes back in this run):
  // the planned private data then names the object, and the apply sees ApplyStep::replacing().
  bool replaced = false;
};

// What the apply hooks use: the provider's context, the plan's private data, and the one way to commit.
class ApplyStep {
 public:
  explicit ApplyStep(std::shared_ptr<const provider::ProviderContext> ctx, std::string planned_private = {},
                     bool replacing = false)
      : ctx_(std::move(ctx)), planned_private_(std::move(planned_private)), replacing_(replacing) {}
  const provider::ProviderContext& ctx() const { return *ctx_; }
  // The private data of the plan being applied (e.g. replaces_private(...) on the delete half of a replacement).
  const std::string& planned_private() const { return planned_private_; }
  // On a destroy: the plan's private data names this object, so the delete is half of a
  // replacement (taint, -replace, a for_each key change) and the object comes back in this run.
  bool replacing() const { return replacing_; }
  // Commits and remembers the commit: it becomes the object's `commit` where the plan left it unknown.
  gitops::CommitResult commit(const gitops::CommitRequest& request) {
    gitops::CommitResult r = ctx_->store->commit(based(request));
    commit_id_ = r.commit_id;
    return r;
  }
  // Stages the change instead of committing it: every reader of the store sees it at once, and the
  // lifecycle makes it durable after the hook returns (finish()), in one commit with the changes
  // other applies staged meanwhile. For a hook that computes its change under a lock: the lock is
  // not held while the commit is written, so the next apply can stage on top of this one.
  //
  // With a `release` key ("<root>/<environment>", see provider::release_key()), the change is held
  // for that release instead: durable in the release journal once finish() returns, visible to
  // every read, and published on the branch by the release's apply (gitops::GroupCommitStore::hold).
  void stage(const gitops::CommitRequest& request, const std::string& release = {}) {
    if (!ctx_->group) {
      commit(request);
      return;
    }
    staged_files_ = request.changes.size();
    ticket_ = release.empty() ? ctx_->group->stage(based(request)) : ctx_->group->hold(release, based(request));
  }
  // Waits until a staged change is committed (nothing without one); throws gitops::StoreError when
  // its commit failed.
  void finish() {
    if (!ticket_) return;
    const auto start = std::chrono::steady_clock::now();
    auto ticket = std::move(ticket_);
    gitops::CommitResult r = ctx_->group->wait(ticket);
    provider::log_commit(r, staged_files_, start);
    commit_id_ = r.commit_id;
  }
  const std::string& commit_id() const { return commit_id_; }
  // The commit the plan was made on (remote repositories; provider/shared/plan_base.h): every
  // change this step commits carries it, so the store refuses files someone changed since.
  void set_plan_base(std::string base) { plan_base_ = std::move(base); }
  // Warnings and errors of the hook; after an error the object keeps its prior state (write nothing then).
  schema::Diagnostics& diags() { return diags_; }

 private:
  std::shared_ptr<const provider::ProviderContext> ctx_;
  std::string planned_private_;
  bool replacing_ = false;
  std::string commit_id_;
  std::shared_ptr<gitops::GroupCommitStore::Ticket> ticket_;
  size_t staged_files_ = 0;
  std::string plan_base_;

  gitops::CommitRequest based(const gitops::CommitRequest& request) const {
    if (plan_base_.empty()) return request;
    gitops::CommitRequest out = request;
    for (auto& change : out.changes)
      if (change.base.empty()) change.base = plan_base_;
    return out;
  }
  schema::Diagnostics diags_;
};

struct ReadStep {
  const provider::ProviderContext& ctx;
  schema::Diagnostics& diags;
};

template <typename M>
class Resource {
 public:
  using Model = M;
  virtual ~Resource() = default;
  virtual const ResourceInfo& info() const = 0;
  virtual const schema::Schema& schema() const = 0;

  virtual M create(const M& planned, ApplyStep& step) const = 0;
  virtual M update(const M& prior, const M& planned, ApplyStep& step) const = 0;
  virtual void destroy(const M& prior, ApplyStep& step) const = 0;
  // The object as the repository has it, starting from the current state; nullopt when it is gone.
  virtual std::optional<M> read(const M& current, ReadStep& step) const = 0;
  // The object's ID (the `id` attribute), when the model's identity is known.
  virtual std::optional<std::string> id_of(const M& model) const = 0;

  // Opt-in capabilities.
  virtual void validate(const M& /*config*/, schema::Diagnostics& /*diags*/) const {}
  // Whether `validate` runs after a declared rule failed too, so that one validation reports every
  // problem (its checks must then cope with values the rules reject).
  virtual bool validate_after_rule_errors() const { return false; }
  // The plan of a destroy: warnings (or errors) about what destroying `prior` means, and whether
  // it is half of a replacement; it may wait for the other plans of the run
  // (schema/call_activity.h). The planned state stays null.
  virtual void plan_destroy(const M& /*prior*/, DestroyPlan& /*step*/) const {}
  virtual void modify_plan(PlanStep<M>& /*step*/) const {}
  virtual std::optional<Existing> existing(const M& /*planned*/, const provider::ProviderContext& /*ctx*/) const {
    return std::nullopt;
  }
  // Whether a declared requires_replace attribute keeps its meaning from `prior` to `planned`
  // (default: the values are equal and known).
  virtual bool same_meaning(const std::string& /*attribute*/, const cty::Value& prior, const cty::Value& planned) const {
    return planned.is_wholly_known() && prior == planned;
  }
  // The whole state an import starts from, by the ID's parts (already checked); nullopt for the
  // default stub. Errors go to step.diags (then there is no state).
  virtual std::optional<M> import_state(const std::map<std::string, std::string>& /*parts*/, ReadStep& /*step*/) const {
    return std::nullopt;
  }
};

}  // namespace aoa::runtime
