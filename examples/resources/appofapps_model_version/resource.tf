resource "appofapps_model_version" "fraud_12" {
  model        = "fraud-scorer"
  version      = "12"
  artifact_uri = "azureml://registries/ml/models/fraud-scorer/versions/12"

  metrics = {
    auc            = 0.93
    latency_p95_ms = 71
  }

  lineage {
    run_id       = "train-fraud-0917"
    data_version = "transactions-2026-11-01"
    code_commit  = "b81d0e7"
  }

  tags = {
    team = "risk-ml"
  }
}
