# Quickstart: one app-of-apps root with three environments, written to the embedded local
# GitOps repository ./gitops (created on first apply). See README.md.
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

output "root_commit" {
  value = appofapps_root.platform.commit
}

output "bootstrap_environments" {
  value = keys(appofapps_root.platform.bootstrap)
}
