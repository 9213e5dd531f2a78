# The nightly retraining job around the spring-forward change in Berlin: 02:30 does not exist on
# 2026-03-29, so that night's run is at 03:00.
output "nightly_runs" {
  # ["2026-03-28T02:30:00+01:00", "2026-03-29T03:00:00+02:00", "2026-03-30T02:30:00+02:00"]
  value = provider::appofapps::cron_next("30 2 * * *", "Europe/Berlin", "2026-03-28T00:00:00Z", 3)
}
