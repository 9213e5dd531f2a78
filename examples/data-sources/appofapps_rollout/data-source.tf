data "appofapps_rollout" "dev" {
  root        = "ml-platform"
  environment = "dev"
}

# [["features"], ["fraud"], ["report"]]
output "dev_waves" {
  value = data.appofapps_rollout.dev.waves
}

# { features = "7", fraud = "12", report = "3" }
output "dev_versions" {
  value = { for name, app in data.appofapps_rollout.dev.apps : name => app.version }
}

output "dev_fraud_owner" {
  value = data.appofapps_rollout.dev.apps["fraud"].owner
}
