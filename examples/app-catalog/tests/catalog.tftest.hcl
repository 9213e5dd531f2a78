# `terraform test` for the catalog: its own repository, three apps in three waves.
# Run from examples/app-catalog: `terraform get && terraform test`. Apply runs really commit, to
# ./test-gitops here, and the test destroys what it created at the end.
provider "appofapps" {
  repository {
    url = "./test-gitops"
  }
}

variables {
  manage_root = true
  environment = "dev"
  apps = {
    features = { owner = "data-platform", model = "feature-pipeline", version = "12" }
    fraud    = { owner = "risk-ml", model = "fraud-scorer", version = "31", deps = ["features"] }
    checkout = { owner = "payments", model = "checkout-risk", version = "5", deps = ["fraud"] }
  }
}

run "plan_knows_free_standing_waves" {
  command = plan # writes nothing

  assert {
    condition     = module.apps.waves["features"] == 0
    error_message = "An app without dependencies is wave 0 at plan."
  }
}

run "plan_shows_the_whole_release" {
  command = plan

  assert {
    condition     = module.apps.release_waves == tomap({ features = 0, fraud = 1, checkout = 2 })
    error_message = "The release's plan lacks waves: ${jsonencode(module.apps.release_waves)}"
  }
}

run "apply_computes_waves" {
  assert {
    condition     = module.apps.waves == { features = 0, fraud = 1, checkout = 2 }
    error_message = "Unexpected waves: ${jsonencode(module.apps.waves)}"
  }
}
