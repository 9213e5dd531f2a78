data "appofapps_environment" "staging" {
  root        = "ml-platform"
  environment = "staging"
}

resource "appofapps_promotion" "prod" {
  root     = "ml-platform"
  from     = "staging"
  to       = "prod"
  versions = data.appofapps_environment.staging.versions

  gate {
    metric = "auc"
    op     = ">="
    value  = 0.92
  }

  approval {
    approved_by = "alice@example.com"
    ticket      = "CHG-1234"
  }
}

# { features = "7", fraud = "12" }
output "staging_versions" {
  value = data.appofapps_environment.staging.versions
}

# { features = "feature-pipeline", fraud = "fraud-scorer" }
output "staging_models" {
  value = data.appofapps_environment.staging.models
}
