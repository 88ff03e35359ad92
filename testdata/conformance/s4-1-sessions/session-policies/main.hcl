# §4.1 and §3.1 step 7: a session policy passed to AssumeRole narrows the
# session to the intersection with the role's policies; it never grants.

account "main" { id = "111111111111" }

user "alice" {}

role "Analyst" {
  policies = [policy.analyst]
  trust {
    statement "Alice" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [user.alice.arn]
      }
    }
  }
}

policy "analyst" {
  statement "S3AndAthena" {
    actions   = ["s3:*", "athena:*"]
    resources = ["*"]
  }
}
