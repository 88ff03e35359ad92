package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/analysis"
)

// openProject loads PATH for the analysis commands: a project directory
// (compiled in memory, its warnings printed), a bundle or an unpacked
// bundle.
// openWithContext reads --context, then opens the project or bundle the
// question is about: a mistaken flag is reported before any loading.
func openWithContext(ctx context.Context, s *streams, path string, kvs []string) (*analysis.Project, map[string]any, error) {
	base, err := parseContext(kvs)
	if err != nil {
		return nil, nil, err
	}
	proj, err := openProject(ctx, s, path)
	return proj, base, err
}

func openProject(ctx context.Context, s *streams, path string) (*analysis.Project, error) {
	p, diags, err := analysis.Open(ctx, path)
	return opened(ctx, s, path, p, diags, err)
}

// opened reports what opening a project gave: its diagnostics, or why it
// could not be opened.
func opened(ctx context.Context, s *streams, path string, p *analysis.Project, diags hcl.Diagnostics, err error) (*analysis.Project, error) {
	var ce *analysis.CompileError
	if errors.As(err, &ce) {
		if perr := printDiagnostics(s.err, path, ce.Project, ce.Diagnostics); perr != nil {
			return nil, perr
		}
		return nil, &exitError{code: exitInvalid, err: err}
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		return nil, &exitError{code: exitInvalid, err: err}
	}
	if err := printDiagnostics(s.err, path, p.Source, diags); err != nil {
		return nil, err
	}
	return p, nil
}

// parseContext reads --context key=value flags (a JSON list for several
// values).
func parseContext(kvs []string) (map[string]any, error) {
	if len(kvs) == 0 {
		return nil, nil
	}
	out := map[string]any{}
	for _, kv := range kvs {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, usageError{fmt.Errorf("--context takes key=value, not %q", kv)}
		}
		out[k] = contextValue(v)
	}
	return out, nil
}

// resolvePrincipal turns user.x, role.x, account.x or an ARN into the ARN
// of a principal of the project.
func resolvePrincipal(p *analysis.Project, ref string) (string, error) {
	arn, err := p.Engine.Resolve(ref)
	if err != nil {
		return "", usageError{err}
	}
	if p.Model.Principals[arn] == nil && p.Model.Roles[arn] == nil {
		return "", usageError{fmt.Errorf("%s: no user, root user or role of this project", ref)}
	}
	return arn, nil
}

// writeGraph renders a graph in one of the graph formats.
func writeGraph(ctx context.Context, w io.Writer, g *analysis.Graph, format string) error {
	switch format {
	case "dot":
		return g.WriteDot(w)
	case "mermaid":
		return g.WriteMermaid(w)
	case "svg":
		err := g.WriteSVG(ctx, w)
		var dm *analysis.DotMissingError
		if errors.As(err, &dm) {
			return &exitError{code: exitInvalid, err: err}
		}
		return err
	}
	return usageError{fmt.Errorf("unknown graph format %q", format)}
}

// checkFormat refuses a --format outside the list.
func checkFormat(format string, allowed ...string) error {
	for _, f := range allowed {
		if f == format {
			return nil
		}
	}
	return usageError{fmt.Errorf("--format is %s, not %q", strings.Join(allowed, ", "), format)}
}

// pathArg is the optional last argument: the project or bundle, default ".".
func pathArg(args []string, i int) string {
	if len(args) > i {
		return args[i]
	}
	return "."
}
