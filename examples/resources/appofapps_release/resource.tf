# The apps of one environment from a map, and their release graph.
variable "apps" {
  type = map(object({
    model   = string
    version = string
    deps    = optional(list(string), [])
  }))
  default = {
    features = { model = "feature-pipeline", version = "12" }
    fraud    = { model = "fraud-scorer", version = "31", deps = ["features"] }
    checkout = { model = "checkout-risk", version = "5", deps = ["fraud"] }
  }
}

resource "appofapps_app" "this" {
  for_each = var.apps

  root            = "ml-platform"
  environment     = "dev"
  name            = each.key
  owner           = "ml-team"
  namespace       = each.key
  depends_on_apps = each.value.deps

  model {
    name    = each.value.model
    version = each.value.version
  }
}

resource "appofapps_release" "dev" {
  root        = "ml-platform"
  environment = "dev"
  apps        = [for a in appofapps_app.this : a.id]
}

output "waves" {
  value = appofapps_release.dev.waves # { checkout = 2, features = 0, fraud = 1 }, known at plan
}
