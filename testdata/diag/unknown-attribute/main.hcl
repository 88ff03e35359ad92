user "bob" {
  polices = []
}

policy "p" {
  statment {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

widget "w" {}
