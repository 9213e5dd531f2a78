// A configured provider over a fresh local repository (or, with StoreKind::Memory, over a
// MemoryStore: no Git at all), and builders for appofapps_root values.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "internal/gitops/memory_store.h"
#include "provider/shared/app_run_order.h"

#include "provider/appofapps_provider.h"
#include "provider/shared/value_helpers.h"

namespace aoa::provider::testing {

using cty::Type;
using cty::Value;
using StringMap = std::map<std::string, std::string>;

// True when `d` holds an error with this summary at exactly this attribute path.
inline bool has_error_at(const schema::Diagnostics& d, const std::string& summary, const schema::AttributePath& path) {
  for (const auto& i : d.items())
    if (i.severity == schema::Severity::Error && i.summary == summary && i.path && *i.path == path) return true;
  return false;
}

enum class StoreKind { Git, Memory };

// Every diagnostic on a line of its own, for failure messages.
inline std::string describe(const schema::Diagnostics& d) {
  std::string out;
  for (const auto& i : d.items())
    out += std::string(i.severity == schema::Severity::Error ? "error" : "warning") + " [" +
           (i.path ? i.path->to_string() : "-") + "] " + i.summary + ": " + i.detail + "\n";
  return out.empty() ? "(no diagnostics)" : out;
}

inline Value number(const std::string& text) { return Value::number(*cty::Number::parse(text)); }

inline StringMap string_map_of(const Value& v) {
  StringMap out;
  for (const auto& [k, e] : v.entries()) out[k] = e.as_string();
  return out;
}

// What Terraform proposes for an update: the configuration, with the prior value of each
// computed attribute the configuration leaves null.
inline Value proposed(const schema::Resource& r, const Value& prior, const Value& config) {
  Value out = config;
  for (const auto& a : r.schema().block.attributes)
    if (a.computed && config.attr(a.name).is_null()) out = out.with_attr(a.name, prior.attr(a.name));
  return out;
}

class ProviderFixture : public ::testing::Test {
 protected:
  explicit ProviderFixture(StoreKind kind = StoreKind::Git) : kind_(kind) {}

  void SetUp() override {
    // No Terraform run sends sibling calls here: a waiting call need not wait for them long.
    set_short_quiet(std::chrono::milliseconds(10));
    char tmpl[] = "/tmp/aoa-provider-test-XXXXXX";
    dir_ = mkdtemp(tmpl);
    repo_ = dir_ + "/gitops";
    if (kind_ == StoreKind::Memory) {
      provider_.set_store_factory([repo = memory_repository_](const gitops::StoreConfig& c) {
        return std::make_unique<gitops::MemoryStore>(c, repo);
      });
      gitops::StoreConfig c;
      c.location = repo_;
      memory_ = std::make_unique<gitops::MemoryStore>(c, memory_repository_);
    }
    configure(repo_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void configure(const std::string& url, const std::string& subpath = "") {
    const Type t = provider_.schema().block.implied_type();
    std::map<std::string, Value> repo{{"url", Value::string(url)}};
    if (!subpath.empty()) repo["path"] = Value::string(subpath);
    Value config = Value::object(t, {{"repository", Value::object(t.attribute("repository"), repo)}});
    schema::Diagnostics diags;
    provider_.configure("1.11.4", config, diags);
    ASSERT_FALSE(diags.has_errors()) << diags.items().front().summary;
  }

  const schema::Resource& root() const { return *provider_.resources().at("appofapps_root"); }
  Type root_type() const { return root().schema().block.implied_type(); }
  Type env_type() const { return root_type().attribute("environment").element(); }

  Value env(const std::string& name, const std::string& cluster, const std::string& ns,
            std::optional<bool> protected_env = std::nullopt) const {
    std::map<std::string, Value> a{{"name", Value::string(name)},
                                   {"cluster", Value::string(cluster)},
                                   {"namespace", Value::string(ns)}};
    if (protected_env) a["protected"] = Value::boolean(*protected_env);
    return Value::object(env_type(), a);
  }

  // The configuration of a root: what Terraform sends as config (and, for a create, as proposed).
  Value root_config(const std::string& name, std::vector<Value> envs,
                    std::map<std::string, std::string> labels = {}) const {
    std::map<std::string, Value> a{{"name", Value::string(name)},
                                   {"environment", Value::list(env_type(), std::move(envs))}};
    if (!labels.empty()) {
      std::map<std::string, Value> l;
      for (auto& [k, v] : labels) l[k] = Value::string(v);
      a["labels"] = Value::map(Type::string(), l);
    }
    return Value::object(root_type(), a);
  }

  Value standard_config() const {
    return root_config("ml", {env("dev", "aks-dev", "ml-dev"), env("staging", "aks-stg", "ml-stg"),
                              env("prod", "https://prod.example.com", "ml-prod", true)});
  }

  // plan + apply of a create through `r`; returns the new state (null when the plan failed).
  Value seed(const schema::Resource& r, const Value& config) {
    const Type t = r.schema().block.implied_type();
    schema::PlanResponse p = r.plan({Value::null(t), config, config, ""});
    EXPECT_FALSE(p.diagnostics.has_errors()) << describe(p.diagnostics);
    if (p.diagnostics.has_errors()) return Value::null(t);
    schema::ApplyResponse a = r.apply({Value::null(t), p.planned_state, config, ""});
    EXPECT_FALSE(a.diagnostics.has_errors()) << describe(a.diagnostics);
    return a.new_state;
  }
  // ... of a root.
  Value create(const Value& config) { return seed(root(), config); }

  const schema::Resource& model_version() const { return *provider_.resources().at("appofapps_model_version"); }
  Type mv_type() const { return model_version().schema().block.implied_type(); }

  // The configuration of a model version (artifact_uri defaults to azureml://models/<model>/<version>).
  Value mv_config(const std::string& model, const std::string& version, const StringMap& metrics,
                  const StringMap& lineage = {}, const StringMap& tags = {}, const std::string& artifact = "") const {
    std::map<std::string, Value> m;
    for (const auto& [k, v] : metrics) m[k] = number(v);
    std::map<std::string, Value> a{
        {"model", Value::string(model)},
        {"version", Value::string(version)},
        {"artifact_uri", Value::string(artifact.empty() ? "azureml://models/" + model + "/" + version : artifact)},
        {"metrics", Value::map(Type::number(), m)}};
    // `lineage` is a group block: Terraform sends an object (all null without a block), never null.
    std::map<std::string, Value> l;
    for (const auto& [k, v] : lineage) l[k] = Value::string(v);
    a["lineage"] = Value::object(mv_type().attribute("lineage"), l);
    if (!tags.empty()) a["tags"] = provider::string_map_value(tags);
    return Value::object(mv_type(), a);
  }

  std::string git(const std::string& args) const {
    std::string cmd = "git -C '" + repo_ + "' " + args + " 2>&1";
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
    return out;
  }

  // StoreKind::Memory: the repository the provider writes, through a store of its own (to look at
  // files and commits, and to edit by hand).
  gitops::MemoryStore& memory() { return *memory_; }

  StoreKind kind_;
  AppofappsProvider provider_;
  std::string dir_;
  std::string repo_;
  std::shared_ptr<gitops::MemoryRepository> memory_repository_ = std::make_shared<gitops::MemoryRepository>();
  std::unique_ptr<gitops::MemoryStore> memory_;
};

}  // namespace aoa::provider::testing
