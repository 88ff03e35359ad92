# §5.2 Null, Bool and BinaryEquals, and the IfExists forms, in a bucket policy
# naming the user.

account "main" { id = "111111111111" }

user "u" {}

resource "b" {
  arn = "arn:aws:s3:::b"
  policy {
    statement "NullTrue" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::b/null-true/*"]
      condition {
        test     = "Null"
        variable = "aws:RequestTag/owner"
        values   = ["true"]
      }
    }
    statement "NullFalse" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::b/null-false/*"]
      condition {
        test     = "Null"
        variable = "aws:RequestTag/owner"
        values   = ["false"]
      }
    }
    statement "SecureTransport" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::b/bool/*"]
      condition {
        test     = "Bool"
        variable = "aws:SecureTransport"
        values   = ["true"]
      }
    }
    statement "SecureTransportJsonBool" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::b/bool-literal/*"]
      condition {
        test     = "Bool"
        variable = "aws:SecureTransport"
        values   = [true]
      }
    }
    statement "BoolIfExists" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::b/bool-if-exists/*"]
      condition {
        test     = "BoolIfExists"
        variable = "aws:SecureTransport"
        values   = ["true"]
      }
    }
    # aws:SecureTransport is in every request (AWS sets it; iamc's request
    # defaults give it), so the key of an absent-key test is one that a
    # request may lack.
    statement "FlagBool" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::b/flag-bool/*"]
      condition {
        test     = "Bool"
        variable = "custom:flag"
        values   = ["true"]
      }
    }
    statement "FlagBoolIfExists" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::b/flag-bool-if-exists/*"]
      condition {
        test     = "BoolIfExists"
        variable = "custom:flag"
        values   = ["true"]
      }
    }
    statement "Binary" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::b/binary/*"]
      condition {
        test     = "BinaryEquals"
        variable = "custom:token"
        values   = ["QmluYXJ5VmFsdWVJbkJhc2U2NA=="]
      }
    }
    statement "DenyInsecure" {
      effect = "Deny"
      principals {
        type        = "AWS"
        identifiers = ["*"]
      }
      actions   = ["s3:PutObject"]
      resources = ["arn:aws:s3:::b/*"]
      condition {
        test     = "Bool"
        variable = "aws:SecureTransport"
        values   = ["false"]
      }
    }
    statement "AllowPut" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["s3:PutObject"]
      resources = ["arn:aws:s3:::b/*"]
    }
  }
}
