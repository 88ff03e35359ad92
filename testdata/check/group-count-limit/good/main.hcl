user "dev" {
  groups = [group.g1, group.g2, group.g3, group.g4, group.g5, group.g6, group.g7, group.g8, group.g9, group.g10]
}

group "g1" {
  policies = [policy.p1]
}

group "g2" {
  policies = [policy.p1]
}

group "g3" {
  policies = [policy.p1]
}

group "g4" {
  policies = [policy.p1]
}

group "g5" {
  policies = [policy.p1]
}

group "g6" {
  policies = [policy.p1]
}

group "g7" {
  policies = [policy.p1]
}

group "g8" {
  policies = [policy.p1]
}

group "g9" {
  policies = [policy.p1]
}

group "g10" {
  policies = [policy.p1]
}

policy "p1" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
