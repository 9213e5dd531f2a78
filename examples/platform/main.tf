# Platform: one app-of-apps root with three environments and three dependent ML apps in dev,
# written to the embedded local GitOps repository ./gitops (created on first apply). See README.md.
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
}

# Wave 0: no dependencies. Online endpoint with the defaults (one Standard_DS3_v2, slot blue).
resource "appofapps_app" "features" {
  root        = appofapps_root.platform.name
  environment = "dev"
  name        = "features"
  owner       = "data-platform"
  namespace   = "features"

  model {
    name    = "feature-pipeline"
    version = "7"
  }
}

# Wave 1: depends on features. The reference makes Terraform plan and apply features first.
resource "appofapps_app" "fraud" {
  root            = appofapps_root.platform.name
  environment     = "dev"
  name            = "fraud"
  owner           = "risk-ml"
  namespace       = "fraud"
  depends_on_apps = [appofapps_app.features.name]

  model {
    name    = "fraud-scorer"
    version = "12"
  }

  endpoint {
    instance_type                        = "Standard_DS4_v2"
    instance_count                       = 2
    slot                                 = "green"
    environment                          = "azureml:fraud-env:3"
    request_timeout_ms                   = 2000
    max_concurrent_requests_per_instance = 4
  }

  environment_variables = {
    LOG_LEVEL = "info"
  }

  labels = {
    tier = "critical"
  }
}

# Wave 2: depends on fraud. A batch endpoint on a compute cluster.
resource "appofapps_app" "report" {
  root            = appofapps_root.platform.name
  environment     = "dev"
  name            = "report"
  owner           = "risk-ml"
  namespace       = "fraud-report"
  depends_on_apps = [appofapps_app.fraud.name]

  model {
    name    = "fraud-report"
    version = "3"
  }

  endpoint {
    kind           = "batch"
    compute        = "azureml:cpu-cluster"
    instance_count = 2
  }
}

output "sync_waves" {
  value = {
    features = appofapps_app.features.sync_wave
    fraud    = appofapps_app.fraud.sync_wave
    report   = appofapps_app.report.sync_wave
  }
}
