// A configured provider over a fresh local repository, and builders for appofapps_root values.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "provider/app_run_order.h"

#include "provider/appofapps_provider.h"

namespace aoa::provider::testing {

using cty::Type;
using cty::Value;

// True when `d` holds an error with this summary at exactly this attribute path.
inline bool has_error_at(const schema::Diagnostics& d, const std::string& summary, const schema::AttributePath& path) {
  for (const auto& i : d.items())
    if (i.severity == schema::Severity::Error && i.summary == summary && i.path && *i.path == path) return true;
  return false;
}

class ProviderFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    // No Terraform run sends sibling calls here: a waiting call need not wait for them long.
    set_short_quiet(std::chrono::milliseconds(10));
    char tmpl[] = "/tmp/aoa-provider-test-XXXXXX";
    dir_ = mkdtemp(tmpl);
    repo_ = dir_ + "/gitops";
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

  // plan + apply of a create; returns the new state.
  Value create(const Value& config) {
    schema::PlanResponse plan = root().plan({Value::null(root_type()), config, config, ""});
    EXPECT_FALSE(plan.diagnostics.has_errors()) << plan.diagnostics.items().front().summary;
    schema::ApplyResponse applied = root().apply({Value::null(root_type()), plan.planned_state, config, ""});
    EXPECT_FALSE(applied.diagnostics.has_errors()) << applied.diagnostics.items().front().detail;
    return applied.new_state;
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

  AppofappsProvider provider_;
  std::string dir_;
  std::string repo_;
};

}  // namespace aoa::provider::testing
