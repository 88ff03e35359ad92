# §5.2 IpAddress / NotIpAddress: CIDR containment, IPv4 or IPv6; a bare IP
# means /32 (/128). The conditions are in a bucket policy naming the user.

account "main" { id = "111111111111" }

user "u" {}

resource "data" {
  arn = "arn:aws:s3:::data"
  policy {
    statement "V4Cidr" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::data/v4-cidr/*"]
      condition {
        test     = "IpAddress"
        variable = "aws:SourceIp"
        values   = ["203.0.113.0/24"]
      }
    }
    statement "BareIp" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::data/bare-ip/*"]
      condition {
        test     = "IpAddress"
        variable = "aws:SourceIp"
        values   = ["198.51.100.7"]
      }
    }
    statement "V6Cidr" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::data/v6-cidr/*"]
      condition {
        test     = "IpAddress"
        variable = "aws:SourceIp"
        values   = ["2001:db8:1234::/48"]
      }
    }
    statement "Several" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::data/several/*"]
      condition {
        test     = "IpAddress"
        variable = "aws:SourceIp"
        values   = ["203.0.113.0/24", "2001:db8:1234::/48"]
      }
    }
    statement "NotInOffice" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::data/not-office/*"]
      condition {
        test     = "NotIpAddress"
        variable = "aws:SourceIp"
        values   = ["203.0.113.0/24", "198.51.100.0/24"]
      }
    }
    statement "IfExists" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::data/if-exists/*"]
      condition {
        test     = "IpAddressIfExists"
        variable = "aws:SourceIp"
        values   = ["203.0.113.0/24"]
      }
    }
  }
}
