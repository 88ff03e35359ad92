account "shop" {
  id = "111122223333"
}

user "clerk" {
  policies = [policy.till]
}

role "Supervisor" {
  policies = [policy.till]
  trust {
    statement "Clerk" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [user.clerk.arn]
      }
    }
  }
}

policy "till" {
  statement "Sell" {
    actions   = ["till:Sell"]
    resources = ["*"]
  }
  statement "NoRefunds" {
    effect    = "Deny"
    actions   = ["till:Refund"]
    resources = ["*"]
  }
}
