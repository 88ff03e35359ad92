test "users manage only their own credentials" {
  for_each = {
    dave_own_key   = { principal = "dave", action = "iam:CreateAccessKey", target = "dave", expect = "allow" }
    dave_erin_key  = { principal = "dave", action = "iam:CreateAccessKey", target = "erin", expect = "implicit_deny" }
    erin_own_pw    = { principal = "erin", action = "iam:ChangePassword", target = "erin", expect = "allow" }
    erin_dave_pw   = { principal = "erin", action = "iam:ChangePassword", target = "dave", expect = "implicit_deny" }
    erin_list_keys = { principal = "erin", action = "iam:ListAccessKeys", target = "erin", expect = "allow" }
  }
  principal = "arn:aws:iam::111111111111:user/${each.value.principal}"
  action    = each.value.action
  resource  = "arn:aws:iam::111111111111:user/${each.value.target}"
  expect    = each.value.expect
  doc       = "docs/semantics.md §8 rule 10 and §6: $${aws:username} in the resource part; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_my-sec-creds-self-manage.html"
}

test "the account-wide statement needs no variable" {
  principal        = user.carol
  action           = "iam:GetAccountPasswordPolicy"
  resource         = "*"
  expect           = "allow"
  expect_statement = policy.own_credentials.statement.AllowViewAccountInfo
  doc              = "docs/semantics.md §2.2: Resource * matches every resource"
}

test "aws:username is the friendly name, without the path" {
  principal = user.carol
  action    = "iam:CreateAccessKey"
  resource  = "arn:aws:iam::111111111111:user/staff/carol"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §6 (aws:username is the friendly name) and §2.2: arn:aws:iam::*:user/carol does not match the ARN arn:aws:iam::111111111111:user/staff/carol of a user with a path"
}

test "a 2008-10-17 policy keeps the variable as literal text" {
  for_each = {
    own_arn = { resource = "arn:aws:iam::111111111111:user/dave", expect = "implicit_deny" }
    literal = { resource = "arn:aws:iam::111111111111:user/$${aws:username}", expect = "allow" }
  }
  principal = user.dave
  action    = "iam:ListSSHPublicKeys"
  resource  = each.value.resource
  expect    = each.value.expect
  doc       = "docs/semantics.md §8 rule 10: variables work only with Version 2012-10-17 (otherwise literal)"
}

test "a role session has no aws:username: the variable resolves to nothing" {
  for_each = {
    callers_name = "arn:aws:iam::111111111111:user/dave"
    role_name    = "arn:aws:iam::111111111111:user/Helper"
  }
  principal = user.dave
  assume    = role.Helper
  action    = "iam:CreateAccessKey"
  resource  = each.value
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §8 rule 10: an unresolved variable matches nothing; §4.1: aws:username is absent for a session"
}
