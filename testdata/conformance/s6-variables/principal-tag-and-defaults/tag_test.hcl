test "aws:PrincipalTag/team variable in a resource" {
  for_each = {
    own_team   = { principal = "red_member", bucket = "team-red", expect = "allow" }
    other_team = { principal = "red_member", bucket = "team-blue", expect = "implicit_deny" }
    untagged   = { principal = "untagged", bucket = "team-", expect = "implicit_deny" }
  }
  principal = "arn:aws:iam::111111111111:user/${each.value.principal}"
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::${each.value.bucket}/f"
  expect    = each.value.expect
  doc       = "docs/semantics.md §6: $${aws:PrincipalTag/team} is replaced by the principal's tag; with the key absent (no default) the pattern matches no resource; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html"
}

test "an untagged user matches no team bucket" {
  for_each  = toset(["team-red", "team-", "team-$${aws:PrincipalTag/team}"])
  principal = user.untagged
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::${each.value}/f"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §6: key absent (and no default): in Resource, that pattern matches no resource"
}

test "the tag key in a variable is case-insensitive" {
  principal = user.upper_tag_key
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::team-blue/f"
  expect    = "allow"
  doc       = "docs/semantics.md §5.1 and §6: key names (including the tag-key part of aws:PrincipalTag/…) are case-insensitive"
}

test "a default value for a missing key" {
  for_each = {
    tagged_own       = { principal = "red_member", folder = "red", expect = "allow" }
    tagged_default   = { principal = "red_member", folder = "company-wide", expect = "implicit_deny" }
    untagged_default = { principal = "untagged", folder = "company-wide", expect = "allow" }
    untagged_red     = { principal = "untagged", folder = "red", expect = "implicit_deny" }
  }
  principal = "arn:aws:iam::111111111111:user/${each.value.principal}"
  action    = "s3:PutObject"
  resource  = "arn:aws:s3:::shared/${each.value.folder}/f"
  expect    = each.value.expect
  doc       = "docs/semantics.md §6: default value $${aws:PrincipalTag/team, 'company-wide'} applies only when the key is absent; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-default-values"
}
