# §2.2 Resource matching: wildcards within ARN segments, `*` spanning `/` and
# `:` in the resource part, case sensitivity, bucket versus object ARNs.

account "main" { id = "111111111111" }

user "objects" { policies = [policy.objects] }
user "bucket" { policies = [policy.bucket] }
user "prefix" { policies = [policy.prefix] }
user "qmark" { policies = [policy.qmark] }
user "logs" { policies = [policy.logs] }
user "regions" { policies = [policy.regions] }
user "iam" { policies = [policy.iam_users] }

policy "objects" {
  statement "Objects" {
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = ["arn:aws:s3:::reports/*"]
  }
}

policy "bucket" {
  statement "Bucket" {
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = ["arn:aws:s3:::reports"]
  }
}

policy "prefix" {
  statement "ReportsPrefix" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::reports/Finance/*"]
  }
}

policy "qmark" {
  statement "Qmark" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::logs/2026-0?.txt"]
  }
}

policy "logs" {
  statement "LogStreams" {
    actions   = ["logs:PutLogEvents"]
    resources = ["arn:aws:logs:us-east-1:111111111111:log-group:app:*"]
  }
}

policy "regions" {
  statement "AnyRegion" {
    actions   = ["dynamodb:GetItem"]
    resources = ["arn:aws:dynamodb:*:111111111111:table/Books"]
  }
}

policy "iam_users" {
  statement "Users" {
    actions   = ["iam:GetUser"]
    resources = ["arn:aws:iam::111111111111:user/*"]
  }
}
