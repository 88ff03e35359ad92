package cedar

import (
	"testing"

	cedar "github.com/cedar-policy/cedar-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/internal/gen"
)

// TestTranslationDecides: every kind of designed request gets, from cedar-go
// on the translated organization, the decision the generator designed
// (package gen documents why each is what it is). This is what makes the
// side-by-side benchmark compare the same answers.
func TestTranslationDecides(t *testing.T) {
	t.Parallel()
	for _, n := range []int{100, 1000} {
		org, err := gen.New(gen.Config{Statements: n, Seed: 7})
		require.NoError(t, err)
		tr, err := Translate(org)
		require.NoError(t, err)
		reqs, err := org.Batch(100, 3)
		require.NoError(t, err)
		for _, kind := range gen.Kinds {
			more, err := org.Requests(kind, 50, 5)
			require.NoError(t, err)
			reqs = append(reqs, more...)
		}
		seen := map[string]int{}
		for _, r := range reqs {
			cr, err := tr.Request(r)
			require.NoError(t, err)
			dec, diag := cedar.Authorize(tr.Policies, cr.Entities, cr.Request)
			require.Empty(t, diag.Errors, "%s", r)
			assert.Equal(t, r.Expect, tr.Outcome(dec, diag), "%s", r)
			seen[r.Expect]++
		}
		assert.Len(t, seen, 3, "n=%d: every outcome is exercised: %v", n, seen)
	}
}

// TestTranslationText: one Cedar policy per statement, and the shapes of
// the translation (groups as parents, action groups, like, when).
func TestTranslationText(t *testing.T) {
	t.Parallel()
	org, err := gen.New(gen.Config{Statements: 100, Seed: 1})
	require.NoError(t, err)
	tr, err := Translate(org)
	require.NoError(t, err)
	// Every statement but the FullAWSAccess SCP's and the trust policies'.
	assert.Equal(t, org.Statements()-1-len(org.Roles), len(tr.IDs))
	text := string(tr.Text)
	assert.Contains(t, text, `@id("guard.DenyOtherRegions")
forbid (principal in Account::"200000000000", action, resource)
when { (!(context has "aws:RequestedRegion") || !["us-east-1", "us-west-2", "eu-west-1", "eu-central-1"].contains(context["aws:RequestedRegion"])) }
unless { action in [Action::"iam:*", Action::"organizations:*", Action::"sts:*", Action::"support:*"] };`)
	p := org.Policies[0]
	assert.Contains(t, text, `permit (principal in Policy::"`+p.Name+`"`)

	u := org.Users[0]
	e, ok := tr.Entities.Get(uid(userType, u.Name))
	require.True(t, ok)
	for _, g := range u.Groups {
		assert.True(t, e.Parents.Contains(uid(groupType, g.Name)), "groups are parents")
	}
	// Each wildcard action of a statement is a group of the actions it
	// matches.
	for _, s := range p.Statements {
		for _, a := range s.Actions {
			for _, svc := range org.Services {
				for _, act := range svc.Actions() {
					e, ok := tr.Entities.Get(uid(actionType, act))
					require.True(t, ok)
					if a != act {
						assert.Equal(t, ActionMatches(a, act), e.Parents.Contains(uid(actionType, a)), "%s in %s", act, a)
					}
				}
			}
		}
	}
}

func TestActionMatches(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		pattern, action string
		want            bool
	}{
		{"s3:Get*", "s3:GetObject", true},
		{"s3:get*", "S3:GETOBJECT", true}, // case-insensitive (docs/semantics.md §2.1)
		{"s3:*Object", "s3:PutObject", true},
		{"s3:*Object", "s3:PutObjects", false},
		{"s3:Get?bject", "s3:GetObject", true},
		{"s3:*", "s3express:GetObject", false}, // the prefix is literal
		{"s3:*", "s3:GetObject", true},
		{"*", "ec2:RunInstances", true},
		{"s3:Put*Tag*", "s3:PutObjectTagging", true},
		{"s3:Put*Tag*", "s3:PutObject", false},
	} {
		assert.Equal(t, c.want, ActionMatches(c.pattern, c.action), "%s ~ %s", c.pattern, c.action)
	}
}
