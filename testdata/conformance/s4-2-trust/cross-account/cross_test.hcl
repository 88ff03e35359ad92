test "trust names the caller's account and the caller may assume" {
  principal        = user.with_permission
  assume           = role.TrustsDevAccount
  action           = "ec2:DescribeInstances"
  resource         = "*"
  expect           = "allow"
  expect_statement = policy.prod_work.statement.ProdWork
  doc              = "docs/semantics.md §4.2: cross-account: trust names the caller or its account, and the caller's identity policy allows sts:AssumeRole on the role ARN; https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_aws-accounts.html"
}

test "trust names the caller's ARN and the caller may assume" {
  principal = user.with_permission
  assume    = role.TrustsUsers
  action    = "ec2:DescribeInstances"
  resource  = "*"
  expect    = "allow"
  doc       = "docs/semantics.md §4.2: cross-account, trust names the caller and the identity policy allows"
}

test "cross-account trust alone is not enough" {
  for_each = {
    trusts_account = role.TrustsDevAccount
    trusts_user    = role.TrustsUsers
  }
  principal = user.without_permission
  assume    = each.value
  action    = "ec2:DescribeInstances"
  resource  = "*"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §4.2 and §3.2: cross-account needs the caller's identity allow for sts:AssumeRole too, even when the trust policy names the caller's ARN"
}

test "the caller's permission alone is not enough" {
  principal = user.with_permission
  assume    = role.TrustsOwnAccount
  action    = "ec2:DescribeInstances"
  resource  = "*"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §4.2: identity Allow alone, with no matching trust statement: denied"
}

test "the caller's boundary applies to sts:AssumeRole cross-account" {
  principal = user.bounded
  assume    = role.TrustsUsers
  action    = "ec2:DescribeInstances"
  resource  = "*"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §4.2: the caller's identity policy (and SCPs, boundary) must allow sts:AssumeRole; the boundary allows only s3:*"
}

test "a role session in the other account acts in that account" {
  principal = user.with_permission
  assume    = role.TrustsDevAccount
  action    = "ec2:TerminateInstances"
  resource  = "*"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §4.1: the session has only the role's permissions (ec2:DescribeInstances)"
}
