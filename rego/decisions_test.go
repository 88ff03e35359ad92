package rego_test

import (
	"context"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/rego"
)

// decisionsProject exercises the rules of docs/semantics.md §1, §2, §4.1–§4.3 and
// §5.1–§5.2 that the tables below check.
const decisionsProject = `
account "a" { id = "111122223333" }

user "dev" {
  groups   = [group.devs, group.ops]
  policies = [policy.own]
}
user "nobody" {}
user "solo" { policies = [policy.solo] }

group "devs" { policies = [policy.s3read] }
group "ops"  { policies = [policy.ec2] }

policy "own" {
  statement "OwnDeny" {
    effect    = "Deny"
    actions   = ["s3:DeleteObject"]
    resources = ["*"]
  }
}

policy "s3read" {
  statement "Read" {
    actions   = ["s3:Get*", "s3:List?ucket"]
    resources = ["arn:aws:s3:::data/*", "arn:aws:s3:::data"]
  }
  statement "AlsoDelete" {
    actions   = ["s3:DeleteObject"]
    resources = ["*"]
  }
}

policy "ec2" {
  statement "AllButTerminate" {
    not_actions = ["ec2:TerminateInstances"]
    resources   = ["arn:aws:ec2:*:111122223333:instance/*"]
  }
}

policy "solo" {
  statement "NotSecret" {
    actions       = ["s3:GetObject"]
    not_resources = ["arn:aws:s3:::data/secret/*"]
  }
  statement "DenyAllButRead" {
    effect      = "Deny"
    not_actions = ["s3:Get*", "s3:List*", "kms:*"]
    resources   = ["*"]
  }
  statement "Conditions" {
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    condition {
      test     = "IpAddress"
      variable = "aws:SourceIp"
      values   = ["203.0.113.0/24"]
    }
    condition {
      test     = "StringNotEquals"
      variable = "aws:RequestedRegion"
      values   = ["us-east-1", "eu-west-1"]
    }
  }
  statement "Dates" {
    actions   = ["kms:Encrypt"]
    resources = ["*"]
    condition {
      test     = "DateLessThan"
      variable = "aws:CurrentTime"
      values   = ["2026-12-01T00:00:00Z"]
    }
    condition {
      test     = "NumericLessThanIfExists"
      variable = "kms:Size"
      values   = ["10"]
    }
  }
  statement "Arns" {
    actions   = ["kms:Sign"]
    resources = ["*"]
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:aws:sns:*:111122223333:alerts-*"]
    }
  }
  statement "NullCheck" {
    actions   = ["kms:Verify"]
    resources = ["*"]
    condition {
      test     = "Null"
      variable = "kms:Tag"
      values   = ["true"]
    }
  }
}
`

func loadProject(t *testing.T, src string) *rego.Engine {
	t.Helper()
	out, _, diags := compiler.BuildFS(fstest.MapFS{"main.hcl": {Data: []byte(src)}})
	require.False(t, diags.HasErrors(), "%v", diags)
	b, err := out.BundleBytes()
	require.NoError(t, err)
	eng, err := rego.Load(context.Background(), rego.FromBytes(b), rego.WithRequestTime())
	require.NoError(t, err)
	return eng
}

func TestDecisions(t *testing.T) {
	eng := loadProject(t, decisionsProject)
	const (
		dev    = "arn:aws:iam::111122223333:user/dev"
		nobody = "arn:aws:iam::111122223333:user/nobody"
		solo   = "arn:aws:iam::111122223333:user/solo"
		group  = "arn:aws:iam::111122223333:group/devs"
		inst   = "arn:aws:ec2:us-east-1:111122223333:instance/i-1"
	)
	ctx := func(kv ...string) map[string]any {
		m := map[string]any{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	cases := []struct {
		name, doc                   string
		principal, action, resource string
		context                     map[string]any
		want                        rego.Outcome
		statement                   string
	}{
		{"group policy applies to its users", "§1: identity policies of a user include those of all its groups",
			dev, "s3:GetObject", "arn:aws:s3:::data/x", nil, rego.Allow, "policy.s3read.statement.Read"},
		{"second group too", "§1", dev, "ec2:StartInstances", inst, nil, rego.Allow, "policy.ec2.statement.AllButTerminate"},
		{"groups are never principals", "§1: groups are never principals",
			group, "s3:GetObject", "arn:aws:s3:::data/x", nil, rego.ImplicitDeny, ""},
		{"no policy, implicit deny", "§1: otherwise implicit (nothing allowed it)",
			nobody, "s3:GetObject", "arn:aws:s3:::data/x", nil, rego.ImplicitDeny, ""},
		{"deny beats allow", "§2: any applicable Deny gives an explicit Deny",
			dev, "s3:DeleteObject", "arn:aws:s3:::data/x", nil, rego.ExplicitDeny, "policy.own.statement.OwnDeny"},
		{"actions are case-insensitive", "§2.1: prefix and name are case-insensitive",
			dev, "S3:getobject", "arn:aws:s3:::data/x", nil, rego.Allow, ""},
		{"? matches one character", "§2.1: ? exactly one", dev, "s3:ListBucket", "arn:aws:s3:::data", nil, rego.Allow, ""},
		{"? does not match two", "§2.1", dev, "s3:ListBBucket", "arn:aws:s3:::data", nil, rego.ImplicitDeny, ""},
		{"service prefix is literal", "§2.1: s3:* does not match s3express", dev, "s3express:GetObject", "arn:aws:s3:::data/x", nil, rego.ImplicitDeny, ""},
		{"resources are case-sensitive", "§2.2: case-sensitive", dev, "s3:GetObject", "arn:aws:s3:::Data/x", nil, rego.ImplicitDeny, ""},
		{"* spans /", "§2.2: * spans /", dev, "s3:GetObject", "arn:aws:s3:::data/a/b/c", nil, rego.Allow, ""},
		{"bucket ARN is not an object ARN", "§2.2", dev, "s3:GetObject", "arn:aws:s3:::database", nil, rego.ImplicitDeny, ""},
		{"NotAction allows the rest", "§2: NotAction with Allow grants everything except the list", dev, "ec2:RebootInstances", inst, nil, rego.Allow, ""},
		{"NotAction excludes the list", "§2", dev, "ec2:TerminateInstances", inst, nil, rego.ImplicitDeny, ""},
		{"region wildcard within its segment", "§2.2: wildcards within ARN segments", dev, "ec2:StartInstances", "arn:aws:ec2:eu-west-1:111122223333:instance/i-9", nil, rego.Allow, ""},
		{"account segment must match", "§2.2", dev, "ec2:StartInstances", "arn:aws:ec2:us-east-1:999999999999:instance/i-1", nil, rego.ImplicitDeny, ""},
		{"NotResource admits others", "§2.2 [R]", solo, "s3:GetObject", "arn:aws:s3:::data/public", nil, rego.Allow, "policy.solo.statement.NotSecret"},
		{"NotResource excludes its list", "§2.2 [R]", solo, "s3:GetObject", "arn:aws:s3:::data/secret/k", nil, rego.ImplicitDeny, ""},
		{"Deny with NotAction denies the rest", "§2: NotAction with Deny denies everything except the list", solo, "s3:PutObject", "*", nil, rego.ExplicitDeny, "policy.solo.statement.DenyAllButRead"},
		{"Deny with NotAction does not allow the list", "§2: and does not allow the listed items", solo, "s3:ListAllMyBuckets", "*", nil, rego.ImplicitDeny, ""},
		{"IP and NOR both hold", "§5.1: AND over keys; negated operators are NOR", solo, "kms:Decrypt", "*", ctx("aws:SourceIp", "203.0.113.7", "aws:RequestedRegion", "ap-south-1"), rego.Allow, ""},
		{"negated operator with a listed value", "§5.1 NOR", solo, "kms:Decrypt", "*", ctx("aws:SourceIp", "203.0.113.7", "aws:RequestedRegion", "eu-west-1"), rego.ImplicitDeny, ""},
		{"negated operator, absent key is true", "§5.1: absent key, negated operator is true", solo, "kms:Decrypt", "*", ctx("aws:SourceIp", "203.0.113.7"), rego.Allow, ""},
		{"IP outside the block", "§5.2 IpAddress", solo, "kms:Decrypt", "*", ctx("aws:SourceIp", "198.51.100.1"), rego.ImplicitDeny, ""},
		{"absent key, positive operator is false", "§5.1", solo, "kms:Decrypt", "*", nil, rego.ImplicitDeny, ""},
		{"condition key names are case-insensitive", "§5.1", solo, "kms:Decrypt", "*", ctx("AWS:SOURCEIP", "203.0.113.7"), rego.Allow, ""},
		{"date before", "§5.2 Date", solo, "kms:Encrypt", "*", nil, rego.Allow, ""},
		{"date after", "§5.2 Date", solo, "kms:Encrypt", "*", nil, rego.ImplicitDeny, ""},
		{"IfExists, present and false", "§5.2 …IfExists", solo, "kms:Encrypt", "*", ctx("kms:Size", "12"), rego.ImplicitDeny, ""},
		{"IfExists, present and true (1.0 == 1 style numbers)", "§5.2 Numeric", solo, "kms:Encrypt", "*", ctx("kms:Size", "9.5"), rego.Allow, ""},
		{"ArnLike per segment", "§5.2 ArnLike", solo, "kms:Sign", "*", ctx("aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:alerts-prod"), rego.Allow, ""},
		{"ArnLike does not cross segments", "§5.2 ArnLike", solo, "kms:Sign", "*", ctx("aws:SourceArn", "arn:aws:sns:us-east-1:999999999999:x:111122223333:alerts-prod"), rego.ImplicitDeny, ""},
		{"Null true when absent", "§5.2 Null", solo, "kms:Verify", "*", nil, rego.Allow, ""},
		{"Null true fails when present", "§5.2 Null", solo, "kms:Verify", "*", ctx("kms:Tag", "x"), rego.ImplicitDeny, ""},
	}
	// The time of the requests whose conditions read it.
	at := map[string]string{
		"date before":                 "2026-11-26T12:00:00Z",
		"date after":                  "2026-12-02T00:00:00Z",
		"IfExists, present and false": "2026-11-26T12:00:00Z",
		"IfExists, present and true (1.0 == 1 style numbers)": "2026-11-26T12:00:00Z",
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := rego.Request{Principal: c.principal, Action: c.action, Resource: c.resource, Context: c.context}
			if s, ok := at[c.name]; ok {
				req.Time, _ = time.Parse(time.RFC3339, s)
			}
			dec, err := eng.Decide(context.Background(), req)
			require.NoError(t, err)
			if c.principal == group {
				assert.NotEmpty(t, dec.Errors, "a group is not a principal")
			} else {
				assert.Empty(t, dec.Errors)
			}
			assert.Equal(t, c.want, dec.Decision, "docs/semantics.md %s; reasons %v", c.doc, dec.Reasons)
			assert.Equal(t, c.want == rego.Allow, dec.Allowed)
			if c.statement != "" {
				var refs []string
				for _, r := range dec.Reasons {
					refs = append(refs, r.Policy+".statement."+r.Statement)
				}
				assert.Contains(t, refs, c.statement)
			}
		})
	}
}
