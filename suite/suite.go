// Package suite runs the test suites of a project (*_test.hcl) against its
// compiled bundle.
package suite

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
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
	// Matched lists the statements that applied to the test's requests
	// (its AssumeRole steps and the request itself), as references like
	// policy.register.statement.UseRegister. Only with Options.Coverage.
	Matched []string
	// WhyNot explains the deny of a failed test: the statements that nearly
	// allowed an implicit deny, the Deny statements whose conditions held
	// (rego.Explaining).
	WhyNot   []rego.NearMiss
	Duration time.Duration
	// denied is the request whose deny the test got.
	denied rego.Request
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
	refs := map[string]compiler.StatementInfo{}
	var all []string
	for _, s := range out.Statements {
		refs[s.Ref()] = s
		all = append(all, s.Ref())
	}
	var cases []*Case
	for _, t := range out.Project.Tests {
		c := &Case{Test: t}
		if t.ExpectStatement != nil {
			ref := t.ExpectStatement.Value
			if st, ok := refs[ref]; !ok {
				detail := fmt.Sprintf("no statement %s in the project", ref)
				if s := closestRef(ref, all); s != "" {
					detail += fmt.Sprintf("; did you mean %s?", s)
				}
				diags = append(diags, schema.Errorf(schema.CodeInvalidReference, t.ExpectStatement.Range.Ptr(), "Unknown statement", "%s", detail))
			} else if d := impossibleStatement(t, st); d != "" {
				diags = append(diags, schema.Errorf(schema.CodeInvalidTest, t.ExpectStatement.Range.Ptr(), "Test cannot pass", "%s", d))
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
	diags = append(diags, emptySuites(out.Project)...)
	return cases, diags
}

// impossibleStatement says why a test's expect_statement can never be the
// deciding statement of its expected decision: an allow is decided by Allow
// statements, an explicit deny by Deny statements, and an implicit deny by
// none (the reasons of a decision, rego.Reason: "an Allow that granted, or
// a Deny").
func impossibleStatement(t *schema.Test, st compiler.StatementInfo) string {
	switch want := rego.Outcome(t.Expect.Value); {
	case want == rego.ImplicitDeny:
		return fmt.Sprintf("an implicit deny has no deciding statement, so expect_statement = %s never holds; expect \"explicit_deny\" or remove expect_statement", st.Ref())
	case want == rego.Allow && st.Effect != "Allow":
		return fmt.Sprintf("%s is a Deny statement; an allow is decided by Allow statements", st.Ref())
	case (want == rego.ExplicitDeny || want == anyDeny) && st.Effect != "Deny":
		return fmt.Sprintf("%s is an Allow statement; a deny is decided by Deny statements", st.Ref())
	}
	return ""
}

// emptySuites reports *_test.hcl files that hold no test: a suite that
// asserts nothing.
func emptySuites(p *schema.Project) hcl.Diagnostics {
	has := map[string]bool{}
	for _, t := range p.Tests {
		has[t.DeclRange.Filename] = true
	}
	var names []string
	for name := range p.Sources {
		if strings.HasSuffix(name, "_test.hcl") && !has[name] {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	var diags hcl.Diagnostics
	for _, name := range names {
		diags = append(diags, schema.Errorf(schema.CodeInvalidTest, &hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos},
			"Empty suite", "this test file holds no test block; add a test or delete the file"))
	}
	return diags
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
	// Now is the request time of tests that do not give time; zero means
	// the wall clock, read once at the start of the run so that every test
	// of a run happens at the same time. The engine must be loaded
	// rego.WithRequestTime.
	Now time.Time
	// Coverage records, in each Result's Matched, every statement that
	// applied to the test's requests (one more query per request).
	Coverage bool
}

// filterCases returns the cases whose name matches re (all of them for a nil re).
func filterCases(cases []*Case, re *regexp.Regexp) []*Case {
	if re == nil {
		return cases
	}
	var out []*Case
	for _, c := range cases {
		if re.MatchString(c.Test.Name) {
			out = append(out, c)
		}
	}
	return out
}

// Run runs the cases against an engine, in parallel, and returns their
// results in the order of the cases. When ctx is cancelled, the cases not yet
// started are left out (zero Results): check ctx.Err() before using them.
//
// Sessions are made once: tests that assume the same role in the same way
// (principal, MFA, duration, session name, session policy, tags and time)
// share the session, as a client reuses its credentials, so a table of a
// thousand rows as Cashier costs one AssumeRole, not a thousand.
func Run(ctx context.Context, eng *rego.Engine, cases []*Case, opts Options) []Result {
	results := make([]Result, len(cases))
	n := opts.Parallel
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	r := &runner{eng: eng, coverage: opts.Coverage, now: now.UTC(), sessions: map[string]*sessionEntry{}}
	var wg sync.WaitGroup
	next := make(chan int, n)
	for w := 0; w < n; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if ctx.Err() != nil {
					continue // interrupted: the caller checks ctx
				}
				results[i] = r.runCase(ctx, cases[i])
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

type runner struct {
	eng      *rego.Engine
	coverage bool
	now      time.Time

	mu       sync.Mutex
	sessions map[string]*sessionEntry
}

// sessionEntry is a session made once for every test that needs it.
type sessionEntry struct {
	once    sync.Once
	sess    *rego.Session
	err     error
	matched []string
}

// session returns the session made by mk, once per key.
func (r *runner) session(key string, mk func(e *sessionEntry)) *sessionEntry {
	r.mu.Lock()
	e := r.sessions[key]
	if e == nil {
		e = &sessionEntry{}
		r.sessions[key] = e
	}
	r.mu.Unlock()
	e.once.Do(func() { mk(e) })
	return e
}

// stepKey identifies a session request: equal keys make equal sessions.
type stepKey struct {
	Prev      string            `json:"prev,omitempty"`
	Op        string            `json:"op"`
	Principal string            `json:"principal"`
	Target    string            `json:"target,omitempty"`
	MFA       bool              `json:"mfa,omitempty"`
	Duration  time.Duration     `json:"duration,omitempty"`
	Name      string            `json:"name,omitempty"`
	Policy    map[string]any    `json:"policy,omitempty"`
	Tags      map[string]string `json:"tags,omitempty"`
	Context   map[string]any    `json:"context,omitempty"`
	Time      time.Time         `json:"time"`
}

func (k stepKey) String() string {
	b, err := json.Marshal(k)
	if err != nil {
		return ""
	}
	return string(b)
}

func (r *runner) runCase(ctx context.Context, c *Case) Result {
	start := time.Now()
	t := c.Test
	res := Result{Test: t}
	eng := r.eng
	reqCtx := t.Context
	// The request happens at the test's time, else the run's; its session
	// is created at issued_at, else at the request time.
	at := r.now
	if t.Time != "" {
		at, _ = time.Parse(time.RFC3339, t.Time) // checked when the test was loaded
	}
	sessAt := at
	if t.IssuedAt != "" {
		sessAt, _ = time.Parse(time.RFC3339, t.IssuedAt)
	}
	sessCtx := t.AssumeContext
	var matched []string
	var sess *rego.Session
	prev := ""
	if t.UserSession {
		sess = userSession(t, sessAt)
	}
	if t.Federated {
		fr := rego.FederationRequest{Principal: t.Principal.Value, Name: t.SessionName, Policy: c.sessionPolicy, Duration: t.Duration, Context: sessCtx, Time: sessAt}
		sess = r.step(ctx, &res, &prev, &matched, sessionStep{
			target:  "GetFederationToken",
			key:     stepKey{Op: "federate", Principal: fr.Principal, Name: fr.Name, Policy: fr.Policy, Duration: fr.Duration, Context: fr.Context, Time: sessAt},
			call:    func() (*rego.Session, error) { return eng.GetFederationToken(ctx, fr) },
			request: func() rego.Request { return federateRequest(fr) },
		})
	}
	for i, role := range t.Assume {
		if res.FailedAssume != "" {
			break
		}
		ar := rego.AssumeRoleRequest{Principal: t.Principal.Value, Role: role.Value, MFA: t.MFA && i == 0,
			Duration: t.Duration, Session: sess, Context: sessCtx, Time: sessAt}
		if i == len(t.Assume)-1 {
			ar.SessionName = t.SessionName
			ar.Policy = c.sessionPolicy
			ar.Tags = t.SessionTags
		}
		sess = r.step(ctx, &res, &prev, &matched, sessionStep{
			target: role.Value,
			key: stepKey{Op: "assume", Principal: ar.Principal, Target: ar.Role, MFA: ar.MFA, Duration: ar.Duration,
				Name: ar.SessionName, Policy: ar.Policy, Tags: ar.Tags, Context: ar.Context, Time: sessAt},
			call:    func() (*rego.Session, error) { return eng.AssumeRole(ctx, ar) },
			request: func() rego.Request { return assumeRequest(ar) },
		})
	}
	if res.FailedAssume == "" {
		// A request from a session names the session as its principal.
		principal := t.Principal.Value
		if sess != nil && sess.ARN != "" {
			principal = sess.ARN
		}
		req := rego.Request{Principal: principal, Action: t.Action.Value,
			Resource: t.Resource.Value, Context: reqCtx, Session: sess, Time: at}
		dec, err := eng.Decide(ctx, req)
		if err != nil && len(dec.Errors) == 0 {
			dec.Errors = []string{err.Error()}
		}
		res.Decision = dec
		res.denied = req
		if r.coverage {
			matched = append(matched, r.matched(ctx, req)...)
		}
	}
	if r.coverage {
		res.Matched = dedupe(matched)
	}
	res.Failures = check(c, res)
	res.Passed = len(res.Failures) == 0
	if !res.Passed && !res.Decision.Allowed && len(res.Decision.Errors) == 0 {
		if near, err := eng.WhyNot(ctx, res.denied); err == nil {
			res.WhyNot = rego.Explaining(res.Decision, near)
		}
	}
	res.Duration = time.Since(start)
	return res
}

// sessionStep is one call that makes a session: sts:GetFederationToken, or
// sts:AssumeRole of one role of a chain.
type sessionStep struct {
	target  string  // what a failure names: "GetFederationToken" or the role
	key     stepKey // without Prev, which step fills in
	call    func() (*rego.Session, error)
	request func() rego.Request // the request the call decides, for coverage
}

// step makes the session of s, once for every test that makes the same
// chain of calls, and adds the statements the call matched. When the call is
// denied or fails, it records that in res (the test's request is then never
// made) and returns nil. prev is the key of the chain so far.
func (r *runner) step(ctx context.Context, res *Result, prev *string, matched *[]string, s sessionStep) *rego.Session {
	s.key.Prev = *prev
	key := s.key.String()
	e := r.session(key, func(e *sessionEntry) {
		e.sess, e.err = s.call()
		if r.coverage {
			e.matched = r.matched(ctx, s.request())
		}
	})
	*matched = append(*matched, e.matched...)
	*prev = key
	var denied *rego.AssumeRoleError
	switch {
	case errors.As(e.err, &denied):
		res.FailedAssume = s.target
		res.Decision = denied.Decision
		res.denied = s.request()
	case e.err != nil:
		res.FailedAssume = s.target
		res.Decision = rego.Decision{Decision: rego.ImplicitDeny, Errors: []string{e.err.Error()}}
	default:
		res.Assumed = append(res.Assumed, e.sess)
		return e.sess
	}
	return nil
}

// matched returns the references of the statements that applied to a
// request; an evaluation error leaves them out (the decision itself reports
// it).
func (r *runner) matched(ctx context.Context, req rego.Request) []string {
	reasons, err := r.eng.Matched(ctx, req)
	if err != nil {
		return nil
	}
	out := make([]string, 0, len(reasons))
	for _, rs := range reasons {
		out = append(out, rs.Ref())
	}
	return out
}

// assumeRequest is the request sts:AssumeRole decides, as the core builds it
// (rego/core/assume.rego, assume_request): the caller asks for
// sts:AssumeRole on the role, presenting MFA when it passes a code and is
// not itself a role session.
func assumeRequest(ar rego.AssumeRoleRequest) rego.Request {
	sess := ar.Session
	if ar.MFA && sess == nil {
		sess = &rego.Session{Type: "user", MFA: true, IssuedAt: ar.Time, ExpiresAt: ar.Time.Add(15 * time.Minute)}
	}
	return rego.Request{Principal: ar.Principal, Action: "sts:AssumeRole", Resource: ar.Role, Context: ar.Context, Session: sess, Time: ar.Time}
}

// userSession is the temporary credentials of the test's principal (a
// console sign-in or GetSessionToken), made at issued_at (else the request
// time) and lasting duration (GetSessionToken's default, 12 hours).
func userSession(t *schema.Test, at time.Time) *rego.Session {
	d := t.Duration
	if d == 0 {
		d = 12 * time.Hour
	}
	return &rego.Session{Type: "user", MFA: t.MFA, IssuedAt: at, ExpiresAt: at.Add(d)}
}

// federateRequest is the request sts:GetFederationToken decides, as the core
// builds it (rego/core/assume.rego, federate_request): the user asks for
// sts:GetFederationToken on the federated user it names.
func federateRequest(fr rego.FederationRequest) rego.Request {
	resource := ""
	// arn:aws:iam::<account>:user/<path/><name>
	if parts := strings.SplitN(fr.Principal, ":", 6); len(parts) == 6 && strings.HasPrefix(parts[5], "user/") {
		name := fr.Name
		if name == "" {
			name = parts[5][strings.LastIndex(parts[5], "/")+1:]
		}
		resource = "arn:aws:sts::" + parts[4] + ":federated-user/" + name
	}
	return rego.Request{Principal: fr.Principal, Action: "sts:GetFederationToken", Resource: resource, Context: fr.Context, Time: fr.Time}
}

func dedupe(l []string) []string {
	seen := make(map[string]bool, len(l))
	out := l[:0:0]
	for _, s := range l {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// anyDeny is the expectation "deny": an explicit or an implicit deny.
const anyDeny rego.Outcome = "deny"

// Outcome is what the test saw: the decision of the request, or a deny when
// a role could not be assumed (the request was never made).
func (r Result) Outcome() rego.Outcome {
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
	got := r.Outcome()
	want := rego.Outcome(c.Test.Expect.Value)
	ok := got == want || (want == anyDeny && got != rego.Allow)
	// An internal error denies, but is never the outcome a test expects:
	// the core could not decide the request.
	for _, e := range r.Decision.Errors {
		if strings.HasPrefix(e, "internal:") {
			fails = append(fails, e)
			ok = true // said once
		}
	}
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
			if rs.Ref() == c.statement {
				found = true
			}
		}
		if !found {
			var names []string
			for _, rs := range r.Decision.Reasons {
				names = append(names, rs.Ref())
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
