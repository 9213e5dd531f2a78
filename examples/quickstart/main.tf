# Quickstart: the whole story in one apply, written to the embedded local GitOps repository
# ./gitops (created on first apply). See README.md.
#
#   root ml-platform: dev -> staging -> prod (protected)
#   registry: model versions with metrics
#   dev: features <- fraud <- report (sync waves 0, 1, 2; appofapps_release shows them in the plan)
#   dev -> staging: promoted (the gates pass); the staging apps run what it approved
#   staging -> prod: held (auc 0.93 < 0.95); prod keeps fraud-scorer 11
#   prod: a nightly retraining schedule, its next runs in the plan
terraform {
  required_providers {
    appofapps = {
      source = "appofapps/appofapps"
    }
  }
}

provider "appofapps" {}

resource "appofapps_root" "platform" {
  name = "ml-platform"

  environment {
    name      = "dev"
    cluster   = "aks-dev"
    namespace = "ml-dev"
  }
  environment {
    name      = "staging"
    cluster   = "aks-staging"
    namespace = "ml-staging"
  }
  environment {
    name      = "prod"
    cluster   = "https://aks-prod.westeurope.azmk8s.io:443"
    namespace = "ml-prod"
    project   = "ml-prod"
    protected = true
  }

  labels = {
    team = "ml-platform"
  }
}

# --- The registry: what each model version measured ------------------------------------------

locals {
  models = {
    features_7 = { model = "feature-pipeline", version = "7", metrics = { freshness_minutes = 15 } }
    fraud_11   = { model = "fraud-scorer", version = "11", metrics = { auc = 0.91, latency_p95_ms = 84 } }
    fraud_12   = { model = "fraud-scorer", version = "12", metrics = { auc = 0.93, latency_p95_ms = 71 } }
    report_3   = { model = "fraud-report", version = "3", metrics = { rows_per_second = 5200 } }
  }
}

resource "appofapps_model_version" "this" {
  for_each = local.models

  model        = each.value.model
  version      = each.value.version
  artifact_uri = "azureml://registries/ml/models/${each.value.model}/versions/${each.value.version}"
  metrics      = each.value.metrics
}

# --- dev: three apps; fraud needs features, report needs fraud ---------------------------------

resource "appofapps_app" "features_dev" {
  root        = appofapps_root.platform.name
  environment = "dev"
  name        = "features"
  owner       = "data-platform"
  namespace   = "features"

  model {
    name    = appofapps_model_version.this["features_7"].model
    version = appofapps_model_version.this["features_7"].version
  }
}

resource "appofapps_app" "fraud_dev" {
  root            = appofapps_root.platform.name
  environment     = "dev"
  name            = "fraud"
  owner           = "risk-ml"
  namespace       = "fraud"
  depends_on_apps = [appofapps_app.features_dev.name]

  model {
    name    = appofapps_model_version.this["fraud_12"].model
    version = appofapps_model_version.this["fraud_12"].version
  }
}

resource "appofapps_app" "report_dev" {
  root            = appofapps_root.platform.name
  environment     = "dev"
  name            = "report"
  owner           = "risk-ml"
  namespace       = "fraud-report"
  depends_on_apps = [appofapps_app.fraud_dev.name]

  model {
    name    = appofapps_model_version.this["report_3"].model
    version = appofapps_model_version.this["report_3"].version
  }

  endpoint {
    kind    = "batch"
    compute = "azureml:cpu-cluster"
  }
}

# The release graph of dev: every app's sync wave and model version, shown in the plan.
resource "appofapps_release" "dev" {
  root        = appofapps_root.platform.name
  environment = "dev"
  apps        = [appofapps_app.features_dev.id, appofapps_app.fraud_dev.id, appofapps_app.report_dev.id]
}

# --- dev -> staging: the gates pass, so the bundle is promoted ---------------------------------

resource "appofapps_promotion" "staging" {
  root = appofapps_root.platform.name
  from = "dev"
  to   = "staging"
  versions = {
    features = appofapps_app.features_dev.model.version
    fraud    = appofapps_app.fraud_dev.model.version
    report   = appofapps_app.report_dev.model.version
  }

  gate {
    app    = "fraud"
    metric = "auc"
    op     = ">="
    value  = 0.9
  }
  gate {
    app    = "fraud"
    metric = "latency_p95_ms"
    op     = "<="
    value  = 80
  }
}

# The staging apps run what the promotion approved.
resource "appofapps_app" "features_staging" {
  root        = appofapps_root.platform.name
  environment = "staging"
  name        = "features"
  owner       = "data-platform"
  namespace   = "features"

  model {
    name    = "feature-pipeline"
    version = appofapps_promotion.staging.approved_versions["features"]
  }
}

resource "appofapps_app" "fraud_staging" {
  root            = appofapps_root.platform.name
  environment     = "staging"
  name            = "fraud"
  owner           = "risk-ml"
  namespace       = "fraud"
  depends_on_apps = [appofapps_app.features_staging.name]

  model {
    name    = "fraud-scorer"
    version = appofapps_promotion.staging.approved_versions["fraud"]
  }
}

resource "appofapps_app" "report_staging" {
  root            = appofapps_root.platform.name
  environment     = "staging"
  name            = "report"
  owner           = "risk-ml"
  namespace       = "fraud-report"
  depends_on_apps = [appofapps_app.fraud_staging.name]

  model {
    name    = "fraud-report"
    version = appofapps_promotion.staging.approved_versions["report"]
  }

  endpoint {
    kind    = "batch"
    compute = "azureml:cpu-cluster"
  }
}

# --- prod runs fraud-scorer 11; promoting 12 is held by a stricter gate -----------------------

resource "appofapps_app" "features_prod" {
  root        = appofapps_root.platform.name
  environment = "prod"
  name        = "features"
  owner       = "data-platform"
  namespace   = "features"

  model {
    name    = appofapps_model_version.this["features_7"].model
    version = appofapps_model_version.this["features_7"].version
  }
}

resource "appofapps_app" "fraud_prod" {
  root            = appofapps_root.platform.name
  environment     = "prod"
  name            = "fraud"
  owner           = "risk-ml"
  namespace       = "fraud"
  depends_on_apps = [appofapps_app.features_prod.name]

  model {
    name    = appofapps_model_version.this["fraud_11"].model
    version = appofapps_model_version.this["fraud_11"].version
  }
}

resource "appofapps_promotion" "prod" {
  root = appofapps_root.platform.name
  from = "staging"
  to   = "prod"
  versions = {
    features = appofapps_app.features_staging.model.version
    fraud    = appofapps_app.fraud_staging.model.version
  }

  gate {
    app    = "fraud"
    metric = "auc"
    op     = ">="
    value  = 0.95
  }

  # prod is protected: a promotion into it needs an approval, even one that is held.
  approval {
    approved_by = "alice@example.com"
    ticket      = "CHG-1234"
  }

  # A failed gate holds the bundle (a warning in the plan) instead of failing the run.
  on_gate_failure = "hold"

  # The decision compares with what prod runs, so prod's apps are planned and applied first.
  depends_on = [appofapps_app.features_prod, appofapps_app.fraud_prod]
}

# --- A nightly retraining of fraud in prod; the plan shows its next runs ----------------------

resource "appofapps_schedule" "fraud_nightly" {
  root         = appofapps_root.platform.name
  environment  = "prod"
  app          = appofapps_app.fraud_prod.name
  name         = "nightly"
  display_name = "Nightly retraining of fraud-scorer"
  job          = "pipelines/retrain-fraud.yml"
  cron         = "30 2 * * *"
  time_zone    = "Europe/Berlin"
}

# --- Outputs ---------------------------------------------------------------------------------

output "dev_waves" {
  value = appofapps_release.dev.waves
}

output "staging_promotion" {
  value = {
    status   = appofapps_promotion.staging.status
    approved = appofapps_promotion.staging.approved_versions
  }
}

output "prod_promotion" {
  value = {
    status   = appofapps_promotion.prod.status
    approved = appofapps_promotion.prod.approved_versions
  }
}

output "fraud_nightly_next_runs" {
  value = appofapps_schedule.fraud_nightly.next_runs
}
