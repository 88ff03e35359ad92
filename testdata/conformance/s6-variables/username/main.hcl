# §6: ${aws:username} in the resource part of Resource and in condition
# values; it exists only for IAM users, so for a role session the pattern
# matches nothing.

account "main" { id = "111111111111" }

user "alice" { groups = [group.staff] }
user "bob" { groups = [group.staff] }

group "staff" { policies = [policy.home] }

role "Batch" {
  policies = [policy.home]
  trust {
    statement "Alice" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [user.alice.arn]
      }
    }
  }
}

policy "home" {
  statement "OwnHome" {
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["arn:aws:s3:::home/$${aws:username}/*"]
  }
  statement "OwnKeys" {
    actions   = ["iam:CreateAccessKey", "iam:ListAccessKeys"]
    resources = ["arn:aws:iam::*:user/$${aws:username}"]
  }
  statement "UpperCaseKeyName" {
    actions   = ["s3:DeleteObject"]
    resources = ["arn:aws:s3:::home/$${AWS:UserName}/*"]
  }
  statement "ListOwnPrefix" {
    actions   = ["s3:ListBucket"]
    resources = ["arn:aws:s3:::home"]
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["$${aws:username}/*"]
    }
  }
}
