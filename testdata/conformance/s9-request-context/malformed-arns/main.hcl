# A request names its resource by a well-formed ARN,
# arn:partition:service:region:account-id:resource-id, or "*" for actions
# without resource-level permissions. A resource "ARN" without a resource part
# names no resource: even "Allow * on *" does not allow a request for it.

account "main" { id = "111111111111" }

user "admin" {
  policies = [policy.admin]
}

policy "admin" {
  statement "Admin" {
    actions   = ["*"]
    resources = ["*"]
  }
}

# A bucket policy that grants everyone: the resource must still be well formed.
resource "open_bucket" {
  arn = "arn:aws:s3:::open-bucket"
  policy {
    statement "Everyone" {
      principals {
        type        = "*"
        identifiers = ["*"]
      }
      actions   = ["s3:*"]
      resources = ["*"]
    }
  }
}
