# Platform: one app-of-apps root, dev -> staging -> prod, two dependent ML apps, promotions with
# gates and approvals, all in one configuration applied once per environment:
#
#   terraform workspace select -or-create dev     && terraform apply -var-file=dev.tfvars
#   terraform workspace select -or-create staging && terraform apply -var-file=staging.tfvars
#   terraform workspace select -or-create prod    && terraform apply -var-file=prod.tfvars
#
# In one apply Terraform orders infrastructure (the terraform_data stand-ins below), then the
# promotion (gates, approval, audit record), then the apps that reference its approved versions.
# See README.md, and docs/guides/platform.md for the same wiring with real azurerm resources.
terraform {
  required_providers {
    appofapps = {
      source = "appofapps/appofapps"
    }
  }
}

provider "appofapps" {}

locals {
  promoted = var.promote_from != null
  # The root is managed by the dev workspace; the other workspaces refer to it by name.
  root = try(appofapps_root.platform[0].name, var.root_name)
}

resource "appofapps_root" "platform" {
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
  environment {
    name      = "prod"
    cluster   = "https://aks-prod.westeurope.azmk8s.io:443"
    namespace = "ml-prod"
    project   = "ml-prod"
    protected = true
  }
}

# Infrastructure stand-ins: in a real platform these are azurerm_machine_learning_workspace and
# friends (docs/guides/platform.md). terraform_data is Terraform's own resource, so the example
# runs anywhere; its outputs flow into the apps like real ones would (known after apply on the
# first run, like a real workspace name).
resource "terraform_data" "workspace" {
  input = "mlw-${var.root_name}-${var.environment}"
}

resource "terraform_data" "endpoint_prefix" {
  input = "${var.environment}-${substr(sha1(var.root_name), 0, 6)}"
}

# The training pipeline registers model versions with their evaluation metrics (dev only):
# promotion gates read these records.
resource "appofapps_model_version" "trained" {
  for_each = var.register_models

  model        = each.value.model
  version      = each.value.version
  artifact_uri = "azureml://registries/ml/models/${each.value.model}/versions/${each.value.version}"
  metrics      = each.value.metrics

  lineage {
    run_id      = each.value.run_id
    code_commit = each.value.code_commit
  }
}

# What the source environment runs now: "promote whatever staging has".
data "appofapps_environment" "source" {
  count       = local.promoted ? 1 : 0
  root        = local.root
  environment = var.promote_from
}

resource "appofapps_promotion" "this" {
  count = local.promoted ? 1 : 0

  root     = local.root
  from     = var.promote_from
  to       = var.environment
  versions = var.promote_versions != null ? var.promote_versions : data.appofapps_environment.source[0].versions

  gate {
    metric = "auc"
    op     = ">="
    value  = var.min_auc
  }
  gate {
    metric                = "latency_p95_ms"
    op                    = "<="
    value                 = var.max_latency_p95_ms
    not_worse_than_target = true
    tolerance             = 5
  }

  dynamic "approval" {
    for_each = var.approval == null ? [] : [var.approval]
    content {
      approved_by = approval.value.approved_by
      ticket      = approval.value.ticket
    }
  }

  on_gate_failure = var.on_gate_failure
}

locals {
  # dev runs what the tfvars say; later environments run what the promotion approved.
  versions = local.promoted ? appofapps_promotion.this[0].approved_versions : var.dev_versions
}

module "features" {
  source        = "./modules/ml-app"
  root          = local.root
  environment   = var.environment
  name          = "features"
  owner         = "data-platform"
  model_name    = "feature-pipeline"
  model_version = local.versions["features"]
  workspace     = terraform_data.workspace.output
  endpoint_name = "${terraform_data.endpoint_prefix.output}-features"
}

module "fraud" {
  source          = "./modules/ml-app"
  root            = local.root
  environment     = var.environment
  name            = "fraud"
  owner           = "risk-ml"
  model_name      = "fraud-scorer"
  model_version   = local.versions["fraud"]
  depends_on_apps = [module.features.name]
  instance_count  = var.environment == "prod" ? 3 : 1
  workspace       = terraform_data.workspace.output
  endpoint_name   = "${terraform_data.endpoint_prefix.output}-fraud"
}
