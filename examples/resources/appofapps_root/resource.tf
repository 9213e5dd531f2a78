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
