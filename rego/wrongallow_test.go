package rego_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/rego"
)

// The inputs an adversarial review found could turn a deny into an allow,
// one test per class. Each expectation is the AWS rule cited beside it.

// loadHCL compiles a one-file project into an engine; opts go to Load.
func loadHCL(t *testing.T, src string, opts ...rego.Option) (*rego.Engine, *compiler.Output) {
	t.Helper()
	out, _, diags := compiler.BuildFS(fstest.MapFS{"main.hcl": {Data: []byte(src)}})
	require.False(t, diags.HasErrors(), "%v", diags)
	b, err := out.BundleBytes()
	require.NoError(t, err)
	eng, err := rego.Load(context.Background(), rego.FromBytes(b), opts...)
	require.NoError(t, err)
	return eng, out
}

const guardedProject = `
account "a" { id = "222222222222" }
user "ops" { policies = [policy.ops] }
policy "ops" {
  statement "All" {
    actions   = ["ec2:*", "s3:*", "kms:*"]
    resources = ["*"]
  }
  statement "NotProd" {
    effect    = "Deny"
    actions   = ["ec2:TerminateInstances"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "ec2:ResourceTag/env"
      values   = ["prod"]
    }
  }
  statement "FewKeys" {
    effect    = "Deny"
    actions   = ["s3:ListBucket"]
    resources = ["*"]
    condition {
      test     = "NumericGreaterThan"
      variable = "s3:max-keys"
      values   = ["100"]
    }
  }
  statement "NoSecretTags" {
    effect    = "Deny"
    actions   = ["s3:GetObject"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "s3:ExistingObjectTag/class"
      values   = ["secret"]
    }
  }
  statement "OnlyOurContext" {
    effect    = "Deny"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    condition {
      test     = "StringNotEquals"
      variable = "kms:EncryptionContext:app"
      values   = ["billing"]
    }
  }
  statement "TagKeys" {
    effect    = "Deny"
    actions   = ["ec2:CreateTags"]
    resources = ["*"]
    condition {
      test     = "ForAnyValue:StringEquals"
      variable = "aws:TagKeys"
      values   = ["owner"]
    }
  }
}
`

// TestMalformedContextValuesDeny: a Deny whose condition cannot read the
// value it is given must never silently not match (AWS sends well-typed
// values: single-valued keys hold one value, numeric keys numbers; IAM User
// Guide, "Single-valued vs. multivalued context keys" and "Condition
// operators"). Every malformed value is a deny with the reason in errors;
// well-typed values decide as the policy says.
func TestMalformedContextValuesDeny(t *testing.T) {
	eng, _ := loadHCL(t, guardedProject)
	ctx := context.Background()
	const ops = "arn:aws:iam::222222222222:user/ops"
	inst := "arn:aws:ec2:eu-west-1:222222222222:instance/i-1"
	decide := func(action, resource string, c map[string]any) rego.Decision {
		t.Helper()
		dec, err := eng.Decide(ctx, rego.Request{Principal: ops, Action: action, Resource: resource, Context: c})
		require.NoError(t, err)
		return dec
	}
	// Well-typed values: the policy decides.
	for _, c := range []struct {
		action, resource, key string
		value                 any
		want                  rego.Outcome
	}{
		{"ec2:TerminateInstances", inst, "ec2:ResourceTag/env", "prod", rego.ExplicitDeny},
		{"ec2:TerminateInstances", inst, "ec2:ResourceTag/env", "dev", rego.Allow},
		{"s3:ListBucket", "arn:aws:s3:::b", "s3:max-keys", "200", rego.ExplicitDeny},
		{"s3:ListBucket", "arn:aws:s3:::b", "s3:max-keys", 200, rego.ExplicitDeny},
		{"s3:ListBucket", "arn:aws:s3:::b", "s3:max-keys", "50", rego.Allow},
		{"s3:GetObject", "arn:aws:s3:::b/k", "s3:ExistingObjectTag/class", "secret", rego.ExplicitDeny},
		{"kms:Decrypt", "*", "kms:EncryptionContext:app", "billing", rego.Allow},
		{"kms:Decrypt", "*", "kms:EncryptionContext:app", "other", rego.ExplicitDeny},
		{"ec2:CreateTags", inst, "aws:TagKeys", []any{"team", "owner"}, rego.ExplicitDeny},
		{"ec2:CreateTags", inst, "aws:TagKeys", []any{"team"}, rego.Allow},
	} {
		dec := decide(c.action, c.resource, map[string]any{c.key: c.value})
		assert.Empty(t, dec.Errors, "%s=%v", c.key, c.value)
		assert.Equal(t, c.want, dec.Decision, "%s=%v", c.key, c.value)
	}
	// Malformed values: a deny with the reason, whatever the key.
	for _, c := range []struct {
		action, resource, key string
		value                 any
	}{
		{"ec2:TerminateInstances", inst, "ec2:ResourceTag/env", []any{"prod"}},
		{"ec2:TerminateInstances", inst, "ec2:ResourceTag/env", []any{[]any{"prod"}}},
		{"ec2:TerminateInstances", inst, "ec2:ResourceTag/env", map[string]any{"v": "prod"}},
		{"ec2:TerminateInstances", inst, "ec2:ResourceTag/env", nil},
		{"s3:GetObject", "arn:aws:s3:::b/k", "s3:ExistingObjectTag/class", []any{"secret"}},
		{"kms:Decrypt", "*", "kms:EncryptionContext:app", []any{"other"}},
		{"s3:ListBucket", "arn:aws:s3:::b", "s3:max-keys", "abc"},
		{"s3:ListBucket", "arn:aws:s3:::b", "s3:max-keys", " 200"},
		{"s3:ListBucket", "arn:aws:s3:::b", "s3:max-keys", "0x100"},
		{"s3:ListBucket", "arn:aws:s3:::b", "s3:max-keys", true},
		{"s3:ListBucket", "arn:aws:s3:::b", "s3:max-keys", []any{200}},
		{"ec2:CreateTags", inst, "aws:TagKeys", []any{map[string]any{"k": "owner"}}},
		{"ec2:CreateTags", inst, "aws:SourceIp", "10.0.0.0/8"},
		{"ec2:CreateTags", inst, "aws:SecureTransport", "yes"},
		{"ec2:CreateTags", inst, "aws:SourceArn", "not-an-arn"},
		{"ec2:CreateTags", inst, "some:UnreadKey", map[string]any{"nested": true}},
	} {
		dec := decide(c.action, c.resource, map[string]any{c.key: c.value})
		assert.False(t, dec.Allowed, "%s=%#v must not allow", c.key, c.value)
		assert.NotEmpty(t, dec.Errors, "%s=%#v must be refused with a reason", c.key, c.value)
		assert.Contains(t, strings.Join(dec.Errors, "\n"), c.key, "the error names the key")
	}
}

const mfaTrustProject = `
account "a" { id = "222222222222" }
user "dev" {}
role "Admin" {
  trust {
    statement "WithMFA" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [user.dev.arn]
      }
      condition {
        test     = "Bool"
        variable = "aws:MultiFactorAuthPresent"
        values   = ["true"]
      }
    }
  }
}
`

// TestCredentialKeysNotFromContext: the keys AWS derives from the caller's
// credentials (aws:MultiFactorAuthPresent, aws:MultiFactorAuthAge,
// aws:TokenIssueTime; IAM User Guide, "AWS global condition context keys")
// cannot be claimed in the context of a request or of an AssumeRole call,
// through any entrypoint: MFA comes only from presenting it.
func TestCredentialKeysNotFromContext(t *testing.T) {
	eng, _ := loadHCL(t, mfaTrustProject)
	ctx := context.Background()
	const dev = "arn:aws:iam::222222222222:user/dev"
	const admin = "arn:aws:iam::222222222222:role/Admin"
	for _, key := range []string{"aws:MultiFactorAuthPresent", "aws:multifactorauthpresent", "aws:MultiFactorAuthAge", "aws:TokenIssueTime"} {
		var v any = true
		if strings.Contains(strings.ToLower(key), "age") {
			v = 0
		} else if strings.Contains(strings.ToLower(key), "time") {
			v = "2026-01-01T00:00:00Z"
		}
		_, err := eng.AssumeRole(ctx, rego.AssumeRoleRequest{Principal: dev, Role: admin, Context: map[string]any{key: v}})
		var denied *rego.AssumeRoleError
		require.ErrorAs(t, err, &denied, "%s in the AssumeRole context must not assume the role", key)
		assert.Contains(t, strings.Join(denied.Errors, "\n"), key)

		dec, err := eng.Decide(ctx, rego.Request{Principal: dev, Action: "sts:AssumeRole", Resource: admin, Context: map[string]any{key: v}})
		require.NoError(t, err)
		assert.False(t, dec.Allowed)
		assert.NotEmpty(t, dec.Errors, "%s in a request context", key)
	}
	// Presenting MFA assumes the role.
	sess, err := eng.AssumeRole(ctx, rego.AssumeRoleRequest{Principal: dev, Role: admin, MFA: true})
	require.NoError(t, err)
	assert.True(t, sess.MFA)
	// So do the user's own temporary credentials that used MFA (a console
	// sign-in or GetSessionToken with MFA), and not those without.
	now := time.Now()
	_, err = eng.AssumeRole(ctx, rego.AssumeRoleRequest{Principal: dev, Role: admin,
		Session: &rego.Session{Type: "user", MFA: true, IssuedAt: now.Add(-time.Minute), ExpiresAt: now.Add(time.Hour)}})
	require.NoError(t, err)
	_, err = eng.AssumeRole(ctx, rego.AssumeRoleRequest{Principal: dev, Role: admin,
		Session: &rego.Session{Type: "user", MFA: false, IssuedAt: now.Add(-time.Minute), ExpiresAt: now.Add(time.Hour)}})
	require.Error(t, err, "temporary credentials without MFA: aws:MultiFactorAuthPresent is false")
}

const orgProject = `
organization "acme" {
  id                 = "o-acme111111"
  management_account = account.hq
}
account "hq"  { id = "111111111111" }
account "app" {
  id     = "222222222222"
  parent = organization.acme
}
user "dev" {
  account  = account.app
  policies = [policy.s3]
}
policy "s3" {
  account = account.app
  statement "All" {
    actions   = ["s3:*"]
    resources = ["*"]
  }
  statement "OnlyOurOrg" {
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = ["*"]
    condition {
      test     = "StringNotEquals"
      variable = "aws:ResourceOrgID"
      values   = ["o-acme111111"]
    }
  }
}
resource "ours" {
  arn     = "arn:aws:s3:::ours"
  account = account.app
}
`

// TestResourceOrgKeys: aws:ResourceOrgID and aws:ResourceOrgPaths are the
// organization of the account that owns the resource (IAM User Guide,
// "AWS global condition context keys"): computed for resources of the
// project's accounts, refused from the context, and missing otherwise.
func TestResourceOrgKeys(t *testing.T) {
	eng, _ := loadHCL(t, orgProject)
	ctx := context.Background()
	const dev = "arn:aws:iam::222222222222:user/dev"
	dec, err := eng.Decide(ctx, rego.Request{Principal: dev, Action: "s3:GetObject", Resource: "arn:aws:s3:::ours/k"})
	require.NoError(t, err)
	assert.Empty(t, dec.Errors)
	assert.Equal(t, rego.Allow, dec.Decision, "a bucket of the caller's own organization")

	dec, err = eng.Decide(ctx, rego.Request{Principal: dev, Action: "s3:GetObject", Resource: "arn:aws:s3:::ours/k",
		Context: map[string]any{"aws:ResourceOrgID": "o-acme111111"}})
	require.NoError(t, err)
	assert.False(t, dec.Allowed)
	assert.Contains(t, strings.Join(dec.Errors, "\n"), "aws:ResourceOrgID")

	// A resource of an account the project does not know: the key is
	// absent, so StringNotEquals is true and the Deny applies (§5.1).
	dec, err = eng.Decide(ctx, rego.Request{Principal: dev, Action: "sqs:SendMessage", Resource: "arn:aws:sqs:eu-west-1:999999999999:q"})
	require.NoError(t, err)
	assert.False(t, dec.Allowed)
	dec, err = eng.Decide(ctx, rego.Request{Principal: dev, Action: "s3:GetObject", Resource: "arn:aws:s3:::ours/k",
		Context: map[string]any{"aws:ResourceOrgPaths": []any{"o-acme111111/r-acme/"}}})
	require.NoError(t, err)
	assert.False(t, dec.Allowed)
	assert.NotEmpty(t, dec.Errors)
}

// TestResourceWithoutResourcePart: an ARN is
// arn:partition:service:region:account:resource (IAM User Guide, "IAM
// identifiers"); one without its resource part names no resource and is an
// error, not a resource of the caller's own account.
func TestResourceWithoutResourcePart(t *testing.T) {
	eng, _ := loadHCL(t, `
account "a" { id = "222222222222" }
user "dev" { policies = [policy.ec2] }
policy "ec2" {
  statement {
    actions   = ["ec2:*"]
    resources = ["*"]
  }
}
`)
	ctx := context.Background()
	const dev = "arn:aws:iam::222222222222:user/dev"
	for _, r := range []string{
		"arn:aws:ec2:eu-west-1:999999999999",
		"arn:aws:ec2:eu-west-1:222222222222",
		"arn:aws:ec2:eu-west-1:222222222222:",
		"arn:aws:ec2",
		"i-1234",
		"arn:aws:ec2:eu-west-1:12345:instance/i-1",
		"ARN:aws:ec2:eu-west-1:222222222222:instance/i-1",
	} {
		dec, err := eng.Decide(ctx, rego.Request{Principal: dev, Action: "ec2:StartInstances", Resource: r})
		require.NoError(t, err)
		assert.False(t, dec.Allowed, r)
		assert.Contains(t, strings.Join(dec.Errors, "\n"), "resource must be", r)
	}
	for r, want := range map[string]rego.Outcome{
		"*": rego.Allow,
		"arn:aws:ec2:eu-west-1:222222222222:instance/i-1": rego.Allow,
		"arn:aws:ec2:eu-west-1:999999999999:volume/v-1":   rego.ImplicitDeny, // another account: no resource policy names the user (§3.2)
	} {
		dec, err := eng.Decide(ctx, rego.Request{Principal: dev, Action: "ec2:StartInstances", Resource: r})
		require.NoError(t, err)
		assert.Empty(t, dec.Errors, r)
		assert.Equal(t, want, dec.Decision, r)
	}
}

// TestStarPrincipalIsDirectGrant: Principal "*" is everyone, anonymous
// included, and a condition on aws:PrincipalAccount narrows it without
// making it a grant to the account: an anonymous caller has no account, so
// StringNotEquals on it is true (IAM User Guide, "Principal": "*" and
// "Condition operators": a negated operator on an absent key).
func TestStarPrincipalIsDirectGrant(t *testing.T) {
	eng, _ := loadHCL(t, `
account "a" { id = "222222222222" }
user "dev" {}
resource "site" {
  arn = "arn:aws:s3:::site"
  policy {
    statement "NotThatAccount" {
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::site/*"]
      principals {
        type        = "*"
        identifiers = ["*"]
      }
      condition {
        test     = "StringNotEquals"
        variable = "aws:PrincipalAccount"
        values   = ["444455556666"]
      }
    }
  }
}
resource "ours" {
  arn = "arn:aws:s3:::ours"
  policy {
    statement "OurAccount" {
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::ours/*"]
      principals {
        type        = "*"
        identifiers = ["*"]
      }
      condition {
        test     = "StringEquals"
        variable = "aws:PrincipalAccount"
        values   = ["222222222222"]
      }
    }
  }
}
`)
	ctx := context.Background()
	for _, c := range []struct {
		principal, resource string
		want                rego.Outcome
	}{
		{"anonymous", "arn:aws:s3:::site/index.html", rego.Allow},
		{"arn:aws:iam::222222222222:user/dev", "arn:aws:s3:::site/index.html", rego.Allow},
		// A direct grant to a same-account user with no identity policy
		// (§3.1 step 4): "*" with a positive account condition matches it.
		{"arn:aws:iam::222222222222:user/dev", "arn:aws:s3:::ours/k", rego.Allow},
		{"anonymous", "arn:aws:s3:::ours/k", rego.ImplicitDeny},
	} {
		dec, err := eng.Decide(ctx, rego.Request{Principal: c.principal, Action: "s3:GetObject", Resource: c.resource})
		require.NoError(t, err)
		assert.Empty(t, dec.Errors)
		assert.Equal(t, c.want, dec.Decision, "%s on %s", c.principal, c.resource)
	}
}

// TestRequestTimeNotFromInput: the time of a request is AWS's clock
// (aws:CurrentTime, aws:EpochTime are set by AWS), never the caller's: a
// caller that could set it would revive an expired session. Tests and
// replays set it through WithRequestTime or a bundle built to replay.
func TestRequestTimeNotFromInput(t *testing.T) {
	src := `
account "a" { id = "222222222222" }
user "dev" { policies = [policy.window] }
policy "window" {
  statement "Until2020" {
    actions   = ["s3:GetObject"]
    resources = ["*"]
    condition {
      test     = "DateLessThan"
      variable = "aws:CurrentTime"
      values   = ["2020-01-01T00:00:00Z"]
    }
  }
}
`
	ctx := context.Background()
	const dev = "arn:aws:iam::222222222222:user/dev"
	past := time.Date(2019, 6, 1, 0, 0, 0, 0, time.UTC)
	live, out := loadHCL(t, src)
	for _, key := range []string{"aws:CurrentTime", "aws:EpochTime", "AWS:CURRENTTIME"} {
		var v any = "2019-06-01T00:00:00Z"
		if strings.Contains(strings.ToLower(key), "epoch") {
			v = past.Unix()
		}
		dec, err := live.Decide(ctx, rego.Request{Principal: dev, Action: "s3:GetObject", Resource: "*", Context: map[string]any{key: v}})
		require.NoError(t, err)
		assert.False(t, dec.Allowed, key)
		assert.Contains(t, strings.Join(dec.Errors, "\n"), key)
	}
	// A time in the request is refused by a live engine and bundle...
	dec, err := live.Decide(ctx, rego.Request{Principal: dev, Action: "s3:GetObject", Resource: "*", Time: past})
	require.NoError(t, err)
	assert.False(t, dec.Allowed)
	assert.Contains(t, strings.Join(dec.Errors, "\n"), "from the clock")
	dec, err = live.DecideInput(ctx, []byte(`{"principal": "`+dev+`", "action": "s3:GetObject", "resource": "*", "time": "2019-06-01T00:00:00Z"}`))
	require.NoError(t, err)
	assert.False(t, dec.Allowed)
	assert.NotEmpty(t, dec.Errors)
	// ...and decides at the clock: today the window is closed.
	dec, err = live.Decide(ctx, rego.Request{Principal: dev, Action: "s3:GetObject", Resource: "*"})
	require.NoError(t, err)
	assert.Equal(t, rego.ImplicitDeny, dec.Decision)

	// Tests and replays: an engine made WithRequestTime...
	replay, _ := loadHCL(t, src, rego.WithRequestTime())
	dec, err = replay.Decide(ctx, rego.Request{Principal: dev, Action: "s3:GetObject", Resource: "*", Time: past})
	require.NoError(t, err)
	assert.Equal(t, rego.Allow, dec.Decision)
	// ...or a bundle built to replay, as a sidecar loads it.
	out.AcceptRequestTime()
	b, err := out.BundleBytes()
	require.NoError(t, err)
	sidecar, err := rego.Load(ctx, rego.FromBytes(b))
	require.NoError(t, err)
	dec, err = sidecar.DecideInput(ctx, []byte(`{"principal": "`+dev+`", "action": "s3:GetObject", "resource": "*", "time": "2019-06-01T00:00:00Z"}`))
	require.NoError(t, err)
	assert.Equal(t, rego.Allow, dec.Decision)
	dec, err = sidecar.DecideInput(ctx, []byte(`{"principal": "`+dev+`", "action": "s3:GetObject", "resource": "*", "time": "yesterday"}`))
	require.NoError(t, err)
	assert.False(t, dec.Allowed)
	assert.NotEmpty(t, dec.Errors)
}
