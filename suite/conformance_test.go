package suite

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestConformance runs the conformance suite: testdata/conformance/<group>/
// <scenario>/ are projects whose tests state the decision AWS IAM makes, each
// citing its source in doc. The expectations come from docs/semantics.md and
// the AWS documentation, not from iamc.
func TestConformance(t *testing.T) {
	root := "../testdata/conformance"
	var dirs []string
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if m, _ := filepath.Glob(filepath.Join(p, "*_test.hcl")); len(m) > 0 {
				dirs = append(dirs, p)
			}
		}
		return nil
	})
	require.NoError(t, err)
	sort.Strings(dirs)
	total := 0
	for _, dir := range dirs {
		name := strings.TrimPrefix(dir, root+"/")
		t.Run(name, func(t *testing.T) {
			results := runDir(t, dir)
			for _, r := range results {
				total++
				if r.Test.Doc == "" {
					t.Errorf("%s: %s has no doc citing its source", r.Test.DeclRange, r.Test.Name)
				}
				if !r.Passed {
					t.Errorf("%s: %s: %s\n    doc: %s\n    decision: %s %v layers=%+v errors=%v",
						r.Test.DeclRange, r.Test.Name, strings.Join(r.Failures, "; "), r.Test.Doc,
						r.Decision.Decision, r.Decision.Reasons, r.Decision.Layers, r.Decision.Errors)
				}
			}
		})
	}
	t.Logf("%d conformance cases in %d scenarios", total, len(dirs))
}
