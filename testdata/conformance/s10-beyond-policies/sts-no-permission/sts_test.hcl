test "GetCallerIdentity needs no policy" {
  principal = user.nobody
  action    = "sts:GetCallerIdentity"
  resource  = "*"
  expect    = "allow"
  doc       = "https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html: 'No permissions are required to perform this operation'"
}

test "GetCallerIdentity under an explicit identity Deny" {
  principal = user.locked
  action    = "sts:GetCallerIdentity"
  resource  = "*"
  expect    = "allow"
  doc       = "API_GetCallerIdentity.html: 'If an administrator attaches a policy to your identity that explicitly denies access to the sts:GetCallerIdentity action, you can still perform this operation. Permissions are not required because the same information is returned when access is denied.'"
}

test "GetCallerIdentity under an explicit identity Deny, temporary credentials" {
  principal = user.locked
  mfa       = false
  action    = "sts:GetCallerIdentity"
  resource  = "*"
  expect    = "allow"
  doc       = "API_GetCallerIdentity.html: 'you can still perform this operation' whatever the identity policy denies"
}

test "the Deny still applies to other actions" {
  principal        = user.locked
  action           = "sts:GetAccessKeyInfo"
  resource         = "*"
  expect           = "explicit_deny"
  expect_statement = policy.deny_everything.statement.DenyEverything
  doc              = "docs/semantics.md §2 (Deny beats Allow); https://docs.aws.amazon.com/STS/latest/APIReference/API_GetAccessKeyInfo.html exempts no caller from authorization"
}

test "GetCallerIdentity outside the permissions boundary" {
  principal = user.bounded
  action    = "sts:GetCallerIdentity"
  resource  = "*"
  expect    = "allow"
  doc       = "API_GetCallerIdentity.html: 'No permissions are required to perform this operation', so a boundary that does not allow it takes nothing away"
}

test "GetCallerIdentity from a role session without any policy" {
  principal = user.nobody
  assume    = role.Empty
  action    = "sts:GetCallerIdentity"
  resource  = "*"
  expect    = "allow"
  doc       = "API_GetCallerIdentity.html: 'No permissions are required to perform this operation'"
}

test "GetCallerIdentity under a session policy Deny" {
  principal = user.federator
  assume    = role.Worker
  action    = "sts:GetCallerIdentity"
  resource  = "*"
  expect    = "allow"
  doc       = "API_GetCallerIdentity.html: 'No permissions are required to perform this operation ... Permissions are not required because the same information is returned when access is denied'; a session policy only narrows permissions (docs/semantics.md §4.1), and none are required"
  session_policy {
    statement "DenySts" {
      effect    = "Deny"
      actions   = ["sts:*"]
      resources = ["*"]
    }
    statement "S3" {
      actions   = ["s3:*"]
      resources = ["*"]
    }
  }
}

test "GetCallerIdentity from a federated user session" {
  principal = user.federator
  federated = true
  action    = "sts:GetCallerIdentity"
  resource  = "*"
  expect    = "allow"
  doc       = "https://docs.aws.amazon.com/STS/latest/APIReference/API_GetFederationToken.html: with these credentials 'You cannot call any STS operations except GetCallerIdentity'; API_GetCallerIdentity.html: no permissions are required"
  session_policy {
    statement "S3" {
      actions   = ["s3:GetObject"]
      resources = ["*"]
    }
  }
}

test "other STS operations from a federated user session" {
  principal = user.federator
  federated = true
  action    = "sts:AssumeRole"
  resource  = role.Worker.arn
  expect    = "deny"
  doc       = "API_GetFederationToken.html: 'You cannot call any STS operations except GetCallerIdentity' (the session policy allows everything and the trust policy names the account)"
  session_policy {
    statement "Everything" {
      actions   = ["*"]
      resources = ["*"]
    }
  }
}

test "GetCallerIdentity by the root user" {
  principal = account.main
  action    = "sts:GetCallerIdentity"
  resource  = "*"
  expect    = "allow"
  doc       = "API_GetCallerIdentity.html: 'No permissions are required to perform this operation'"
}

test "GetSessionToken with long-term keys needs no permission" {
  for_each = {
    no_policy      = user.nobody
    explicit_deny  = user.locked
    mfa_is_missing = user.mfa_required
  }
  principal = each.value
  action    = "sts:GetSessionToken"
  resource  = "*"
  expect    = "allow"
  doc       = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_getsessiontoken.html: 'No permissions are required for a user to get a session token. The purpose of the GetSessionToken operation is to authenticate the user using MFA. You cannot use policies to control authentication operations.' and 'You can include the GetSessionToken action in your policies, but it has no effect on a user's ability to perform the GetSessionToken operation.'"
}

test "the MFA Deny still applies to other actions with long-term keys" {
  principal        = user.mfa_required
  action           = "s3:GetObject"
  resource         = "arn:aws:s3:::reports/q2.csv"
  expect           = "explicit_deny"
  expect_statement = policy.mfa_self_manage.statement.BlockMostAccessUnlessSignedInWithMFA
  doc              = "docs/semantics.md §4.3: aws:MultiFactorAuthPresent is absent for long-term keys, so BoolIfExists false is true"
}

test "GetSessionToken and GetFederationToken from a role session" {
  for_each  = toset(["sts:GetSessionToken", "sts:GetFederationToken"])
  principal = user.federator
  assume    = role.Worker
  action    = each.value
  resource  = "*"
  expect    = "deny"
  doc       = "https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html: the credentials 'can be used to make API calls to any Amazon Web Services service with the following exception: You cannot call the Amazon Web Services STS GetFederationToken or GetSessionToken API operations' (the role allows * on *)"
}

test "GetSessionToken from a federated user session" {
  principal = user.federator
  federated = true
  action    = "sts:GetSessionToken"
  resource  = "*"
  expect    = "deny"
  doc       = "https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html: 'The GetSessionToken operation must be called by using the long-term AWS security credentials of an IAM user'; API_GetFederationToken.html: 'You cannot call any STS operations except GetCallerIdentity'"
  session_policy {
    statement "Everything" {
      actions   = ["*"]
      resources = ["*"]
    }
  }
}
