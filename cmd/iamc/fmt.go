package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/iamc/iamc/format"
	"github.com/iamc/iamc/schema"
)

type fmtParams struct {
	path  string
	check bool
	diff  bool
}

func newFmtCmd(s *streams) *cobra.Command {
	p := &fmtParams{}
	cmd := &cobra.Command{
		Use:   "fmt [DIR]",
		Short: "Format a project's HCL files canonically",
		Long: `Fmt rewrites every *.hcl file of DIR (default: the current directory; or a
single file) in the canonical style: consistent indentation and spacing, and
the equals signs of consecutive attributes aligned, as terraform fmt does.
It changes whitespace only, never meaning, and leaves JSON policy documents
alone. Files are replaced atomically; it prints the name of each file it
changed.

--check changes nothing: it lists the files that would change and exits 1
when there are any (for CI). --diff prints what changes, as a unified diff.
A file that does not parse is reported (file:line:col) and nothing is
written; the exit status is then 2.`,
		Example: `  iamc fmt
  iamc fmt examples/coffee-shop --diff
  iamc fmt --check policies/     # in CI: fail when a file is not formatted`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p.path = "."
			if len(args) == 1 {
				p.path = args[0]
			}
			return runFmt(cmd.Context(), s, p)
		},
	}
	cmd.Flags().BoolVar(&p.check, "check", false, "change nothing; list the files that would change and exit 1 if any")
	cmd.Flags().BoolVar(&p.diff, "diff", false, "print the changes as a unified diff")
	return cmd
}

func runFmt(ctx context.Context, s *streams, p *fmtParams) error {
	files, sources, diags := format.Project(p.path)
	if diags.HasErrors() {
		_ = schema.DiagWriter{Sources: sources}.Write(s.err, diags)
		return &exitError{code: exitInvalid, err: fmt.Errorf("%s: nothing formatted", p.path)}
	}
	changed := 0
	for _, f := range files {
		if !f.Changed {
			continue
		}
		changed++
		if p.diff {
			fmt.Fprint(s.out, format.Diff(f.Path, f.Before, f.After))
		} else {
			fmt.Fprintln(s.out, f.Path)
		}
		if p.check {
			continue
		}
		// Each file is replaced atomically; a signal stops between two.
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := f.Write(); err != nil {
			return &exitError{code: exitFailures, err: fmt.Errorf("write %s: %w", f.Path, err)}
		}
	}
	if p.check && changed > 0 {
		return &exitError{code: exitFailures, err: fmt.Errorf("%d file(s) not formatted; run iamc fmt %s", changed, p.path)}
	}
	return nil
}
