package gen_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/hashicorp/hcl/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/internal/gen"
	"github.com/iamc/iamc/rego"
	"github.com/iamc/iamc/schema"
)

func TestDeterministic(t *testing.T) {
	t.Parallel()
	a, err := gen.New(gen.Config{Statements: 300, Seed: 4})
	require.NoError(t, err)
	b, err := gen.New(gen.Config{Statements: 300, Seed: 4})
	require.NoError(t, err)
	c, err := gen.New(gen.Config{Statements: 300, Seed: 5})
	require.NoError(t, err)
	fa, fb, fc := a.Files(), b.Files(), c.Files()
	require.Equal(t, len(fa), len(fb))
	for name, text := range fa {
		assert.True(t, bytes.Equal(text, fb[name]), "%s differs for the same seed", name)
	}
	assert.NotEqual(t, string(fa["policies-000.hcl"]), string(fc["policies-000.hcl"]), "another seed, another organization")
	ra, err := a.Requests(gen.UserAllow, 20, 1)
	require.NoError(t, err)
	rb, err := b.Requests(gen.UserAllow, 20, 1)
	require.NoError(t, err)
	seen := map[string]bool{}
	for i := range ra {
		assert.Equal(t, ra[i].String(), rb[i].String())
		assert.False(t, seen[ra[i].String()], "requests of a pool differ")
		seen[ra[i].String()] = true
	}
}

// TestShape: the sizes the package documents, and the AWS limits (groups per
// user, policies per group).
func TestShape(t *testing.T) {
	t.Parallel()
	_, err := gen.New(gen.Config{Statements: 5})
	require.Error(t, err)
	for _, n := range []int{gen.MinStatements, 100, 1000, 3000} {
		org, err := gen.New(gen.Config{Statements: n, Seed: 1})
		require.NoError(t, err)
		assert.Equal(t, n, org.Statements())
		assert.Len(t, org.Users, max(2, n/10))
		assert.Len(t, org.Groups, max(10, n/100))
		assert.Len(t, org.Roles, max(1, n/50))
		for _, u := range org.Users {
			assert.NotEmpty(t, u.Groups)
			assert.LessOrEqual(t, len(u.Groups), 10)
		}
		for _, g := range org.Groups {
			assert.NotEmpty(t, g.Policies)
			assert.LessOrEqual(t, len(g.Policies), 10)
		}
		if n < 100 {
			continue
		}
		require.NotEmpty(t, org.Heavy)
		for _, u := range org.Heavy {
			require.Len(t, u.Groups, 10)
			for _, g := range u.Groups {
				assert.Len(t, g.Policies, 10, "a heavy user's groups have 10 policies each")
			}
		}
	}
}

// TestInvariants checks, statement by statement, the invariants the
// package documentation derives every expected decision from.
func TestInvariants(t *testing.T) {
	t.Parallel()
	for seed := range uint64(5) {
		org, err := gen.New(gen.Config{Statements: 2000, Seed: seed})
		require.NoError(t, err)
		for _, p := range org.Policies {
			for _, s := range p.Statements {
				switch {
				case s.Effect == "Deny":
					for _, a := range s.Actions {
						assert.Contains(t, a, ":Delete", "%s.%s: a Deny names only Delete actions", p.Name, s.Sid)
					}
				case len(s.Resources) == 1 && s.Resources[0] == "*":
					for _, a := range s.Actions {
						assert.True(t, strings.Contains(a, ":Describe") || strings.Contains(a, ":List"), "%s.%s: an Allow on * names only Describe and List actions: %s", p.Name, s.Sid, a)
					}
				default:
					for _, r := range s.Resources {
						assert.Contains(t, r, "/team-", "%s.%s: an Allow names resources in a team namespace", p.Name, s.Sid)
					}
				}
			}
		}
		for _, b := range org.Boundaries {
			require.Len(t, b.Statements, 1)
			assert.Equal(t, "Allow", b.Statements[0].Effect)
			assert.Equal(t, []string{"*"}, b.Statements[0].Resources)
		}
	}
}

// TestDecisions: the project compiles without a diagnostic (but the AWS
// catalog's warnings: its actions are synthetic, under real service
// prefixes), and iamc decides every designed request as designed (package
// documentation, docs/semantics.md §3.1), for every kind and for batches.
func TestDecisions(t *testing.T) {
	t.Parallel()
	org, err := gen.New(gen.Config{Statements: 200, Seed: 2})
	require.NoError(t, err)
	fsys := fstest.MapFS{}
	for name, text := range org.Files() {
		fsys[name] = &fstest.MapFile{Data: text}
	}
	out, _, diags := compiler.BuildFS(fsys)
	var others hcl.Diagnostics
	for _, d := range diags {
		if !slices.Contains(compiler.CatalogCodes, schema.CodeOf(d)) {
			others = append(others, d)
		}
	}
	require.Empty(t, others, "%s", others)
	bundle, err := out.BundleBytes()
	require.NoError(t, err)
	ctx := context.Background()
	eng, err := rego.Load(ctx, rego.FromBytes(bundle))
	require.NoError(t, err)

	batch, err := org.Batch(100, 1)
	require.NoError(t, err)
	reqs := batch
	for _, k := range gen.Kinds {
		more, err := org.Requests(k, 30, 9)
		require.NoError(t, err, k)
		reqs = append(reqs, more...)
	}
	seen := map[string]int{}
	for _, r := range reqs {
		req := rego.Request{Principal: r.Principal.ARN(), Action: r.Action, Resource: r.Resource, Context: r.Context()}
		if r.Role != nil {
			sess, err := eng.AssumeRole(ctx, rego.AssumeRoleRequest{Principal: r.Principal.ARN(), Role: r.Role.ARN()})
			require.NoError(t, err, "%s", r)
			req.Session = sess
		}
		dec, err := eng.Decide(ctx, req)
		require.NoError(t, err)
		require.Equal(t, r.Expect, string(dec.Decision), "%s: %+v", r, dec)
		seen[r.Expect]++
		if r.Expect == gen.ExpectImplicit {
			continue
		}
		assert.NotEmpty(t, dec.Reasons, "%s", r)
		// The statement the request was designed for is among those that
		// applied.
		matched, err := eng.Matched(ctx, req)
		require.NoError(t, err)
		var by []string
		for _, m := range matched {
			by = append(by, m.Policy+".statement."+m.Statement)
		}
		assert.Contains(t, by, r.By, "%s", r)
	}
	assert.Len(t, seen, 3, "every outcome is exercised: %v", seen)
}
