package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iamc/iamc/check"
)

type checkParams struct {
	dir    string
	format string
	failOn string
}

func newCheckCmd(s *streams) *cobra.Command {
	p := &checkParams{}
	cmd := &cobra.Command{
		Use:   "check [DIR]",
		Short: "Find mistakes in a project's policies without building a bundle",
		Long: `Check compiles the project in DIR (default: the current directory) without
writing anything, and reports findings: what makes a policy invalid, what
makes it dangerous, and what makes it untidy. Each finding has a severity
(error, security_warning, warning, suggestion — the levels of IAM Access
Analyzer), a stable code, the file:line:col it is about and a one-line hint.

Every policy is also checked against the AWS service catalog iamc embeds:
unknown services, actions and condition keys (with suggestions), wildcards
that match nothing, operators of the wrong type for their key, resources
of no action's type. Findings on the AWS managed policies the project
attaches are listed apart, one line per policy: AWS owns them, so they are
never counted.

A finding is excused next to the code it is about, with the reason:
suppress = { CODE = "reason" } on its statement, policy, user, role or
resource block, or for the whole project in a check { suppress = { … } }
block. A suppression that excuses nothing is reported.

Formats: pretty (for people), json, and sarif (SARIF 2.1.0, which
code-scanning services show inline on pull requests).

Exit status: 0 when no finding is at or above --fail-on, 1 when one is,
2 when the project does not compile (its errors are reported as findings too).`,
		Example: `  iamc check examples/coffee-shop
  iamc check --fail-on security_warning
  iamc check policies/ --format sarif > iamc.sarif
  iamc check --format json | jq '.findings[] | select(.severity == "error")'`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p.dir = "."
			if len(args) == 1 {
				p.dir = args[0]
			}
			return runCheck(cmd.Context(), s, p)
		},
	}
	f := cmd.Flags()
	f.StringVar(&p.format, "format", "pretty", "output format: "+strings.Join(check.Names(), ", "))
	f.StringVar(&p.failOn, "fail-on", "error", "exit 1 on findings at or above: error, security_warning, warning, suggestion, or none")
	return cmd
}

func runCheck(ctx context.Context, s *streams, p *checkParams) error {
	out, err := check.Get(p.format, check.Options{})
	if err != nil {
		return usageError{fmt.Errorf("--format: %w", err)}
	}
	threshold := check.Severity(0)
	if p.failOn != "none" {
		if threshold, err = check.ParseSeverity(p.failOn); err != nil {
			return usageError{fmt.Errorf("--fail-on: %w", err)}
		}
	}
	r, err := check.RunContext(ctx, p.dir)
	if err != nil {
		return err
	}
	if err := out.Write(s.out, r); err != nil {
		return err
	}
	switch {
	case !r.Compiles:
		return &exitError{code: exitInvalid}
	case threshold > 0 && r.AtLeast(threshold) > 0:
		return &exitError{code: exitFailures}
	}
	return nil
}
