# A bakery whose suite has failing tests, to show (and keep stable) what
# iamc test reports. Its golden outputs are want.*.

account "bakery" {
  id = "444455556666"
}

user "baker" {
  policies = [policy.ovens]
}

user "apprentice" {
  policies = [policy.shop]
}

role "Manager" {
  policies = [policy.ovens, policy.shop, policy.books]
  trust {
    statement "BakerWithMFA" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [user.baker.arn]
      }
      condition {
        test     = "Bool"
        variable = "aws:MultiFactorAuthPresent"
        values   = ["true"]
      }
    }
  }
}

policy "ovens" {
  statement "UseOvens" {
    actions   = ["oven:*"]
    resources = ["arn:aws:oven:::oven/*"]
  }
  statement "NoSelfClean" {
    effect    = "Deny"
    actions   = ["oven:SelfClean"]
    resources = ["*"]
  }
}

policy "shop" {
  statement "Sell" {
    actions   = ["till:Sell"]
    resources = ["*"]
  }
  statement "OnlyFromTheShop" {
    effect    = "Deny"
    actions   = ["till:*"]
    resources = ["*"]
    condition {
      test     = "NotIpAddress"
      variable = "aws:SourceIp"
      values   = ["192.0.2.0/24"]
    }
  }
}

policy "books" {
  statement "ReadBooks" {
    actions   = ["books:Read*"]
    resources = ["*"]
  }
  statement "NeverDeleteBooks" {
    effect    = "Deny"
    actions   = ["books:Delete*"]
    resources = ["*"]
  }
}
