user "bob" {
  path = "/staff/
}
