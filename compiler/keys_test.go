package compiler

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGlobalKeysDocumented keeps docs/semantics.md §9 and the key table the
// core reads (keys.go) the same: every AWS global key, its type, and whether
// the request context may give it.
func TestGlobalKeysDocumented(t *testing.T) {
	doc, err := os.ReadFile("../docs/semantics.md")
	require.NoError(t, err)
	section := string(doc)
	i := strings.Index(section, "## 9. The request context in iamc")
	require.GreaterOrEqual(t, i, 0, "docs/semantics.md has no section 9")
	section = section[i:]
	if j := strings.Index(section[1:], "\n## "); j >= 0 {
		section = section[:j+1] // §9 only
	}
	row := regexp.MustCompile("(?m)^\\| `([^`]+)` \\| ([A-Za-z]+) \\| (.+) \\|$")
	seen := map[string]bool{}
	for _, m := range row.FindAllStringSubmatch(section, -1) {
		key, typ, set := m[1], m[2], m[3]
		g, ok := globalKeys[key]
		if !assert.True(t, ok, "docs/semantics.md lists %s, which keys.go does not know", key) {
			continue
		}
		seen[key] = true
		assert.Equal(t, keyTypeName(g.Type), typ, key)
		assert.Equal(t, g.Set == "", set == "the request context", "%s: set by %q in the docs, %q in keys.go", key, set, g.Set)
	}
	for k := range globalKeys {
		assert.True(t, seen[k], "docs/semantics.md §9 does not list %s", k)
	}
}

// TestKeyTypes: a key takes its documented type; any other key the types
// of the operators that read it, multivalued only when nothing reads it
// with a plain operator (§5.3).
func TestKeyTypes(t *testing.T) {
	st := func(conds ...*mCond) *mStmt { return &mStmt{C: conds} }
	kt := keyTypes([]*mStmt{
		st(&mCond{O: "n>", K: "s3:max-keys"}, &mCond{O: "s", K: "ec2:resourcetag/env"}),
		st(&mCond{O: "s", K: "x:list", Q: "any"}, &mCond{O: "s", K: "x:mixed", Q: "all"}, &mCond{O: "sl", K: "x:mixed"}),
		st(&mCond{O: "d<", K: "x:when"}, &mCond{O: "n<", K: "x:when"}, &mCond{O: "null", K: "x:null-only"}),
		st(&mCond{O: "s", K: "aws:sourceip"}, &mCond{O: "s", K: "aws:tagkeys", Q: "any"}),
	})
	assert.Equal(t, "n", kt["s3:max-keys"])
	assert.Equal(t, "s", kt["ec2:resourcetag/env"])
	assert.Equal(t, "s*", kt["x:list"])
	assert.Equal(t, "s", kt["x:mixed"])
	assert.Equal(t, "d,n", kt["x:when"])
	assert.NotContains(t, kt, "x:null-only")
	assert.Equal(t, "ip", kt["aws:sourceip"], "a documented type wins over the operator")
	assert.Equal(t, "s*", kt["aws:tagkeys"])
}
