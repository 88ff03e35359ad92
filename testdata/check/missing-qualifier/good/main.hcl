# The set operator says what is meant: every tag key of the request is
# "team", and the request has tag keys.
user "tagger" {
  policies = [policy.tag]
}

policy "tag" {
  statement "TagWithTeam" {
    actions   = ["ec2:CreateTags"]
    resources = ["*"]
    condition {
      test     = "ForAllValues:StringEquals"
      variable = "aws:TagKeys"
      values   = ["team"]
    }
    condition {
      test     = "Null"
      variable = "aws:TagKeys"
      values   = ["false"]
    }
  }
}
