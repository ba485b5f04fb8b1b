# A random name that stays the same until the inputs change.
variable "length" {
  type        = number
  description = "Number of words in the name"
  default     = 2
}

variable "prefix" {
  type        = string
  description = "Optional first word"
  default     = ""
}

resource "random_pet" "name" {
  length = var.length
  prefix = var.prefix == "" ? null : var.prefix
}

resource "random_id" "suffix" {
  byte_length = 4
  keepers = {
    pet = random_pet.name.id
  }
}

output "name" {
  value = random_pet.name.id
}

output "suffix" {
  value = random_id.suffix.hex
}
