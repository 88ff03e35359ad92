package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/iamc/iamc/importer"
)

type importParams struct {
	opts  importer.Options
	quiet bool
}

func newImportCmd(s *streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import",
		Short: "Write an iamc project from what a cloud exports",
		Long: `Import writes an iamc project from the configuration a cloud exports, so
that a team starts from the accounts it has. See iamc import aws.`,
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(newImportAWSCmd(s))
	return cmd
}

func newImportAWSCmd(s *streams) *cobra.Command {
	p := &importParams{}
	cmd := &cobra.Command{
		Use:   "aws AUTHZ.json... [--org DIR] -o DIR",
		Short: "Write a project from get-account-authorization-details and the Organizations listings",
		Long: `Import aws writes an iamc project from the output of
aws iam get-account-authorization-details for each account (the AWS CLI's
form, or the API's with URL-encoded policy documents; one file per account,
or several pages of one), and optionally the AWS Organizations listings in
a directory (--org; docs/import.md lists the commands and file names).

The project is formatted as iamc fmt formats it, with references wherever
the target is in the project, labels derived from names, AWS managed
policies by ARN, and policy documents as statement blocks wherever iamc
reads them as exactly the JSON (--documents json keeps every document as a
JSON file). It prints what it imported, what it skipped and why, and what
the export cannot say (resource-based policies are not in it).

Into a directory that holds an earlier import, it shows what would change,
as a unified diff, and exits 1 without writing; --force writes. It never
replaces or deletes a file it did not write (the directory's
.iamc-import.json lists those). An input that is not such an export is
reported at its file, JSON path and line:column, and nothing is written:
the exit status is then 2.`,
		Example: `  aws iam get-account-authorization-details > authz-111122223333.json
  iamc import aws authz-111122223333.json -o acme
  iamc build acme -o acme.tar.gz

  iamc import aws authz/*.json --org org/ -o acme          # an organization
  iamc import aws authz/*.json --org org/ -o acme --force  # after the diff`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p.opts.Authz = args
			return runImport(cmd.Context(), s, p)
		},
	}
	f := cmd.Flags()
	f.StringVar(&p.opts.OrgDir, "org", "", "directory of AWS Organizations listings (see docs/import.md)")
	f.StringVarP(&p.opts.Dir, "output", "o", "", "the project directory to write (required)")
	f.StringVar(&p.opts.Documents, "documents", importer.DocumentsHCL, "policy documents as hcl (statement blocks where exact, else JSON files) or json (all JSON files)")
	f.StringVar(&p.opts.Split, "split", "", "kind: one file per kind; account: a directory per account (default: kind for one account, account for several)")
	f.BoolVar(&p.opts.Force, "force", false, "replace the files of an earlier import that this one changes")
	f.BoolVarP(&p.quiet, "quiet", "q", false, "print only errors and the diff")
	_ = cmd.MarkFlagRequired("output")
	return cmd
}

func runImport(ctx context.Context, s *streams, p *importParams) error {
	if p.opts.Documents != importer.DocumentsHCL && p.opts.Documents != importer.DocumentsJSON {
		return usageError{fmt.Errorf("--documents must be hcl or json, not %q", p.opts.Documents)}
	}
	if p.opts.Split != "" && p.opts.Split != importer.SplitKind && p.opts.Split != importer.SplitAccount {
		return usageError{fmt.Errorf("--split must be kind or account, not %q", p.opts.Split)}
	}
	if isTerminal(s.err) && !p.quiet {
		p.opts.Progress = progressPrinter(s.err)
	}
	report, err := importer.Import(ctx, p.opts)
	if p.opts.Progress != nil {
		fmt.Fprint(s.err, "\r\033[K")
	}
	var inputErrs importer.InputErrors
	var conflict *importer.ConflictError
	switch {
	case errors.As(err, &inputErrs):
		for _, e := range inputErrs {
			fmt.Fprintf(s.err, "%s\n", e)
		}
		return &exitError{code: exitInvalid, err: fmt.Errorf("%d problem(s) in the input; nothing written", len(inputErrs))}
	case errors.As(err, &conflict):
		return &exitError{code: exitInvalid, err: conflict}
	case err != nil:
		if ctx.Err() != nil {
			return err
		}
		return &exitError{code: exitFailures, err: err}
	}
	if report.Pending {
		fmt.Fprint(s.out, report.Diff)
		return &exitError{code: exitFailures, err: fmt.Errorf("%s holds an earlier import and %s would change; nothing written: review the diff and rerun with --force",
			p.opts.Dir, countFiles(len(report.Created)+len(report.Updated)+len(report.Deleted)))}
	}
	if !p.quiet {
		printImportSummary(s.out, p.opts.Dir, report)
	}
	return nil
}

func countFiles(n int) string {
	if n == 1 {
		return "1 file"
	}
	return fmt.Sprintf("%d files", n)
}

// printImportSummary says what was imported, written, skipped and left
// unsaid.
func printImportSummary(w io.Writer, dir string, r *importer.Report) {
	s := r.Summary
	if o := s.Organization; o != nil {
		fmt.Fprintf(w, "organization %s: %d units, %d accounts, %d SCPs, %d RCPs\n", o.ID, o.Units, o.Accounts, o.SCPs, o.RCPs)
	}
	for _, a := range s.Accounts {
		if !a.HasIAM {
			fmt.Fprintf(w, "account %s (%s): no authorization details\n", a.Label, a.ID)
			continue
		}
		fmt.Fprintf(w, "account %s (%s): %s, %s, %s (%d service-linked), %s, %s\n", a.Label, a.ID,
			plural(a.Users, "user"), plural(a.Groups, "group"), plural(a.Roles, "role"), a.ServiceLinked,
			plural(a.Policies, "customer managed policy"), plural(a.Inline, "inline policy"))
	}
	fmt.Fprintf(w, "AWS managed policies attached: %d (by ARN; %d with the account's own version)\n", s.AWSManaged, s.AWSSupplied)
	fmt.Fprintf(w, "policy documents: %d as statement blocks, %d as JSON files\n", s.HCLDocuments, s.JSONDocuments)
	fmt.Fprintf(w, "%s: %d created, %d updated, %d deleted, %d unchanged\n", dir, len(r.Created), len(r.Updated), len(r.Deleted), len(r.Unchanged))
	for _, k := range r.Kept {
		fmt.Fprintf(w, "  kept %s: no longer imported, but changed since the last import\n", k)
	}
	if len(s.Skipped) > 0 {
		fmt.Fprintf(w, "skipped (%d):\n", len(s.Skipped))
		for _, sk := range s.Skipped {
			fmt.Fprintf(w, "  %s: %s\n", sk.What, sk.Why)
		}
	}
	if len(s.Notes) > 0 {
		fmt.Fprintln(w, "not in the export:")
		for _, n := range s.Notes {
			fmt.Fprintf(w, "  - %s\n", n)
		}
	}
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	switch {
	case strings.HasSuffix(noun, "policy"):
		noun = strings.TrimSuffix(noun, "y") + "ies"
	default:
		noun += "s"
	}
	return fmt.Sprintf("%d %s", n, noun)
}

// isTerminal reports whether w is a terminal, where progress is shown.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// progressPrinter rewrites one status line.
func progressPrinter(w io.Writer) func(importer.Progress) {
	return func(p importer.Progress) {
		if p.Total > 1 {
			fmt.Fprintf(w, "\r\033[Kimport: %s %d/%d", p.Stage, p.Done, p.Total)
		} else {
			fmt.Fprintf(w, "\r\033[Kimport: %s", p.Stage)
		}
	}
}
