# Written by iamc import aws. A re-import shows its changes to this file
# before replacing it (--force); files it did not write are never touched.

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
