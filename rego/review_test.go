package rego_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/rego"
)

// reviewProject gives each case below what it needs: a user without tags
// whose allow depends on a tag, a role trusting a federated provider, a KMS
// key whose policy names only another account, a role with a trust policy,
// a region guardrail.
const reviewProject = `
account "a" { id = "111111111111" }

user "plain" { policies = [policy.p] }
user "caller" {}

policy "p" {
  statement "TagGated" {
    actions   = ["ec2:TerminateInstances"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/role"
      values   = ["admin"]
    }
  }
  statement "AssumeAny" {
    actions   = ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity"]
    resources = ["*"]
  }
  statement "Keys" {
    actions   = ["kms:Decrypt"]
    resources = ["*"]
  }
  statement "S3" {
    actions   = ["s3:*"]
    resources = ["*"]
  }
  statement "NoDelete" {
    effect    = "Deny"
    actions   = ["s3:Delete*"]
    resources = ["*"]
  }
  statement "RegionLock" {
    effect    = "Deny"
    actions   = ["s3:PutObject"]
    resources = ["*"]
    condition {
      test     = "StringNotEquals"
      variable = "aws:RequestedRegion"
      values   = ["us-east-1"]
    }
  }
}

role "Web" {
  policies = [policy.p]
  trust {
    statement {
      actions = ["sts:AssumeRoleWithWebIdentity"]
      principals {
        type        = "Federated"
        identifiers = ["cognito-identity.amazonaws.com"]
      }
    }
  }
}

role "Worker" {
  policies = [policy.p]
  trust {
    statement {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [user.caller.arn]
      }
    }
  }
}

resource "key" {
  arn = "arn:aws:kms:us-east-1:111111111111:key/abcd"
  policy {
    statement {
      actions   = ["kms:*"]
      resources = ["*"]
      principals {
        type        = "AWS"
        identifiers = ["999999999999"]
      }
    }
  }
}
`

// TestInputThatCannotAllow: inputs that once produced an allow where
// docs/semantics.md or the error contract (docs/design.md: anything malformed or
// unknown denies, with the reason) says deny.
func TestInputThatCannotAllow(t *testing.T) {
	eng := loadProject(t, reviewProject)
	ctx := context.Background()
	const plain = "arn:aws:iam::111111111111:user/plain"
	sess, err := eng.AssumeRole(ctx, rego.AssumeRoleRequest{Principal: "arn:aws:iam::111111111111:user/caller", Role: "arn:aws:iam::111111111111:role/Worker"})
	require.NoError(t, err)
	session := func(extra string) string {
		return fmt.Sprintf(`{"role": %q, "name": %q, "source": %q, "issued_at": %q, "expires_at": %q%s}`,
			sess.Role, sess.Name, sess.Source, sess.IssuedAt.Format("2006-01-02T15:04:05Z"), sess.ExpiresAt.Format("2006-01-02T15:04:05Z"), extra)
	}
	req := func(principal, action, resource, rest string) string {
		return fmt.Sprintf(`{"principal": %q, "action": %q, "resource": %q%s}`, principal, action, resource, rest)
	}
	cases := []struct {
		name, input, why string
		wantError        string // a substring of one error; "" means a deny without errors
	}{
		{"a principal tag claimed in the context", req(plain, "ec2:TerminateInstances", "*", `, "context": {"aws:PrincipalTag/role": "admin"}`),
			"§4.1: principal tags come from the principal", "aws:PrincipalTag/role is set by AWS"},
		{"an organization claimed in the context", req(plain, "kms:Decrypt", "*", `, "context": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}`),
			"§4.1: aws:PrincipalOrgID comes from the principal's account", "is set by AWS"},
		{"a user name claimed for a session", req(sess.ARN, "s3:GetObject", "*", `, "session": `+session("")+`, "context": {"aws:username": "bob"}`),
			"§4.1: aws:username is absent for sessions", "aws:username is set by AWS"},
		{"AssumeRole on a role the bundle does not have", req(plain, "sts:AssumeRole", "arn:aws:iam::111111111111:role/Nope", ""),
			"§4.2: the trust policy must allow; an unknown role has none", "no role"},
		{"AssumeRole on a role spelled in another case", req(plain, "sts:AssumeRole", "arn:aws:iam::111111111111:role/worker", ""),
			"§2.2: ARNs are case-sensitive, so this is another (unknown) role", "no role"},
		{"a KMS key whose policy names another account", req(plain, "kms:Decrypt", "arn:aws:kms:us-east-1:111111111111:key/abcd", ""),
			"§3.1 step 4: a key policy must allow the principal; an identity allow is not enough", ""},
		{"a list for a single-valued key", req(plain, "s3:PutObject", "arn:aws:s3:::b/k", `, "context": {"aws:RequestedRegion": ["eu-west-1"]}`),
			"§5.3: aws:RequestedRegion is single-valued", "takes one value"},
		{"a federated provider posing as a service", req("cognito-identity.amazonaws.com", "sts:AssumeRoleWithWebIdentity", "arn:aws:iam::111111111111:role/Web", ""),
			"§2.3: Service and Federated principals are different kinds", ""},
		{"a session policy given as a string", req(sess.ARN, "ec2:TerminateInstances", "*", `, "session": `+session(`, "policy": "{}"`)),
			"§4.1: the session policy narrows; a malformed one is an error", "policy must be a JSON policy document"},
		{"a session policy under another key", req(sess.ARN, "ec2:TerminateInstances", "*", `, "session": `+session(`, "Policy": {}`)),
			"the error contract: unknown fields are errors", `unknown field "Policy"`},
		{"a session policy statement without a resource", req(sess.ARN, "ec2:TerminateInstances", "*", `, "session": `+session(`, "policy": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject"}}`)),
			"§7: session statements need Resource or NotResource", "exactly one of Resource and NotResource"},
		{"a session policy condition that is not an object", req(sess.ARN, "s3:GetObject", "*", `, "session": `+session(`, "policy": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"IpAddress": "10.0.0.0/8"}}}`)),
			"§7: a condition maps operators to keys", "Condition must be an object"},
		{"a session policy value the operator cannot use", req(sess.ARN, "s3:GetObject", "*", `, "session": `+session(`, "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}, {"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": 7}}}]}`)),
			"§7: condition values must be valid for their operator", "not valid for the operator"},
		{"a wildcard in the requested action", req(plain, "s3:*", "arn:aws:s3:::b/k", ""),
			"§2.1: a request names one action", "action must be"},
		{"an action that lower-cases into a valid one", req(plain, "s3:GetObjectİ", "arn:aws:s3:::b/k", ""),
			"the error contract: a malformed action is an error", "action must be"},
		{"a context that is false", req(plain, "s3:GetObject", "arn:aws:s3:::b/k", `, "context": false`),
			"the error contract: context is an object", "context must be an object"},
		{"session tags clashing by case", req(sess.ARN, "s3:GetObject", "*", `, "session": `+session(`, "tags": {"Team": "a", "team": "b"}`)),
			"§5.1: keys are case-insensitive, so these tags are ambiguous", "tags must be"},
		{"a session without source, for another principal", req(plain, "s3:GetObject", "*", `, "session": {"role": "`+sess.Role+`", "name": "x", "issued_at": "`+sess.IssuedAt.Format("2006-01-02T15:04:05Z")+`", "expires_at": "`+sess.ExpiresAt.Format("2006-01-02T15:04:05Z")+`"}`),
			"docs/design.md: principal is the session or its source", "neither the session"},
		{"chained given as a string", req(sess.ARN, "s3:GetObject", "*", `, "session": `+session(`, "chained": "true"`)),
			"§4.1: chaining caps the session; the flag is a boolean", "chained must be true or false"},
		{"an unknown session type", req(sess.ARN, "s3:GetObject", "*", `, "session": `+session(`, "type": "saml"`)),
			"the error contract", "type must be absent"},
		{"a context key given twice", req(sess.ARN, "s3:GetObject", "*", `, "session": `+session("")+`, "context": {"aws:SourceIp": "203.0.113.9", "AWS:SOURCEIP": "198.51.100.1"}`),
			"§5.1: keys are case-insensitive", "given twice"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dec, err := eng.DecideInput(ctx, []byte(c.input))
			require.NoError(t, err, "evaluation must not fail: %s", c.input)
			assert.False(t, dec.Allowed, "%s (%s)", c.why, c.input)
			if c.wantError == "" {
				assert.Empty(t, dec.Errors)
				return
			}
			assert.Contains(t, strings.Join(dec.Errors, "\n"), c.wantError, c.why)
		})
	}
}
