# Aliases that begin with alias/aws/ belong to AWS managed keys. No customer
# can create, repoint or delete them, whatever its policies allow; its own
# aliases it manages as its policies allow.

account "main" { id = "111111111111" }

user "admin" {
  policies = [policy.admin]
}

policy "admin" {
  statement "Admin" {
    actions   = ["*"]
    resources = ["*"]
  }
}
