package analysis_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/analysis"
	"github.com/iamc/iamc/internal/gen"
	"github.com/iamc/iamc/rego"
)

// who lists an answer's callers as "ref credentials[ context]".
func who(r *analysis.WhoCanResult) []string {
	var out []string
	for _, a := range r.Allowed {
		s := a.Ref + " " + string(a.Credentials)
		if len(a.Context) > 0 {
			keys := make([]string, 0, len(a.Context))
			for k, v := range a.Context {
				keys = append(keys, fmt.Sprintf("%s=%v", k, v))
			}
			sort.Strings(keys)
			s += " " + strings.Join(keys, " ")
		}
		out = append(out, s)
	}
	return out
}

// waysIn lists the chains into a role of an answer, as "ref→ref[ MFA]".
func waysIn(r *analysis.WhoCanResult, role string) []string {
	var out []string
	for _, a := range r.Allowed {
		if a.Ref != role {
			continue
		}
		for _, way := range a.WaysIn {
			var steps []string
			for _, e := range way {
				s := e.FromRef + "→" + e.ToRef
				if e.MFA {
					s += " MFA"
				}
				steps = append(steps, s)
			}
			out = append(out, strings.Join(steps, ", "))
		}
	}
	return out
}

// The coffee shop's answers, from its policies and docs/semantics.md.
func TestWhoCanCoffeeShop(t *testing.T) {
	t.Parallel()
	p := open(t, coffee)
	ctx := context.Background()
	const till = "arn:aws:register:::till/1"
	const cashier = "arn:aws:iam::111122223333:role/shop/Cashier"

	// The owner's policy allows register:*; the root user may do anything
	// in its own account (§4.4); the Cashier's register policy allows Sell
	// on tills, and only the employee may assume it, with MFA (its trust
	// policy's Bool condition, §4.3).
	r, err := p.WhoCan(ctx, "register:Sell", till, nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"user.owner long-term keys", "account.shop long-term keys", "role.Cashier role session"}, who(r))
	assert.Equal(t, []string{"user.employee→role.Cashier MFA"}, waysIn(r, "role.Cashier"))
	assert.Empty(t, r.Outside)

	// The guardrails deny refunds to both roles (§2: a Deny wins).
	r, err = p.WhoCan(ctx, "register:Refund", till, nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"user.owner long-term keys", "account.shop long-term keys"}, who(r))

	// A trust policy must allow the caller itself (§4.2): the employee,
	// with MFA; not the owner, whose register:* does not cover STS, nor the
	// root user, whom the trust policy does not name.
	r, err = p.WhoCan(ctx, "sts:AssumeRole", cashier, nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"user.employee session with MFA"}, who(r))
	require.Len(t, r.Allowed, 1)
	assert.Equal(t, "role.Cashier.trust.statement.EmployeeWithMFA", r.Allowed[0].Decision.Reasons[0].Ref())
}

// The organization's answers (testdata/analysis/org), from docs/semantics.md.
func TestWhoCanOrganization(t *testing.T) {
	t.Parallel()
	p := open(t, orgDir)
	ctx := context.Background()

	// The bucket's Public statement grants everyone directly (§3.1 step 4,
	// "*"): anonymous callers (§3.4), service principals (§2.3: "*" is
	// everyone), and in the bucket's account any principal, dee without
	// MFA and the Trail role without a policy; across accounts the
	// principal's own side must allow too (§3.2), which the root user of hq
	// does (§4.4) and ana and ben do not.
	r, err := p.WhoCan(ctx, "s3:GetObject", "arn:aws:s3:::logs/public/report.csv", nil)
	require.NoError(t, err)
	assert.Equal(t, []string{
		"user.cid long-term keys", "user.dee long-term keys", "account.dev long-term keys", "account.hq long-term keys",
		"role.Auditor role session", "role.Deployer role session", "role.Trail role session",
		"cloudtrail.amazonaws.com service", "anonymous unsigned",
	}, who(r))
	assert.Equal(t, []string{"user.ana→role.Deployer, role.Deployer→role.Auditor"}, waysIn(r, "role.Auditor"))
	assert.Equal(t, []string{"cloudtrail.amazonaws.com→role.Trail"}, waysIn(r, "role.Trail"))
	outside := map[string]bool{}
	for _, o := range r.Outside {
		outside[o.Principal] = true
	}
	assert.True(t, outside["*"], "the Public statement grants principals outside the model")
	assert.True(t, outside["999999999999"], "the vendor's way into Deployer")

	// Off the public prefix: dee's own statement needs MFA; hq's root user
	// comes through HQRead, which needs a source address in 10.0.0.0/8;
	// the roles through their reader and deploy policies.
	r, err = p.WhoCan(ctx, "s3:GetObject", "arn:aws:s3:::logs/app/1.log", nil)
	require.NoError(t, err)
	assert.Equal(t, []string{
		"user.cid long-term keys", "user.dee session with MFA", "account.dev long-term keys",
		"account.hq long-term keys aws:SourceIp=10.0.0.0", "role.Auditor role session", "role.Deployer role session",
	}, who(r))

	// Cross-account assumption needs the trust policy (naming hq) and the
	// caller's identity policy (§4.2): ana has one, ben has none.
	r, err = p.WhoCan(ctx, "sts:AssumeRole", "arn:aws:iam::222222222222:role/Deployer", nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"user.ana long-term keys"}, who(r))

	// The service principal the bucket policy names.
	r, err = p.WhoCan(ctx, "s3:PutObject", "arn:aws:s3:::logs/trail/1.json", nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"account.dev long-term keys", "role.Deployer role session", "cloudtrail.amazonaws.com service"}, who(r))
}

// The generated organization's designed requests have their decision by
// construction (internal/gen): the caller of an allowed request is among
// who-can's, that of a denied one is not.
func TestWhoCanDesignedRequests(t *testing.T) {
	t.Parallel()
	dir, org := genDir(t)
	p := open(t, dir)
	ctx := context.Background()
	for _, kind := range []gen.Kind{gen.UserAllow, gen.SessionAllow, gen.ExplicitDeny, gen.ImplicitDeny} {
		reqs, err := org.Requests(kind, 4, 11)
		require.NoError(t, err)
		for _, req := range reqs {
			r, err := p.WhoCan(ctx, req.Action, req.Resource, req.Context())
			require.NoError(t, err, req.String())
			node := req.Principal.ARN()
			if req.Role != nil {
				node = req.Role.ARN()
			}
			found := false
			for _, a := range r.Allowed {
				if a.Principal == node {
					found = true
					if req.Role != nil {
						assert.Contains(t, waysIn(r, "role."+req.Role.Name), "user."+req.Principal.Name+"→role."+req.Role.Name, req.String())
					}
				}
			}
			assert.Equal(t, req.Expect == gen.Allow, found, req.String())
		}
	}
}

// Who-can against Decide: on sampled requests of every project, each
// caller of the model that Decide allows is in the answer (the candidates
// drop no one), and each caller in the answer is allowed by Decide as the
// answer says (with its credentials and context).
func TestWhoCanAgreesWithDecide(t *testing.T) {
	t.Parallel()
	dir, _ := genDir(t)
	for _, c := range []struct {
		name    string
		dir     string
		queries int
	}{{"coffee-shop", coffee, 40}, {"org", orgDir, 40}, {"escalation", escalation, 25}, {"generated", dir, 12}} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			p := open(t, c.dir)
			ctx := context.Background()
			all := callers(p)
			for _, q := range sampleQueries(p, c.queries, 3) {
				r, err := p.WhoCan(ctx, q.action, q.resource, nil)
				require.NoError(t, err)
				got := map[string]bool{}
				for _, a := range r.Allowed {
					got[a.Principal] = true
					d, err := p.Engine.Decide(ctx, requestOf(a, q.action, q.resource, nil, p))
					require.NoError(t, err)
					assert.True(t, d.Allowed, "%s %s on %s: answered allowed, Decide says %s %v", a.Ref, q.action, q.resource, d.Decision, d.Errors)
				}
				reqs := make([]rego.Request, len(all))
				for i, req := range all {
					req.Action, req.Resource = q.action, q.resource
					reqs[i] = req
				}
				ds, err := p.Engine.DecideBatch(ctx, reqs)
				require.NoError(t, err)
				for i, d := range ds {
					if d.Allowed {
						assert.True(t, got[nodeOf(reqs[i])], "%s %s on %s: Decide allows, who-can misses it", reqs[i].Principal, q.action, q.resource)
					}
				}
			}
		})
	}
}
