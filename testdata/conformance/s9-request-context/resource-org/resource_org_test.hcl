test "an SCP perimeter lets the organization's buckets through" {
  for_each = {
    own_account  = "arn:aws:s3:::app-bucket/report.csv"
    other_member = "arn:aws:s3:::data-bucket/report.csv"
    management   = "arn:aws:s3:::hq-bucket/report.csv"
  }
  principal = user.worker
  action    = "s3:GetObject"
  resource  = each.value
  expect    = "allow"
  doc       = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceorgid: aws:ResourceOrgID is 'the identifier of the organization in AWS Organizations to which the requested resource belongs', included 'only if the account that owns the resource is a member of an organization' (the management account is a member); StringNotEquals is false, so the SCP Deny does not apply; the bucket policies name the app account (docs/semantics.md §3.2)"
}

test "an SCP perimeter stops a bucket outside the organization" {
  principal        = user.worker
  action           = "s3:GetObject"
  resource         = "arn:aws:s3:::partner-bucket/report.csv"
  expect           = "explicit_deny"
  expect_statement = scp.own_resources_only.statement.DenyOutsideResources
  doc              = "reference_policies_condition-keys.html#condition-keys-resourceorgid: the key is absent when the resource's account is not in an organization; docs/semantics.md §5.1: a negated operator on an absent key is true, so the Deny applies although the bucket policy allows the app account"
}

test "an SCP perimeter stops a queue outside the organization" {
  principal        = user.worker
  action           = "sqs:SendMessage"
  resource         = "arn:aws:sqs:eu-west-1:333333333333:inbox"
  expect           = "explicit_deny"
  expect_statement = scp.own_resources_only.statement.DenyOutsideResources
  doc              = "reference_policies_condition-keys.html#condition-keys-resourceorgid (absent for a resource of an account outside any organization) and docs/semantics.md §5.1 (negated operator, absent key: true)"
}

test "an SCP perimeter lets a queue of the own account through" {
  principal = user.worker
  action    = "sqs:SendMessage"
  resource  = "arn:aws:sqs:eu-west-1:111111111111:jobs"
  expect    = "allow"
  doc       = "reference_policies_condition-keys.html#condition-keys-resourceorgid: the queue's account (from its ARN) is a member of o-acme111111; docs/semantics.md §3.1: same account, the identity policy allows"
}

test "the SCP does not bind principals outside the organization" {
  principal = user.outsider
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::partner-bucket/report.csv"
  expect    = "allow"
  doc       = "docs/semantics.md §3.1 step 3 and §3.2: SCPs apply only to principals of the organization's member accounts; the partner's user reads its own account's bucket"
}

test "an identity-policy perimeter" {
  for_each = {
    own_account  = { bucket = "app-bucket", expect = "allow" }
    other_member = { bucket = "data-bucket", expect = "allow" }
    management   = { bucket = "hq-bucket", expect = "allow" }
    outside      = { bucket = "partner-bucket", expect = "explicit_deny" }
  }
  principal = user.perimeter
  action    = "s3:PutObject"
  resource  = "arn:aws:s3:::${each.value.bucket}/upload.csv"
  expect    = each.value.expect
  doc       = "reference_policies_condition-keys.html#condition-keys-resourceorgid: the key is the resource owner's organization, absent outside any organization; docs/semantics.md §5.1 (negated operator, absent key: true) and §2 (Deny beats Allow)"
}

test "an identity-policy perimeter on a bucket action" {
  for_each = {
    other_member = { bucket = "data-bucket", expect = "allow" }
    outside      = { bucket = "partner-bucket", expect = "explicit_deny" }
  }
  principal = user.perimeter
  action    = "s3:ListBucket"
  resource  = "arn:aws:s3:::${each.value.bucket}"
  expect    = each.value.expect
  doc       = "reference_policies_condition-keys.html#condition-keys-resourceorgid; docs/semantics.md §5.1"
}

test "aws:ResourceOrgPaths" {
  for_each = {
    other_member = { bucket = "data-bucket", expect = "allow" }
    outside      = { bucket = "partner-bucket", expect = "explicit_deny" }
  }
  principal = user.perimeter
  action    = "s3:DeleteObject"
  resource  = "arn:aws:s3:::${each.value.bucket}/old.csv"
  expect    = each.value.expect
  doc       = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceorgpaths: multivalued, each path starts with the organization ID (o-…/r-…/ou-…/), included only if the resource's account is in an organization; docs/semantics.md §5.3: ForAllValues is true when every path is not like o-acme111111/* (false for the data account) and true when the key is absent (the partner's bucket), so the Deny applies there"
}

test "aws:ResourceAccount" {
  for_each = {
    own_account  = { bucket = "app-bucket", expect = "allow" }
    other_member = { bucket = "data-bucket", expect = "explicit_deny" }
  }
  principal = user.perimeter
  action    = "s3:GetObjectTagging"
  resource  = "arn:aws:s3:::${each.value.bucket}/report.csv"
  expect    = each.value.expect
  doc       = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceaccount: 'the resource owner's AWS account ID'"
}
