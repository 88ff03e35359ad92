package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/iamc/iamc/analysis"
	"github.com/iamc/iamc/internal/output"
)

type diffParams struct {
	old, cur, git, format, failOn string
	context                       []string
}

func newDiffCmd(s *streams) *cobra.Command {
	p := &diffParams{}
	cmd := &cobra.Command{
		Use:   "diff OLD NEW | diff --git REV [DIR]",
		Short: "Show the access two revisions of a project grant differently",
		Long: `Diff compares two revisions of a project — two directories, two bundles, or
with --git the project DIR (default .) at a git revision against its working
tree — and lists every request whose decision differs: access gained (denied
before, allowed now) and access lost, each with the statements that decided
on each side.

The requests compared are those the differing statements could decide: for
every principal they touch, the actions their patterns match (the AWS
catalog, the service blocks), on the resources their patterns name and those
of the principal's other statements they cover, with the context values their
conditions test (docs/analysis.md says where this is exhaustive). Both engines
decide every one.

Formats: pretty, markdown (a pull-request comment) and json. --fail-on gained
(or lost, or any) exits 1 when there is such a change, for CI.`,
		Example: `  iamc diff old-policies/ policies/
  iamc diff --git main examples/coffee-shop
  iamc diff --git origin/main policies --format markdown > comment.md
  iamc diff before.tar.gz after.tar.gz --fail-on gained`,
		Args: cobra.RangeArgs(0, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			switch {
			case p.git != "" && len(args) <= 1:
				p.cur = pathArg(args, 0)
			case p.git == "" && len(args) == 2:
				p.old, p.cur = args[0], args[1]
			default:
				return usageError{fmt.Errorf("give OLD and NEW, or --git REV and at most one DIR")}
			}
			return runDiff(cmd.Context(), s, p)
		},
	}
	f := cmd.Flags()
	f.StringVar(&p.git, "git", "", "compare the project DIR at this git revision with its working tree")
	f.StringVar(&p.format, "format", "pretty", "output format: pretty, markdown or json")
	f.StringVar(&p.failOn, "fail-on", "none", "exit 1 on changes: gained, lost, any or none")
	f.StringArrayVar(&p.context, "context", nil, "a condition key and value of every request compared, key=value; repeat")
	return cmd
}

func runDiff(ctx context.Context, s *streams, p *diffParams) error {
	if err := checkFormat(p.format, "pretty", "markdown", "json"); err != nil {
		return err
	}
	if err := checkFormat(p.failOn, "gained", "lost", "any", "none"); err != nil {
		return usageError{fmt.Errorf("--fail-on is gained, lost, any or none, not %q", p.failOn)}
	}
	base, err := parseContext(p.context)
	if err != nil {
		return err
	}
	var old *analysis.Project
	if p.git != "" {
		o, diags, err := analysis.OpenRevision(ctx, p.cur, p.git)
		if old, err = opened(ctx, s, p.git+":"+p.cur, o, diags, err); err != nil {
			return err
		}
	} else if old, err = openProject(ctx, s, p.old); err != nil {
		return err
	}
	cur, err := openProject(ctx, s, p.cur)
	if err != nil {
		return err
	}
	res, err := analysis.Diff(ctx, old, cur, base)
	if err != nil {
		return err
	}
	switch p.format {
	case "json":
		err = output.WriteJSON(s.out, res)
	case "markdown":
		res.WriteMarkdown(s.out)
	default:
		res.WriteText(s.out)
	}
	if err != nil {
		return err
	}
	gained, lost := len(res.Gained) > 0, len(res.Lost) > 0
	if (p.failOn == "gained" && gained) || (p.failOn == "lost" && lost) || (p.failOn == "any" && (gained || lost)) {
		return &exitError{code: exitFailures}
	}
	return nil
}
