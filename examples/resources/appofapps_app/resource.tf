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
