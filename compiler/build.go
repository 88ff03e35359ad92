package compiler

import (
	"io/fs"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/schema"
)

// Build loads the project in dir and compiles it. The project is returned
// even when it does not compile, so that diagnostics can be rendered with
// its sources.
func Build(dir string) (*Output, *schema.Project, hcl.Diagnostics) {
	p, diags := schema.Load(dir)
	return compileLoaded(p, diags)
}

// BuildFS is Build over a file system.
func BuildFS(fsys fs.FS) (*Output, *schema.Project, hcl.Diagnostics) {
	p, diags := schema.LoadFS(fsys)
	return compileLoaded(p, diags)
}

func compileLoaded(p *schema.Project, diags hcl.Diagnostics) (*Output, *schema.Project, hcl.Diagnostics) {
	if p == nil {
		return nil, p, diags
	}
	if diags.HasErrors() {
		// Validate what did decode, so that every mistake is reported in
		// one run.
		return nil, p, append(diags, validate(p)...)
	}
	out, cdiags := Compile(p)
	return out, p, append(diags, cdiags...)
}
