account "prod" { id = "111111111111" }
account "dev" { id = "222222222222" }

# The same IAM name in two accounts is fine.
role "prod_admin" {
  account = account.prod
  name    = "OrganizationAccountAccessRole"
}

role "dev_admin" {
  account = account.dev
  name    = "OrganizationAccountAccessRole"
}

# Twice in one account is not, whatever the case.
role "dev_admin_copy" {
  account = account.dev
  name    = "organizationaccountaccessrole"
}

user "alice" {
  account = account.dev
}

user "alice2" {
  account = account.dev
  name    = "alice"
}

user "bob" {
  account = account.dev
  name    = "bob smith"
}

policy "read" {
  account = account.dev
  name    = "Read"
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

policy "read_again" {
  account = account.dev
  name    = "Read"
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
