data "appofapps_environment" "dev" {
  root        = "ml-platform"
  environment = "dev"
}

resource "appofapps_promotion" "staging" {
  root     = "ml-platform"
  from     = "dev"
  to       = "staging"
  versions = data.appofapps_environment.dev.versions

  gate {
    metric = "auc"
    op     = ">="
    value  = 0.9
  }
  gate {
    metric                = "latency_p95_ms"
    op                    = "<="
    value                 = 100
    not_worse_than_target = true
    tolerance             = 5
  }
}

resource "appofapps_app" "fraud_staging" {
  root        = "ml-platform"
  environment = "staging"
  name        = "fraud"
  owner       = "risk-ml"
  namespace   = "fraud"

  model {
    name    = "fraud-scorer"
    version = appofapps_promotion.staging.approved_versions["fraud"]
  }
}
