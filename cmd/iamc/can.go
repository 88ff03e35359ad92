package main

import (
	"context"
	"errors"

	"github.com/spf13/cobra"

	"github.com/iamc/iamc/analysis"
	"github.com/iamc/iamc/internal/output"
)

type canParams struct {
	principal, path, format        string
	assume, service, resource, lvl string
	mfa                            bool
	context                        []string
}

func newCanCmd(s *streams) *cobra.Command {
	p := &canParams{}
	cmd := &cobra.Command{
		Use:   "can PRINCIPAL [DIR|BUNDLE]",
		Short: "List every action a principal may perform, and on what",
		Long: `Can lists every action PRINCIPAL (user.<name>, role.<name> for its sessions,
account.<name> for the root user, or an ARN) may perform: the AWS service
catalog expands wildcards to real actions, service blocks give a project's own
services; actions that the statements cannot tell apart are grouped. Each
group comes with the resource patterns it is allowed on (and the resource the
engine was asked about, an instance of the pattern), the statements that
allowed it and the conditions they depend on (MFA, context values).

--assume role.<name> asks about the session PRINCIPAL gets by assuming the
role (the assumption itself must be allowed). --service, --access-level and
--resource narrow the question.`,
		Example: `  iamc can user.employee examples/coffee-shop
  iamc can user.employee --assume role.Cashier --mfa examples/coffee-shop
  iamc can role.Deployer bundle.tar.gz --service s3 --access-level write
  iamc can user.owner examples/coffee-shop --resource arn:aws:register:::till/1 --format json`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			p.principal, p.path = args[0], pathArg(args, 1)
			return runCan(cmd.Context(), s, p)
		},
	}
	f := cmd.Flags()
	f.StringVar(&p.assume, "assume", "", "ask about the session of this role, assumed by PRINCIPAL (role.<name> or ARN)")
	f.BoolVar(&p.mfa, "mfa", false, "the principal signs in with MFA")
	f.StringVar(&p.service, "service", "", "only the actions of this service prefix (s3)")
	f.StringVar(&p.lvl, "access-level", "", "only the actions of this access level: list, read, write, tagging, permissions-management")
	f.StringVar(&p.resource, "resource", "", "only this resource (an ARN, or *)")
	f.StringArrayVar(&p.context, "context", nil, "a condition key and value of the requests, key=value; repeat")
	f.StringVar(&p.format, "format", "pretty", "output format: pretty or json")
	return cmd
}

func runCan(ctx context.Context, s *streams, p *canParams) error {
	if err := checkFormat(p.format, "pretty", "json"); err != nil {
		return err
	}
	proj, base, err := openWithContext(ctx, s, p.path, p.context)
	if err != nil {
		return err
	}
	q := analysis.CanQuery{MFA: p.mfa, Service: p.service, AccessLevel: p.lvl, Resource: p.resource, Context: base}
	if q.Principal, err = resolvePrincipal(proj, p.principal); err != nil {
		return err
	}
	if p.assume != "" {
		if q.Assume, err = resolvePrincipal(proj, p.assume); err != nil {
			return err
		}
	}
	res, err := proj.Can(ctx, q)
	var cannot *analysis.CannotAssumeError
	if errors.As(err, &cannot) {
		return &exitError{code: exitFailures, err: err}
	}
	if err != nil {
		return err
	}
	if p.format == "json" {
		return output.WriteJSON(s.out, res)
	}
	res.WriteText(s.out)
	return nil
}
