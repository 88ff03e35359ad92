# A plain operator on aws:TagKeys, a multivalued key: AWS accepts the policy
# but documents no meaning for the condition.
user "tagger" {
  policies = [policy.tag]
}

policy "tag" {
  statement "TagWithTeam" {
    actions   = ["ec2:CreateTags"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:TagKeys"
      values   = ["team"]
    }
  }
}
