package main

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/iamc/iamc/analysis"
)

type graphParams struct {
	path, format, action, resource string
	escalations                    bool
	context                        []string
}

func newGraphCmd(s *streams) *cobra.Command {
	p := &graphParams{}
	cmd := &cobra.Command{
		Use:   "graph [DIR|BUNDLE]",
		Short: "Draw principals, groups, roles and who can assume what",
		Long: `Graph draws the project: users, groups and roles, clustered by account, who is
in which group, and who can assume which role (each edge an sts:AssumeRole
the engine allows, labelled with the MFA or context it needs); principals
outside the project that a trust policy names. --escalations adds the
escalation edges of iamc paths and marks the administrators; --action and
--resource add who reaches that resource (as iamc who-can).

Formats: dot (Graphviz), mermaid (renders in GitHub Markdown), svg (rendered
by Graphviz's dot, which must be installed: apt-get install graphviz).`,
		Example: `  iamc graph examples/coffee-shop > coffee.dot
  iamc graph examples/coffee-shop --format svg > coffee.svg
  iamc graph testdata/analysis/escalation --escalations --format mermaid
  iamc graph examples/coffee-shop --action register:Sell --resource arn:aws:register:::till/1`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p.path = pathArg(args, 0)
			return runGraph(cmd.Context(), s, p)
		},
	}
	f := cmd.Flags()
	f.StringVar(&p.format, "format", "dot", "output format: dot, mermaid or svg")
	f.BoolVar(&p.escalations, "escalations", false, "add the escalation edges and mark the administrators")
	f.StringVar(&p.action, "action", "", "with --resource: add who may perform this action on it")
	f.StringVar(&p.resource, "resource", "", "with --action: the resource")
	f.StringArrayVar(&p.context, "context", nil, "a condition key and value of the requests, key=value; repeat")
	return cmd
}

func runGraph(ctx context.Context, s *streams, p *graphParams) error {
	if err := checkFormat(p.format, "dot", "mermaid", "svg"); err != nil {
		return err
	}
	if (p.action == "") != (p.resource == "") {
		return usageError{errString("give --action and --resource together")}
	}
	proj, base, err := openWithContext(ctx, s, p.path, p.context)
	if err != nil {
		return err
	}
	opt := analysis.GraphOptions{Escalations: p.escalations, Context: base}
	if p.action != "" {
		if opt.WhoCan, err = proj.WhoCan(ctx, p.action, p.resource, base); err != nil {
			return err
		}
	}
	g, err := proj.Graph(ctx, opt)
	if err != nil {
		return err
	}
	return writeGraph(ctx, s.out, g, p.format)
}

type errString string

func (e errString) Error() string { return string(e) }
