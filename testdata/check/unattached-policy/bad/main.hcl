user "dev" {
  policies = [policy.used]
}

policy "used" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

policy "orphan" {
  statement {
    actions   = ["s3:PutObject"]
    resources = ["*"]
  }
}

scp "orphan" {
  statement {
    effect    = "Deny"
    actions   = ["organizations:LeaveOrganization"]
    resources = ["*"]
  }
}
