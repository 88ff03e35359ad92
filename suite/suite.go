// Package suite runs the test suites of a project (*_test.hcl) against its
// compiled bundle.
package suite

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/rego"
	"github.com/iamc/iamc/schema"
)

// Result is the outcome of one test.
type Result struct {
	Test *schema.Test
	// Passed is true when every expectation held.
	Passed bool
	// Failures says which expectations did not hold.
	Failures []string
	// Decision is the decision of the request (or of the AssumeRole that
	// could not be made).
	Decision rego.Decision
	// Assumed lists the sessions created on the way, in order; when a role
	// could not be assumed, FailedAssume names it.
	Assumed      []*rego.Session
	FailedAssume string
	Duration     time.Duration
}

// Case is a test ready to run: its request and its expectations.
type Case struct {
	Test          *schema.Test
	sessionPolicy map[string]any
	statement     string // expected deciding statement: "policy.x.statement.S"
}

// Prepare checks the tests of a compiled project: every statement a test
// names must exist and every session policy must be valid.
func Prepare(out *compiler.Output) ([]*Case, hcl.Diagnostics) {
	var diags hcl.Diagnostics
	refs := map[string]bool{}
	var all []string
	for _, s := range out.Statements {
		refs[s.Ref()] = true
		all = append(all, s.Ref())
	}
	var cases []*Case
	for _, t := range out.Project.Tests {
		c := &Case{Test: t}
		if t.ExpectStatement != nil {
			ref := t.ExpectStatement.Value
			if !refs[ref] {
				detail := fmt.Sprintf("no statement %s in the project", ref)
				if s := closestRef(ref, all); s != "" {
					detail += fmt.Sprintf("; did you mean %s?", s)
				}
				diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unknown statement",
					Detail: detail, Subject: t.ExpectStatement.Range.Ptr()})
			}
			c.statement = ref
		}
		if t.SessionPolicy != nil {
			pol := &schema.Policy{Kind: schema.PolicySession, Name: "session", Document: t.SessionPolicy}
			diags = append(diags, compiler.ValidateDocument(out.Project, pol)...)
			var m map[string]any
			_ = json.Unmarshal(compiler.DocumentJSON(t.SessionPolicy), &m)
			c.sessionPolicy = m
		}
		cases = append(cases, c)
	}
	return cases, diags
}

func closestRef(ref string, all []string) string {
	prefix := ref
	if i := strings.LastIndex(ref, ".statement"); i >= 0 {
		prefix = ref[:i]
	}
	for _, r := range all {
		if strings.HasPrefix(r, prefix+".statement") {
			return r
		}
	}
	return ""
}

// Options tune a run.
type Options struct {
	// Parallel is the number of tests run at once; 0 means GOMAXPROCS.
	Parallel int
	// Now is the request time of tests whose context sets no
	// aws:CurrentTime; zero means the wall clock.
	Now time.Time
}

// Run runs the cases against an engine, in parallel, and returns their
// results in the order of the cases.
func Run(ctx context.Context, eng *rego.Engine, cases []*Case, opts Options) []Result {
	results := make([]Result, len(cases))
	n := opts.Parallel
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < n; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = runCase(ctx, eng, cases[i], opts)
			}
		}()
	}
	for i := range cases {
		next <- i
	}
	close(next)
	wg.Wait()
	return results
}

func runCase(ctx context.Context, eng *rego.Engine, c *Case, opts Options) Result {
	start := time.Now()
	t := c.Test
	r := Result{Test: t}
	reqCtx := map[string]any{}
	for k, v := range t.Context {
		reqCtx[k] = v
	}
	if _, ok := currentTime(reqCtx); !ok && !opts.Now.IsZero() {
		reqCtx["aws:CurrentTime"] = opts.Now.UTC().Format(time.RFC3339)
	}
	var sess *rego.Session
	if t.Federated {
		fr := rego.FederationRequest{Principal: t.Principal.Value, Name: t.SessionName, Policy: c.sessionPolicy, Duration: t.Duration}
		fr.Context = assumeContext(t, reqCtx)
		next, err := eng.GetFederationToken(ctx, fr)
		var denied *rego.AssumeRoleError
		switch {
		case errors.As(err, &denied):
			r.FailedAssume = "GetFederationToken"
			r.Decision = denied.Decision
			if len(denied.Errors) > 0 && len(r.Decision.Errors) == 0 {
				r.Decision.Errors = denied.Errors
			}
		case err != nil:
			r.FailedAssume = "GetFederationToken"
			r.Decision = rego.Decision{Decision: rego.ImplicitDeny, Errors: []string{err.Error()}}
		default:
			r.Assumed = append(r.Assumed, next)
			sess = next
		}
	}
	for i, role := range t.Assume {
		ar := rego.AssumeRoleRequest{Principal: t.Principal.Value, Role: role.Value, MFA: t.MFA && i == 0,
			Duration: t.Duration, Session: sess}
		if i == len(t.Assume)-1 {
			ar.SessionName = t.SessionName
			ar.Policy = c.sessionPolicy
			ar.Tags = t.SessionTags
		}
		ar.Context = assumeContext(t, reqCtx)
		next, err := eng.AssumeRole(ctx, ar)
		var denied *rego.AssumeRoleError
		if errors.As(err, &denied) {
			r.FailedAssume = role.Value
			r.Decision = denied.Decision
			if len(denied.Errors) > 0 && len(r.Decision.Errors) == 0 {
				r.Decision.Errors = denied.Errors
				r.Decision.Allowed = false
			}
			break
		}
		if err != nil {
			r.FailedAssume = role.Value
			r.Decision = rego.Decision{Decision: rego.ImplicitDeny, Errors: []string{err.Error()}}
			break
		}
		r.Assumed = append(r.Assumed, next)
		sess = next
	}
	if r.FailedAssume == "" {
		// A request from a session names the session as its principal.
		principal := t.Principal.Value
		if sess != nil {
			principal = sess.ARN
		}
		dec, err := eng.Decide(ctx, rego.Request{Principal: principal, Action: t.Action.Value,
			Resource: t.Resource.Value, Context: reqCtx, Session: sess})
		if err != nil && len(dec.Errors) == 0 {
			dec.Errors = []string{err.Error()}
		}
		r.Decision = dec
	}
	r.Failures = check(c, r)
	r.Passed = len(r.Failures) == 0
	r.Duration = time.Since(start)
	return r
}

// assumeContext is the context of the calls that make the session: the
// test's assume_context, at issued_at (else at the request time).
func assumeContext(t *schema.Test, reqCtx map[string]any) map[string]any {
	c := map[string]any{}
	for k, v := range t.AssumeContext {
		c[k] = v
	}
	if _, ok := currentTime(c); !ok {
		if t.IssuedAt != "" {
			c["aws:CurrentTime"] = t.IssuedAt
		} else if now, ok := currentTime(reqCtx); ok {
			c["aws:CurrentTime"] = now
		}
	}
	return c
}

func currentTime(ctx map[string]any) (string, bool) {
	for k, v := range ctx {
		if strings.EqualFold(k, "aws:CurrentTime") {
			s, ok := v.(string)
			return s, ok
		}
	}
	return "", false
}

// outcome is what a test saw: the decision of the request, or a deny when a
// role could not be assumed (the request was never made).
func outcome(r Result) string {
	if r.FailedAssume != "" {
		if r.Decision.Decision == rego.ExplicitDeny {
			return rego.ExplicitDeny
		}
		return rego.ImplicitDeny
	}
	return r.Decision.Decision
}

func check(c *Case, r Result) []string {
	var fails []string
	got := outcome(r)
	want := c.Test.Expect.Value
	ok := got == want || (want == "deny" && got != rego.Allow)
	if !ok {
		msg := fmt.Sprintf("expected %s, got %s", want, got)
		if r.FailedAssume != "" {
			msg += fmt.Sprintf(" (could not assume %s)", r.FailedAssume)
		}
		fails = append(fails, msg)
	}
	if c.statement != "" {
		found := false
		for _, rs := range r.Decision.Reasons {
			if reasonRef(rs) == c.statement {
				found = true
			}
		}
		if !found {
			var names []string
			for _, rs := range r.Decision.Reasons {
				names = append(names, reasonRef(rs))
			}
			got := "no statement"
			if len(names) > 0 {
				got = strings.Join(names, ", ")
			}
			fails = append(fails, fmt.Sprintf("expected the deciding statement %s, got %s", c.statement, got))
		}
	}
	if c.Test.HasExpectMissing {
		want := append([]string(nil), c.Test.ExpectMissingContext...)
		gotKeys := append([]string(nil), r.Decision.MissingContext...)
		if !sameKeys(want, gotKeys) {
			fails = append(fails, fmt.Sprintf("expected missing context [%s], got [%s]", strings.Join(want, ", "), strings.Join(gotKeys, ", ")))
		}
	}
	return fails
}

// reasonRef is the HCL reference of a reason's statement.
func reasonRef(r rego.Reason) string {
	if strings.HasPrefix(r.Statement, "[") {
		return r.Policy + ".statement" + r.Statement
	}
	return r.Policy + ".statement." + r.Statement
}

// sameKeys compares condition key lists, case-insensitively and in any order.
func sameKeys(a, b []string) bool {
	norm := func(l []string) []string {
		out := make([]string, len(l))
		for i, s := range l {
			out[i] = strings.ToLower(s)
		}
		sort.Strings(out)
		return out
	}
	x, y := norm(a), norm(b)
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if x[i] != y[i] {
			return false
		}
	}
	return true
}
