package check_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/catalog"
	"github.com/iamc/iamc/check"
	"github.com/iamc/iamc/internal/golden"
	"github.com/iamc/iamc/schema"
)

// allAWSManaged is a project that attaches every AWS managed policy iamc
// embeds, twenty to a role (the most AWS allows a role on request).
func allAWSManaged(t testing.TB) fstest.MapFS {
	arns := catalog.ManagedPolicies()
	require.Greater(t, len(arns), 1500)
	var b strings.Builder
	for i := 0; i < len(arns); i += 20 {
		end := min(i+20, len(arns))
		fmt.Fprintf(&b, "role \"r%d\" {\n  policies = [\n", i/20)
		for _, arn := range arns[i:end] {
			fmt.Fprintf(&b, "    %q,\n", arn)
		}
		b.WriteString("  ]\n}\n")
	}
	return fstest.MapFS{"main.hcl": {Data: []byte(b.String())}}
}

// TestAWSManagedPolicies runs iamc check over every AWS managed policy:
// every one loads and compiles, and what check says of them is reported
// apart from the project's own findings. testdata/aws-managed.txt counts
// the findings by code (make golden rewrites it when the catalog changes).
func TestAWSManagedPolicies(t *testing.T) {
	r := check.RunFS(allAWSManaged(t))
	require.True(t, r.Compiles, "%s", render(t, r, "pretty"))
	assert.Equal(t, len(catalog.ManagedPolicies()), r.AWS.Policies, "every AWS managed policy is checked")
	for _, f := range r.Findings {
		// The project itself is only roles: its own findings are about
		// them (no trust policy, too many policies, the permissions to
		// attach a policy to themselves: IAMFullAccess and the like),
		// never about the AWS documents.
		require.NotNil(t, f.Range)
		assert.False(t, schema.IsAWSSource(f.Range.Filename), "%s: %s", f.Code, f.Message)
		assert.Contains(t, []schema.Code{check.CodeRoleNotAssumable, schema.CodeManagedPolicyCountLimit, check.CodePrivilegeEscalation}, f.Code, f.Message)
	}
	byCode := map[schema.Code]int{}
	policies := map[schema.Code]map[string]bool{}
	for _, f := range r.AWS.Findings {
		require.True(t, schema.IsAWSSource(f.Range.Filename))
		require.True(t, strings.HasPrefix(f.Policy, "aws_policy."), f.Policy)
		byCode[f.Code]++
		if policies[f.Code] == nil {
			policies[f.Code] = map[string]bool{}
		}
		policies[f.Code][f.Policy] = true
	}
	codes := make([]string, 0, len(byCode))
	for c := range byCode {
		codes = append(codes, string(c))
	}
	sort.Strings(codes)
	var b strings.Builder
	fmt.Fprintf(&b, "# iamc check on the %d AWS managed policies iamc embeds (%s):\n", r.AWS.Policies, catalog.Version())
	fmt.Fprintf(&b, "# %d statements, %d findings; by code: findings, policies with one\n", r.AWS.Statements, len(r.AWS.Findings))
	for _, c := range codes {
		rule, _ := check.RuleFor(schema.Code(c))
		fmt.Fprintf(&b, "%-40s %-16s %6d %5d\n", c, rule.Severity, byCode[schema.Code(c)], len(policies[schema.Code(c)]))
	}
	t.Log("\n" + b.String())
	golden.Check(t, "testdata/aws-managed.txt", []byte(b.String()))
}
