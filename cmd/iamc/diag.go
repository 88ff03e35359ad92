package main

import (
	"fmt"
	"io"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/schema"
)

// printDiagnostics renders diagnostics with their source lines. It returns an
// exit error when any of them is an error.
func printDiagnostics(w io.Writer, dir string, p *schema.Project, diags hcl.Diagnostics) error {
	if len(diags) == 0 {
		return nil
	}
	dw := schema.DiagWriter{Prefix: dir}
	if p != nil {
		dw.Sources = p.Sources
	}
	_ = dw.Write(w, diags)
	if diags.HasErrors() {
		n := 0
		for _, d := range diags {
			if d.Severity == hcl.DiagError {
				n++
			}
		}
		s := "s"
		if n == 1 {
			s = ""
		}
		return &exitError{code: exitInvalid, err: fmt.Errorf("%s: %d error%s", dir, n, s)}
	}
	return nil
}
