# Written by iamc import aws. A re-import shows its changes to this file
# before replacing it (--force); files it did not write are never touched.

role "ci-runner" {
  account  = account.dev
  policies = ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]

  trust {
    document = file("policies/dev/trust/ci-runner.json")
  }

  policy "AssumeDeploy" {
    document = file("policies/dev/role/ci-runner/AssumeDeploy.json")
  }
}

role "dev_OrganizationAccountAccessRole" {
  account  = account.dev
  name     = "OrganizationAccountAccessRole"
  policies = ["arn:aws:iam::aws:policy/AdministratorAccess"]

  trust {
    document = file("policies/dev/trust/dev_OrganizationAccountAccessRole.json")
  }
}

role "app" {
  account              = account.prod
  path                 = "/service/"
  permissions_boundary = policy.app-boundary
  tags = {
    app = "web"
  }

  trust {
    document = file("policies/prod/trust/app.json")
  }

  policy "ReadData" {
    document = file("policies/prod/role/app/ReadData.json")
  }
}

role "AWSServiceRoleForSupport" {
  # last used 2026-11-27T23:01:00+00:00 in us-east-1
  account        = account.prod
  path           = "/aws-service-role/support.amazonaws.com/"
  service_linked = true
  policies       = ["arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy"]

  trust {
    document = file("policies/prod/trust/AWSServiceRoleForSupport.json")
  }
}

role "ci-deploy" {
  account  = account.prod
  policies = [policy.deploy-artifacts]

  trust {
    document = file("policies/prod/trust/ci-deploy.json")
  }
}

role "prod_OrganizationAccountAccessRole" {
  # last used 2026-11-20T08:12:00+00:00 in eu-west-1
  account  = account.prod
  name     = "OrganizationAccountAccessRole"
  policies = ["arn:aws:iam::aws:policy/AdministratorAccess"]

  trust {
    document = file("policies/prod/trust/prod_OrganizationAccountAccessRole.json")
  }
}
