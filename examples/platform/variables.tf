variable "environment" {
  description = "Environment this workspace manages: dev, staging or prod."
  type        = string
}

variable "root_name" {
  description = "Name of the app-of-apps root."
  type        = string
  default     = "ml-platform"
}

variable "manage_root" {
  description = "Whether this workspace owns the appofapps_root (exactly one should: dev)."
  type        = bool
  default     = false
}

variable "dev_versions" {
  description = "Model version per app in dev (unused where a promotion decides)."
  type        = map(string)
  default     = {}
}

variable "register_models" {
  description = "Model versions to register in the embedded registry, keyed by any name."
  type = map(object({
    model       = string
    version     = string
    metrics     = map(number)
    run_id      = string
    code_commit = string
  }))
  default = {}
}

variable "promote_from" {
  description = "Environment to promote from; null in the first environment."
  type        = string
  default     = null
}

variable "promote_versions" {
  description = "Versions to promote (app -> version); null promotes whatever promote_from runs."
  type        = map(string)
  default     = null
}

variable "min_auc" {
  description = "Gate: lowest acceptable AUC."
  type        = number
  default     = 0.9
}

variable "max_latency_p95_ms" {
  description = "Gate: highest acceptable p95 latency in milliseconds."
  type        = number
  default     = 100
}

variable "approval" {
  description = "Approval of the promotion (required for protected environments)."
  type = object({
    approved_by = string
    ticket      = string
  })
  default = null
}

variable "on_gate_failure" {
  description = "error (fail the plan) or hold (keep the target's versions)."
  type        = string
  default     = "error"
}
