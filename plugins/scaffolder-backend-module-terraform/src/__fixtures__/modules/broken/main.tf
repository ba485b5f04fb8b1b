resource "local_file" "ok" {
  filename = "out/ok.txt"
  content  = "ok"
}

resource "local_file" "bad" {
  filename = "out/bad.txt"
  contents = "misspelled argument"
}
