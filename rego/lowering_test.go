package rego_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/rego"
)

// TestSessionPolicyLowering checks that a statement means the same whether
// the compiler lowers it (as an identity policy) or the Rego core lowers it
// at decision time (as a session policy passed in the input). For each
// statement of testdata/lowering/statements.json, user "u" has it as its
// only policy, and a session of role "r" (allowed everything) carries it as
// its session policy; every request of a battery must get the same outcome
// from both (docs/semantics.md §4.1: a session has the role's permissions
// intersected with the session policy, so with an allow-all role the
// session policy alone decides).
func TestSessionPolicyLowering(t *testing.T) {
	raw, err := os.ReadFile("../testdata/lowering/statements.json")
	require.NoError(t, err)
	var stmts []map[string]any
	require.NoError(t, json.Unmarshal(raw, &stmts))
	requests := []struct {
		action, resource string
		context          map[string]any
	}{
		{"s3:GetObject", "arn:aws:s3:::data/a/b", nil},
		{"s3:getobject", "arn:aws:s3:::data", nil},
		{"S3:PutObject", "arn:aws:s3:::data/x", nil},
		{"s3:GetObjectAcl", "arn:aws:s3:::Data/x", nil},
		{"s3express:GetObject", "arn:aws:s3:::data/x", nil},
		{"ec2:RunInstances", "arn:aws:ec2:us-east-1:123456789012:instance/i-1", nil},
		{"ec2:RunInstances", "arn:aws:ec2:eu-west-1:999999999999:instance/i-1", nil},
		{"iam:PassRole", "arn:aws:iam::123456789012:role/app", nil},
		{"kms:Decrypt", "*", map[string]any{"aws:SourceIp": "203.0.113.9"}},
		{"kms:Decrypt", "*", map[string]any{"aws:SourceIp": "198.51.100.1", "aws:RequestedRegion": "eu-west-1"}},
		{"kms:Decrypt", "*", map[string]any{"kms:Size": "4"}},
		{"kms:Decrypt", "*", map[string]any{"kms:Size": "40"}},
		{"kms:Encrypt", "*", map[string]any{"aws:TagKeys": []any{"env", "team"}}},
		{"kms:Encrypt", "*", map[string]any{"aws:TagKeys": []any{"owner"}}},
		{"kms:Encrypt", "*", map[string]any{"aws:TagKeys": []any{}}},
		{"kms:Sign", "*", map[string]any{"aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:alerts-1"}},
		{"kms:Sign", "*", map[string]any{"aws:SourceArn": "arn:aws:sns:us-east-1:999:x:123456789012:alerts-1", "aws:SecureTransport": "true"}},
		{"kms:Verify", "*", map[string]any{"aws:SecureTransport": false, "s3:prefix": "Home/"}},
	}
	for i, st := range stmts {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			doc := map[string]any{"Version": "2012-10-17", "Statement": []any{st}}
			js, _ := json.Marshal(doc)
			project := `
account "a" { id = "123456789012" }
user "u" { policies = [policy.p] }
user "caller" {}
policy "p" { document = file("p.json") }
policy "all" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}
role "r" {
  policies = [policy.all]
  trust {
    statement {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [user.caller.arn]
      }
    }
  }
}`
			out, _, diags := compiler.BuildFS(fstest.MapFS{"main.hcl": {Data: []byte(project)}, "p.json": {Data: js}})
			require.False(t, diags.HasErrors(), "%s: %v", js, diags)
			b, err := out.BundleBytes()
			require.NoError(t, err)
			ctx := context.Background()
			eng, err := rego.Load(ctx, rego.FromBytes(b), rego.WithRequestTime())
			require.NoError(t, err)
			for _, req := range requests {
				c := req.context
				for _, at := range []time.Time{time.Date(2026, 1, 15, 0, 30, 0, 0, time.UTC), time.Date(2027, 1, 15, 0, 30, 0, 0, time.UTC)} {
					// A session issued shortly before the request.
					sess, err := eng.AssumeRole(ctx, rego.AssumeRoleRequest{Principal: "arn:aws:iam::123456789012:user/caller",
						Role: "arn:aws:iam::123456789012:role/r", Policy: doc, Time: at.Add(-10 * time.Minute)})
					require.NoError(t, err)
					asUser, err := eng.Decide(ctx, rego.Request{Principal: "arn:aws:iam::123456789012:user/u", Action: req.action, Resource: req.resource, Context: c, Time: at})
					require.NoError(t, err)
					asSession, err := eng.Decide(ctx, rego.Request{Principal: sess.ARN, Action: req.action, Resource: req.resource, Context: c, Session: sess, Time: at})
					require.NoError(t, err)
					require.Empty(t, asUser.Errors)
					require.Empty(t, asSession.Errors)
					require.Equal(t, asUser.Decision, asSession.Decision, "%s on %s with %v at %s", req.action, req.resource, c, at)
				}
			}
		})
	}
}
