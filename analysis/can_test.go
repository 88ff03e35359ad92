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

// permissions lists an answer as "actions on resource[ MFA]".
func permissions(r *analysis.CanResult) []string {
	var out []string
	for _, pm := range r.Permissions {
		s := strings.Join(pm.Actions, ",") + " on " + pm.Resource
		if pm.MFA {
			s += " MFA"
		}
		out = append(out, s)
	}
	return out
}

// The coffee shop's answers, from its policies and docs/semantics.md.
func TestCanCoffeeShop(t *testing.T) {
	t.Parallel()
	p := open(t, coffee)
	ctx := context.Background()
	const (
		employee = "arn:aws:iam::111122223333:user/staff/employee"
		cashier  = "arn:aws:iam::111122223333:role/shop/Cashier"
	)
	// On their own: the staff group's menu, and assuming either role with
	// MFA (the trust policies name the employee, §4.2).
	r, err := p.Can(ctx, analysis.CanQuery{Principal: employee})
	require.NoError(t, err)
	assert.Equal(t, []string{
		"menu:ViewMenu on *",
		"sts:AssumeRole on arn:aws:iam::111122223333:role/shop/Cashier MFA",
		"sts:AssumeRole on arn:aws:iam::111122223333:role/shop/Inventory MFA",
	}, permissions(r))

	// As Cashier: the register policy's actions on tills, the caller's own
	// permissions gone (§4.1), Refund denied by the guardrails.
	r, err = p.Can(ctx, analysis.CanQuery{Principal: employee, Assume: cashier, MFA: true})
	require.NoError(t, err)
	assert.Equal(t, []string{"register:OpenDrawer,register:Sell,register:ViewSales on arn:aws:register:::till/*"}, permissions(r))
	require.NotNil(t, r.Assumed)
	assert.Equal(t, rego.Allow, r.Assumed.Decision)

	// Without MFA the employee cannot assume it.
	_, err = p.Can(ctx, analysis.CanQuery{Principal: employee, Assume: cashier})
	var cannot *analysis.CannotAssumeError
	require.ErrorAs(t, err, &cannot)

	// The newbie can do nothing; the owner everything of the three
	// services, on every resource.
	r, err = p.Can(ctx, analysis.CanQuery{Principal: "arn:aws:iam::111122223333:user/staff/newbie"})
	require.NoError(t, err)
	assert.Empty(t, r.Permissions)
	r, err = p.Can(ctx, analysis.CanQuery{Principal: "arn:aws:iam::111122223333:user/owner", Service: "register"})
	require.NoError(t, err)
	assert.Equal(t, []string{"register:OpenDrawer,register:Refund,register:Sell,register:ViewSales on *"}, permissions(r))
}

// The AWS catalog expands wildcards and gives access levels.
func TestCanCatalog(t *testing.T) {
	t.Parallel()
	p := open(t, orgDir)
	ctx := context.Background()
	const deployer = "arn:aws:iam::222222222222:role/Deployer"
	r, err := p.Can(ctx, analysis.CanQuery{Principal: deployer, Service: "s3"})
	require.NoError(t, err)
	var all []string
	for _, pm := range r.Permissions {
		all = append(all, pm.Actions...)
	}
	assert.Contains(t, all, "s3:PutObject")
	assert.Contains(t, all, "s3:GetObject")
	r, err = p.Can(ctx, analysis.CanQuery{Principal: deployer, AccessLevel: "write"})
	require.NoError(t, err)
	// sts:AssumeRole is of the Write level too (the catalog), on the role the
	// deployer may assume.
	assert.Equal(t, []string{"s3:PutObject on arn:aws:s3:::logs/*", "sts:AssumeRole on arn:aws:iam::222222222222:role/Auditor"}, permissions(r))
	r, err = p.Can(ctx, analysis.CanQuery{Principal: deployer, AccessLevel: "read"})
	require.NoError(t, err)
	assert.Equal(t, []string{"s3:GetObject on arn:aws:s3:::logs/*", "s3:GetObject on arn:aws:s3:::logs/public/*"}, permissions(r))
}

// Can against Decide: for every principal of the small projects and some
// of the generated organization, each sampled request Decide allows has
// its action among the answer's, and each class of actions answered is
// allowed by Decide on the resource asked, for every action of the class.
func TestCanAgreesWithDecide(t *testing.T) {
	t.Parallel()
	dir, _ := genDir(t)
	for _, c := range []struct {
		name       string
		dir        string
		principals int
	}{{"coffee-shop", coffee, 100}, {"org", orgDir, 100}, {"escalation", escalation, 8}, {"generated", dir, 3}} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			p := open(t, c.dir)
			ctx := context.Background()
			queries := sampleQueries(p, 60, 5)
			nodes := sample(append(sortedNodes(p.Model.Principals), sortedNodes(p.Model.Roles)...), c.principals)
			at := time.Now().UTC().Add(-time.Second).Truncate(time.Second)
			for _, n := range nodes {
				r, err := p.Can(ctx, analysis.CanQuery{Principal: n.ARN})
				require.NoError(t, err)
				got := map[string]bool{}
				var answered []rego.Request
				for i, pm := range r.Permissions {
					for j, a := range pm.Actions {
						got[strings.ToLower(a)] = true
						// Every class of the small projects; a sample of the
						// generated organization's, each by a few actions.
						if (len(r.Permissions) > 40 && i%(len(r.Permissions)/20) != 0) || j >= 3 {
							continue
						}
						acc := analysis.Access{Principal: n.ARN, Kind: n.Kind, MFA: pm.MFA, Context: pm.Context}
						answered = append(answered, requestOf(acc, a, pm.Asked, nil, p))
					}
				}
				ds, err := p.Engine.DecideBatch(ctx, answered)
				require.NoError(t, err)
				for i, d := range ds {
					assert.True(t, d.Allowed, "%s %s on %s: answered allowed, Decide says %s", n.Ref(), answered[i].Action, answered[i].Resource, d.Decision)
				}
				var reqs []rego.Request
				for _, q := range queries {
					if n.Kind == analysis.KindRole {
						for _, mfa := range []bool{false, true} {
							s := roleSession(n, mfa, at)
							s.Action, s.Resource = q.action, q.resource
							reqs = append(reqs, s)
						}
						continue
					}
					reqs = append(reqs, rego.Request{Principal: n.ARN, Action: q.action, Resource: q.resource},
						rego.Request{Principal: n.ARN, Action: q.action, Resource: q.resource,
							Session: &rego.Session{Type: "user", MFA: true, IssuedAt: at, ExpiresAt: at.Add(time.Hour)}})
				}
				ds, err = p.Engine.DecideBatch(ctx, reqs)
				require.NoError(t, err)
				for i, d := range ds {
					if d.Allowed && n.Kind != analysis.KindRoot {
						assert.True(t, got[reqs[i].Action], "%s %s on %s: Decide allows, can misses the action", n.Ref(), reqs[i].Action, reqs[i].Resource)
					}
				}
			}
		})
	}
}

func sortedNodes(m map[string]*analysis.Principal) []*analysis.Principal {
	out := make([]*analysis.Principal, 0, len(m))
	for _, p := range m {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ARN < out[j].ARN })
	return out
}

// sample keeps n of the principals, spread over the list.
func sample(ps []*analysis.Principal, n int) []*analysis.Principal {
	if len(ps) <= n {
		return ps
	}
	out := make([]*analysis.Principal, 0, n)
	for i := 0; i < n; i++ {
		out = append(out, ps[i*len(ps)/n])
	}
	return out
}
