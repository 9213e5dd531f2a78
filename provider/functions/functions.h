// The provider's functions, called as provider::appofapps::<name>(…) (Terraform 1.8+). Each is a
// thin adapter over the engine the resources use, so a function and a resource never disagree:
//   sync_waves         internal/planner (the waves of appofapps_app)
//   cron_next          internal/schedule (the runs of appofapps_schedule and its preview)
//   validate_cron      internal/schedule (the cron rules of appofapps_schedule)
//   azureml_time_zone  internal/schedule (the Windows zone name written to the Azure ML YAML)
// Errors are schema::FunctionErrors naming the argument at fault (0-based position); their text
// says what is wrong and what is allowed.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "schema/function.h"

namespace aoa::provider {

std::shared_ptr<schema::Function> make_sync_waves_function();
std::shared_ptr<schema::Function> make_cron_next_function();
std::shared_ptr<schema::Function> make_validate_cron_function();
std::shared_ptr<schema::Function> make_azureml_time_zone_function();

// Name (without the provider::appofapps:: prefix) -> function, all four.
std::map<std::string, std::shared_ptr<schema::Function>> make_functions();

}  // namespace aoa::provider
