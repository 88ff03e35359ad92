test "either SCP at the root level is enough for that level" {
  for_each = {
    s3  = { action = "s3:GetObject", resource = "arn:aws:s3:::bucket/key" }
    sqs = { action = "sqs:SendMessage", resource = "arn:aws:sqs:us-east-1:111111111111:queue" }
  }
  principal = user.admin1
  action    = each.value.action
  resource  = each.value.resource
  expect    = "allow"
  doc       = "docs/semantics.md §3.3: a level's policies are ORed for allows; the account has the default FullAWSAccess (`policies` omitted)"
}

test "an action no root SCP allows" {
  principal = user.admin1
  action    = "ec2:RunInstances"
  resource  = "*"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §3.1 step 3: at the root level no SCP allows ec2"
}

test "two SCPs at the account, two at the root" {
  for_each = {
    # s3: root (s3) and account (s3)
    s3 = { action = "s3:PutObject", resource = "arn:aws:s3:::bucket/key", expect = "allow" }
    # sqs: root allows, the account's SCPs do not
    sqs = { action = "sqs:SendMessage", resource = "arn:aws:sqs:us-east-1:222222222222:queue", expect = "implicit_deny" }
    # ec2: the account allows, the root does not
    ec2 = { action = "ec2:RunInstances", resource = "*", expect = "implicit_deny" }
  }
  principal = user.admin2
  action    = each.value.action
  resource  = each.value.resource
  expect    = each.value.expect
  doc       = "docs/semantics.md §3.3: policies at one level OR, levels AND; https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html"
}

test "an SCP allow grants nothing without an identity allow" {
  principal = user.nothing1
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::bucket/key"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §3.3 and §8 rule 2: SCPs never grant, they only filter; https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html ('SCPs alone are not sufficient to grant permissions')"
}
