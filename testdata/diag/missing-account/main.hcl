account "a" { id = "111122223333" }
account "b" { id = "444455556666" }

user "bob" {}

group "g" { account = account.b }

user "carol" {
  account = account.a
  groups  = [group.g]
}
