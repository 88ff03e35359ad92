# §4.1: the request context of a role session: aws:PrincipalArn is the ROLE
# ARN (with its path), aws:PrincipalType is AssumedRole, aws:username is
# absent, aws:userid is roleId:sessionName. For an IAM user: the user ARN,
# User, the friendly name and the user's unique ID.

account "main" { id = "111111111111" }

user "bob" {
  path     = "/staff/"
  policies = [policy.context_checks]
}

role "Ops" {
  path     = "/ops/"
  policies = [policy.context_checks]
  trust {
    statement "Bob" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [user.bob.arn]
      }
    }
  }
}

# Each statement allows GetObject on one bucket when one context key has the
# value the statement expects.
policy "context_checks" {
  statement "RoleArn" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::role-arn/*"]
    condition {
      test     = "ArnEquals"
      variable = "aws:PrincipalArn"
      values   = ["arn:aws:iam::111111111111:role/ops/Ops"]
    }
  }
  statement "SessionArn" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::session-arn/*"]
    condition {
      test     = "StringLike"
      variable = "aws:PrincipalArn"
      values   = ["arn:aws:sts::111111111111:assumed-role/*"]
    }
  }
  statement "UserArn" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::user-arn/*"]
    condition {
      test     = "ArnEquals"
      variable = "aws:PrincipalArn"
      values   = ["arn:aws:iam::111111111111:user/staff/bob"]
    }
  }
  statement "AssumedRoleType" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::type-assumed-role/*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalType"
      values   = ["AssumedRole"]
    }
  }
  statement "UserType" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::type-user/*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalType"
      values   = ["User"]
    }
  }
  statement "AnyUsername" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::any-username/*"]
    condition {
      test     = "StringLike"
      variable = "aws:username"
      values   = ["*"]
    }
  }
  statement "NoUsername" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::no-username/*"]
    condition {
      test     = "Null"
      variable = "aws:username"
      values   = ["true"]
    }
  }
  statement "SessionUserid" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::session-userid/*"]
    condition {
      test     = "StringEquals"
      variable = "aws:userid"
      values   = ["${role.Ops.id}:ops-session"]
    }
  }
  statement "UserUserid" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::user-userid/*"]
    condition {
      test     = "StringEquals"
      variable = "aws:userid"
      values   = [user.bob.id]
    }
  }
  statement "Account" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::account/*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalAccount"
      values   = ["111111111111"]
    }
  }
}
