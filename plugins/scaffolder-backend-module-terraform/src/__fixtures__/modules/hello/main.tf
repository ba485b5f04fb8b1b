# A file and a random name: the smallest module with something to create, change and destroy.
variable "name" {
  type    = string
  default = "world"
}

variable "api_token" {
  type      = string
  default   = ""
  sensitive = true
}

resource "random_pet" "pet" {
  length = 2
}

resource "local_file" "hello" {
  filename = "out/hello-${var.name}.txt"
  content  = "Hello, ${var.name}! Your pet is ${random_pet.pet.id}."
}

resource "local_file" "token" {
  filename          = "out/token.txt"
  sensitive_content = var.api_token
}

output "greeting_file" {
  value = local_file.hello.filename
}

output "pet" {
  value = random_pet.pet.id
}

output "token" {
  value     = var.api_token
  sensitive = true
}
