user "alice" {
  path = "/other/"
}
