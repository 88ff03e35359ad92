test "a policy key in upper case matches the canonical key" {
  for_each = {
    canonical = { ctx = { "aws:SourceIp" = "203.0.113.5" }, expect = "allow" }
    lower     = { ctx = { "aws:sourceip" = "203.0.113.5" }, expect = "allow" }
    outside   = { ctx = { "aws:SourceIp" = "192.0.2.5" }, expect = "implicit_deny" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::b/upper-key/f"
  context   = each.value.ctx
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.1 and §8 rule 9: condition key names are case-insensitive; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html ('Condition key names are not case-sensitive')"
}

test "the tag-key part of a key name is case-insensitive" {
  for_each = {
    same_case  = { ctx = { "aws:RequestTag/CostCenter" = "Finance" }, expect = "allow" }
    lower_case = { ctx = { "aws:RequestTag/costcenter" = "Finance" }, expect = "allow" }
    upper_case = { ctx = { "aws:REQUESTTAG/COSTCENTER" = "Finance" }, expect = "allow" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::b/tag-key/f"
  context   = each.value.ctx
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.1: key names are case-insensitive, including the tag-key part of aws:PrincipalTag/… and aws:ResourceTag/… (and aws:RequestTag/…)"
}

test "values are still compared case-sensitively by StringEquals" {
  for_each = {
    lower_value = { ctx = { "aws:RequestTag/CostCenter" = "finance" }, expect = "implicit_deny" }
    other_key   = { ctx = { "aws:RequestTag/Cost-Center" = "Finance" }, expect = "implicit_deny" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::b/tag-key/f"
  context   = each.value.ctx
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.1: 'Value case sensitivity depends on the operator' (StringEquals: case-sensitive); a different key name is a different key"
}
