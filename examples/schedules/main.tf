# Schedules: nightly and weekly retraining of one ML app, in real time zones, written as Azure ML
# CLI v2 schedule files into the embedded local GitOps repository ./gitops. See README.md.
terraform {
  required_providers {
    appofapps = {
      source = "appofapps/appofapps"
    }
  }
}

provider "appofapps" {}

resource "appofapps_root" "ml" {
  name = "ml-platform"

  environment {
    name      = "prod"
    cluster   = "aks-prod"
    namespace = "ml-prod"
  }
}

resource "appofapps_app" "fraud" {
  root        = appofapps_root.ml.name
  environment = "prod"
  name        = "fraud"
  owner       = "risk-ml"
  namespace   = "fraud"

  model {
    name    = "fraud-scorer"
    version = "12"
  }
}

# 02:30 Berlin time every night. On 2026-03-29 that time does not exist (clocks jump from 02:00
# to 03:00): the run happens at 03:00 CEST, as Vixie cron / cronie do.
resource "appofapps_schedule" "nightly" {
  root         = appofapps_root.ml.name
  environment  = "prod"
  app          = appofapps_app.fraud.name
  name         = "nightly"
  display_name = "Nightly retraining"
  cron         = "30 2 * * *"
  time_zone    = "Europe/Berlin"
  job          = "pipelines/retrain-fraud.yml"
}

# Every second week, Monday and Thursday at 04:00 São Paulo time, counted from start_time.
resource "appofapps_schedule" "biweekly" {
  root        = appofapps_root.ml.name
  environment = "prod"
  app         = appofapps_app.fraud.name
  name        = "biweekly-full"

  recurrence {
    frequency = "week"
    interval  = 2
    hours     = [4]
    minutes   = [0]
    week_days = ["monday", "thursday"]
  }

  time_zone  = "America/Sao_Paulo"
  start_time = "2026-01-05T04:00:00"
  end_time   = "2027-01-01T00:00:00"
  job        = "azureml:retrain-fraud-full"
}

# Any trigger, from any time: here the night Berlin springs forward.
data "appofapps_schedule_preview" "spring_forward" {
  cron      = "30 2 * * *"
  time_zone = "Europe/Berlin"
  from      = "2026-03-27T12:00:00Z"
  run_count = 3
}

output "nightly_next_runs" {
  value = appofapps_schedule.nightly.next_runs
}

output "spring_forward" {
  value = data.appofapps_schedule_preview.spring_forward.runs
}
