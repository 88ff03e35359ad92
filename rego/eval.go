package rego

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/metrics"
	opa "github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// The evaluation of the decision entrypoints, kept lean: every decision
// pays for what happens here.
//
//   - OPA's PreparedEvalQuery.Eval starts a goroutine per evaluation to
//     watch the context for cancellation, unless given a cancel of its own
//     (EvalExternalCancel): a context that can never be cancelled shares one
//     that is never cancelled; any other gets one, cancelled by
//     context.AfterFunc.
//   - The queries of decide, allow and batch return the result as OPA's own
//     term (rawTerms), which decisionOf reads directly, instead of
//     converting it to Go maps first.

// neverCancelled is the cancel of evaluations whose context cannot be
// cancelled.
var neverCancelled = topdown.NewCancel()

// rawTerms makes a prepared query return its result as the *ast.Term OPA
// computed.
func rawTerms(t *ast.Term, _ *opa.EvalContext) (any, error) { return t, nil }

// evalTerm evaluates a prepared query of decide, allow or batch on input,
// at the request's time, and returns its one result.
func (e *Engine) evalTerm(ctx context.Context, pq opa.PreparedEvalQuery, input ast.Value) (*ast.Term, error) {
	input, at, err := e.requestClock(input)
	if err != nil {
		return nil, &refused{ErrInvalidTime, err.Error()}
	}
	cancel := neverCancelled
	if ctx.Done() != nil {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		c := topdown.NewCancel()
		stop := context.AfterFunc(ctx, c.Cancel)
		defer stop()
		cancel = c
	}
	rs, err := pq.Eval(ctx,
		opa.EvalParsedInput(input),
		opa.EvalMetrics(metrics.NoOp()),
		opa.EvalTime(at),
		opa.EvalExternalCancel(cancel),
	)
	if err != nil {
		return nil, err
	}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return nil, errNoResult
	}
	t, ok := rs[0].Expressions[0].Value.(*ast.Term)
	if !ok {
		return nil, fmt.Errorf("a result of type %T", rs[0].Expressions[0].Value)
	}
	return t, nil
}

var errNoResult = errors.New("evaluation produced no result")

// refused is an input the engine refuses before evaluating it: a deny with
// the reason, not an evaluation failure.
type refused struct {
	code   ErrorCode
	reason string
}

func (r *refused) Error() string { return r.reason }

// DecideValue answers a request given as a parsed input value.
func (e *Engine) DecideValue(ctx context.Context, input ast.Value) (Decision, error) {
	t, err := e.evalTerm(ctx, e.decide, input)
	return e.decisionResult(t, err)
}

// decisionResult turns an evaluation's result into a Decision, failing
// closed.
func (e *Engine) decisionResult(t *ast.Term, err error) (Decision, error) {
	var ie *refused
	switch {
	case errors.As(err, &ie):
		return denied(ie.code, ie.reason), nil
	case err != nil:
		return denied(ErrEvaluationFailed, "evaluation failed: "+err.Error()), fmt.Errorf("decide: %w", err)
	}
	d, err := decisionOf(t.Value)
	if err != nil {
		return denied(ErrEvaluationFailed, "evaluation produced a malformed decision: "+err.Error()), fmt.Errorf("decide: %w", err)
	}
	return d, nil
}

// Allowed answers whether a request is allowed, without the explanation
// Decide builds: data.iamc.allow, which stops at the answer. A request that
// cannot be decided is not allowed; the error is returned only when the
// evaluation itself failed (as for Decide).
func (e *Engine) Allowed(ctx context.Context, req Request) (bool, error) {
	input, err := requestInput(req)
	if err != nil {
		return false, nil
	}
	t, err := e.evalTerm(ctx, e.allow, input)
	var ie *refused
	switch {
	case errors.As(err, &ie):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("allow: %w", err)
	}
	b, ok := t.Value.(ast.Boolean)
	return ok && bool(b), nil
}

// DecideBatch answers many requests with few evaluations of
// data.iamc.batch: the requests of one time (requests of different times,
// on an engine loaded WithRequestTime, are grouped by time) are split into
// one share per processor, each decided in one evaluation, concurrently.
// The decisions are in the order of the requests; each follows the error
// contract of Decide.
func (e *Engine) DecideBatch(ctx context.Context, reqs []Request) ([]Decision, error) {
	out := make([]Decision, len(reqs))
	var first error
	for start := 0; start < len(reqs); {
		end := start + 1
		for end < len(reqs) && reqs[end].Time.Equal(reqs[start].Time) {
			end++
		}
		if err := e.decideGroup(ctx, reqs[start:end], out[start:end]); err != nil && first == nil {
			first = err
		}
		start = end
	}
	return out, first
}

// batchChunk is the fewest requests a batch evaluation is given when a
// group is split across processors: below it, another evaluation's fixed
// cost outweighs the parallelism.
const batchChunk = 16

// decideGroup decides requests of the same time: one evaluation of
// data.iamc.batch per processor, each for a contiguous share of the
// requests, so that a batch uses the machine as a server's concurrent
// requests would.
func (e *Engine) decideGroup(ctx context.Context, reqs []Request, out []Decision) error {
	n := min(runtime.GOMAXPROCS(0), max(1, len(reqs)/batchChunk))
	if n == 1 {
		return e.decideChunk(ctx, reqs, out)
	}
	errs := make([]error, n)
	var wg sync.WaitGroup
	for k := range n {
		lo, hi := k*len(reqs)/n, (k+1)*len(reqs)/n
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[k] = e.decideChunk(ctx, reqs[lo:hi], out[lo:hi])
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// decideChunk decides requests of the same time in one evaluation.
func (e *Engine) decideChunk(ctx context.Context, reqs []Request, out []Decision) error {
	items := make([]*ast.Term, 0, len(reqs))
	index := make([]int, 0, len(reqs)) // the request of each item
	for i, r := range reqs {
		r.Time = time.Time{}
		v, err := requestInput(r)
		if err != nil {
			out[i] = denied(ErrMalformedInput, "input: "+err.Error())
			continue
		}
		items = append(items, ast.NewTerm(v))
		index = append(index, i)
	}
	input := ast.NewObject([2]*ast.Term{ast.InternedTerm("requests"), ast.NewTerm(ast.NewArray(items...))})
	if t := reqs[0].Time; !t.IsZero() {
		input.Insert(ast.InternedTerm("time"), ast.StringTerm(timeValue(t)))
	}
	t, err := e.evalTerm(ctx, e.batch, input)
	var arr *ast.Array
	if err == nil {
		var ok bool
		if arr, ok = t.Value.(*ast.Array); !ok || arr.Len() != len(items) {
			err = fmt.Errorf("a batch of %d decisions for %d requests", arrayLen(arr), len(items))
		}
	}
	for k, i := range index {
		if err != nil {
			out[i], _ = e.decisionResult(nil, err)
			continue
		}
		d, derr := e.decisionResult(arr.Elem(k), nil)
		out[i] = d
		if derr != nil && err == nil {
			err = derr
		}
	}
	if err != nil && !errors.As(err, new(*refused)) {
		return fmt.Errorf("decide batch: %w", err)
	}
	return nil
}

func arrayLen(a *ast.Array) int {
	if a == nil {
		return 0
	}
	return a.Len()
}

// decisionOf reads a decision object as the core computes it.
func decisionOf(v ast.Value) (Decision, error) {
	obj, ok := v.(ast.Object)
	if !ok {
		return Decision{}, fmt.Errorf("decision is %s, not an object", ast.ValueName(v))
	}
	d := Decision{
		Reasons:        []Reason{},
		MissingContext: stringsOf(obj.Get(ast.InternedTerm("missing_context"))),
		Errors:         stringsOf(obj.Get(ast.InternedTerm("errors"))),
		ErrorDetails:   detailsOf(field(obj, "error_details")),
	}
	if b, ok := field(obj, "allowed").(ast.Boolean); ok {
		d.Allowed = bool(b)
	}
	d.Decision = Outcome(text(field(obj, "decision")))
	if d.Allowed != (d.Decision == Allow) || d.Decision == "" {
		return Decision{}, fmt.Errorf("inconsistent decision %v/%q", d.Allowed, d.Decision)
	}
	d.Reasons = reasonsOf(field(obj, "reasons"))
	if l, ok := field(obj, "layers").(ast.Object); ok {
		d.Layers = Layers{
			SCP: Verdict(text(field(l, "scp"))), Boundary: Verdict(text(field(l, "boundary"))),
			Identity: Verdict(text(field(l, "identity"))), Resource: Verdict(text(field(l, "resource"))),
			Session: Verdict(text(field(l, "session"))), RCP: Verdict(text(field(l, "rcp"))),
			Endpoint: Verdict(text(field(l, "endpoint"))),
		}
	}
	return d, nil
}

// reasonsOf reads an array of reasons.
func reasonsOf(v ast.Value) []Reason {
	rs, ok := v.(*ast.Array)
	if !ok {
		return []Reason{}
	}
	out := make([]Reason, 0, rs.Len())
	rs.Foreach(func(t *ast.Term) {
		r, _ := t.Value.(ast.Object)
		out = append(out, Reason{
			Layer: Layer(text(field(r, "layer"))), Policy: text(field(r, "policy")), Statement: text(field(r, "statement")),
			Effect: Effect(text(field(r, "effect"))), Source: text(field(r, "source")),
		})
	})
	return out
}

// detailsOf reads the error_details of a decision: nil when there are none
// (a decision without errors, or made by the core of an older iamc).
func detailsOf(v ast.Value) []DecisionError {
	arr, ok := v.(*ast.Array)
	if !ok || arr.Len() == 0 {
		return nil
	}
	out := make([]DecisionError, 0, arr.Len())
	arr.Foreach(func(t *ast.Term) {
		o, _ := t.Value.(ast.Object)
		out = append(out, DecisionError{Code: ErrorCode(text(field(o, "code"))), Message: text(field(o, "message"))})
	})
	return out
}

// field is an object's value for key, or nil.
func field(o ast.Object, key string) ast.Value {
	if o == nil {
		return nil
	}
	if t := o.Get(ast.InternedTerm(key)); t != nil {
		return t.Value
	}
	return nil
}

func text(v ast.Value) string {
	s, _ := v.(ast.String)
	return string(s)
}

// stringsOf reads an array or a set of strings, sorted; anything else is
// none.
func stringsOf(t *ast.Term) []string {
	out := []string{}
	if t == nil {
		return out
	}
	add := func(e *ast.Term) {
		if s, ok := e.Value.(ast.String); ok {
			out = append(out, string(s))
		}
	}
	switch v := t.Value.(type) {
	case *ast.Array:
		v.Foreach(add)
	case ast.Set:
		v.Foreach(add)
	}
	sort.Strings(out)
	return out
}
