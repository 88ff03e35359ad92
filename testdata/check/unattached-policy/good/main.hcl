organization "acme" {
  policies = [scp.guard]
}

user "dev" {
  groups               = [group.staff]
  permissions_boundary = policy.boundary
}

group "staff" {
  policies = [policy.used]
}

policy "used" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

policy "boundary" {
  statement {
    actions   = ["s3:*"]
    resources = ["*"]
  }
}

scp "guard" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}
