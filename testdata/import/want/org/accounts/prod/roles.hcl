# Written by iamc import aws. A re-import shows its changes to this file
# before replacing it (--force); files it did not write are never touched.

role "app" {
  account              = account.prod
  path                 = "/service/"
  permissions_boundary = policy.app-boundary
  tags = {
    app = "web"
  }

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

role "AWSServiceRoleForSupport" {
  # last used 2026-11-27T23:01:00+00:00 in us-east-1
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

role "prod_OrganizationAccountAccessRole" {
  # last used 2026-11-20T08:12:00+00:00 in eu-west-1
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
