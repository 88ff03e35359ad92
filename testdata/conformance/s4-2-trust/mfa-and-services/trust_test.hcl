test "an MFA-protected role with MFA" {
  principal        = user.alice
  assume           = role.Admin
  mfa              = true
  action           = "s3:ListAllMyBuckets"
  resource         = "*"
  expect           = "allow"
  expect_statement = policy.work.statement.Work
  doc              = "docs/semantics.md §4.3: MFA-protected role assumption: the trust policy has Bool aws:MultiFactorAuthPresent true and the caller passes MFA to AssumeRole; https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html"
}

test "an MFA-protected role without MFA" {
  principal = user.alice
  assume    = role.Admin
  action    = "s3:ListAllMyBuckets"
  resource  = "*"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §4.3 and §5.1: without MFA the key is absent for the long-term keys calling AssumeRole, so Bool true is false and the trust statement does not apply"
}

test "a service principal named in the trust policy" {
  principal        = "ec2.amazonaws.com"
  assume           = role.Ec2Instance
  action           = "s3:ListAllMyBuckets"
  resource         = "*"
  expect           = "allow"
  expect_statement = policy.work.statement.Work
  doc              = "docs/semantics.md §4.2: trust policies may use Principal {\"Service\": …}; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-services"
}

test "other callers cannot assume a role trusting a service" {
  for_each = {
    other_service = "lambda.amazonaws.com"
    user          = "arn:aws:iam::111111111111:user/alice"
  }
  principal = each.value
  assume    = role.Ec2Instance
  action    = "s3:ListAllMyBuckets"
  resource  = "*"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §4.2: the trust policy must allow the caller; it names only ec2.amazonaws.com"
}

test "aws:PrincipalOrgID in a trust policy" {
  for_each = {
    same_org   = { principal = "arn:aws:iam::222222222222:user/sibling_user", expect = "allow" }
    other_acct = { principal = "arn:aws:iam::999999999999:user/stranger_user", expect = "implicit_deny" }
  }
  principal = each.value.principal
  assume    = role.OrgWide
  action    = "s3:ListAllMyBuckets"
  resource  = "*"
  expect    = each.value.expect
  doc       = "docs/semantics.md §4.2 (trust conditions such as aws:PrincipalOrgID) and §3.2 (cross-account: the caller's identity policy allows sts:AssumeRole); https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid"
}
