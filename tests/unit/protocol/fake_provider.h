// A minimal schema::Provider for protocol tests: one resource type "fake_thing" (name required,
// token optional and sensitive) and one function "repeat(word, times)" -> list(string), which
// fails at argument 1 for a negative count and throws for the word "throw".
#pragma once

#include <stdexcept>

#include "schema/provider.h"

namespace aoa::protocol::testing {

class FakeResource final : public schema::Resource {
 public:
  FakeResource() {
    schema_.block = schema::BlockBuilder()
                        .attribute("name", cty::Type::string())
                        .required()
                        .attribute("token", cty::Type::string())
                        .optional()
                        .sensitive()
                        .build();
  }
  const schema::Schema& schema() const override { return schema_; }
  void validate(const cty::Value& config, schema::Diagnostics& diags) const override {
    if (!config.is_null() && config.attr("name").is_known() && config.attr("name").as_string().empty())
      diags.error("Invalid name", "name must not be empty", schema::AttributePath::root("name"));
  }
  schema::PlanResponse plan(const schema::PlanRequest& r) const override { return {r.proposed_new_state, {}, {}, {}}; }
  schema::ApplyResponse apply(const schema::ApplyRequest& r) const override { return {r.planned_state, {}, {}}; }
  schema::ReadResponse read(const schema::ReadRequest& r) const override { return {r.current_state, {}, {}}; }
  schema::ImportResponse import_state(const std::string&) const override { return {}; }

 private:
  schema::Schema schema_;
};

class FakeProvider final : public schema::Provider {
 public:
  FakeProvider() {
    resources_["fake_thing"] = std::make_shared<FakeResource>();
    schema::FunctionSignature sig;
    sig.summary = "Repeats a word.";
    sig.description = "`word` `times` times.";
    sig.parameters = {{"word", cty::Type::string(), "The word.", true}, {"times", cty::Type::number(), "How often.", false}};
    sig.return_type = cty::Type::list(cty::Type::string());
    functions_["repeat"] = schema::make_function(sig, [](const std::vector<cty::Value>& args) {
      const int64_t n = *args[1].as_number().to_int64();
      if (n < 0) return schema::FunctionResult::fail("times must not be negative", 1);
      const std::string word = args[0].is_null() ? "" : args[0].as_string();
      if (word == "throw") throw std::runtime_error("boom");
      return schema::FunctionResult::ok(
          cty::Value::list(cty::Type::string(), std::vector<cty::Value>(n, cty::Value::string(word))));
    });
  }
  const schema::Schema& schema() const override { return schema_; }
  void validate(const cty::Value&, schema::Diagnostics&) const override {}
  void configure(const std::string&, const cty::Value&, schema::Diagnostics&) override {}
  const std::map<std::string, std::shared_ptr<schema::Resource>>& resources() const override { return resources_; }
  const std::map<std::string, std::shared_ptr<schema::DataSource>>& data_sources() const override {
    return data_sources_;
  }
  const std::map<std::string, std::shared_ptr<schema::Function>>& functions() const override { return functions_; }
  schema::StopToken& stop_token() override { return stop_; }

 private:
  schema::Schema schema_;
  std::map<std::string, std::shared_ptr<schema::Resource>> resources_;
  std::map<std::string, std::shared_ptr<schema::DataSource>> data_sources_;
  std::map<std::string, std::shared_ptr<schema::Function>> functions_;
  schema::StopToken stop_;
};

}  // namespace aoa::protocol::testing
