output "waves" {
  description = "Sync wave of every app of this environment."
  value       = module.apps.waves
}
