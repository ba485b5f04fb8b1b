# Two resources apply, then one fails: the state must keep the first two.
variable "fail" {
  type    = bool
  default = true
}

variable "secret_message" {
  type      = string
  default   = "the sandbox_fail resource was asked to fail"
  sensitive = true
}

resource "local_file" "first" {
  filename = "out/first.txt"
  content  = "first"
}

resource "random_pet" "second" {
  length = 2
}

resource "sandbox_fail" "third" {
  fail       = var.fail
  message    = var.secret_message
  depends_on = [local_file.first, random_pet.second]
}
