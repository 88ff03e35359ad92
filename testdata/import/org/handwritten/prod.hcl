user "reporter" {
  account  = account.prod
  policies = ["arn:aws:iam::aws:policy/ReadOnlyAccess", policy.legacy-metrics]
  tags     = { owner = "finance" }

  policy "OwnReports" {
    statement "WriteOwnPrefix" {
      actions   = ["s3:PutObject"]
      resources = ["arn:aws:s3:::acme-prod-data/home/$${aws:username}/*"]
    }
  }
}

role "prod_OrganizationAccountAccessRole" {
  account  = account.prod
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

role "app" {
  account              = account.prod
  path                 = "/service/"
  permissions_boundary = policy.app-boundary
  tags                 = { app = "web" }
  trust {
    statement {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "Service"
        identifiers = ["ec2.amazonaws.com"]
      }
    }
  }
  policy "ReadData" {
    statement "ReadData" {
      actions   = ["s3:GetObject", "s3:ListBucket"]
      resources = ["arn:aws:s3:::acme-prod-data", "arn:aws:s3:::acme-prod-data/*"]
    }
  }
}

role "ci-deploy" {
  account  = account.prod
  policies = [policy.deploy-artifacts]
  trust {
    statement "FromDevRunner" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [role.ci-runner.arn]
      }
    }
    statement "Partner" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = ["arn:aws:iam::999999999999:root"]
      }
      condition {
        test     = "StringEquals"
        variable = "sts:ExternalId"
        values   = ["acme-7"]
      }
    }
  }
}

role "AWSServiceRoleForSupport" {
  account        = account.prod
  path           = "/aws-service-role/support.amazonaws.com/"
  service_linked = true
  policies       = ["arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy"]
  trust {
    statement {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "Service"
        identifiers = ["support.amazonaws.com"]
      }
    }
  }
}

policy "app-boundary" {
  account     = account.prod
  description = "The most any application role may do"
  statement "AppData" {
    actions   = ["s3:GetObject", "s3:ListBucket", "s3:PutObject"]
    resources = ["*"]
  }
  statement "Metrics" {
    actions   = ["cloudwatch:PutMetricData"]
    resources = ["*"]
  }
}

policy "deploy-artifacts" {
  account = account.prod
  path    = "/deploy/"
  statement "PutArtifacts" {
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::acme-prod-artifacts/*"]
  }
  statement "NeverDelete" {
    effect    = "Deny"
    actions   = ["s3:DeleteObject", "s3:DeleteObjectVersion"]
    resources = ["*"]
  }
}

# A policy of 2014 without a Version element.
policy "legacy-metrics" {
  account  = account.prod
  document = file("legacy-metrics.json")
}
