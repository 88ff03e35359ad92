package schema_test

import (
	"fmt"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/schema"
)

const tableProject = `user "clerk" {}
`

func loadTests(t *testing.T, tests string) (*schema.Project, []string) {
	t.Helper()
	p, diags := schema.LoadFS(fstest.MapFS{
		"main.hcl":       {Data: []byte(tableProject)},
		"tills_test.hcl": {Data: []byte(tests)},
	})
	var out []string
	for _, d := range schema.SortDiagnostics(diags) {
		out = append(out, fmt.Sprintf("%s:%d:%d: %s", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column, d.Summary))
	}
	return p, out
}

// TestForEachRowPositions: a row of a for_each table is declared at its
// element of the for_each expression; the rows of a computed value, at the
// expression.
func TestForEachRowPositions(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, forEach string
		want          map[string]string // test name → line:col
	}{
		{"object", "{\n    one = \"till/1\"\n    two = \"till/2\"\n  }",
			map[string]string{"t[one]": "3:5", "t[two]": "4:5"}},
		{"tuple", "[\n    \"till/1\",\n    { name = \"second\", till = \"till/2\" },\n  ]",
			map[string]string{"t[0]": "3:5", "t[second]": "4:5"}},
		{"computed", "[for n in [1, 2] : \"till/${n}\"]",
			map[string]string{"t[0]": "2:15", "t[1]": "2:15"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			src := "test \"t\" {\n  for_each  = " + c.forEach + "\n  principal = user.clerk\n  action    = \"till:Sell\"\n  resource  = \"*\"\n  expect    = \"allow\"\n}\n"
			p, diags := loadTests(t, src)
			require.Empty(t, diags)
			got := map[string]string{}
			for _, tc := range p.Tests {
				assert.Equal(t, "tills_test.hcl", tc.DeclRange.Filename)
				got[tc.Name] = fmt.Sprintf("%d:%d", tc.DeclRange.Start.Line, tc.DeclRange.Start.Column)
			}
			assert.Equal(t, c.want, got)
		})
	}
}

// TestForEachMistakesOnce: a mistake of the block is the same in every row
// of its table and is reported once; a mistake that depends on the row is
// reported for each row that has it.
func TestForEachMistakesOnce(t *testing.T) {
	t.Parallel()
	_, diags := loadTests(t, `test "t" {
  for_each  = ["a", "b", "c"]
  principal = user.clrk
  action    = "till:Sell"
  resource  = "*"
}

test "u" {
  for_each  = { one = "alow", two = "allow", three = "dney" }
  principal = user.clerk
  action    = "till:Sell"
  resource  = "*"
  expect    = each.value
}
`)
	assert.Equal(t, []string{
		"tills_test.hcl:1:1: Missing expect",
		"tills_test.hcl:3:15: Unknown reference",
		"tills_test.hcl:13:15: Invalid expect",
		"tills_test.hcl:13:15: Invalid expect",
	}, diags)
}
