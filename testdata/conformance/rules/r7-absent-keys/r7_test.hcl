test "absent keys" {
  for_each = {
    bool_mfa_false_deny = { action = "s3:DeleteObject", expect = "allow" }
    for_all_values      = { action = "ec2:RunInstances", expect = "allow" }
    for_any_value       = { action = "ec2:CreateTags", expect = "implicit_deny" }
    if_exists           = { action = "ec2:StartInstances", expect = "allow" }
    positive            = { action = "ec2:StopInstances", expect = "implicit_deny" }
    negated             = { action = "ec2:RebootInstances", expect = "allow" }
    null_true           = { action = "ec2:DescribeImages", expect = "allow" }
  }
  principal = user.u
  action    = each.value.action
  resource  = "*"
  expect    = each.value.expect
  doc       = "docs/semantics.md §8 rule 7: absent keys: positive operators are false, negated operators are true, …IfExists is true, ForAllValues is true, ForAnyValue is false; Bool aws:MultiFactorAuthPresent is absent for long-term keys, so Deny+Bool false does not block them; §5.2 Null true: the key is absent"
}

test "the same statements with the keys present" {
  for_each = {
    for_all_values_extra = { action = "ec2:RunInstances", ctx = { "aws:TagKeys" = ["env", "owner"] }, expect = "implicit_deny" }
    for_any_value_match  = { action = "ec2:CreateTags", ctx = { "aws:TagKeys" = ["env", "owner"] }, expect = "allow" }
    if_exists_mismatch   = { action = "ec2:StartInstances", ctx = { "ec2:InstanceType" = "m5.large" }, expect = "implicit_deny" }
    positive_match       = { action = "ec2:StopInstances", ctx = { "ec2:InstanceType" = "t3.micro" }, expect = "allow" }
    negated_listed       = { action = "ec2:RebootInstances", ctx = { "ec2:InstanceType" = "p4d.24xlarge" }, expect = "implicit_deny" }
    null_true_present    = { action = "ec2:DescribeImages", ctx = { "ec2:InstanceType" = "t3.micro" }, expect = "implicit_deny" }
  }
  principal = user.u
  action    = each.value.action
  resource  = "*"
  context   = each.value.ctx
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2 and §5.3: with the key present each operator evaluates normally"
}
