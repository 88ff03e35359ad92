package importer_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/importer"
)

// syntheticExport writes get-account-authorization-details output (the AWS
// CLI's form) of one account with the given numbers of users, roles and
// customer managed policies, shaped like a real account: groups of users,
// policies with several statements and conditions, inline policies, tags,
// roles trusted by users, services and another account, a tenth of them
// service-linked, permissions boundaries and AWS managed policies.
func syntheticExport(users, roles, policies int) []byte {
	const acct = "123456789012"
	doc := func(i int) map[string]any {
		return map[string]any{"Version": "2012-10-17", "Statement": []any{
			map[string]any{"Sid": "Read", "Effect": "Allow", "Action": []any{"s3:GetObject", "s3:ListBucket"},
				"Resource": []any{fmt.Sprintf("arn:aws:s3:::bucket-%d", i), fmt.Sprintf("arn:aws:s3:::bucket-%d/*", i)}},
			map[string]any{"Sid": "Write", "Effect": "Allow", "Action": fmt.Sprintf("dynamodb:PutItem"),
				"Resource":  fmt.Sprintf("arn:aws:dynamodb:eu-west-1:%s:table/t%d", acct, i),
				"Condition": map[string]any{"StringEquals": map[string]any{"aws:PrincipalTag/team": fmt.Sprintf("team-%d", i%20)}}},
			map[string]any{"Sid": "NoDelete", "Effect": "Deny", "Action": []any{"s3:DeleteObject", "dynamodb:DeleteTable"}, "Resource": "*",
				"Condition": map[string]any{"BoolIfExists": map[string]any{"aws:MultiFactorAuthPresent": "false"}}},
		}}
	}
	groups := users / 20
	policyArn := func(i int) string { return fmt.Sprintf("arn:aws:iam::%s:policy/app/policy-%d", acct, i%policies) }
	var ps []any
	for i := range policies {
		ps = append(ps, map[string]any{
			"PolicyName": fmt.Sprintf("policy-%d", i), "PolicyId": fmt.Sprintf("ANPA%016d", i), "Arn": policyArn(i), "Path": "/app/",
			"DefaultVersionId": "v2", "AttachmentCount": 3, "IsAttachable": true,
			"PolicyVersionList": []any{
				map[string]any{"VersionId": "v1", "IsDefaultVersion": false, "Document": map[string]any{"Version": "2012-10-17", "Statement": map[string]any{"Effect": "Allow", "Action": "*", "Resource": "*"}}},
				map[string]any{"VersionId": "v2", "IsDefaultVersion": true, "Document": doc(i)},
			}})
	}
	var gs []any
	for i := range groups {
		gs = append(gs, map[string]any{
			"GroupName": fmt.Sprintf("group-%d", i), "Path": "/", "Arn": fmt.Sprintf("arn:aws:iam::%s:group/group-%d", acct, i),
			"AttachedManagedPolicies": []any{
				map[string]any{"PolicyName": "x", "PolicyArn": policyArn(3 * i)},
				map[string]any{"PolicyName": "x", "PolicyArn": policyArn(3*i + 1)},
				map[string]any{"PolicyName": "ReadOnlyAccess", "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"},
			},
			"GroupPolicyList": []any{map[string]any{"PolicyName": "inline", "PolicyDocument": doc(1000 + i)}},
		})
	}
	var us []any
	for i := range users {
		u := map[string]any{
			"UserName": fmt.Sprintf("user-%d", i), "Path": "/staff/", "Arn": fmt.Sprintf("arn:aws:iam::%s:user/staff/user-%d", acct, i),
			"GroupList":               []any{fmt.Sprintf("group-%d", i%groups), fmt.Sprintf("group-%d", (i+7)%groups)},
			"AttachedManagedPolicies": []any{map[string]any{"PolicyName": "x", "PolicyArn": policyArn(7 * i)}},
			"Tags":                    []any{map[string]any{"Key": "team", "Value": fmt.Sprintf("team-%d", i%20)}},
			"UserPolicyList":          []any{},
		}
		if i%5 == 0 {
			u["UserPolicyList"] = []any{map[string]any{"PolicyName": "own", "PolicyDocument": doc(2000 + i)}}
		}
		us = append(us, u)
	}
	var rs []any
	for i := range roles {
		path := "/"
		name := fmt.Sprintf("role-%d", i)
		trust := map[string]any{"Version": "2012-10-17", "Statement": []any{
			map[string]any{"Effect": "Allow", "Action": "sts:AssumeRole",
				"Principal": map[string]any{"AWS": []any{fmt.Sprintf("arn:aws:iam::%s:user/staff/user-%d", acct, i%users), "arn:aws:iam::999999999999:root"}},
				"Condition": map[string]any{"Bool": map[string]any{"aws:MultiFactorAuthPresent": "true"}}},
			map[string]any{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": map[string]any{"Service": "lambda.amazonaws.com"}},
		}}
		if i%10 == 0 {
			path, name = "/aws-service-role/elasticloadbalancing.amazonaws.com/", fmt.Sprintf("AWSServiceRoleForElasticLoadBalancing%d", i)
			trust = map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": map[string]any{"Service": "elasticloadbalancing.amazonaws.com"}}}}
		}
		r := map[string]any{
			"RoleName": name, "Path": path, "Arn": fmt.Sprintf("arn:aws:iam::%s:role%s%s", acct, path, name),
			"AssumeRolePolicyDocument": trust,
			"AttachedManagedPolicies": []any{
				map[string]any{"PolicyName": "x", "PolicyArn": policyArn(11 * i)},
				map[string]any{"PolicyName": "AWSLambdaBasicExecutionRole", "PolicyArn": "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"},
			},
			"RolePolicyList": []any{map[string]any{"PolicyName": "inline", "PolicyDocument": doc(3000 + i)}},
			"Tags":           []any{map[string]any{"Key": "app", "Value": fmt.Sprintf("app-%d", i)}},
			"RoleLastUsed":   map[string]any{"LastUsedDate": "2026-11-01T00:00:00Z", "Region": "eu-west-1"},
		}
		if i%4 == 1 {
			r["PermissionsBoundary"] = map[string]any{"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": policyArn(i)}
		}
		rs = append(rs, r)
	}
	b, err := json.MarshalIndent(map[string]any{"UserDetailList": us, "GroupDetailList": gs, "RoleDetailList": rs, "Policies": ps}, "", "    ")
	if err != nil {
		panic(err)
	}
	return b
}

// cpuTime is the CPU time the process has used: on the shared machine
// that runs the benchmarks, wall time depends on the others' load.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func writeSynthetic(tb testing.TB, users, roles, policies int) string {
	tb.Helper()
	p := filepath.Join(tb.TempDir(), "authz.json")
	require.NoError(tb, os.WriteFile(p, syntheticExport(users, roles, policies), 0o644))
	return p
}

// BenchmarkImport generates the project of an account of 1,000 users, 200
// roles and 500 customer managed policies (with 50 groups and 450 inline
// policies): reading the export, converting every document and reading it
// back, formatting every file. On the shared 2-core machine:
//
//	BenchmarkImport/users=100,roles=20,policies=50     0.17 cpu-s/op   99,799 project-bytes
//	BenchmarkImport/users=1000,roles=200,policies=500  2.2 cpu-s/op   997,336 project-bytes  725 MB/op
//	(before documents were read back in batches: 2.6 cpu-s/op, 850 MB/op)
func BenchmarkImport(b *testing.B) {
	for _, size := range []struct{ users, roles, policies int }{{100, 20, 50}, {1000, 200, 500}} {
		b.Run(fmt.Sprintf("users=%d,roles=%d,policies=%d", size.users, size.roles, size.policies), func(b *testing.B) {
			p := writeSynthetic(b, size.users, size.roles, size.policies)
			st, err := os.Stat(p)
			require.NoError(b, err)
			b.ReportAllocs()
			b.ResetTimer()
			var r *importer.Report
			cpu := cpuTime()
			for b.Loop() {
				r, err = importer.Generate(context.Background(), importer.Options{Authz: []string{p}})
				require.NoError(b, err)
			}
			b.StopTimer()
			b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
			out := 0
			for _, f := range r.Files {
				out += len(f)
			}
			b.ReportMetric(float64(st.Size()), "export-bytes")
			b.ReportMetric(float64(out), "project-bytes")
			b.ReportMetric(float64(r.Summary.HCLDocuments), "hcl-documents")
		})
	}
}

// The synthetic account imports without a skip, every document as
// statement blocks.
func TestSyntheticImport(t *testing.T) {
	t.Parallel()
	r := generate(t, importer.Options{Authz: []string{writeSynthetic(t, 100, 20, 50)}})
	require.Empty(t, r.Summary.Skipped)
	a := r.Summary.Accounts[0]
	require.Equal(t, importer.AccountSummary{ID: "123456789012", Label: "account_123456789012", Users: 100, Groups: 5, Roles: 20, ServiceLinked: 2, Policies: 50, Inline: 45, HasIAM: true}, a)
	require.Equal(t, 0, r.Summary.JSONDocuments)
	require.Equal(t, 50+20+20+5+20, r.Summary.HCLDocuments)
}

// BenchmarkImportBuild builds the bundle of the imported account of 1,000
// users, 200 roles and 500 policies, and reports its size:
//
//	BenchmarkImportBuild  10.3 cpu-s/op  9,969,804 bundle-bytes
func BenchmarkImportBuild(b *testing.B) {
	r, err := importer.Generate(context.Background(), importer.Options{Authz: []string{writeSynthetic(b, 1000, 200, 500)}})
	require.NoError(b, err)
	fsys := fstest.MapFS{}
	for name, data := range r.Files {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	b.ReportAllocs()
	b.ResetTimer()
	var bundle []byte
	cpu := cpuTime()
	for b.Loop() {
		out, _, diags := compiler.BuildFS(fsys)
		require.False(b, diags.HasErrors(), "%s", diags)
		bundle, err = out.BundleBytes()
		require.NoError(b, err)
	}
	b.StopTimer()
	b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(len(bundle)), "bundle-bytes")
}
