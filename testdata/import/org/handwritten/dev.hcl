user "bob" {
  account = account.dev
  groups  = [group.developers]
}

group "developers" {
  account  = account.dev
  policies = ["arn:aws:iam::aws:policy/PowerUserAccess"]
  policy "DenyProdData" {
    statement "NoProdData" {
      effect    = "Deny"
      actions   = ["s3:*"]
      resources = ["arn:aws:s3:::acme-prod-data", "arn:aws:s3:::acme-prod-data/*"]
    }
  }
}

role "dev_OrganizationAccountAccessRole" {
  account  = account.dev
  name     = "OrganizationAccountAccessRole"
  policies = ["arn:aws:iam::aws:policy/AdministratorAccess"]
  trust {
    statement {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [account.management.root]
      }
    }
  }
}

role "ci-runner" {
  account  = account.dev
  policies = ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]
  trust {
    statement {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "Service"
        identifiers = ["codebuild.amazonaws.com"]
      }
    }
  }
  policy "AssumeDeploy" {
    statement "AssumeProdDeploy" {
      actions   = ["sts:AssumeRole"]
      resources = ["arn:aws:iam::222222222222:role/ci-deploy"]
    }
  }
}

user "vendor" {
  account  = account.account_777777777777
  policies = ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]
}
