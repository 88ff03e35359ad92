package importer

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/schema"
)

func TestLabels(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]string{
		"Alice":                     "Alice",
		"create-update-delete":      "create-update-delete",
		"ci+deploy@acme.example":    "ci_deploy_acme_example",
		"3tier":                     "_3tier",
		"OrganizationAccessRole_v2": "OrganizationAccessRole_v2",
	} {
		assert.Equal(t, want, iamLabel(name), name)
	}
	for name, want := range map[string]string{
		"Developer Test Account": "developer_test_account",
		"ProductionDepartment":   "production_department",
		"AllowAllS3Actions":      "allow_all_s3_actions",
		"Region Lock (EU)":       "region_lock_eu",
		"FullAWSAccess":          "full_aws_access",
		"SCPs for PCI-DSS":       "scps_for_pci_dss",
		"2024 sandbox":           "_2024_sandbox",
		"Équipe":                 "quipe",
		"***":                    "",
		"ARNs and IDs":           "arns_and_ids",
	} {
		assert.Equal(t, want, snakeLabel(name), name)
	}
	l := newLabeler()
	assert.Equal(t, "alice", l.take("alice"))
	assert.Equal(t, "Alice_2", l.take("Alice"), "labels differ in more than case")
	assert.Equal(t, "alice_3", l.take("alice"))
}

// A name used in several accounts is prefixed with the account's label in
// every one of them.
func TestLabelIAM(t *testing.T) {
	t.Parallel()
	got := map[string]string{}
	var es []iamEntity
	for i, e := range []struct{ account, name string }{{"prod", "OrganizationAccountAccessRole"}, {"dev", "OrganizationAccountAccessRole"}, {"dev", "ci"}, {"prod", "deploy"}} {
		key := e.account + "/" + e.name
		es = append(es, iamEntity{account: e.account, name: e.name, accountOrder: i, assign: func(l string) { got[key] = l }})
	}
	labelIAM(newLabeler(), es)
	assert.Equal(t, map[string]string{
		"prod/OrganizationAccountAccessRole": "prod_OrganizationAccountAccessRole",
		"dev/OrganizationAccountAccessRole":  "dev_OrganizationAccountAccessRole",
		"dev/ci":                             "ci",
		"prod/deploy":                        "deploy",
	}, got)
}

// A document becomes statement blocks only when they read back as the
// same policy.
func TestConvertible(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		doc  string
		want bool
	}{
		{"plain", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}`, true},
		{"legacy version", `{"Version": "2008-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username}"}]}`, true},
		{"no version", `{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}`, false},
		{"policy variables and templates", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b/${aws:username}/%{x}/*"}]}`, true},
		{"typed condition values", `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotAction": "iam:*", "NotResource": "arn:aws:iam::*:role/x",
			"Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": 3600}, "Bool": {"aws:SecureTransport": false}, "DateGreaterThan": {"aws:CurrentTime": "2026-01-01T00:00:00Z"}}}]}`, true},
		{"principals", `{"Version": "2012-10-17", "Statement": [{"Sid": "A1", "Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "444455556666"], "Service": "ec2.amazonaws.com", "Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRole"},
			{"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:user/a"}, "Action": "s3:*", "Resource": "*"}, {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}`, true},
		{"an Id and escapes", `{"Version": "2012-10-17", "Id": "doc \"1\"", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/a\\b\nc\u00e9"}]}`, true},
		{"an empty condition list", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"s3:prefix": []}}}]}`, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			doc, diags := schema.ParsePolicyJSON("p.json", []byte(c.doc))
			require.False(t, diags.HasErrors(), "%s", diags)
			assert.Equal(t, c.want, convertible(doc))
		})
	}
}

// sameDocument tells documents apart by every element iamc reads.
func TestSameDocument(t *testing.T) {
	t.Parallel()
	base := `{"Version": "2012-10-17", "Statement": [{"Sid": "S", "Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*", "Condition": {"StringEquals": {"aws:username": ["a"]}}}]}`
	parse := func(s string) *schema.Document {
		d, diags := schema.ParsePolicyJSON("p.json", []byte(s))
		require.False(t, diags.HasErrors(), "%s", diags)
		return d
	}
	a := parse(base)
	assert.True(t, sameDocument(a, parse(strings.ReplaceAll(base, `["s3:GetObject"]`, `"s3:GetObject"`))), "a string is a list of one")
	for _, change := range [][2]string{
		{`"Sid": "S"`, `"Sid": "T"`},
		{`"Allow"`, `"Deny"`},
		{`"Action"`, `"NotAction"`},
		{`"Resource"`, `"NotResource"`},
		{`"s3:GetObject"`, `"s3:getobject"`},
		{`"StringEquals"`, `"StringLike"`},
		{`"aws:username"`, `"aws:userid"`},
		{`["a"]`, `["a", "b"]`},
		{`"2012-10-17"`, `"2008-10-17"`},
	} {
		assert.False(t, sameDocument(a, parse(strings.Replace(base, change[0], change[1], 1))), "%s → %s", change[0], change[1])
	}
}
