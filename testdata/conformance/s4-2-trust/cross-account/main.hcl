# §4.2: cross-account role assumption needs both the trust policy (naming the
# caller or its account) and the caller's identity allow for sts:AssumeRole.

account "dev" { id = "111111111111" }
account "prod" { id = "222222222222" }

user "with_permission" {
  account  = account.dev
  policies = [policy.assume_prod]
}

user "without_permission" {
  account = account.dev
}

user "bounded" {
  account              = account.dev
  policies             = [policy.assume_prod]
  permissions_boundary = policy.s3_boundary
}

policy "assume_prod" {
  account = account.dev
  statement "AssumeProd" {
    actions   = ["sts:AssumeRole"]
    resources = ["arn:aws:iam::222222222222:role/*"]
  }
}

policy "s3_boundary" {
  account = account.dev
  statement "S3" {
    actions   = ["s3:*"]
    resources = ["*"]
  }
}

role "TrustsDevAccount" {
  account  = account.prod
  policies = [policy.prod_work]
  trust {
    statement "Dev" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [account.dev.id]
      }
    }
  }
}

role "TrustsUsers" {
  account  = account.prod
  policies = [policy.prod_work]
  trust {
    statement "Users" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [user.with_permission.arn, user.without_permission.arn, user.bounded.arn]
      }
    }
  }
}

role "TrustsOwnAccount" {
  account  = account.prod
  policies = [policy.prod_work]
  trust {
    statement "Prod" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [account.prod.id]
      }
    }
  }
}

policy "prod_work" {
  account = account.prod
  statement "ProdWork" {
    actions   = ["ec2:DescribeInstances"]
    resources = ["*"]
  }
}
