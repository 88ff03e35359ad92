package compiler_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/catalog"
	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/schema"
)

// TestEveryAWSManagedPolicyCompiles attaches every AWS managed policy iamc
// embeds, by ARN, and compiles the project: each loads from its embedded
// document, compiles without an error, and every one of its statements is
// in the model under aws_policy.<Name>.
func TestEveryAWSManagedPolicyCompiles(t *testing.T) {
	arns := catalog.ManagedPolicies()
	require.Len(t, arns, 1594)
	var b strings.Builder
	for i := 0; i < len(arns); i += 20 {
		fmt.Fprintf(&b, "role \"r%d\" {\n  policies = [\n", i/20)
		for _, arn := range arns[i:min(i+20, len(arns))] {
			fmt.Fprintf(&b, "    %q,\n", arn)
		}
		b.WriteString("  ]\n}\n")
	}
	out, p, diags := compiler.BuildFS(fstest.MapFS{"main.hcl": {Data: []byte(b.String())}})
	require.False(t, diags.HasErrors(), "%s", diags)
	require.NotNil(t, out)
	for _, d := range diags {
		// No warning of a build is about an AWS document (AWS owns them;
		// iamc check reports them apart).
		if d.Subject != nil {
			assert.False(t, schema.IsAWSSource(d.Subject.Filename), "%s", d)
		}
	}
	require.Len(t, p.AWSPolicies, len(arns))
	count := map[string]int{}
	for _, s := range out.Statements {
		count[s.Policy]++
	}
	for _, pol := range p.AWSPolicies {
		mp, ok := catalog.LookupManagedPolicy(pol.ARN)
		require.True(t, ok, pol.ARN)
		assert.Equal(t, mp.Name, pol.IAMName)
		require.NotNil(t, pol.Document, pol.ARN)
		assert.NotEmpty(t, pol.Document.Statements, pol.ARN)
		assert.Equal(t, len(pol.Document.Statements), count["aws_policy."+mp.Name], "the statements of %s", pol.ARN)
	}
}
