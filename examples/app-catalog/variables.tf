variable "root_name" {
  description = "Name of the app-of-apps root."
  type        = string
  default     = "catalog"
}

variable "manage_root" {
  description = "Whether this workspace creates the root (the dev workspace does)."
  type        = bool
  default     = false
}

variable "environment" {
  description = "Environment this workspace manages."
  type        = string
}

variable "apps" {
  description = "The apps of the environment by name: owner, model and version, and the names of the apps they depend on."
  type = map(object({
    owner     = string
    model     = string
    version   = string
    namespace = optional(string)
    deps      = optional(list(string), [])
  }))
}
