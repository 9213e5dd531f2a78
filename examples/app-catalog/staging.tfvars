manage_root = false
environment = "staging"

apps = {
  features = { owner = "data-platform", model = "feature-pipeline", version = "11" }
  identity = { owner = "risk-ml", model = "identity-graph", version = "7" }
  fraud    = { owner = "risk-ml", model = "fraud-scorer", version = "30", deps = ["features", "identity"] }
  checkout = { owner = "payments", model = "checkout-risk", version = "5", deps = ["fraud"] }
}
