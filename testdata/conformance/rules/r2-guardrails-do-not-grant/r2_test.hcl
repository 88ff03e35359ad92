test "SCP and boundary allowing * grant nothing" {
  for_each  = toset(["s3:GetObject", "dynamodb:GetItem", "iam:ListUsers"])
  principal = user.guarded_only
  action    = each.value
  resource  = "*"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §8 rule 2: guardrails do not grant; SCPs, boundaries and session policies only intersect; https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html"
}

test "the identity policy decides inside the guardrails" {
  for_each = {
    granted     = { resource = "arn:aws:dynamodb:us-east-1:111111111111:table/Orders", expect = "allow" }
    other_table = { resource = "arn:aws:dynamodb:us-east-1:111111111111:table/Users", expect = "implicit_deny" }
  }
  principal = user.narrow
  action    = "dynamodb:GetItem"
  resource  = each.value.resource
  expect    = each.value.expect
  doc       = "docs/semantics.md §3.1: allowed = ¬explicitDeny ∧ SCP ∧ (identityAllow ∧ boundary ∧ session)"
}

test "a session policy allowing * grants nothing to a role without policies" {
  principal = user.narrow
  assume    = role.Empty
  action    = "dynamodb:GetItem"
  resource  = "arn:aws:dynamodb:us-east-1:111111111111:table/Orders"
  session_policy {
    statement "AllowAll" {
      actions   = ["*"]
      resources = ["*"]
    }
  }
  expect = "implicit_deny"
  doc    = "docs/semantics.md §4.1: session policies can only narrow; they cannot grant beyond the role's policies (the role has none, and the caller's permissions do not carry over)"
}
