# A build service and a partner, each reaching a role of the shop's account:
# CodeBuild assumes CI (a service principal in the trust policy, §4.2), and
# the partner's deployer assumes Partner from its own account, with the
# external ID the shop gave it (sts:ExternalId in the trust policy).

account "shop" {
  id = "111122223333"
}

account "partner" {
  id = "444455556666"
}

user "deployer" {
  account  = account.partner
  policies = [policy.assume_partner]
}

policy "assume_partner" {
  account = account.partner
  statement "AssumePartner" {
    actions   = ["sts:AssumeRole"]
    resources = [role.Partner.arn]
  }
}

policy "artifacts" {
  account = account.shop
  statement "ReadArtifacts" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::shop-artifacts/*"]
  }
}

role "CI" {
  account  = account.shop
  path     = "/ci/"
  policies = [policy.artifacts]
  trust {
    statement "CodeBuild" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "Service"
        identifiers = ["codebuild.amazonaws.com"]
      }
    }
  }
}

role "Partner" {
  account  = account.shop
  policies = [policy.artifacts]
  trust {
    statement "PartnerWithExternalId" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [account.partner.id]
      }
      condition {
        test     = "StringEquals"
        variable = "sts:ExternalId"
        values   = ["partner-7"]
      }
    }
  }
}
