package compiler

import (
	"context"
	"io/fs"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/schema"
)

// Build loads the project in dir and compiles it. The project is returned
// even when it does not compile, so that diagnostics can be rendered with
// its sources.
func Build(dir string) (*Output, *schema.Project, hcl.Diagnostics) {
	return build(context.Background(), dir)
}

func build(ctx context.Context, dir string) (*Output, *schema.Project, hcl.Diagnostics) {
	stage(ctx, StageLoad)
	p, diags := schema.Load(dir)
	return compileLoaded(ctx, p, diags)
}

// BuildFS is Build over a file system.
func BuildFS(fsys fs.FS) (*Output, *schema.Project, hcl.Diagnostics) {
	p, diags := schema.LoadFS(fsys)
	return compileLoaded(context.Background(), p, diags)
}

func compileLoaded(ctx context.Context, p *schema.Project, diags hcl.Diagnostics) (*Output, *schema.Project, hcl.Diagnostics) {
	if p == nil {
		return nil, p, diags
	}
	if diags.HasErrors() {
		// Validate what did decode, so that every mistake is reported in
		// one run.
		stage(ctx, StageValidate)
		return nil, p, append(diags, validate(p)...)
	}
	out, cdiags := compile(ctx, p)
	return out, p, append(diags, cdiags...)
}

// BuildContext is Build that gives up as soon as ctx is done, with ctx's
// error: a command interrupted by a signal stops at once. The work already
// under way is abandoned; it runs to its end in the background and its
// result is dropped. A progress function given with WithProgress hears
// each stage.
func BuildContext(ctx context.Context, dir string) (*Output, *schema.Project, hcl.Diagnostics, error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, nil, err
	}
	type built struct {
		out   *Output
		proj  *schema.Project
		diags hcl.Diagnostics
	}
	done := make(chan built, 1)
	go func() {
		out, proj, diags := build(ctx, dir)
		done <- built{out, proj, diags}
	}()
	select {
	case b := <-done:
		return b.out, b.proj, b.diags, nil
	case <-ctx.Done():
		return nil, nil, nil, ctx.Err()
	}
}
