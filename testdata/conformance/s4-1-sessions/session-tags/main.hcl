# §4.1: aws:PrincipalTag/* of a session = the role's tags overridden by the
# session tags. Passing session tags needs sts:TagSession in the trust policy.

account "main" { id = "111111111111" }

user "alice" {
  tags = { team = "green" }
}

role "Tagged" {
  tags     = { team = "red", env = "prod" }
  policies = [policy.abac]
  trust {
    statement "AliceAssumeAndTag" {
      actions = ["sts:AssumeRole", "sts:TagSession"]
      principals {
        type        = "AWS"
        identifiers = [user.alice.arn]
      }
    }
  }
}

role "NoTagSession" {
  tags     = { team = "red", env = "prod" }
  policies = [policy.abac]
  trust {
    statement "AliceAssumeOnly" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [user.alice.arn]
      }
    }
  }
}

policy "abac" {
  statement "TeamBucket" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::team-$${aws:PrincipalTag/team}/*"]
  }
  statement "ProdOnly" {
    actions   = ["ec2:StartInstances"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/env"
      values   = ["prod"]
    }
  }
}
