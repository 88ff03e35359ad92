package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/iamc/iamc/compiler"
)

type buildParams struct {
	dir    string
	output string
	quiet  bool
}

func newBuildCmd(s *streams) *cobra.Command {
	p := &buildParams{}
	cmd := &cobra.Command{
		Use:   "build [DIR]",
		Short: "Compile a project directory into an OPA bundle",
		Long: `Build compiles every *.hcl file of DIR (default: the current directory) into
an OPA bundle: the Rego evaluation core, a module generated for the project and
data.json holding the indexed policies, with a .manifest whose revision is a
hash of the content and whose roots are ["iamc"].

The same input always gives the same bytes. The bundle is written atomically:
when the project has errors, they are printed (file:line:col) and no file is
written. *_test.hcl and *_test.rego files are never packed.`,
		Example: `  iamc build examples/coffee-shop -o coffee.tar.gz
  iamc build -o /srv/bundles/iam.tar.gz`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p.dir = "."
			if len(args) == 1 {
				p.dir = args[0]
			}
			return runBuild(s, p)
		},
	}
	cmd.Flags().StringVarP(&p.output, "output", "o", "bundle.tar.gz", "the bundle file to write")
	cmd.Flags().BoolVarP(&p.quiet, "quiet", "q", false, "print nothing on success")
	return cmd
}

func runBuild(s *streams, p *buildParams) error {
	out, proj, diags := compiler.Build(p.dir)
	if err := printDiagnostics(s.err, p.dir, proj, diags); err != nil {
		return err
	}
	if err := compiler.WriteFileAtomic(p.output, func(w io.Writer) error { return out.WriteBundle(w) }); err != nil {
		return &exitError{code: exitFailures, err: fmt.Errorf("write %s: %w", p.output, err)}
	}
	if !p.quiet {
		size := int64(0)
		if st, err := os.Stat(p.output); err == nil {
			size = st.Size()
		}
		fmt.Fprintf(s.err, "built %s: %d statements, %d users, %d roles, revision %.12s, %s\n",
			p.output, len(out.Statements), len(proj.Users), len(proj.Roles), out.Revision, humanSize(size))
	}
	return nil
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
