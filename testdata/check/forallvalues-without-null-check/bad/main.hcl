user "tagger" {
  policies = [policy.tags]
}

policy "tags" {
  statement "OnlyApprovedTagKeys" {
    actions   = ["ec2:CreateTags"]
    resources = ["*"]
    condition {
      test     = "ForAllValues:StringEquals"
      variable = "aws:TagKeys"
      values   = ["team", "env"]
    }
  }
}
