package analysis_test

import (
	"context"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/analysis"
	"github.com/iamc/iamc/rego"
)

// pathText writes a path as "from -via-> to, …".
func pathText(p analysis.Path) string {
	steps := make([]string, len(p.Steps))
	for i, e := range p.Steps {
		steps[i] = e.FromRef + " -" + e.Via + "-> " + e.ToRef
	}
	return strings.Join(steps, ", ")
}

// testdata/analysis/escalation: who has administrator access, and who can
// reach it and how, as each principal's policies say (see the comments of
// its main.hcl): the expected paths are the escalations those policies
// were written to allow.
func TestEscalations(t *testing.T) {
	t.Parallel()
	p := open(t, escalation)
	g, err := p.Escalations(context.Background(), nil, nil)
	require.NoError(t, err)

	var admins []string
	for _, n := range g.Nodes {
		if n.Admin {
			admins = append(admins, n.Ref)
		}
	}
	sort.Strings(admins)
	// admin and root_friend (through the admins group) have "*" on "*",
	// as has LambdaAdmin; the root user has everything in its account.
	assert.Equal(t, []string{"account.dev", "role.LambdaAdmin", "user.admin", "user.root_friend"}, admins)

	got := map[string]string{}
	for _, path := range g.Reaching() {
		got[g.Nodes[path.From].Ref] = pathText(path)
	}
	assert.Equal(t, map[string]string{
		"user.alice": "user.alice -create-access-key-> user.admin",
		"user.bob":   "user.bob -pass-role:lambda-> role.LambdaAdmin",
		"user.carol": "user.carol -attach-user-policy-> user.carol",
		"user.dave":  "user.dave -assume-role-> role.Ops, role.Ops -put-role-policy-> role.Ops",
		"user.erin":  "user.erin -update-assume-role-policy-> role.Ops, role.Ops -put-role-policy-> role.Ops",
		"user.frank": "user.frank -add-user-to-group:group.admins-> user.frank",
		"user.heidi": "user.heidi -create-policy-version:policy.heidi-> user.heidi",
		"role.Ops":   "role.Ops -put-role-policy-> role.Ops",
	}, got)
	_, graceReaches := got["user.grace"]
	assert.False(t, graceReaches, "grace only reads")

	// Paths between principals.
	paths := g.Paths("arn:aws:iam::111111111111:user/dave", "arn:aws:iam::111111111111:role/Ops")
	require.Len(t, paths, 1)
	assert.Equal(t, "user.dave -assume-role-> role.Ops", pathText(paths[0]))
	assert.Empty(t, g.Paths("arn:aws:iam::111111111111:user/grace", analysis.Admin))
}

// Every edge of an escalation graph rests on requests Decide allows, and
// every administrator on the requests of administrator access.
func TestEscalationsAgreeWithDecide(t *testing.T) {
	t.Parallel()
	for _, dir := range []string{escalation, coffee, orgDir} {
		p := open(t, dir)
		ctx := context.Background()
		g, err := p.Escalations(ctx, nil, nil)
		require.NoError(t, err)
		// A request is rebuilt from what the answer says of its caller: a
		// service, a role's session, a user with or without MFA.
		check := func(what string, r analysis.Asked, mfa bool) {
			req := rego.Request{Principal: r.Principal, Action: r.Action, Resource: r.Resource, Context: r.Context}
			if role, ok := p.Model.Roles[sessionRoleOf(p, r.Principal)]; ok {
				s := roleSession(role, mfa, timeNow())
				req.Principal, req.Session = s.Principal, s.Session
			} else if mfa {
				req.Session = &rego.Session{Type: "user", MFA: true, IssuedAt: timeNow(), ExpiresAt: timeNow().Add(time.Hour)}
			}
			d, err := p.Engine.Decide(ctx, req)
			require.NoError(t, err)
			assert.True(t, d.Allowed, "%s: %s %s on %s: Decide says %s", what, r.Principal, r.Action, r.Resource, d.Decision)
		}
		for _, e := range g.Edges {
			for _, r := range e.Requests {
				check(e.FromRef+" -"+e.Via+"-> "+e.ToRef, r, e.MFA && !strings.HasSuffix(r.Principal, ".amazonaws.com"))
			}
		}
		for _, n := range g.Nodes {
			for _, r := range n.AdminBy {
				check(n.Ref+" is an administrator", r, false)
			}
		}
	}
}

// sessionRoleOf returns the role of an assumed-role session ARN of the
// analyses, or "".
func sessionRoleOf(p *analysis.Project, principal string) string {
	for arn, r := range p.Model.Roles {
		if principal == "arn:aws:sts::"+r.Account+":assumed-role/"+r.Name+"/"+analysis.SessionName {
			return arn
		}
	}
	return ""
}
