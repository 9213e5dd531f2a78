output "waves" {
  description = "Sync wave of every app of this environment."
  value       = module.apps.waves
}

output "release_waves" {
  description = "The release graph of this environment at plan time: every app and its sync wave."
  value       = module.apps.release_waves
}
