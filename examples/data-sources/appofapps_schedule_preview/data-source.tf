data "appofapps_schedule_preview" "nightly" {
  cron      = "30 2 * * *"
  time_zone = "Europe/Berlin"
  from      = "2026-03-27T12:00:00Z"
}

# ["2026-03-28T02:30:00+01:00", "2026-03-29T03:00:00+02:00", "2026-03-30T02:30:00+02:00", …]
output "nightly_runs" {
  value = data.appofapps_schedule_preview.nightly.runs
}

# ["2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z", …]
output "nightly_runs_utc" {
  value = data.appofapps_schedule_preview.nightly.runs_utc
}
