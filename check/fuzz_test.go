package check_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/iamc/iamc/check"
)

// FuzzCheck: the analyses cope with any project, including one that did
// not compile, and every format renders the report.
func FuzzCheck(f *testing.F) {
	m, err := filepath.Glob("../testdata/check/*/*/main.hcl")
	if err != nil || len(m) == 0 {
		f.Fatal("no seeds", err)
	}
	for _, name := range m {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		r := check.RunFS(fstest.MapFS{"main.hcl": {Data: src}})
		for _, fd := range r.Findings {
			if _, ok := check.RuleFor(fd.Code); !ok {
				t.Fatalf("finding with an unknown code %q", fd.Code)
			}
			if fd.Severity < check.Suggestion || fd.Severity > check.Error {
				t.Fatalf("finding with severity %d", fd.Severity)
			}
		}
		for _, name := range check.Names() {
			out, err := check.Get(name, check.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := out.Write(&b, r); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
	})
}
