# A random name, published in a ConfigMap of the sandbox cluster: infrastructure that lives outside
# Terraform, so someone can change it behind Terraform's back (kubectl edit) and the portal's drift
# check (plan -refresh-only) notices. The kubernetes provider reaches the cluster through
# KUBE_HOST / KUBE_TOKEN, which edp:terraform:run sets for the portal's kubernetes state backend.
variable "name" {
  type        = string
  description = "Name of the ConfigMap (the Resource's name)"
}

variable "prefix" {
  type        = string
  description = "Optional first word of the pet name"
  default     = ""
}

variable "namespace" {
  type        = string
  description = "Namespace of the ConfigMap"
  default     = "default"
}

resource "random_pet" "name" {
  length = 2
  prefix = var.prefix == "" ? null : var.prefix
}

resource "random_id" "token" {
  byte_length = 8
  keepers = {
    pet = random_pet.name.id
  }
}

resource "kubernetes_config_map_v1" "settings" {
  metadata {
    name      = "${var.name}-settings"
    namespace = var.namespace
  }
  data = {
    pet = random_pet.name.id
  }
}

output "pet" {
  value = random_pet.name.id
}

output "config_map" {
  value = "${var.namespace}/${var.name}-settings"
}

output "token" {
  value     = random_id.token.hex
  sensitive = true
}
