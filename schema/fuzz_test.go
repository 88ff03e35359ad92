package schema_test

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/schema"
)

// seedFiles returns the contents of the repository's files matching the
// patterns, as seeds for the fuzzers.
func seedFiles(f *testing.F, patterns ...string) [][]byte {
	f.Helper()
	var out [][]byte
	for _, p := range patterns {
		m, err := filepath.Glob(p)
		if err != nil {
			f.Fatal(err)
		}
		for _, name := range m {
			b, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			out = append(out, b)
		}
	}
	if len(out) == 0 {
		f.Fatalf("no seed files match %v", patterns)
	}
	return out
}

// checkDiagnostics fails on a diagnostic that a user could not act on: every
// one has a code and names a file, line and column inside the input.
func checkDiagnostics(t *testing.T, diags hcl.Diagnostics, files ...string) {
	t.Helper()
	for _, d := range diags {
		if d.Summary == "" {
			t.Errorf("diagnostic without a summary: %#v", d)
		}
		if schema.CodeOf(d) == "" {
			t.Errorf("diagnostic without a code: %s", d.Error())
		}
		if d.Subject == nil {
			t.Errorf("diagnostic without a position: %s", d.Error())
			continue
		}
		known := false
		for _, f := range files {
			known = known || d.Subject.Filename == f
		}
		if !known || d.Subject.Start.Line < 1 || d.Subject.Start.Column < 1 {
			t.Errorf("diagnostic at a position outside the input: %s", d.Error())
		}
	}
}

// FuzzParsePolicyJSON: the JSON policy parser never panics, reports every
// mistake at a position in the document, and accepts only statements with
// a valid effect.
func FuzzParsePolicyJSON(f *testing.F) {
	for _, b := range seedFiles(f, "../examples/*/*.json", "../testdata/*/*/*.json", "../testdata/check/*/*/*.json") {
		f.Add(b)
	}
	f.Add([]byte(`{"Version":"2012-10-17","Statement":{"Effect":"Deny","NotAction":["iam:*"],"NotResource":"*","Condition":{"ForAnyValue:StringLike":{"aws:TagKeys":["a*",1,true]}}}}`))
	f.Add([]byte(`{"Statement":[{"Effect":"Allow","Principal":{"AWS":["*"],"Service":"s3.amazonaws.com"},"Action":"s3:*","Resource":"*"}]}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, diags := schema.ParsePolicyJSON("p.json", src)
		checkDiagnostics(t, diags, "p.json")
		if diags.HasErrors() {
			return
		}
		if doc == nil {
			t.Fatal("no document and no error")
		}
		for _, st := range doc.Statements {
			if st.Effect != schema.Allow && st.Effect != schema.Deny {
				t.Fatalf("accepted effect %q", st.Effect)
			}
		}
	})
}

// FuzzLoad: the HCL decoder never panics or hangs on any file, and every
// diagnostic points into it.
func FuzzLoad(f *testing.F) {
	for _, b := range seedFiles(f, "../examples/*/*.hcl", "../testdata/*/*/*.hcl", "../testdata/check/*/*/*.hcl") {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		fs := fstest.MapFS{"main.hcl": {Data: src}}
		p, diags := schema.LoadFS(fs)
		checkDiagnostics(t, diags, "main.hcl")
		if p == nil && !diags.HasErrors() {
			t.Fatal("no project and no error")
		}
	})
}
