# Reject a schedule the provider would not accept when the variable is set, not at apply.
variable "retrain_cron" {
  type    = string
  default = "0 2 * * MON-FRI"

  validation {
    condition     = provider::appofapps::validate_cron(var.retrain_cron)
    error_message = "retrain_cron must be a five-field cron expression (minute hour day-of-month month day-of-week)."
  }
}
