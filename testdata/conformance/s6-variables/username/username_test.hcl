test "each user reaches only their own home" {
  for_each = {
    alice_own   = { principal = "alice", key = "home/alice/notes.txt", expect = "allow" }
    alice_other = { principal = "alice", key = "home/bob/notes.txt", expect = "implicit_deny" }
    bob_own     = { principal = "bob", key = "home/bob/notes.txt", expect = "allow" }
    bob_other   = { principal = "bob", key = "home/alice/notes.txt", expect = "implicit_deny" }
    literal     = { principal = "alice", key = "home/$${aws:username}/notes.txt", expect = "implicit_deny" }
  }
  principal = "arn:aws:iam::111111111111:user/${each.value.principal}"
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::${each.value.key}"
  expect    = each.value.expect
  doc       = "docs/semantics.md §6: $${aws:username} in the resource part is replaced by the friendly user name; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html"
}

test "aws:username variable in an IAM user ARN" {
  for_each = {
    own   = { user = "alice", expect = "allow" }
    other = { user = "bob", expect = "implicit_deny" }
  }
  principal = user.alice
  action    = "iam:CreateAccessKey"
  resource  = "arn:aws:iam::111111111111:user/${each.value.user}"
  expect    = each.value.expect
  doc       = "docs/semantics.md §6: variables are allowed in the resource part, after the 5th colon; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_my-sec-creds-self-manage.html"
}

test "variable key names are case-insensitive" {
  principal = user.alice
  action    = "s3:DeleteObject"
  resource  = "arn:aws:s3:::home/alice/old.txt"
  expect    = "allow"
  doc       = "docs/semantics.md §6: key names in variables are case-insensitive, so $${AWS:UserName} is $${aws:username}"
}

test "aws:username variable in a condition value" {
  for_each = {
    own_prefix   = { prefix = "alice/docs/", expect = "allow" }
    other_prefix = { prefix = "bob/docs/", expect = "implicit_deny" }
  }
  principal = user.alice
  action    = "s3:ListBucket"
  resource  = "arn:aws:s3:::home"
  context   = { "s3:prefix" = each.value.prefix }
  expect    = each.value.expect
  doc       = "docs/semantics.md §6: variables are allowed in condition values of String operators; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html"
}

test "a role session has no aws:username, so the pattern matches nothing" {
  for_each = {
    caller_home  = "home/alice/notes.txt"
    session_name = "home/Batch/notes.txt"
    literal      = "home/$${aws:username}/notes.txt"
  }
  principal = user.alice
  assume    = role.Batch
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::${each.value}"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §6: aws:username exists only for IAM users (§4.1: absent for a session); key absent: in Resource that pattern matches no resource"
}
