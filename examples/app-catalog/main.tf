# App catalog: every ML app of an environment declared once, as data, in a tfvars file. One
# `for_each` creates them all; each app names its dependencies by plain name (a reference to a
# sibling instance of the same `for_each` would be a Terraform cycle). The provider computes the
# sync waves over the whole environment, whatever order Terraform applies the apps in.
#
#   terraform workspace select -or-create dev     && terraform apply -var-file=dev.tfvars
#   terraform workspace select -or-create staging && terraform apply -var-file=staging.tfvars
terraform {
  required_providers {
    appofapps = {
      source = "appofapps/appofapps"
    }
  }
}

provider "appofapps" {}

# The root is managed by the dev workspace; the other workspaces refer to it by name.
resource "appofapps_root" "catalog" {
  count = var.manage_root ? 1 : 0
  name  = var.root_name

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
}

module "apps" {
  source      = "./modules/apps"
  root        = try(appofapps_root.catalog[0].name, var.root_name)
  environment = var.environment
  apps        = var.apps
}
