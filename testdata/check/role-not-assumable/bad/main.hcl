role "NoTrust" {
}

role "WrongAction" {
  trust {
    statement {
      actions = ["s3:GetObject"]
      principals {
        type        = "AWS"
        identifiers = ["123456789012"]
      }
    }
  }
}
