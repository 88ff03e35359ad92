group "staff" {}

user "bob" {
  path   = 5
  groups = group.staff
  tags   = ["team"]
}

role "r" {
  max_session_duration = "forever"
}
