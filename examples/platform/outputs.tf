output "versions" {
  description = "Model version per app in this environment after the apply."
  value       = local.versions
}

output "promotion" {
  description = "The promotion decision of this environment (null in dev)."
  value = local.promoted ? {
    status     = appofapps_promotion.this[0].status
    order      = appofapps_promotion.this[0].order
    audit_file = appofapps_promotion.this[0].audit_file
  } : null
}

output "sync_waves" {
  value = {
    features = module.features.sync_wave
    fraud    = module.fraud.sync_wave
  }
}
