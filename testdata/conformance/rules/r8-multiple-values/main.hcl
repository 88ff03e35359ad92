# Rule 8: values of one key are ORed for positive operators and NORed for
# negated ones; keys and operators are ANDed. A region-lock SCP of the usual
# shape (Deny NotAction … StringNotEquals aws:RequestedRegion [two regions]).

organization "acme" {}

account "member" {
  id       = "111111111111"
  parent   = organization.acme
  policies = [scp.full_access, scp.region_lock]
}

scp "full_access" {
  statement "FullAWSAccess" {
    actions   = ["*"]
    resources = ["*"]
  }
}

scp "region_lock" {
  statement "DenyOutsideTwoRegions" {
    effect      = "Deny"
    not_actions = ["iam:*", "sts:*", "organizations:*"]
    resources   = ["*"]
    condition {
      test     = "StringNotEquals"
      variable = "aws:RequestedRegion"
      values   = ["us-east-1", "eu-west-1"]
    }
  }
}

user "admin" { policies = [policy.admin] }

# No identity policy: the topic policy names this user.
user "publisher" {}

policy "admin" {
  statement "Admin" {
    actions   = ["*"]
    resources = ["*"]
  }
}

resource "topic" {
  arn = "arn:aws:sns:us-east-1:111111111111:alerts"
  policy {
    statement "PublishFromTwoNetworksWithTls" {
      principals {
        type        = "AWS"
        identifiers = [user.publisher.arn]
      }
      actions   = ["sns:Publish"]
      resources = ["arn:aws:sns:us-east-1:111111111111:alerts"]
      condition {
        test     = "IpAddress"
        variable = "aws:SourceIp"
        values   = ["203.0.113.0/24", "198.51.100.0/24"]
      }
      condition {
        test     = "Bool"
        variable = "aws:SecureTransport"
        values   = ["true"]
      }
    }
  }
}
