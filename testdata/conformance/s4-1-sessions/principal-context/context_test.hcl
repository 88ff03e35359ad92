test "a role session's context" {
  for_each = {
    role_arn          = { bucket = "role-arn", expect = "allow" }
    session_arn       = { bucket = "session-arn", expect = "implicit_deny" }
    user_arn          = { bucket = "user-arn", expect = "implicit_deny" }
    type_assumed_role = { bucket = "type-assumed-role", expect = "allow" }
    type_user         = { bucket = "type-user", expect = "implicit_deny" }
    any_username      = { bucket = "any-username", expect = "implicit_deny" }
    no_username       = { bucket = "no-username", expect = "allow" }
    session_userid    = { bucket = "session-userid", expect = "allow" }
    user_userid       = { bucket = "user-userid", expect = "implicit_deny" }
    account           = { bucket = "account", expect = "allow" }
  }
  principal    = user.bob
  assume       = role.Ops
  session_name = "ops-session"
  action       = "s3:GetObject"
  resource     = "arn:aws:s3:::${each.value.bucket}/file"
  expect       = each.value.expect
  doc          = "docs/semantics.md §4.1: for a session aws:PrincipalArn = the role ARN with path, aws:PrincipalType = AssumedRole, aws:username absent, aws:userid = roleId:sessionName; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn"
}

test "an IAM user's context" {
  for_each = {
    role_arn          = { bucket = "role-arn", expect = "implicit_deny" }
    session_arn       = { bucket = "session-arn", expect = "implicit_deny" }
    user_arn          = { bucket = "user-arn", expect = "allow" }
    type_assumed_role = { bucket = "type-assumed-role", expect = "implicit_deny" }
    type_user         = { bucket = "type-user", expect = "allow" }
    any_username      = { bucket = "any-username", expect = "allow" }
    no_username       = { bucket = "no-username", expect = "implicit_deny" }
    session_userid    = { bucket = "session-userid", expect = "implicit_deny" }
    user_userid       = { bucket = "user-userid", expect = "allow" }
    account           = { bucket = "account", expect = "allow" }
  }
  principal = user.bob
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::${each.value.bucket}/file"
  expect    = each.value.expect
  doc       = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html: for an IAM user aws:PrincipalArn is the user ARN, aws:PrincipalType is User, aws:username is the friendly name and aws:userid the unique ID; docs/semantics.md §6 (aws:username exists only for IAM users)"
}
