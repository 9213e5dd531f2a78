resource "appofapps_schedule" "nightly" {
  root         = appofapps_root.platform.name
  environment  = "prod"
  app          = appofapps_app.fraud_prod.name
  name         = "nightly"
  display_name = "Nightly retraining"
  job          = "pipelines/retrain-fraud.yml"

  cron       = "30 2 * * *"
  time_zone  = "Europe/Berlin"
  start_time = "2026-12-01T00:00:00"
}
