test "trust naming the caller's ARN needs no identity policy" {
  principal        = user.named
  assume           = role.TrustsNamed
  action           = "dynamodb:GetItem"
  resource         = "arn:aws:dynamodb:us-east-1:111111111111:table/T"
  expect           = "allow"
  expect_statement = policy.work.statement.Work
  doc              = "docs/semantics.md §4.2: same account, trust names the caller's ARN: allowed without any identity policy (same-account resource-policy rule)"
}

test "trust naming the account needs an identity allow" {
  principal = user.plain
  assume    = role.TrustsAccount
  action    = "dynamodb:GetItem"
  resource  = "arn:aws:dynamodb:us-east-1:111111111111:table/T"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §4.2: same account, trust names the account (:root): the caller also needs an identity Allow for sts:AssumeRole on the role"
}

test "trust naming the account with an identity allow" {
  for_each = {
    resource_star = user.allowed
    role_arn      = user.allowed_specific
  }
  principal        = each.value
  assume           = role.TrustsAccount
  action           = "dynamodb:GetItem"
  resource         = "arn:aws:dynamodb:us-east-1:111111111111:table/T"
  expect           = "allow"
  expect_statement = policy.work.statement.Work
  doc              = "docs/semantics.md §4.2 and https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_permissions-to-switch.html: the trust policy names the account and the user's policy allows sts:AssumeRole on the role"
}

test "an identity allow for another role does not help" {
  principal = user.allowed_specific
  assume    = role.DeniesAllowed
  action    = "dynamodb:GetItem"
  resource  = "arn:aws:dynamodb:us-east-1:111111111111:table/T"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §4.2 and §2.2: the identity policy allows sts:AssumeRole only on the TrustsAccount role ARN"
}

test "an identity allow alone is denied" {
  for_each = {
    trusts_others  = role.TrustsNamed
    trusts_service = role.TrustsNobodyHere
    no_trust       = role.NoTrust
  }
  principal = user.allowed
  assume    = each.value
  action    = "dynamodb:GetItem"
  resource  = "arn:aws:dynamodb:us-east-1:111111111111:table/T"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §4.2 and §8 rule 5: identity Allow alone, with no matching trust statement: denied; the trust policy must allow the caller in every case"
}

test "an explicit Deny in the caller's policy beats a trust naming it" {
  principal = user.self_denied
  assume    = role.TrustsNamed
  action    = "dynamodb:GetItem"
  resource  = "arn:aws:dynamodb:us-east-1:111111111111:table/T"
  expect    = "explicit_deny"
  doc       = "docs/semantics.md §4.2 (sts:AssumeRole is evaluated like any request) and §3.1 step 1: an explicit Deny in the identity policy wins"
}

test "an explicit Deny in the trust policy beats the allows" {
  principal = user.allowed
  assume    = role.DeniesAllowed
  action    = "dynamodb:GetItem"
  resource  = "arn:aws:dynamodb:us-east-1:111111111111:table/T"
  expect    = "explicit_deny"
  doc       = "docs/semantics.md §3.1 step 1: an applicable Deny in the resource-based policy (here the trust policy) is an explicit deny"
}
