# §9 (docs/semantics.md): every context value is checked against its key's
# type. A value of the wrong type (a list for a single-valued key, a word for
# a number, a date or a boolean, an object) is an error, and an error is a
# deny: a request AWS could never have received must not slip past a Deny
# whose condition would not match it. Well-formed values decide as usual.

account "main" { id = "111111111111" }

user "dev" {
  policies = [policy.work, policy.guardrails]
}

user "regional" {
  policies = [policy.eu_only]
}

policy "work" {
  statement "Work" {
    actions   = ["ec2:*", "s3:*"]
    resources = ["*"]
  }
}

policy "guardrails" {
  # A tag key is single-valued: one aws:RequestTag/<key> per tag passed.
  statement "NoProdTags" {
    effect    = "Deny"
    actions   = ["ec2:CreateTags"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:RequestTag/env"
      values   = ["prod"]
    }
  }

  # s3:max-keys is a number.
  statement "NoHugeListings" {
    effect    = "Deny"
    actions   = ["s3:ListBucket"]
    resources = ["*"]
    condition {
      test     = "NumericGreaterThan"
      variable = "s3:max-keys"
      values   = ["100"]
    }
  }

  # aws:SecureTransport is a boolean.
  statement "NoPlainHttp" {
    effect    = "Deny"
    actions   = ["s3:GetObject"]
    resources = ["*"]
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  # aws:SourceIp is an IP address.
  statement "NoBlockedNetwork" {
    effect    = "Deny"
    actions   = ["s3:DeleteObject"]
    resources = ["*"]
    condition {
      test     = "IpAddress"
      variable = "aws:SourceIp"
      values   = ["198.51.100.0/24"]
    }
  }

  # s3:object-lock-retain-until-date is a date.
  statement "NoLocksPast2030" {
    effect    = "Deny"
    actions   = ["s3:PutObject"]
    resources = ["*"]
    condition {
      test     = "DateGreaterThan"
      variable = "s3:object-lock-retain-until-date"
      values   = ["2030-01-01T00:00:00Z"]
    }
  }

  # aws:TagKeys is multivalued.
  statement "NoOwnerTag" {
    effect    = "Deny"
    actions   = ["ec2:RunInstances"]
    resources = ["*"]
    condition {
      test     = "ForAnyValue:StringEquals"
      variable = "aws:TagKeys"
      values   = ["owner"]
    }
  }
}

# An Allow conditioned on a single-valued key.
policy "eu_only" {
  statement "EuOnly" {
    actions   = ["ec2:DescribeInstances"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = ["eu-west-1"]
    }
  }
}
