# Rule 5: who the resource policy names matters. Every principal here has a
# boundary that allows only EC2; the bucket policy names each one in a
# different way.

account "main" { id = "111111111111" }

user "by_user_arn" {
  permissions_boundary = policy.ec2_only
}

user "by_account" {
  permissions_boundary = policy.ec2_only
  policies             = [policy.s3_all]
}

user "by_account_unbounded" {
  policies = [policy.s3_all]
}

role "ByRoleArn" {
  permissions_boundary = policy.ec2_only
  trust {
    statement "Users" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [user.by_user_arn.arn]
      }
    }
  }
}

policy "ec2_only" {
  statement "Ec2Only" {
    actions   = ["ec2:*"]
    resources = ["*"]
  }
}

policy "s3_all" {
  statement "S3All" {
    actions   = ["s3:*"]
    resources = ["*"]
  }
}

resource "data" {
  arn = "arn:aws:s3:::data"
  policy {
    statement "ByUserArn" {
      principals {
        type        = "AWS"
        identifiers = [user.by_user_arn.arn]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::data/user/*"]
    }
    statement "ByAccount" {
      principals {
        type        = "AWS"
        identifiers = [account.main.id]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::data/account/*"]
    }
    statement "ByRoleArn" {
      principals {
        type        = "AWS"
        identifiers = [role.ByRoleArn.arn]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::data/role/*"]
    }
    statement "BySessionArn" {
      principals {
        type        = "AWS"
        identifiers = ["arn:aws:sts::111111111111:assumed-role/ByRoleArn/reporting"]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::data/session/*"]
    }
  }
}
