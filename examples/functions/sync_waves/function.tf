# The rollout order of three model services, before any of them exists.
locals {
  dependencies = {
    features = []
    fraud    = ["features"]
    scoring  = ["features", "fraud"]
  }
}

output "sync_waves" {
  # { features = 0, fraud = 1, scoring = 2 }
  value = provider::appofapps::sync_waves(local.dependencies)
}
