user "dev" {
  groups = [group.staff]
}

group "staff" {
  policies = [policy.p1, policy.p2, policy.p3, policy.p4, policy.p5, policy.p6, policy.p7, policy.p8, policy.p9, policy.p10, policy.p11]
}

policy "p1" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

policy "p2" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

policy "p3" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

policy "p4" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

policy "p5" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

policy "p6" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

policy "p7" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

policy "p8" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

policy "p9" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

policy "p10" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

policy "p11" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
