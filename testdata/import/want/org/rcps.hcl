# Written by iamc import aws. A re-import shows its changes to this file
# before replacing it (--force); files it did not write are never touched.

rcp "data_perimeter" {
  # p-perimeter1 "DataPerimeter"
  description = "Only the organization's identities reach its data"

  statement "EnforceOrgIdentities" {
    effect = "Deny"
    actions = [
      "s3:*",
      "sqs:*",
      "kms:*",
      "secretsmanager:*",
    ]
    resources = ["*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "StringNotEqualsIfExists"
      variable = "aws:PrincipalOrgID"
      values   = ["o-acme4x7k2p"]
    }

    condition {
      test     = "BoolIfExists"
      variable = "aws:PrincipalIsAWSService"
      values   = ["false"]
    }
  }
}
