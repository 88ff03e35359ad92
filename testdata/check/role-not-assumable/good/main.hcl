role "Assumable" {
  trust {
    statement {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = ["123456789012"]
      }
    }
  }
}

role "ServiceLinked" {
  service_linked = true
}
