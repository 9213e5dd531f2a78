manage_root = true
environment = "dev"

# Three layers: features and data first, then the models, then what serves and reports on them.
apps = {
  features    = { owner = "data-platform", model = "feature-pipeline", version = "12" }
  embeddings  = { owner = "data-platform", model = "text-embedder", version = "4" }
  geo         = { owner = "data-platform", model = "geo-enricher", version = "2" }
  identity    = { owner = "risk-ml", model = "identity-graph", version = "7" }
  fraud       = { owner = "risk-ml", model = "fraud-scorer", version = "31", deps = ["features", "identity"] }
  churn       = { owner = "growth-ml", model = "churn-model", version = "9", deps = ["features"] }
  recommender = { owner = "growth-ml", model = "recsys", version = "15", deps = ["embeddings", "features"] }
  pricing     = { owner = "growth-ml", model = "dynamic-pricing", version = "3", deps = ["geo"] }
  checkout    = { owner = "payments", model = "checkout-risk", version = "5", deps = ["fraud", "pricing"] }
  retention   = { owner = "growth-ml", model = "retention-offers", version = "2", deps = ["churn", "recommender"] }
  reporting   = { owner = "analytics", model = "kpi-reporter", version = "1", deps = ["fraud", "churn"] }
  alerts      = { owner = "sre-ml", model = "anomaly-alerts", version = "6", deps = ["fraud", "geo"] }
}
