# Rule 4: same account, identity OR resource policy; cross-account, both.

account "home" { id = "111111111111" }
account "away" { id = "222222222222" }

user "ident_only" {
  account  = account.home
  policies = [policy.queues]
}

user "res_only" {
  account = account.home
}

user "both" {
  account  = account.home
  policies = [policy.queues]
}

policy "queues" {
  account = account.home
  statement "Queues" {
    actions   = ["sqs:SendMessage"]
    resources = ["*"]
  }
}

resource "home_queue" {
  arn = "arn:aws:sqs:us-east-1:111111111111:home-queue"
  policy {
    statement "Named" {
      principals {
        type        = "AWS"
        identifiers = [user.res_only.arn, user.both.arn]
      }
      actions   = ["sqs:SendMessage"]
      resources = ["arn:aws:sqs:us-east-1:111111111111:home-queue"]
    }
  }
}

resource "away_queue" {
  arn = "arn:aws:sqs:us-east-1:222222222222:away-queue"
  policy {
    statement "Named" {
      principals {
        type        = "AWS"
        identifiers = [user.res_only.arn, user.both.arn]
      }
      actions   = ["sqs:SendMessage"]
      resources = ["arn:aws:sqs:us-east-1:222222222222:away-queue"]
    }
  }
}
