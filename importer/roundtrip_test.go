package importer_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/check"
	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/importer"
	"github.com/iamc/iamc/rego"
	"github.com/iamc/iamc/schema"
	"github.com/iamc/iamc/suite"
)

// copyFiles copies files into dir, keeping their base names.
func copyFiles(t *testing.T, dir string, files ...string) {
	t.Helper()
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644))
	}
}

// runSuites runs the project's suites; every test must pass.
func runSuites(t *testing.T, dir string, wantTests int) {
	t.Helper()
	rep, p, diags, err := suite.RunDir(context.Background(), dir, suite.Options{}, nil)
	require.NoError(t, err)
	if diags.HasErrors() {
		var b []byte
		w := schema.DiagWriter{Sources: p.Sources}
		for _, d := range diags {
			b = append(b, w.Format(d)...)
		}
		t.Fatalf("%s does not compile:\n%s", dir, b)
	}
	passed, failed, skipped := rep.Counts()
	for _, r := range rep.Results {
		if !r.Passed {
			t.Errorf("%s: %v", r.Test.Name, r.Failures)
		}
	}
	assert.Equal(t, []int{wantTests, 0, 0}, []int{passed, failed, skipped})
}

// checks runs iamc check: the project compiles, and the import itself
// causes no error.
func checks(t *testing.T, dir string) *check.Report {
	t.Helper()
	rep, err := check.RunContext(context.Background(), dir)
	require.NoError(t, err)
	require.True(t, rep.Compiles)
	for _, f := range rep.Findings {
		assert.NotEqual(t, check.Error, f.Severity, "%s %s", f.Code, f.Message)
	}
	return rep
}

// The project imported from the AWS CLI reference's example builds, iamc
// check runs on it, and it passes the suite written for it.
func TestRoundTripCLIReference(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "project")
	_, err := importer.Import(context.Background(), importer.Options{Authz: []string{filepath.Join(cliReference, "authz.json")}, Dir: dir})
	require.NoError(t, err)
	copyFiles(t, dir, filepath.Join(cliReference, "reference_test.hcl"))
	checks(t, dir)
	runSuites(t, dir, 11)
}

// The imported organization, in both layouts and both forms of documents,
// passes the suite that its hand-written twin passes, and decides every
// request of a grid exactly as the twin does.
func TestRoundTripOrganization(t *testing.T) {
	t.Parallel()
	extra := []string{filepath.Join(orgFixture, "resources.hcl"), filepath.Join(orgFixture, "org_test.hcl")}
	hand := filepath.Join(t.TempDir(), "handwritten")
	require.NoError(t, os.CopyFS(hand, os.DirFS(filepath.Join(orgFixture, "handwritten"))))
	copyFiles(t, hand, extra...)
	runSuites(t, hand, 25)
	handEngine := engine(t, hand)

	for _, opts := range []importer.Options{
		{},
		{Split: importer.SplitKind, Documents: importer.DocumentsJSON},
	} {
		t.Run(fmt.Sprintf("split=%s,documents=%s", opts.Split, opts.Documents), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "project")
			opts.Authz, opts.OrgDir, opts.Dir = orgAuthz(t), filepath.Join(orgFixture, "organizations"), dir
			_, err := importer.Import(context.Background(), opts)
			require.NoError(t, err)
			copyFiles(t, dir, extra...)
			checks(t, dir)
			runSuites(t, dir, 25)
			sameDecisions(t, handEngine, engine(t, dir))
		})
	}
}

func engine(t *testing.T, dir string) *rego.Engine {
	t.Helper()
	out, _, diags := compiler.Build(dir)
	require.False(t, diags.HasErrors(), "%s", diags)
	b, err := out.BundleBytes()
	require.NoError(t, err)
	eng, err := rego.Load(context.Background(), rego.FromBytes(b))
	require.NoError(t, err)
	return eng
}

// sameDecisions decides a grid of requests — every principal of the
// organization (users, account roots, sessions of every role), actions of
// the services its policies name, resources and regions — with both
// engines and requires the same decisions, with the same layers and the
// same deciding statements.
func sameDecisions(t *testing.T, want, got *rego.Engine) {
	t.Helper()
	ctx := context.Background()
	type caller struct {
		principal string
		session   *rego.Session
	}
	callers := []caller{}
	for _, p := range []string{
		"arn:aws:iam::111111111111:user/staff/alice", "arn:aws:iam::222222222222:user/reporter",
		"arn:aws:iam::333333333333:user/bob", "arn:aws:iam::777777777777:user/vendor",
		"arn:aws:iam::111111111111:root", "arn:aws:iam::222222222222:root", "arn:aws:iam::333333333333:root",
		"arn:aws:iam::444444444444:root", "arn:aws:iam::555555555555:root", "arn:aws:iam::777777777777:root",
	} {
		callers = append(callers, caller{principal: p})
	}
	assumes := []struct {
		principal, role string
		mfa             bool
		chain           string // the role of the caller's own session
	}{
		{"arn:aws:iam::111111111111:user/staff/alice", "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole", true, ""},
		{"arn:aws:iam::111111111111:user/staff/alice", "arn:aws:iam::333333333333:role/OrganizationAccountAccessRole", true, ""},
		{"arn:aws:iam::111111111111:user/staff/alice", "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole", false, ""},
		{"ec2.amazonaws.com", "arn:aws:iam::222222222222:role/service/app", false, ""},
		{"codebuild.amazonaws.com", "arn:aws:iam::333333333333:role/ci-runner", false, ""},
		{"codebuild.amazonaws.com", "arn:aws:iam::222222222222:role/ci-deploy", false, "arn:aws:iam::333333333333:role/ci-runner"},
		{"support.amazonaws.com", "arn:aws:iam::222222222222:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport", false, ""},
		{"arn:aws:iam::777777777777:user/vendor", "arn:aws:iam::222222222222:role/ci-deploy", false, ""},
	}
	for _, a := range assumes {
		req := rego.AssumeRoleRequest{Principal: a.principal, Role: a.role, MFA: a.mfa, SessionName: "grid"}
		if a.chain != "" {
			first, err := want.AssumeRole(ctx, rego.AssumeRoleRequest{Principal: a.principal, Role: a.chain, SessionName: "grid"})
			require.NoError(t, err)
			req.Session = first
		}
		ws, werr := want.AssumeRole(ctx, req)
		gs, gerr := got.AssumeRole(ctx, req)
		var wa, ga *rego.AssumeRoleError
		if errors.As(werr, &wa) || errors.As(gerr, &ga) {
			require.True(t, errors.As(werr, &wa) && errors.As(gerr, &ga), "%s assumes %s: %v / %v", a.principal, a.role, werr, gerr)
			assert.Equal(t, strip(wa.Decision), strip(ga.Decision), "%s assumes %s", a.principal, a.role)
			continue
		}
		require.NoError(t, werr)
		require.NoError(t, gerr)
		assert.Equal(t, ws.ARN, gs.ARN)
		callers = append(callers, caller{principal: ws.ARN, session: ws})
	}
	actions := []string{"s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListAllMyBuckets", "s3-object-lambda:GetObject",
		"ec2:RunInstances", "ec2:DescribeInstances", "iam:CreateUser", "iam:ChangePassword", "organizations:LeaveOrganization",
		"cloudtrail:LookupEvents", "cloudwatch:PutMetricData", "sts:AssumeRole", "apigateway:GET", "dynamodb:GetItem", "aws-portal:ViewBilling"}
	resources := []string{"*", "arn:aws:s3:::acme-prod-data/home/reporter/q4.csv", "arn:aws:s3:::acme-prod-data/report.csv",
		"arn:aws:s3:::acme-prod-artifacts/build.zip", "arn:aws:iam::222222222222:role/ci-deploy", "arn:aws:apigateway:us-east-1::/apis"}
	regions := []string{"eu-west-1", "us-east-1"}
	n, allowed := 0, 0
	for _, c := range callers {
		for _, action := range actions {
			for _, resource := range resources {
				for _, region := range regions {
					req := rego.Request{Principal: c.principal, Session: c.session, Action: action, Resource: resource,
						Context: map[string]any{"aws:RequestedRegion": region}}
					wd, err := want.Decide(ctx, req)
					require.NoError(t, err)
					gd, err := got.Decide(ctx, req)
					require.NoError(t, err)
					if !assert.Equal(t, strip(wd), strip(gd), "%s %s on %s in %s", c.principal, action, resource, region) {
						return
					}
					n++
					if wd.Allowed {
						allowed++
					}
				}
			}
		}
	}
	t.Logf("%d requests decided alike (%d allowed) by %d callers", n, allowed, len(callers))
	require.Greater(t, allowed, n/10, "the grid exercises allows, not only denies")
}

// strip drops where the deciding statements are written, which differs
// between two projects of the same policies.
func strip(d rego.Decision) rego.Decision {
	out := d
	out.Reasons = nil
	for _, r := range d.Reasons {
		r.Source = ""
		out.Reasons = append(out.Reasons, r)
	}
	return out
}
