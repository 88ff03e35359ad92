test "federated session: the user's policies intersected with the session policy" {
  for_each = {
    list   = { action = "s3:ListBucket", resource = "arn:aws:s3:::productionapp-logs", expect = "allow" }
    tables = { action = "dynamodb:ListTables", resource = "*", expect = "implicit_deny" }
  }
  principal    = user.token_app
  federated    = true
  session_name = "Dave"
  action       = each.value.action
  resource     = each.value.resource
  session_policy {
    statement "ListOnly" {
      actions   = ["s3:ListBucket"]
      resources = ["*"]
    }
  }
  expect = each.value.expect
  doc    = "docs/semantics.md §3.1 step 7; https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_getfederationtoken.html: 'the resulting session's permissions are the intersection of the user's identity-based policy and the session policies'"
}

test "federated session: the session policy cannot exceed the user's policies" {
  principal    = user.token_app
  federated    = true
  session_name = "Dave"
  action       = "sqs:ReceiveMessage"
  resource     = "*"
  session_policy {
    statement "Wide" {
      actions   = ["*"]
      resources = ["*"]
    }
  }
  expect = "implicit_deny"
  doc    = "id_credentials_temp_control-access_getfederationtoken.html: 'You cannot use the session policy to grant more permissions than those allowed by the identity-based policy of the user that is being federated.'"
}

test "a bucket policy naming the federated user grants beyond the session policy" {
  for_each = {
    put    = "s3:PutObject"
    delete = "s3:DeleteObject"
  }
  principal    = user.token_app
  federated    = true
  session_name = "Carol"
  action       = each.value
  resource     = "arn:aws:s3:::productionapp/data.csv"
  session_policy {
    statement "ListOnly" {
      actions   = ["s3:ListBucket"]
      resources = ["*"]
    }
  }
  expect           = "allow"
  expect_statement = resource.productionapp.policy.statement.Carol
  doc              = "docs/semantics.md §3.1 step 4 (a resource policy naming the FEDERATED USER SESSION ARN allows); id_credentials_temp_control-access_getfederationtoken.html: Carol may PutObject/DeleteObject 'even when no session policy is passed'"
}

test "a bucket policy naming another federated user" {
  principal    = user.token_app
  federated    = true
  session_name = "Dave"
  action       = "s3:PutObject"
  resource     = "arn:aws:s3:::productionapp/data.csv"
  session_policy {
    statement "ListOnly" {
      actions   = ["s3:ListBucket"]
      resources = ["*"]
    }
  }
  expect = "implicit_deny"
  doc    = "docs/semantics.md §2.3: a session ARN covers only that exact session; the user's policies do not allow PutObject"
}

test "a bucket policy naming the IAM user is limited by the session policy" {
  for_each = {
    outside_session_policy = { allowed = "s3:ListBucket", expect = "implicit_deny" }
    inside_session_policy  = { allowed = "s3:PutObject", expect = "allow" }
  }
  principal    = user.token_app
  federated    = true
  session_name = "Erin"
  action       = "s3:PutObject"
  resource     = "arn:aws:s3:::userbucket/data.csv"
  session_policy {
    statement "Given" {
      actions   = [each.value.allowed]
      resources = ["*"]
    }
  }
  expect = each.value.expect
  doc    = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session: 'A resource-based policy can specify the ARN of the user or role as a principal. In that case, the permissions from the resource-based policy are added to the role or user's identity-based policy before the session is created. The session policy limits the total permissions granted by the resource-based policy and the identity-based policy.'"
}

test "the user's own request is not limited by any session policy" {
  principal        = user.token_app
  action           = "dynamodb:ListTables"
  resource         = "*"
  expect           = "allow"
  expect_statement = policy.token_app.statement.Broadest
  doc              = "docs/semantics.md §3.1: a user's direct request with long-term keys has no session policy (step 7 applies only to sessions)"
}

test "GetFederationToken needs the user's permission" {
  principal    = user.no_federation
  federated    = true
  session_name = "Frank"
  action       = "s3:GetObject"
  resource     = "arn:aws:s3:::anybucket/key"
  session_policy {
    statement "S3" {
      actions   = ["s3:*"]
      resources = ["*"]
    }
  }
  expect = "implicit_deny"
  doc    = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_getfederationtoken.html: 'the sts:GetFederationToken permission is required for your authentication service to obtain temporary security credentials for the federated users'"
}

test "a federated session without a session policy has no permissions" {
  principal    = user.token_app
  federated    = true
  session_name = "Gina"
  action       = "s3:ListBucket"
  resource     = "arn:aws:s3:::productionapp-logs"
  expect       = "implicit_deny"
  doc          = "docs/semantics.md §3.1 step 7: 'Federated-user session with no session policy: DENY'; https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_getfederationtoken.html: 'If this IAM user calls GetFederationToken and does not pass a policy as a parameter of the API call, the resulting federated user has no effective permissions.'"
}

test "without a session policy a resource policy naming the federated user still grants" {
  principal        = user.token_app
  federated        = true
  session_name     = "Carol"
  action           = "s3:GetObject"
  resource         = "arn:aws:s3:::productionapp/data.csv"
  expect           = "allow"
  expect_statement = resource.productionapp.policy.statement.Carol
  doc              = "id_credentials_temp_control-access_getfederationtoken.html: the federated user Carol has the bucket policy's permissions 'even when no session policy is passed as a parameter of the GetFederationToken API call'"
}
