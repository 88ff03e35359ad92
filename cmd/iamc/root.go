package main

import (
	"errors"
	"io"
	"strings"

	"github.com/spf13/cobra"
)

// usageError marks a mistake on the command line.
type usageError struct{ error }

func isUsageError(err error) bool {
	var u usageError
	if errors.As(err, &u) {
		return true
	}
	// cobra's own flag and argument errors
	msg := err.Error()
	for _, p := range []string{"unknown flag", "unknown shorthand", "unknown command", "flag needs an argument", "invalid argument", "accepts ", "requires at least", "required flag"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}

type streams struct {
	in       io.Reader
	out, err io.Writer
}

func newRootCmd(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	s := &streams{in: stdin, out: stdout, err: stderr}
	root := &cobra.Command{
		Use:   "iamc",
		Short: "Compile AWS IAM policies written in HCL into OPA bundles, and decide with them",
		Long: `iamc is a policy-as-code compiler for AWS-IAM-style access control.

Describe identities (users, groups, roles, accounts, an organization with units
and SCPs) and policies in HCL; iamc compiles them into an OPA bundle whose
decisions follow AWS IAM evaluation logic, and explains every decision.`,
		Example: `  iamc build examples/coffee-shop -o coffee.tar.gz
  iamc test examples/coffee-shop --coverage
  iamc eval examples/coffee-shop --principal user.employee --assume role.Cashier --mfa \
      --action register:Sell --resource arn:aws:register:::till/1`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       versionText(),
	}
	root.SetVersionTemplate("{{.Version}}")
	root.AddCommand(newVersionCmd(s))
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(newBuildCmd(s), newEvalCmd(s), newTestCmd(s), newCheckCmd(s), newFmtCmd(s), newServeCmd(s), newImportCmd(s))
	root.AddCommand(newWhoCanCmd(s), newCanCmd(s), newDiffCmd(s), newPathsCmd(s), newGraphCmd(s))
	return root
}
