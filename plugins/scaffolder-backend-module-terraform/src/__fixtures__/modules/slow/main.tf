# Takes a while to apply, so a test can cancel it in the middle.
variable "duration" {
  type    = string
  default = "30s"
}

resource "local_file" "before" {
  filename = "out/before.txt"
  content  = "created before the wait"
}

resource "time_sleep" "wait" {
  create_duration = var.duration
  depends_on      = [local_file.before]
}
