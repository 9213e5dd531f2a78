environment = "dev"
manage_root = true

dev_versions = {
  features = "7"
  fraud    = "12"
}

register_models = {
  features-7 = {
    model       = "feature-pipeline"
    version     = "7"
    metrics     = { auc = 0.99, latency_p95_ms = 12 }
    run_id      = "train-features-0412"
    code_commit = "4f2a9c1"
  }
  fraud-12 = {
    model       = "fraud-scorer"
    version     = "12"
    metrics     = { auc = 0.93, latency_p95_ms = 71 }
    run_id      = "train-fraud-0917"
    code_commit = "b81d0e7"
  }
}
