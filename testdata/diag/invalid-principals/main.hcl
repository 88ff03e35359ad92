account "a" { id = "111122223333" }

resource "bucket" {
  arn = "arn:aws:s3:::reports"
  policy {
    statement "Partial" {
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::reports/*"]
      principals {
        type        = "AWS"
        identifiers = ["arn:aws:iam::111122223333:user/al*", "arn:aws:iam::111122223333:group/staff"]
      }
    }
    statement "NotPrincipalAllow" {
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::reports/*"]
      not_principals {
        type        = "AWS"
        identifiers = ["111122223333"]
      }
    }
    statement "NoPrincipal" {
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::reports/*"]
    }
  }
}

role "r" {
  trust {
    statement {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = ["arn:aws:iam::111122223333:user/ghost"]
      }
    }
  }
}
