package suite

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"
	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/schema"
)

// RegoResult is the outcome of one test rule of a *_test.rego file, run by
// OPA's tester against the project's bundle.
type RegoResult struct {
	// Name is the rule's full name, like data.coffee.test_owner_refunds.
	Name string
	// Range is where the rule is written.
	Range   hcl.Range
	Passed  bool
	Skipped bool // a todo_test_ rule
	// Error is the evaluation error, when the test could not be evaluated.
	Error string
	// FailedAt explains a failed test: the last expression of the test file
	// that was false, with its location and the values of its terms, like
	// `bakery_test.rego:11:2: data.iamc.allow with input as {…}`.
	FailedAt string
	// Output is what the test printed with print().
	Output   string
	Duration time.Duration
}

// regoSuite is the *_test.rego files of a project, parsed, with the bundle
// they run against.
type regoSuite struct {
	modules map[string]*ast.Module // bundle modules and test modules
	tests   map[string]bool        // names of the test modules
	data    map[string]any
}

// prepareRego parses the project's *_test.rego files. Parse errors, and a
// test file that defines no test, are diagnostics.
func prepareRego(out *compiler.Output) (*regoSuite, hcl.Diagnostics) {
	s := &regoSuite{modules: map[string]*ast.Module{}, tests: map[string]bool{}}
	if len(out.Project.RegoTests) == 0 {
		return s, nil
	}
	var diags hcl.Diagnostics
	opts := ast.ParserOptions{RegoVersion: ast.RegoV1}
	for name, src := range out.Modules {
		m, err := ast.ParseModuleWithOpts(name, string(src), opts)
		if err != nil {
			return nil, append(diags, schema.Errorf(schema.CodeInternalError, nil, "Cannot parse the bundle", "%s", err))
		}
		s.modules[name] = m
	}
	names := make([]string, 0, len(out.Project.RegoTests))
	for name := range out.Project.RegoTests {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		m, err := ast.ParseModuleWithOpts(name, string(out.Project.RegoTests[name]), opts)
		if err != nil {
			diags = append(diags, regoDiags(err)...)
			continue
		}
		if !hasTestRule(m) {
			diags = append(diags, schema.Errorf(schema.CodeInvalidTest, regoRange(m.Package.Location).Ptr(),
				"Empty suite", "this Rego test file defines no test_ rule; add a test or delete the file"))
		}
		s.modules[name] = m
		s.tests[name] = true
	}
	if diags.HasErrors() {
		return nil, diags
	}
	var data any
	if err := json.Unmarshal(out.Data, &data); err != nil {
		return nil, append(diags, schema.Errorf(schema.CodeInternalError, nil, "Cannot read the bundle data", "%s", err))
	}
	s.data = map[string]any{}
	// data.json sits at compiler.DataPath (iamc/model): data.iamc.model.
	cur := s.data
	parts := strings.Split(compiler.DataPath, "/")
	for _, p := range parts[:len(parts)-1] {
		next := map[string]any{}
		cur[p] = next
		cur = next
	}
	cur[parts[len(parts)-1]] = data
	return s, diags
}

// Len is the number of test files.
func (s *regoSuite) Len() int { return len(s.tests) }

func hasTestRule(m *ast.Module) bool {
	for _, r := range m.Rules {
		name := r.Head.Ref().String()
		if strings.HasPrefix(name, "test_") || strings.HasPrefix(name, "todo_test_") {
			return true
		}
	}
	return false
}

// Run runs the tests whose full name matches filter (all for nil), in
// parallel, and returns their results ordered by file and position. A test
// file that does not compile against the bundle gives diagnostics.
func (s *regoSuite) Run(ctx context.Context, filter *regexp.Regexp, parallel int) ([]RegoResult, hcl.Diagnostics, error) {
	if s == nil || len(s.tests) == 0 {
		return nil, nil, nil
	}
	results, err := s.run(ctx, filter, parallel, false)
	if err != nil {
		var errs ast.Errors
		if errors.As(err, &errs) {
			return nil, regoDiags(errs), nil
		}
		return nil, nil, fmt.Errorf("rego tests: %w", err)
	}
	var out []RegoResult
	var failed []string
	for _, tr := range results {
		if tr.Location == nil || !s.tests[tr.Location.File] {
			continue
		}
		res := RegoResult{
			Name:     tr.Package + "." + tr.Name,
			Range:    regoRange(tr.Location),
			Passed:   tr.Pass(),
			Skipped:  tr.Skip,
			Output:   string(tr.Output),
			Duration: tr.Duration,
		}
		if tr.Error != nil {
			res.Error = tr.Error.Error()
		}
		if !res.Passed && !res.Skipped && res.Error == "" {
			failed = append(failed, regexp.QuoteMeta(res.Name))
		}
		out = append(out, res)
	}
	if len(failed) > 0 {
		// Run the failed tests again, traced, to say where they failed.
		traced, err := s.run(ctx, regexp.MustCompile("^("+strings.Join(failed, "|")+")$"), parallel, true)
		if err == nil {
			at := map[string]string{}
			for _, tr := range traced {
				at[tr.Package+"."+tr.Name] = failedAt(tr)
			}
			for i := range out {
				out[i].FailedAt = at[out[i].Name]
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Range, out[j].Range
		if a.Filename != b.Filename {
			return a.Filename < b.Filename
		}
		if a.Start.Line != b.Start.Line {
			return a.Start.Line < b.Start.Line
		}
		return out[i].Name < out[j].Name
	})
	return out, nil, nil
}

// run runs the tests through OPA's tester and collects their results.
func (s *regoSuite) run(ctx context.Context, filter *regexp.Regexp, parallel int, trace bool) ([]*tester.Result, error) {
	store := inmem.NewFromObjectWithOpts(s.data, inmem.OptRoundTripOnWrite(false))
	txn, err := store.NewTransaction(ctx, storage.TransactionParams{})
	if err != nil {
		return nil, err
	}
	defer store.Abort(ctx, txn)
	r := tester.NewRunner().
		SetCompiler(ast.NewCompiler().WithEnablePrintStatements(true)).
		SetStore(store).
		SetModules(s.modules).
		CapturePrintOutput(true).
		EnableTracing(trace).
		SetParallel(parallel)
	if filter != nil {
		r = r.Filter(filter.String())
	}
	ch, err := r.RunTests(ctx, txn)
	if err != nil {
		return nil, err
	}
	var out []*tester.Result
	for tr := range ch {
		out = append(out, tr)
	}
	return out, nil
}

// failedAt finds, in the trace of a failed test, the expression of its own
// file that failed furthest into the test, and renders it with the values
// its references had.
func failedAt(tr *tester.Result) string {
	if tr.Location == nil {
		return ""
	}
	var best *topdown.Event
	for _, ev := range tr.Trace {
		if ev.Op != topdown.FailOp || ev.Location == nil || ev.Location.File != tr.Location.File {
			continue
		}
		if _, ok := ev.Node.(*ast.Expr); !ok {
			continue
		}
		if best == nil || ev.Location.Row > best.Location.Row ||
			(ev.Location.Row == best.Location.Row && ev.Location.Col >= best.Location.Col) {
			best = ev
		}
	}
	if best == nil {
		return ""
	}
	expr := best.Node.(*ast.Expr)
	text := strings.Join(strings.Fields(string(best.Location.Text)), " ")
	if text == "" {
		text = expr.String()
	}
	msg := fmt.Sprintf("%s:%d:%d: %s", best.Location.File, best.Location.Row, best.Location.Col, text)
	var values []string
	seen := map[string]bool{}
	addValue := func(t *ast.Term) {
		name := originalName(best, t)
		if name == "" || seen[name] {
			return
		}
		if v := resolve(best, t); v != nil {
			seen[name] = true
			values = append(values, fmt.Sprintf("%s = %s", name, v))
		}
	}
	if !expr.Negated {
		switch terms := expr.Terms.(type) {
		case *ast.Term:
			addValue(terms)
		case []*ast.Term:
			for _, t := range terms[1:] {
				addValue(t)
			}
		}
	}
	if len(values) > 0 {
		msg += " (" + strings.Join(values, ", ") + ")"
	}
	return msg
}

// originalName is a variable or reference as written in the test, or "" for
// anything else (a constant, a call).
func originalName(ev *topdown.Event, t *ast.Term) string {
	rename := func(v ast.Var) (string, bool) {
		if m, ok := ev.LocalMetadata[v]; ok {
			return string(m.Name), true
		}
		if v.IsGenerated() || v.IsWildcard() {
			return "", false
		}
		return string(v), true
	}
	switch x := t.Value.(type) {
	case ast.Var:
		n, ok := rename(x)
		if !ok {
			return ""
		}
		return n
	case ast.Ref:
		head, ok := x[0].Value.(ast.Var)
		if !ok || !x[1:].IsGround() {
			return ""
		}
		n, ok := rename(head)
		if !ok {
			return ""
		}
		if head.Equal(ast.DefaultRootDocument.Value) || head.Equal(ast.InputRootDocument.Value) {
			return ""
		}
		cp := x.Copy()
		cp[0] = ast.VarTerm(n)
		return cp.String()
	}
	return ""
}

// resolve is the value of a variable, or of a reference into a variable,
// at the event; nil when it is not known.
func resolve(ev *topdown.Event, t *ast.Term) ast.Value {
	if ev.Locals == nil {
		return nil
	}
	switch x := t.Value.(type) {
	case ast.Var:
		return ev.Locals.Get(x)
	case ast.Ref:
		v, ok := x[0].Value.(ast.Var)
		if !ok {
			return nil
		}
		cur := ev.Locals.Get(v)
		for _, k := range x[1:] {
			if cur == nil {
				return nil
			}
			next, err := cur.Find(ast.Ref{k})
			if err != nil {
				return nil
			}
			cur = next
		}
		return cur
	}
	return nil
}

// regoDiags turns OPA parse and compile errors into diagnostics.
func regoDiags(err error) hcl.Diagnostics {
	var errs ast.Errors
	if !errors.As(err, &errs) {
		return hcl.Diagnostics{schema.Errorf(schema.CodeInvalidTest, nil, "Rego test error", "%s", err)}
	}
	var diags hcl.Diagnostics
	for _, e := range errs {
		// rego_type_error reads "Rego type error".
		summary := "Rego " + strings.ReplaceAll(strings.TrimPrefix(e.Code, "rego_"), "_", " ")
		// A test file that does not parse is a syntax error; one that does
		// not compile against the bundle (types, unknown rules) an invalid test.
		code := schema.CodeInvalidTest
		if e.Code == ast.ParseErr {
			code = schema.CodeSyntaxError
		}
		var subject *hcl.Range
		if e.Location != nil {
			subject = regoRange(e.Location).Ptr()
		}
		d := schema.Errorf(code, subject, summary, "%s", e.Message)
		diags = append(diags, d)
	}
	return diags
}

func regoRange(loc *ast.Location) hcl.Range {
	if loc == nil {
		return hcl.Range{}
	}
	start := hcl.Pos{Line: max(loc.Row, 1), Column: max(loc.Col, 1)}
	end := start
	if n := len(loc.Text); n > 0 && !strings.Contains(string(loc.Text), "\n") {
		end.Column += n
	}
	return hcl.Range{Filename: loc.File, Start: start, End: end}
}
