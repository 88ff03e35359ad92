package analysis_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/analysis"
	"github.com/iamc/iamc/catalog"
	"github.com/iamc/iamc/internal/gen"
	"github.com/iamc/iamc/rego"
)

const (
	coffee     = "../examples/coffee-shop"
	orgDir     = "../testdata/analysis/org"
	escalation = "../testdata/analysis/escalation"
)

// genSize and genSeed make the generated organization of the tests.
const (
	genSize = 300
	genSeed = 7
)

var tmpRoot string

func TestMain(m *testing.M) {
	var err error
	if tmpRoot, err = os.MkdirTemp("", "iamc-analysis-"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(tmpRoot)
	os.Exit(code)
}

// opened caches the projects the tests read; a Project is safe for
// concurrent use.
var opened sync.Map

type openResult struct {
	once sync.Once
	p    *analysis.Project
	err  error
}

func open(t testing.TB, dir string) *analysis.Project {
	t.Helper()
	v, _ := opened.LoadOrStore(dir, &openResult{})
	r := v.(*openResult)
	r.once.Do(func() { r.p, _, r.err = analysis.Open(context.Background(), dir) })
	require.NoError(t, r.err)
	return r.p
}

var genOnce sync.Once
var genOrg *gen.Org

// genDir writes the generated organization once and returns its directory.
func genDir(t testing.TB) (string, *gen.Org) {
	t.Helper()
	dir := filepath.Join(tmpRoot, "gen")
	var err error
	genOnce.Do(func() {
		genOrg, err = gen.New(gen.Config{Statements: genSize, Seed: genSeed})
		if err == nil {
			err = genOrg.WriteDir(dir)
		}
	})
	require.NoError(t, err)
	return dir, genOrg
}

// callers lists every caller of a model worth asking about: its users and
// root users with long-term keys and with MFA, the sessions of its roles
// with and without MFA, anonymous, and the service principals its policies
// name. It is built here from the model's principals, apart from the
// package's own callers.
func callers(p *analysis.Project) []rego.Request {
	at := time.Now().UTC().Add(-time.Second).Truncate(time.Second)
	var out []rego.Request
	arns := make([]string, 0, len(p.Model.Principals))
	for arn := range p.Model.Principals {
		arns = append(arns, arn)
	}
	sort.Strings(arns)
	for _, arn := range arns {
		out = append(out, rego.Request{Principal: arn})
		out = append(out, rego.Request{Principal: arn, Session: &rego.Session{Type: "user", MFA: true, IssuedAt: at, ExpiresAt: at.Add(time.Hour)}})
	}
	roles := make([]string, 0, len(p.Model.Roles))
	for arn := range p.Model.Roles {
		roles = append(roles, arn)
	}
	sort.Strings(roles)
	for _, arn := range roles {
		for _, mfa := range []bool{false, true} {
			out = append(out, roleSession(p.Model.Roles[arn], mfa, at))
		}
	}
	out = append(out, rego.Request{Principal: "anonymous"})
	services := map[string]bool{}
	for _, s := range p.Model.Statements {
		for id := range s.Principals {
			if name, ok := strings.CutPrefix(id, "svc:"); ok {
				services[name] = true
			}
		}
	}
	for name := range services {
		out = append(out, rego.Request{Principal: name})
	}
	return out
}

func roleSession(r *analysis.Principal, mfa bool, at time.Time) rego.Request {
	arn := "arn:aws:sts::" + r.Account + ":assumed-role/" + r.Name + "/test"
	return rego.Request{Principal: arn, Session: &rego.Session{Role: r.ARN, Name: "test", ARN: arn, MFA: mfa,
		IssuedAt: at, ExpiresAt: at.Add(15 * time.Minute)}}
}

// nodeOf is the node a request's caller stands for in an answer: the
// user's or role's ARN, the service principal, "anonymous".
func nodeOf(r rego.Request) string {
	if r.Session != nil && r.Session.Role != "" {
		return r.Session.Role
	}
	return r.Principal
}

// query is an action on a resource.
type query struct{ action, resource string }

// sampleQueries draws queries from a model: the actions its statements
// name (exactly, and a few that their wildcards match in the AWS
// catalog), on instances of the resource patterns of its statements, the
// ARNs of its resources and roles, "*" and a resource no statement names.
func sampleQueries(p *analysis.Project, n int, seed uint64) []query {
	rng := rand.New(rand.NewPCG(seed, 0x9e3))
	actions := map[string]bool{}
	resources := map[string]bool{"*": true, "arn:aws:s3:::nobody-names-this/x": true}
	for _, s := range p.Model.Statements {
		for _, a := range s.Actions {
			switch a.Kind {
			case '=':
				actions[a.Text] = true
			case '*':
			default:
				exp := catalog.ExpandAction(a.Display())
				for i := 0; i < 3 && len(exp) > 0; i++ {
					actions[strings.ToLower(exp[rng.IntN(len(exp))])] = true
				}
			}
		}
		for _, r := range s.Resources {
			if inst, ok := r.Instance("", nil); ok {
				resources[inst] = true
			}
		}
	}
	for arn := range p.Model.Resources {
		resources[arn] = true
		resources[arn+"/x"] = true
	}
	for arn := range p.Model.Roles {
		resources[arn] = true
		actions["sts:assumerole"] = true
	}
	as, rs := sortedKeys(actions), sortedKeys(resources)
	var out []query
	seen := map[query]bool{}
	for len(out) < n && len(seen) < len(as)*len(rs) {
		q := query{as[rng.IntN(len(as))], rs[rng.IntN(len(rs))]}
		if !seen[q] {
			seen[q] = true
			out = append(out, q)
		}
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// requestOf rebuilds the request an access answer says is allowed.
func requestOf(a analysis.Access, action, resource string, base map[string]any, p *analysis.Project) rego.Request {
	at := time.Now().UTC().Add(-time.Second).Truncate(time.Second)
	ctx := map[string]any{}
	for k, v := range base {
		ctx[k] = v
	}
	for k, v := range a.Context {
		ctx[k] = v
	}
	req := rego.Request{Principal: a.Principal, Action: action, Resource: resource, Context: ctx}
	switch a.Kind {
	case analysis.KindRole:
		s := roleSession(p.Model.Roles[a.Principal], a.MFA, at)
		req.Principal, req.Session = s.Principal, s.Session
	case analysis.KindFederated:
		u := p.Model.Principals[a.Principal]
		arn := "arn:aws:sts::" + u.Account + ":federated-user/" + u.Name
		req.Principal = arn
		req.Session = &rego.Session{Type: "federated", Name: u.Name, ARN: arn, Source: u.ARN, IssuedAt: at, ExpiresAt: at.Add(time.Hour),
			Policy: map[string]any{"Statement": []any{map[string]any{"Effect": "Allow", "Action": "*", "Resource": "*"}}}}
	case analysis.KindUser, analysis.KindRoot:
		if a.MFA {
			req.Session = &rego.Session{Type: "user", MFA: true, IssuedAt: at, ExpiresAt: at.Add(time.Hour)}
		}
	}
	return req
}

// timeNow is when the tests' sessions start: a second ago.
func timeNow() time.Time { return time.Now().UTC().Add(-time.Second).Truncate(time.Second) }
