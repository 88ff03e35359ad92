# A deliberately careless project: iamc check finds something wrong in
# almost every block. It compiles, which is the point: none of this stops
# iamc build.

account "shop" {
  id = "111122223333"
}

user "deployer" {
  policies = [policy.deploy]
}

user "intern" {
}

policy "deploy" {
  statement "Deploy" {
    actions   = ["lambda:CreateFunction", "iam:PassRole", "lambda:createfunction"]
    resources = ["*"]
  }

  statement "Reports" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:us-east-1:111122223333:reports/*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/team"
      values   = ["ops-*"]
    }
  }

  statement "NoDeletesWithoutMFA" {
    effect    = "Deny"
    actions   = ["s3:DeleteObject"]
    resources = ["*"]
    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }
}

policy "almost_admin" {
  statement {
    not_actions = ["iam:*"]
    resources   = ["*"]
  }
}

role "Support" {
  trust {
    statement {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = ["*"]
      }
    }
  }
}

resource "reports" {
  arn = "arn:aws:s3:::reports"
  policy {
    statement {
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::reports/*"]
      principals {
        type        = "*"
        identifiers = ["*"]
      }
    }
  }
}
