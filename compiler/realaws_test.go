package compiler_test

import (
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/compiler"
)

// buildModel compiles a one-file project and returns its model.
func buildModel(t *testing.T, src string) (*compiler.Output, map[string]any) {
	t.Helper()
	out, p, diags := compiler.BuildFS(fstest.MapFS{"main.hcl": {Data: []byte(src)}})
	require.False(t, diags.HasErrors(), "%s", renderDiags(p, diags))
	var m map[string]any
	require.NoError(t, json.Unmarshal(out.Data, &m))
	return out, m
}

func statementRefs(out *compiler.Output) []string {
	var refs []string
	for _, s := range out.Statements {
		refs = append(refs, s.Ref())
	}
	return refs
}

// The RCP levels of an account run from the root down to the account, one
// policy set each (docs: model-contract); the management account and an
// account outside the organization have none.
func TestModelRCPLevels(t *testing.T) {
	_, m := buildModel(t, `
organization "o" {
  id                 = "o-abcdefghij"
  management_account = account.hq
  rcps               = [rcp.root]
}
unit "u" {
  parent = organization.o
}
account "hq" {
  id     = "100000000000"
  parent = organization.o
  rcps   = [rcp.acct]
}
account "app" {
  id     = "111111111111"
  parent = unit.u
  rcps   = [rcp.acct]
}
account "solo" { id = "222222222222" }
rcp "root" {
  statement "R" {
    effect = "Deny"
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions   = ["s3:DeleteBucket"]
    resources = ["*"]
  }
}
rcp "acct" {
  statement "A" {
    effect = "Deny"
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions   = ["sqs:*"]
    resources = ["*"]
  }
}
`)
	accounts := m["accounts"].(map[string]any)
	app := accounts["111111111111"].(map[string]any)
	levels := app["rcp"].([]any)
	require.Len(t, levels, 3, "root, unit, account")
	psets := m["psets"].([]any)
	pset := func(level any) map[string]any { return psets[int(level.(float64))].(map[string]any) }
	assert.Contains(t, pset(levels[0])["xs"], ",s3:deletebucket=", "the root holds rcp.root")
	assert.Equal(t, float64(0), levels[1], "the unit holds no custom RCP: the empty set")
	assert.NotContains(t, pset(levels[1]), "xs", "no statement")
	assert.NotContains(t, pset(levels[1]), "w")
	assert.Contains(t, pset(levels[2])["w"], "sqs", "the account holds rcp.acct")
	assert.NotContains(t, accounts["100000000000"], "rcp", "RCPs do not apply to the management account")
	assert.NotContains(t, accounts["222222222222"], "rcp", "nor outside an organization")
	assert.Contains(t, m["rcps"], "s3")
	assert.Contains(t, m["rcps"], "sqs")
	assert.NotContains(t, m["rcps"], "ec2")
}

// defaults are the context values of a request that does not give them.
func TestModelDefaults(t *testing.T) {
	_, m := buildModel(t, `user "u" {}`)
	assert.Equal(t, map[string]any{"aws:securetransport": true, "aws:viaawsservice": false}, m["defaults"])
	_, m = buildModel(t, "defaults {\n  region = \"eu-west-1\"\n}\nuser \"u\" {}\n")
	assert.Equal(t, map[string]any{"aws:requestedregion": "eu-west-1", "aws:securetransport": true, "aws:viaawsservice": false}, m["defaults"])
}

// A key the catalog knows takes the catalog's type in kt; one it does not
// keeps the type its operators give it.
func TestModelKeyTypesFromCatalog(t *testing.T) {
	_, m := buildModel(t, `
user "u" { policies = [policy.p] }
policy "p" {
  statement {
    actions   = ["s3:ListBucket"]
    resources = ["arn:aws:s3:::b"]
    condition {
      test     = "StringEquals"
      variable = "s3:max-keys"
      values   = ["10"]
    }
    condition {
      test     = "StringEquals"
      variable = "ec2:ResourceTag/team"
      values   = ["data"]
    }
    condition {
      test     = "ForAnyValue:StringEquals"
      variable = "s3:DataAccessPointArn"
      values   = ["arn:aws:s3:eu-west-1:111111111111:accesspoint/ap"]
    }
    condition {
      test     = "StringEquals"
      variable = "custom:thing"
      values   = ["x"]
    }
  }
}
`)
	kt := m["kt"].(map[string]any)
	assert.Equal(t, "n", kt["s3:max-keys"], "Numeric in the catalog")
	assert.Equal(t, "s", kt["ec2:resourcetag/team"])
	assert.Equal(t, "s", kt["custom:thing"], "no catalog type: the operator's")
	assert.Contains(t, []any{"s", "arn"}, kt["s3:dataaccesspointarn"])
}

// name gives the IAM name: ARNs, the model's names and references use it;
// labels stay the references of the language and of tests.
func TestIAMNames(t *testing.T) {
	out, m := buildModel(t, `
account "a" { id = "111111111111" }
account "b" { id = "222222222222" }
user "alice_a" {
  account = account.a
  name    = "alice"
}
user "alice_b" {
  account  = account.b
  name     = "alice"
  policies = [policy.p_b]
}
policy "p_b" {
  account = account.b
  name    = "ReadAll"
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::${user.alice_a.name}-bucket/*"]
  }
}
`)
	principals := m["principals"].(map[string]any)
	a := principals["arn:aws:iam::111111111111:user/alice"].(map[string]any)
	b := principals["arn:aws:iam::222222222222:user/alice"].(map[string]any)
	assert.Equal(t, "alice", a["n"])
	assert.Equal(t, "alice", b["n"])
	assert.Contains(t, statementRefs(out), "policy.p_b.statement[0]")
	var policyARN string
	for _, pol := range out.Project.Policies {
		policyARN = pol.ARN
	}
	assert.Equal(t, "arn:aws:iam::222222222222:policy/ReadAll", policyARN)
	assert.Contains(t, string(out.Data), "alice-bucket/", "user.alice_a.name is the IAM name")
}

// An AWS managed policy by ARN compiles from iamc's copy under
// aws_policy.<Name>; a policy block with its arn supplies another document,
// which wins wherever the ARN is attached.
func TestAWSManagedPolicyByARN(t *testing.T) {
	out, _ := buildModel(t, `
account "a" { id = "111111111111" }
account "b" { id = "222222222222" }
user "ua" {
  account  = account.a
  policies = ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess"]
}
user "ub" {
  account              = account.b
  policies             = ["arn:aws:iam::aws:policy/ReadOnlyAccess", policy.ro]
  permissions_boundary = "arn:aws:iam::aws:policy/PowerUserAccess"
}
policy "ro" {
  arn = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
  statement "OlderVersion" {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
`)
	refs := statementRefs(out)
	assert.Contains(t, refs, "aws_policy.AmazonS3ReadOnlyAccess.statement.OlderVersion", "the supplied document wins")
	assert.NotContains(t, refs, "aws_policy.AmazonS3ReadOnlyAccess.statement[0]", "iamc's copy is not compiled when the project supplies one")
	assert.Contains(t, refs, "aws_policy.ReadOnlyAccess.statement.ReadOnlyActionsGroup1")
	assert.Contains(t, refs, "aws_policy.PowerUserAccess.statement[0]")
	assert.Len(t, out.Project.AWSPolicies, 2, "ReadOnlyAccess and PowerUserAccess, once each")
	for _, s := range out.Statements {
		if strings.HasPrefix(s.Policy, "aws_policy.ReadOnlyAccess") {
			assert.True(t, s.AWSOwned())
		}
	}
	assert.Equal(t, 1, out.ProjectStatements(), "only the supplied statement is the project's")
}

// A policy block naming an AWS managed policy without a document is iamc's
// copy under a label of the project.
func TestAWSManagedPolicyLabel(t *testing.T) {
	out, _ := buildModel(t, `
user "u" { policies = [policy.admin] }
policy "admin" { arn = "arn:aws:iam::aws:policy/AdministratorAccess" }
`)
	assert.Contains(t, statementRefs(out), "aws_policy.AdministratorAccess.statement[0]")
}

// An account of an organization with no custom RCP on its path has no RCP
// levels: RCPFullAWSAccess alone changes no decision.
func TestModelNoRCPLevels(t *testing.T) {
	_, m := buildModel(t, `
organization "o" { id = "o-abcdefghij" }
account "app" {
  id     = "111111111111"
  parent = organization.o
}
`)
	app := m["accounts"].(map[string]any)["111111111111"].(map[string]any)
	assert.NotContains(t, app, "rcp")
	assert.Contains(t, app, "scp")
}
