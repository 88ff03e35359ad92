// Package jsonschematest checks JSON documents against iamc's JSON Schemas
// (schema.JSONSchemas) for tests. It validates with OPA's json.match_schema
// built-in, the JSON Schema implementation OPA itself uses, so it needs no
// other dependency.
package jsonschematest

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

	"github.com/iamc/iamc/schema"
)

// Validator checks documents against the schemas. It is safe for concurrent
// use.
type Validator struct {
	pq    rego.PreparedEvalQuery
	names map[string]bool
}

// New loads every *.schema.json of schema.JSONSchemas, by name without the
// suffix: "decision-input", "decision", "model".
func New(ctx context.Context) (*Validator, error) {
	entries, err := fs.ReadDir(schema.JSONSchemas, ".")
	if err != nil {
		return nil, err
	}
	schemas := map[string]any{}
	v := &Validator{names: map[string]bool{}}
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".schema.json")
		if !ok {
			continue
		}
		b, err := fs.ReadFile(schema.JSONSchemas, e.Name())
		if err != nil {
			return nil, err
		}
		var doc any
		if err := json.Unmarshal(b, &doc); err != nil {
			return nil, fmt.Errorf("%s: %w", e.Name(), err)
		}
		schemas[name] = doc
		v.names[name] = true
	}
	store := inmem.NewFromObject(map[string]any{"schemas": schemas})
	v.pq, err = rego.New(
		rego.Query("r := json.match_schema(input.doc, data.schemas[input.name])"),
		rego.Store(store),
	).PrepareForEval(ctx)
	if err != nil {
		return nil, err
	}
	return v, nil
}

// Validate checks doc (a JSON value: maps, slices, strings, numbers,
// booleans) against the named schema and returns what it violates; none
// when it conforms.
func (v *Validator) Validate(ctx context.Context, name string, doc any) ([]string, error) {
	if !v.names[name] {
		return nil, fmt.Errorf("no schema %q", name)
	}
	in, err := ast.InterfaceToValue(map[string]any{"doc": doc, "name": name})
	if err != nil {
		return nil, err
	}
	rs, err := v.pq.Eval(ctx, rego.EvalParsedInput(in))
	if err != nil {
		return nil, err
	}
	if len(rs) != 1 {
		return nil, fmt.Errorf("validate %s: no result", name)
	}
	r, _ := rs[0].Bindings["r"].([]any)
	if len(r) != 2 {
		return nil, fmt.Errorf("validate %s: unexpected result %v", name, rs[0].Bindings["r"])
	}
	if ok, _ := r[0].(bool); ok {
		return nil, nil
	}
	var out []string
	errs, _ := r[1].([]any)
	for _, e := range errs {
		m, _ := e.(map[string]any)
		out = append(out, fmt.Sprintf("%v: %v", m["field"], m["desc"]))
	}
	if len(out) == 0 {
		out = append(out, "does not conform")
	}
	return out, nil
}
