# Written by iamc import aws. A re-import shows its changes to this file
# before replacing it (--force); files it did not write are never touched.

policy "aws_AmazonS3ReadOnlyAccess" {
  arn      = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
  document = file("policies/aws/AmazonS3ReadOnlyAccess.json")
}
