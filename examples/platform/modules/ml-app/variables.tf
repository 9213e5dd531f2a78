variable "root" {
  type = string
}

variable "environment" {
  type = string
}

variable "name" {
  description = "App name; also the namespace it owns."
  type        = string
}

variable "owner" {
  type = string
}

variable "model_name" {
  type = string
}

variable "model_version" {
  type = string
}

variable "depends_on_apps" {
  type    = set(string)
  default = []
}

variable "instance_count" {
  type    = number
  default = 1
}

variable "workspace" {
  description = "Azure ML workspace the endpoint lives in."
  type        = string
}

variable "endpoint_name" {
  type = string
}
