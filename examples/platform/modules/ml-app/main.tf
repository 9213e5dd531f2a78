# One ML app in one environment: its Argo CD Application and Azure ML online endpoint.
terraform {
  required_providers {
    appofapps = {
      source = "appofapps/appofapps"
    }
  }
}

resource "appofapps_app" "this" {
  root            = var.root
  environment     = var.environment
  name            = var.name
  owner           = var.owner
  namespace       = var.name
  depends_on_apps = var.depends_on_apps

  model {
    name    = var.model_name
    version = var.model_version
  }

  endpoint {
    instance_count = var.instance_count
  }

  environment_variables = {
    AZUREML_WORKSPACE = var.workspace
    ENDPOINT_NAME     = var.endpoint_name
  }
}
