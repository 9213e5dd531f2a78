output "name" {
  value = appofapps_app.this.name
}

output "sync_wave" {
  value = appofapps_app.this.sync_wave
}
