package rego_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/rego"
)

// whyNotProject has, for each way a statement can miss a request (§2: the
// resource, the principal of a resource policy, a condition), a statement
// that matches the action and misses in that way; and a Deny whose
// condition (a negated operator on an absent key, §5.1) makes it apply.
const whyNotProject = `
account "a" { id = "111122223333" }

user "alice" { policies = [policy.alice] }
user "bob" {}

policy "alice" {
  statement "OtherBucket" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::other/*"]
  }
  statement "FromTheOffice" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::data/*"]
    condition {
      test     = "IpAddress"
      variable = "aws:SourceIp"
      values   = ["10.0.0.0/8"]
    }
  }
  statement "Everything" {
    actions   = ["kms:*"]
    resources = ["*"]
  }
  statement "NotOutsideRegions" {
    effect    = "Deny"
    actions   = ["kms:*"]
    resources = ["*"]
    condition {
      test     = "StringNotEquals"
      variable = "aws:RequestedRegion"
      values   = ["eu-west-1"]
    }
  }
  statement "Dates" {
    actions   = ["sqs:SendMessage"]
    resources = ["*"]
    condition {
      test     = "DateLessThan"
      variable = "aws:CurrentTime"
      values   = ["2020-01-01T00:00:00Z"]
    }
  }
}

resource "data" {
  arn = "arn:aws:s3:::data"
  policy {
    statement "ForAlice" {
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::data/*"]
      principals {
        type        = "AWS"
        identifiers = [user.alice.arn]
      }
    }
  }
}
`

func TestWhyNot(t *testing.T) {
	eng := loadProject(t, whyNotProject)
	ctx := context.Background()
	const alice, bob = "arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:user/bob"
	find := func(near []rego.NearMiss, statement string) rego.NearMiss {
		t.Helper()
		for _, n := range near {
			if n.Statement == statement {
				return n
			}
		}
		t.Fatalf("no statement %s in %+v", statement, near)
		return rego.NearMiss{}
	}

	t.Run("the resource, a condition, the principal", func(t *testing.T) {
		// bob: no identity policy; the bucket policy names alice only.
		req := rego.Request{Principal: bob, Action: "s3:GetObject", Resource: "arn:aws:s3:::data/report.csv"}
		dec, err := eng.Decide(ctx, req)
		require.NoError(t, err)
		require.Equal(t, rego.ImplicitDeny, dec.Decision)
		near, err := eng.WhyNot(ctx, req)
		require.NoError(t, err)
		n := find(near, "ForAlice")
		assert.Equal(t, rego.MissedPrincipal, n.Missed)
		assert.Equal(t, rego.LayerResource, n.Layer)

		// alice from outside the office: the identity statement for the
		// bucket misses its condition (SourceIp absent), the other bucket's
		// its resource.
		req.Principal = alice
		req.Resource = "arn:aws:s3:::elsewhere/x"
		near, err = eng.WhyNot(ctx, req)
		require.NoError(t, err)
		other := find(near, "OtherBucket")
		assert.Equal(t, rego.MissedResource, other.Missed)
		assert.Equal(t, []string{"arn:aws:s3:::other/*"}, other.Resources)
		assert.Equal(t, []string{"its Resource arn:aws:s3:::other/* does not match arn:aws:s3:::elsewhere/x"}, other.Details(req.Resource))
	})

	t.Run("a condition and the value it saw", func(t *testing.T) {
		req := rego.Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::other2/x",
			Context: map[string]any{"aws:SourceIp": "192.0.2.1"}}
		near, err := eng.WhyNot(ctx, req)
		require.NoError(t, err)
		office := find(near, "FromTheOffice")
		assert.Equal(t, rego.MissedResource, office.Missed, "the resource is checked before the conditions")

		req.Resource = "arn:aws:s3:::data/x"
		dec, err := eng.Decide(ctx, req)
		require.NoError(t, err)
		// The bucket policy names alice directly: allowed despite the
		// identity condition (§3.1 step 4).
		require.True(t, dec.Allowed)
		near, err = eng.WhyNot(ctx, req)
		require.NoError(t, err)
		office = find(near, "FromTheOffice")
		assert.Equal(t, rego.MissedCondition, office.Missed)
		require.Len(t, office.Conditions, 1)
		c := office.Conditions[0]
		assert.Equal(t, rego.ConditionCheck{Operator: "IpAddress", Key: "aws:SourceIp", Values: []string{"10.0.0.0/8"}, Value: "192.0.2.1", Holds: false}, c)
		assert.Empty(t, rego.Explaining(dec, near), "an allow needs no explanation")
	})

	t.Run("an explicit deny and the condition that made it apply", func(t *testing.T) {
		req := rego.Request{Principal: alice, Action: "kms:Decrypt", Resource: "*"}
		dec, err := eng.Decide(ctx, req)
		require.NoError(t, err)
		require.Equal(t, rego.ExplicitDeny, dec.Decision)
		near, err := eng.WhyNot(ctx, req)
		require.NoError(t, err)
		got := rego.Explaining(dec, near)
		require.Len(t, got, 1)
		assert.Equal(t, "NotOutsideRegions", got[0].Statement)
		assert.Equal(t, rego.MissedNothing, got[0].Missed)
		// StringNotEquals on an absent key holds (§5.1): the request had no
		// region.
		assert.Equal(t, []rego.ConditionCheck{{Operator: "StringNotEquals", Key: "aws:RequestedRegion", Values: []string{"eu-west-1"}, Holds: true}}, got[0].Conditions)
		assert.Equal(t, []string{"condition StringNotEquals aws:RequestedRegion = eu-west-1: the request has no aws:RequestedRegion, so it holds"}, got[0].Details("*"))

		req.Context = map[string]any{"aws:RequestedRegion": "eu-west-1"}
		dec, err = eng.Decide(ctx, req)
		require.NoError(t, err)
		assert.True(t, dec.Allowed)
	})

	t.Run("dates are written as dates", func(t *testing.T) {
		req := rego.Request{Principal: alice, Action: "sqs:SendMessage", Resource: "*", Time: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
		dec, err := eng.Decide(ctx, req)
		require.NoError(t, err)
		require.Equal(t, rego.ImplicitDeny, dec.Decision)
		near, err := eng.WhyNot(ctx, req)
		require.NoError(t, err)
		got := rego.Explaining(dec, near)
		require.Len(t, got, 1)
		require.Len(t, got[0].Conditions, 1)
		c := got[0].Conditions[0]
		assert.Equal(t, "DateLessThan", c.Operator)
		assert.Equal(t, []string{"2020-01-01T00:00:00Z"}, c.Values)
		assert.Equal(t, "2026-01-01T00:00:00Z", c.Value, "aws:CurrentTime is the request's time")
		assert.False(t, c.Holds)
	})

	t.Run("a request that cannot be decided has none", func(t *testing.T) {
		near, err := eng.WhyNot(ctx, rego.Request{Principal: "arn:aws:iam::111122223333:user/nobody", Action: "s3:GetObject", Resource: "*"})
		require.NoError(t, err)
		assert.Empty(t, near)
	})
}

// The explanation never changes a decision: every request of the
// decisions table decides the same with and without asking why not.
func TestWhyNotLeavesDecisions(t *testing.T) {
	eng := loadProject(t, whyNotProject)
	ctx := context.Background()
	for _, req := range []rego.Request{
		{Principal: "arn:aws:iam::111122223333:user/alice", Action: "s3:GetObject", Resource: "arn:aws:s3:::data/x"},
		{Principal: "arn:aws:iam::111122223333:user/alice", Action: "kms:Decrypt", Resource: "*"},
		{Principal: "arn:aws:iam::111122223333:user/bob", Action: "s3:GetObject", Resource: "arn:aws:s3:::data/x"},
	} {
		before, err := eng.Decide(ctx, req)
		require.NoError(t, err)
		_, err = eng.WhyNot(ctx, req)
		require.NoError(t, err)
		after, err := eng.Decide(ctx, req)
		require.NoError(t, err)
		assert.Equal(t, before, after)
	}
}
