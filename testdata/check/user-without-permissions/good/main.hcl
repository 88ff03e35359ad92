user "member" {
  groups = [group.staff]
}

user "trusted" {
}

group "staff" {
  policies = [policy.p]
}

policy "p" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

role "Ops" {
  policies = [policy.p]
  trust {
    statement {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [user.trusted.arn]
      }
    }
  }
}
