# Takes a while, and can fail on purpose after other resources were applied.
variable "sleep_seconds" {
  type        = number
  description = "How long the time_sleep resource takes to create"
  default     = 5
}

variable "fail" {
  type        = bool
  description = "When true, the last resource fails after the others were created"
  default     = false
}

variable "api_token" {
  type        = string
  description = "A secret passed by environment (TF_VAR_api_token); never printed"
  default     = "sandbox-token"
  sensitive   = true
}

resource "local_file" "marker" {
  filename = "marker.txt"
  content  = "started"
}

resource "time_sleep" "wait" {
  create_duration = "${var.sleep_seconds}s"
  depends_on      = [local_file.marker]
}

resource "sandbox_fail" "last" {
  fail    = var.fail
  message = "sandbox_fail was asked to fail (variable fail = true)"
  triggers = {
    waited = time_sleep.wait.id
  }
}

output "marker" {
  value = local_file.marker.filename
}

output "waited_until" {
  value = time_sleep.wait.id
}

output "token_digest" {
  value     = sha256(var.api_token)
  sensitive = true
}
