# Writes one file inside the working directory.
variable "file_name" {
  type        = string
  description = "Path of the file, relative to the working directory"
  default     = "hello.txt"

  validation {
    condition     = length(var.file_name) > 0
    error_message = "file_name must not be empty."
  }
}

variable "content" {
  type        = string
  description = "Text written into the file"
  default     = "Hello from the EDP sandbox"
}

variable "secret_note" {
  type        = string
  description = "A value that must never appear in logs"
  default     = "not-so-secret"
  sensitive   = true
}

resource "local_file" "this" {
  filename = var.file_name
  content  = "${var.content}\n"
}

output "path" {
  description = "The file that was written"
  value       = local_file.this.filename
}

output "sha256" {
  value = local_file.this.content_sha256
}

output "secret_note" {
  value     = var.secret_note
  sensitive = true
}
