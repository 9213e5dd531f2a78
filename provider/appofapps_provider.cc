#include "provider/appofapps_provider.h"
#include "provider/repository_config.h"
#include "provider/shared/schema_names.h"
#include "schema/rules.h"

#include <filesystem>

#include "internal/gitops/git_store.h"
#include "internal/gitops/group_commit.h"
#include "internal/protocol/log.h"
#include "provider/resources/app.h"
#include "provider/data_sources/environment.h"
#include "provider/functions/functions.h"
#include "provider/resources/model_version.h"
#include "provider/resources/release.h"
#include "provider/resources/promotion.h"
#include "provider/data_sources/schedule_preview.h"
#include "provider/resources/schedule.h"
#include "provider/data_sources/rollout.h"
#include "provider/resources/root.h"
#include "provider/shared/logged_store.h"
#include "provider/shared/value_helpers.h"

namespace aoa::provider {
namespace {

schema::Schema build_schema() {
  schema::Block repository = repository_block();
  schema::Block author = BlockBuilder()
                             .description("The author and committer of the provider's commits; the "
                                          "`Appofapps-Actor` trailer of each commit repeats them. Neither `name` "
                                          "nor `email` may be empty or contain `<`, `>` or a newline.")
                             .attribute("name", Type::string())
                             .optional()
                             .description("Default `terraform`.")
                             .attribute("email", Type::string())
                             .optional()
                             .description("Default `terraform@localhost`.")
                             .build();
  schema::Schema s;
  s.block = BlockBuilder()
                .description("Declarative App-of-Apps for ML platforms: writes Argo CD and Azure ML manifests to a "
                             "GitOps repository and commits them.")
                .block("repository", Nesting::Single, repository)
                .block("author", Nesting::Single, author)
                .build();
  return s;
}

const Value& block_or_null(const Value& config, const std::string& name) {
  static const Value null_value;
  if (config.is_null() || !config.is_known() || !config.has_attr(name)) return null_value;
  return config.attr(name);
}

}  // namespace

AppofappsProvider::AppofappsProvider() : schema_(build_schema()) {
  resources_["appofapps_root"] = make_root_resource({context_, stop_, overlay_});
  resources_["appofapps_app"] = make_app_resource({context_, stop_, overlay_});
  resources_["appofapps_model_version"] = make_model_version_resource({context_, stop_, overlay_});
  resources_["appofapps_promotion"] = make_promotion_resource({context_, stop_, overlay_});
  resources_["appofapps_schedule"] = make_schedule_resource({context_, stop_, overlay_});
  resources_["appofapps_release"] = make_release_resource({context_, stop_, overlay_});
  data_sources_["appofapps_rollout"] = make_rollout_data_source(context_);
  data_sources_["appofapps_environment"] = make_environment_data_source(context_);
  data_sources_["appofapps_schedule_preview"] = make_schedule_preview_data_source();
  functions_ = make_functions();
}

void AppofappsProvider::validate(const Value& config, schema::Diagnostics& diags) const {
  // Declared rules and string limits (schema/rules.h) first; this resource is not on the runtime yet.
  schema::check_rules(schema().block, config, diags);
  if (diags.has_errors()) return;
  const Value& repo = block_or_null(config, "repository");
  const AttributePath base = AttributePath::root("repository");
  validate_repository(repo, diags);
  if (auto branch = opt_string(repo, "branch")) {
    gitops::StoreConfig probe;
    probe.location = ".";
    probe.branch = *branch;
    try {
      gitops::GitStore::validate_config(probe);
    } catch (const std::exception& e) {
      diags.error("Invalid branch", e.what(), base.attr("branch"));
    }
  }
  const Value& author = block_or_null(config, "author");
  for (const char* field : {"name", "email"}) {
    auto v = opt_string(author, field);
    if (v && (v->empty() || v->find_first_of("<>\n") != std::string::npos))
      diags.error(std::string("Invalid author ") + field,
                  "The commit author's " + std::string(field) + " must be non-empty and contain no '<', '>' or "
                  "newline; got \"" + *v + "\".",
                  AttributePath::root("author").attr(field));
  }
  if (auto path = opt_string(repo, "path"); path && !path->empty()) {
    std::string p = *path;
    while (!p.empty() && p.back() == '/') p.pop_back();
    try {
      gitops::Store::validate_path(p);
    } catch (const std::exception& e) {
      diags.error("Invalid repository path",
                  std::string(e.what()) + " — `path` is a relative folder inside the repository, like `platform/ml`.",
                  base.attr("path"));
    }
  }
}

void AppofappsProvider::configure(const std::string& terraform_version, const Value& config,
                                  schema::Diagnostics& diags) {
  validate(config, diags);
  if (diags.has_errors()) return;
  const Value& repo = block_or_null(config, "repository");
  const Value& author = block_or_null(config, "author");

  auto ctx = std::make_shared<ProviderContext>();
  gitops::StoreConfig sc;
  sc.branch = string_or(repo, "branch", "main");
  sc.subpath = string_or(repo, "path", "");
  while (!sc.subpath.empty() && sc.subpath.back() == '/') sc.subpath.pop_back();
  sc.author.name = string_or(author, "name", sc.author.name);
  sc.author.email = string_or(author, "email", sc.author.email);
  // A local repository, or a remote one fetched now into its cache clone.
  OpenedRepository opened = open_repository(repo, sc, diags);
  if (!opened.store) return;
  ctx->repo_url = opened.repo_url;
  ctx->remote = opened.remote;
  ctx->branch = sc.branch;
  ctx->subpath = sc.subpath;
  ctx->author = sc.author;
  // Concurrent applies of one run share commits (group commit), and with a remote one push; each
  // still returns only once its change is durable (and pushed). The log line of a commit is
  // written by the resource that asked for it. Changes held for an appofapps_release live on a side
  // branch of the local repository (with a remote: of the cache clone; never pushed).
  gitops::StoreConfig journal_config = sc;
  journal_config.branch = gitops::ReleaseJournal::branch_for(sc.branch);
  std::unique_ptr<gitops::GroupCommitStore> group;
  try {
    group = std::make_unique<gitops::GroupCommitStore>(
        store_factory_ ? store_factory_(sc) : std::move(opened.store),
        std::make_unique<gitops::ReleaseJournal>(store_factory_ ? store_factory_(journal_config)
                                                                : std::make_unique<gitops::GitStore>(journal_config)));
  } catch (const gitops::StoreError& e) {
    diags.error("Unreadable release journal",
                std::string(e.what()) + " — the branch " + journal_config.branch + " of the repository holds the "
                "changes of interrupted releases; repair or delete it (they are then lost).",
                AttributePath::root("repository"));
    return;
  }
  ctx->group = group.get();
  ctx->identity = opened.display;
  ctx->configured_tip = group->tip();
  ctx->store = std::make_unique<LoggedStore>(std::move(group));
  log::info("provider configured", {{"terraform_version", terraform_version}, {"repository", opened.display},
                                    {"branch", sc.branch}});
  context_.set(std::move(ctx));
}

}  // namespace aoa::provider
