# §3.3: a root, unit or account without `policies` has FullAWSAccess.

organization "acme" {}

unit "plain" {
  parent = organization.acme
}

account "member" {
  id     = "111111111111"
  parent = unit.plain
}

user "admin" { policies = [policy.admin] }
user "nobody" {}

policy "admin" {
  statement "Admin" {
    actions   = ["*"]
    resources = ["*"]
  }
}
