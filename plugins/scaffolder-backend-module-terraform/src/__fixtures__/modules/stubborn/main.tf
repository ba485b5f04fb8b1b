# Ignores the first interrupt for a while, so a cancel ends with SIGKILL and leaves the lock.
resource "terraform_data" "before" {
  input = "created before the wait"
}

resource "sandbox_fail" "slow" {
  fail                = false
  delay               = "60s"
  finish_on_interrupt = true
  depends_on          = [terraform_data.before]
}
