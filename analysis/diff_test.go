package analysis_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/analysis"
	"github.com/iamc/iamc/rego"
)

// revise copies a project into a new directory and applies edits to its
// files: file name to [old, new] replacements (an empty old appends new).
func revise(t testing.TB, src string, edits map[string][][2]string) string {
	t.Helper()
	dst := t.TempDir()
	entries, err := os.ReadDir(src)
	require.NoError(t, err)
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644))
	}
	for name, list := range edits {
		path := filepath.Join(dst, name)
		b, _ := os.ReadFile(path)
		s := string(b)
		for _, e := range list {
			if e[0] == "" {
				s += e[1]
				continue
			}
			require.True(t, strings.Contains(s, e[0]), "%s has no %q", name, e[0])
			s = strings.Replace(s, e[0], e[1], 1)
		}
		require.NoError(t, os.WriteFile(path, []byte(s), 0o644))
	}
	return dst
}

// changes lists a diff's changes as "ref actions on resource".
func changes(cs []analysis.Change) []string {
	var out []string
	for _, c := range cs {
		s := c.Ref
		if c.Credentials == analysis.MFASession {
			s += " (MFA)"
		}
		s += " " + strings.Join(c.Actions, ",") + " on " + c.Resource
		out = append(out, s)
	}
	return out
}

// Revisions of the coffee shop, each with the access change docs/semantics.md
// gives it.
func TestDiffCoffeeShop(t *testing.T) {
	t.Parallel()
	old := open(t, coffee)
	ctx := context.Background()
	cases := []struct {
		name          string
		edits         map[string][][2]string
		gained, lost  []string
		statementsMin int
	}{
		{
			name:  "the same project",
			edits: map[string][][2]string{"policies.hcl": {{"", "\n# a comment changes nothing\n"}}},
		},
		{
			// Refunds move from the guardrails to the register policy: the
			// Cashier may refund at a till (no Deny applies any more, §2);
			// Inventory, with no register allow, is denied still.
			name: "refunds for the Cashier",
			edits: map[string][][2]string{"policies.hcl": {
				{`"register:View*"]`, `"register:View*", "register:Refund"]`},
				{`["register:Refund", "inventory:DeleteItem"]`, `["inventory:DeleteItem"]`},
			}},
			gained:        []string{"role.Cashier register:Refund on arn:aws:register:::till/example"},
			statementsMin: 2,
		},
		{
			// Without the MFA condition the employee's long-term keys may
			// assume the Cashier (the trust policy names the user, §4.2).
			name: "no MFA for the Cashier",
			edits: map[string][][2]string{"roles.hcl": {{`      condition {
        test     = "Bool"
        variable = "aws:MultiFactorAuthPresent"
        values   = ["true"]
      }
    }
  }
}

role "Inventory"`, `    }
  }
}

role "Inventory"`}}},
			gained:        []string{"user.employee sts:AssumeRole on arn:aws:iam::111122223333:role/shop/Cashier"},
			statementsMin: 1,
		},
		{
			// A new user in the staff group reads the menu.
			name:          "a new member of staff",
			edits:         map[string][][2]string{"people.hcl": {{"", "\nuser \"barista\" {\n  groups = [group.staff]\n}\n"}}},
			gained:        []string{"user.barista menu:ViewMenu on *"},
			statementsMin: 0,
		},
		{
			// The owner's policy no longer names the menu.
			name:          "the owner leaves the menu",
			edits:         map[string][][2]string{"owner.json": {{`"menu:*"`, `"menu:ViewMenu"`}}},
			lost:          []string{"user.owner menu:EditMenu on *"},
			statementsMin: 1,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			cur, _, err := analysis.Open(ctx, revise(t, coffee, c.edits))
			require.NoError(t, err)
			r, err := analysis.Diff(ctx, old, cur, nil)
			require.NoError(t, err)
			assert.Equal(t, c.gained, nilIfEmpty(changes(r.Gained)), "gained")
			assert.Equal(t, c.lost, nilIfEmpty(changes(r.Lost)), "lost")
			assert.GreaterOrEqual(t, r.OnlyNew, c.statementsMin)
			// Swapping the revisions swaps gained and lost.
			back, err := analysis.Diff(ctx, cur, old, nil)
			require.NoError(t, err)
			assert.Equal(t, c.gained, nilIfEmpty(changes(back.Lost)), "lost, backwards")
			assert.Equal(t, c.lost, nilIfEmpty(changes(back.Gained)), "gained, backwards")
		})
	}
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

// Diff against Decide: on sampled requests of both revisions, every
// request whose decision differs is reported (its principal and action,
// gained or lost), and every change reported is one: both engines decide
// its actions on its resource as it says.
func TestDiffAgreesWithDecide(t *testing.T) {
	t.Parallel()
	dir, _ := genDir(t)
	ctx := context.Background()
	for _, c := range []struct {
		name    string
		src     string
		edits   map[string][][2]string
		queries int
	}{
		{"coffee-shop guardrail", coffee, map[string][][2]string{"policies.hcl": {{`["register:Refund", "inventory:DeleteItem"]`, `["register:Refund"]`}}}, 30},
		{"org bucket policy", orgDir, map[string][][2]string{"main.hcl": {{`values   = ["10.0.0.0/8"]`, `values   = ["10.1.0.0/16"]`}}}, 20},
		{"org trust", orgDir, map[string][][2]string{"main.hcl": {{`identifiers = [role.Deployer.arn]`, `identifiers = [role.Deployer.arn, user.cid.arn]`}}}, 20},
		{"generated policy", dir, map[string][][2]string{"policies-000.hcl": {{`effect    = "Deny"`, `effect    = "Allow"`}}}, 6},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			old := open(t, c.src)
			cur, _, err := analysis.Open(ctx, revise(t, c.src, c.edits))
			require.NoError(t, err)
			r, err := analysis.Diff(ctx, old, cur, nil)
			require.NoError(t, err)
			require.NotZero(t, r.OnlyOld+r.OnlyNew, "the edit changes a statement")

			reported := map[string]bool{}
			for dir, list := range map[string][]analysis.Change{"gained": r.Gained, "lost": r.Lost} {
				for _, ch := range list {
					for i, a := range ch.Actions {
						reported[dir+" "+ch.Principal+" "+strings.ToLower(a)] = true
						if i >= 3 {
							continue
						}
						acc := analysis.Access{Principal: ch.Principal, Kind: ch.Kind, MFA: ch.Credentials == analysis.MFASession || ch.Credentials == analysis.RoleSessionMFA}
						was, err := old.Engine.Decide(ctx, requestOf(acc, a, ch.Resource, ch.Context, old))
						require.NoError(t, err)
						now, err := cur.Engine.Decide(ctx, requestOf(acc, a, ch.Resource, ch.Context, cur))
						require.NoError(t, err)
						assert.Equal(t, dir == "gained", now.Allowed && !was.Allowed, "%s %s %s on %s", dir, ch.Ref, a, ch.Resource)
						assert.Equal(t, dir == "lost", was.Allowed && !now.Allowed, "%s %s %s on %s", dir, ch.Ref, a, ch.Resource)
					}
				}
			}

			// Sampled requests, with the contexts both revisions' statements
			// suggest: the instances of their patterns, their condition
			// values.
			queries := append(sampleQueries(old, c.queries, 9), sampleQueries(cur, c.queries, 9)...)
			all := callers(cur)
			for _, q := range queries {
				for _, base := range sampleContexts(old, cur) {
					reqs := make([]rego.Request, len(all))
					for i, req := range all {
						req.Action, req.Resource, req.Context = q.action, q.resource, base
						reqs[i] = req
					}
					was, err := old.Engine.DecideBatch(ctx, reqs)
					require.NoError(t, err)
					now, err := cur.Engine.DecideBatch(ctx, reqs)
					require.NoError(t, err)
					for i := range reqs {
						if was[i].Allowed == now[i].Allowed {
							continue
						}
						dir := "lost"
						if now[i].Allowed {
							dir = "gained"
						}
						assert.True(t, reported[dir+" "+nodeOf(reqs[i])+" "+q.action], "%s %s %s on %s with %v: the engines differ, diff misses it",
							dir, nodeOf(reqs[i]), q.action, q.resource, base)
					}
				}
			}
		})
	}
}

// sampleContexts are the contexts the sampled requests are asked with:
// none, and one value of each condition key of the two revisions that the
// generated organizations read.
func sampleContexts(ps ...*analysis.Project) []map[string]any {
	out := []map[string]any{nil}
	for _, p := range ps {
		for _, s := range p.Model.Statements {
			for _, c := range s.Conditions {
				if c.Key == "aws:requestedregion" && !c.Negated && len(out) < 3 {
					for _, v := range c.ValueTexts() {
						out = append(out, map[string]any{"aws:RequestedRegion": v})
						break
					}
				}
			}
		}
	}
	return out
}
