package main

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/iamc/iamc/analysis"
	"github.com/iamc/iamc/internal/output"
)

type pathsParams struct {
	from, to, path, format string
	context                []string
}

func newPathsCmd(s *streams) *cobra.Command {
	p := &pathsParams{}
	cmd := &cobra.Command{
		Use:   "paths FROM TO [DIR|BUNDLE]",
		Short: "Show how one principal can become another, or an administrator",
		Long: `Paths shows the ways FROM can act as TO (user.<name>, role.<name>, or an ARN),
or reach administrator access (TO = admin): each step an escalation the engine
allows, with the requests it rests on and the statements that allowed them.

The steps: sts:AssumeRole; iam:PassRole of a role to a service that runs code
(Lambda, EC2, CloudFormation, Glue, ECS, CodeBuild, SageMaker) that the role
trusts, with the actions that start the code; iam:CreateAccessKey,
iam:CreateLoginProfile, iam:UpdateLoginProfile on a user; iam:UpdateAssumeRolePolicy
on a role; and the grants that give a principal any permission:
iam:Attach*Policy and iam:Put*Policy on a user, role or group,
iam:CreatePolicyVersion of a policy attached to it, iam:AddUserToGroup into a
group that makes its members administrators.

Administrator access is the root user's, or the power to give any principal of
the account any permission (docs/analysis.md). Exit status: 0 when a path
exists, 1 when none does.`,
		Example: `  iamc paths user.alice admin testdata/analysis/escalation
  iamc paths user.dave role.Ops testdata/analysis/escalation
  iamc paths user.employee role.Cashier examples/coffee-shop --format json`,
		Args: cobra.RangeArgs(2, 3),
		RunE: func(cmd *cobra.Command, args []string) error {
			p.from, p.to, p.path = args[0], args[1], pathArg(args, 2)
			return runPaths(cmd.Context(), s, p)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&p.context, "context", nil, "a condition key and value of the requests, key=value; repeat")
	f.StringVar(&p.format, "format", "pretty", "output format: pretty or json")
	return cmd
}

func runPaths(ctx context.Context, s *streams, p *pathsParams) error {
	if err := checkFormat(p.format, "pretty", "json"); err != nil {
		return err
	}
	proj, base, err := openWithContext(ctx, s, p.path, p.context)
	if err != nil {
		return err
	}
	from, err := resolvePrincipal(proj, p.from)
	if err != nil {
		return err
	}
	to := analysis.Admin
	if p.to != analysis.Admin {
		if to, err = resolvePrincipal(proj, p.to); err != nil {
			return err
		}
	}
	g, err := proj.Escalations(ctx, []*analysis.Principal{proj.Principal(from)}, base)
	if err != nil {
		return err
	}
	paths := g.Paths(from, to)
	if p.format == "json" {
		if paths == nil {
			paths = []analysis.Path{}
		}
		err = output.WriteJSON(s.out, paths)
	} else {
		analysis.WritePaths(s.out, p.from, p.to, paths)
	}
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return &exitError{code: exitFailures}
	}
	return nil
}
