# All apps of one environment from a map: one resource block, plain-name dependencies.
terraform {
  required_providers {
    appofapps = {
      source = "appofapps/appofapps"
    }
  }
}

variable "root" {
  type = string
}

variable "environment" {
  type = string
}

variable "apps" {
  type = map(object({
    owner     = string
    model     = string
    version   = string
    namespace = optional(string)
    deps      = optional(list(string), [])
  }))
}

resource "appofapps_app" "this" {
  for_each = var.apps

  root            = var.root
  environment     = var.environment
  name            = each.key
  owner           = each.value.owner
  namespace       = coalesce(each.value.namespace, each.key)
  depends_on_apps = each.value.deps

  model {
    name    = each.value.model
    version = each.value.version
  }
}

output "waves" {
  value = { for name, app in appofapps_app.this : name => app.sync_wave }
}

# The release graph of the environment: every app with its wave and model, known at plan time.
resource "appofapps_release" "this" {
  root        = var.root
  environment = var.environment
  apps        = [for a in appofapps_app.this : a.id]
}

output "release_waves" {
  value = appofapps_release.this.waves
}
