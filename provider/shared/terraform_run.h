// Which Terraform run this provider process serves. Terraform starts a new provider process for
// each walk of a run (validate, plan, apply), always as its own child, so the parent process
// names the run: its pid and its start time (a pid alone can be reused).
#pragma once

#include <string>
#include <vector>

namespace aoa::provider {

// "<pid>:<start time in clock ticks>" of the parent process; "" when /proc cannot tell.
std::string terraform_run_id();

// True when the parent is `terraform apply <saved plan file>`: its plan was made by an earlier
// `terraform plan -out`, in another process, whose decisions this apply carries out.
bool applying_saved_plan();

// Whether a command line (argv) is `terraform [global options] apply [options] PLAN`.
bool is_saved_plan_apply(const std::vector<std::string>& argv);

}  // namespace aoa::provider
