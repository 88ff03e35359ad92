# §4.2: within one account, a trust policy naming the caller's ARN allows
# without any identity policy; a trust policy naming the account needs an
# identity allow for sts:AssumeRole; an identity allow alone is never enough.

account "main" { id = "111111111111" }

user "named" {}
user "plain" {}
user "allowed" { policies = [policy.assume_any] }
user "allowed_specific" { policies = [policy.assume_account_trusting] }
user "self_denied" { policies = [policy.deny_assume] }

role "TrustsNamed" {
  policies = [policy.work]
  trust {
    statement "Named" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [user.named.arn, user.self_denied.arn]
      }
    }
  }
}

role "TrustsAccount" {
  policies = [policy.work]
  trust {
    statement "Account" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = ["arn:aws:iam::111111111111:root"]
      }
    }
  }
}

role "TrustsNobodyHere" {
  policies = [policy.work]
  trust {
    statement "Ec2" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "Service"
        identifiers = ["ec2.amazonaws.com"]
      }
    }
  }
}

role "DeniesAllowed" {
  policies = [policy.work]
  trust {
    statement "Account" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [account.main.id]
      }
    }
    statement "NotAllowedUser" {
      effect  = "Deny"
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [user.allowed.arn]
      }
    }
  }
}

# A role without a trust policy: nobody can assume it.
role "NoTrust" {
  policies = [policy.work]
}

policy "work" {
  statement "Work" {
    actions   = ["dynamodb:GetItem"]
    resources = ["*"]
  }
}

policy "assume_any" {
  statement "AssumeAny" {
    actions   = ["sts:AssumeRole"]
    resources = ["*"]
  }
}

policy "assume_account_trusting" {
  statement "AssumeOne" {
    actions   = ["sts:AssumeRole"]
    resources = ["arn:aws:iam::111111111111:role/TrustsAccount"]
  }
}

policy "deny_assume" {
  statement "DenyAssume" {
    effect    = "Deny"
    actions   = ["sts:AssumeRole"]
    resources = ["*"]
  }
}
