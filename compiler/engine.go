package compiler

import (
	"context"
	"fmt"
	"io/fs"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/rego"
	"github.com/iamc/iamc/schema"
)

// Engine compiles the project in fsys (its root is the project directory)
// and loads the bundle into an engine, in process: iamc build and
// rego.Load without a file between them. The options are rego.Load's.
//
// For a directory on disk, os.DirFS(dir) reads it; the FS of an os.Root
// (os.OpenRoot(dir)) reads it as iamc build does, refusing a symbolic
// link that leads out of it. A project that does not compile is a
// *ProjectError, which lists every error with its file:line:col; warnings
// are not errors (iamc check reports them).
func Engine(ctx context.Context, fsys fs.FS, opts ...rego.Option) (*rego.Engine, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out, proj, diags := BuildFS(fsys)
	if out == nil || diags.HasErrors() {
		return nil, &ProjectError{Project: proj, Diagnostics: diags}
	}
	b, err := out.BundleBytes()
	if err != nil {
		return nil, err
	}
	return rego.Load(ctx, rego.FromBytes(b), opts...)
}

// ProjectError is the error of a project that does not compile.
type ProjectError struct {
	// Project is what could be decoded, with its sources (for
	// schema.DiagWriter); nil when the files could not be read.
	Project *schema.Project
	// Diagnostics holds every error, and the warnings.
	Diagnostics hcl.Diagnostics
}

// Error names the first error, file:line:col first, and how many more
// there are.
func (e *ProjectError) Error() string {
	var errs hcl.Diagnostics
	for _, d := range schema.SortDiagnostics(e.Diagnostics) {
		if d.Severity == hcl.DiagError {
			errs = append(errs, d)
		}
	}
	if len(errs) == 0 {
		return "the project does not compile"
	}
	first, _, _ := strings.Cut(schema.DiagWriter{}.Format(errs[0]), "\n")
	switch len(errs) {
	case 1:
		return "the project does not compile: " + first
	case 2:
		return fmt.Sprintf("the project does not compile: %s (and 1 more error)", first)
	}
	return fmt.Sprintf("the project does not compile: %s (and %d more errors)", first, len(errs)-1)
}
