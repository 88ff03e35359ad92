package compiler_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/internal/gen"
	"github.com/iamc/iamc/internal/jsonschematest"
	"github.com/iamc/iamc/rego"
	"github.com/iamc/iamc/schema"
)

// decodeModel reads a compiled data.json as a JSON value, numbers kept
// exact.
func decodeModel(t *testing.T, data []byte) map[string]any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var m map[string]any
	require.NoError(t, dec.Decode(&m))
	return m
}

// modelProjects lists the projects whose models the schema is checked
// against: every example, every compile case and every conformance
// scenario.
func modelProjects(t *testing.T) []string {
	t.Helper()
	var dirs []string
	for _, pattern := range []string{"../examples/*", "../testdata/compile/*"} {
		m, err := filepath.Glob(pattern)
		require.NoError(t, err)
		for _, d := range m {
			if hcl, _ := filepath.Glob(filepath.Join(d, "*.hcl")); len(hcl) > 0 {
				dirs = append(dirs, d)
			}
		}
	}
	err := filepath.WalkDir("../testdata/conformance", func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			if hcl, _ := filepath.Glob(filepath.Join(p, "*.hcl")); len(hcl) > 0 {
				dirs = append(dirs, p)
			}
		}
		return err
	})
	require.NoError(t, err)
	return dirs
}

// TestModelSchema keeps schema/model.schema.json true to the compiler: the
// model compiled from every example, compile case and conformance scenario,
// and from two organizations of internal/gen (the benchmarks' and the wide
// one, whose long candidate lists are indexed by resource), conforms to it.
func TestModelSchema(t *testing.T) {
	ctx := context.Background()
	v, err := jsonschematest.New(ctx)
	require.NoError(t, err)
	check := func(t *testing.T, out *compiler.Output) {
		t.Helper()
		msgs, err := v.Validate(ctx, "model", decodeModel(t, out.Data))
		require.NoError(t, err)
		assert.Empty(t, msgs, "data.json does not conform to schema/model.schema.json")
	}
	dirs := modelProjects(t)
	require.Greater(t, len(dirs), 50)
	seen := map[string]bool{}
	for _, dir := range dirs {
		out, p, diags := compiler.Build(dir)
		require.False(t, diags.HasErrors(), "%s: %s", dir, renderDiags(p, diags))
		t.Run(strings.TrimPrefix(dir, "../"), func(t *testing.T) { check(t, out) })
		for k := range decodeModel(t, out.Data) {
			seen[k] = true
		}
	}
	// Every key the schema defines at the top is written by some project,
	// so none of them goes unchecked.
	var top struct {
		Properties map[string]any `json:"properties"`
	}
	require.NoError(t, json.Unmarshal(modelSchema(t), &top))
	for k := range top.Properties {
		assert.True(t, seen[k], "no project writes %q: add one to testdata/compile", k)
	}

	orgs := map[string]func() (*gen.Org, error){
		"gen":  func() (*gen.Org, error) { return gen.New(gen.Config{Statements: 2000, Seed: 5}) },
		"wide": func() (*gen.Org, error) { return gen.Wide(1000, 5) },
	}
	for name, mk := range orgs {
		t.Run(name, func(t *testing.T) {
			org, err := mk()
			require.NoError(t, err)
			dir := t.TempDir()
			require.NoError(t, org.WriteDir(dir))
			out, p, diags := compiler.Build(dir)
			require.False(t, diags.HasErrors(), "%s", renderDiags(p, diags))
			check(t, out)
		})
	}
}

func modelSchema(t *testing.T) []byte {
	t.Helper()
	b, err := fs.ReadFile(schema.JSONSchemas, "model.schema.json")
	require.NoError(t, err)
	return b
}

// The schema refuses a model that breaks it: each change below makes one
// key wrong, and validation must say so.
func TestModelSchemaRejects(t *testing.T) {
	ctx := context.Background()
	v, err := jsonschematest.New(ctx)
	require.NoError(t, err)
	out, p, diags := compiler.Build("../examples/coffee-shop")
	require.False(t, diags.HasErrors(), "%s", renderDiags(p, diags))

	msgs, err := v.Validate(ctx, "model", decodeModel(t, out.Data))
	require.NoError(t, err)
	require.Empty(t, msgs, "the unchanged model must conform")

	obj := func(v any) map[string]any { return v.(map[string]any) }
	arr := func(v any) []any { return v.([]any) }
	owner := func(m map[string]any) map[string]any {
		return obj(obj(m["principals"])["arn:aws:iam::111122223333:user/owner"])
	}
	cashier := func(m map[string]any) map[string]any {
		return obj(obj(m["roles"])["arn:aws:iam::111122223333:role/shop/Cashier"])
	}
	pset1 := func(m map[string]any) map[string]any { return obj(arr(m["psets"])[1]) }
	st0 := func(m map[string]any) map[string]any { return obj(arr(m["st"])[0]) }
	// The coffee shop's one condition: the Cashier's trust policy's Bool
	// aws:MultiFactorAuthPresent.
	cond := func(m map[string]any) map[string]any {
		for _, st := range arr(m["st"]) {
			if c, ok := obj(st)["c"].([]any); ok {
				return obj(c[0])
			}
		}
		t.Fatal("no statement with a condition")
		return nil
	}
	// Each change, with what the violation names.
	type broken struct {
		field  string
		change func(m map[string]any)
	}
	for name, c := range map[string]broken{
		"xs a number":              {"psets.1.xs", func(m map[string]any) { pset1(m)["xs"] = 5 }},
		"xs without its indexes":   {"psets.1.xs", func(m map[string]any) { pset1(m)["xs"] = ",menu:viewmenu=2," }},
		"unknown pset key":         {"psets.1", func(m map[string]any) { pset1(m)["x"] = map[string]any{} }},
		"effect not Allow or Deny": {"st.0.e", func(m map[string]any) { st0(m)["e"] = "allow" }},
		"statement without m":      {"st.0", func(m map[string]any) { delete(st0(m), "m") }},
		"m of two strings":         {"st.0.m", func(m map[string]any) { st0(m)["m"] = []any{"policy.owner", "RunTheShop"} }},
		"no statements":            {"st is required", func(m map[string]any) { delete(m, "st") }},
		"unknown top-level key":    {"st2", func(m map[string]any) { m["st2"] = []any{} }},
		"account not 12 digits":    {"user/owner.a", func(m map[string]any) { owner(m)["a"] = "1111" }},
		"policy set a string":      {"user/owner.ps", func(m map[string]any) { owner(m)["ps"] = "1" }},
		"side code unknown":        {"user/owner.p.0.0", func(m map[string]any) { owner(m)["p"] = []any{[]any{"x", 1}} }},
		"max a string":             {"Cashier.max", func(m map[string]any) { cashier(m)["max"] = "8h" }},
		"role type User":           {"Cashier.t", func(m map[string]any) { cashier(m)["t"] = "User" }},
		"candidate part of three":  {"cl.0", func(m map[string]any) { arr(m["cl"])[0] = []any{[]any{}, []any{}, []any{}} }},
		"indexed list without u":   {"u is required", func(m map[string]any) { arr(m["cl"])[0] = map[string]any{"e": map[string]any{}} }},
		"bucket entry a string":    {"wl.0.p.0", func(m map[string]any) { obj(arr(m["wl"])[0])["p"] = []any{"inventory:"} }},
		"numeric operator on text": {"c.0.v.0", func(m map[string]any) { cond(m)["o"] = "n<" }},
		"unknown operator":         {"c.0.o", func(m map[string]any) { cond(m)["o"] = "stringequals" }},
		"pattern kind unknown":     {"c.0.v.0", func(m map[string]any) { cond(m)["v"] = []any{[]any{"?", "true"}} }},
		"key type unknown":         {"kt.aws:sourceip", func(m map[string]any) { obj(m["kt"])["aws:sourceip"] = "IPAddress" }},
		"refused key reason":       {"kr.aws:username", func(m map[string]any) { obj(m["kr"])["aws:username"] = "user" }},
		"default of another key":   {"aws:sourceip", func(m map[string]any) { obj(m["defaults"])["aws:sourceip"] = "10.0.0.1" }},
		"catalog value":            {"cat.menu.viewmenu", func(m map[string]any) { obj(obj(m["cat"])["menu"])["viewmenu"] = true }},
		"rule without source":      {"s is required", func(m map[string]any) { delete(obj(arr(m["or"])[0]), "s") }},
		"layer verdict unknown":    {"layers.allow.scp", func(m map[string]any) { obj(obj(m["layers"])["allow"])["scp"] = "maybe" }},
	} {
		t.Run(name, func(t *testing.T) {
			m := decodeModel(t, out.Data)
			c.change(m)
			msgs, err := v.Validate(ctx, "model", m)
			require.NoError(t, err)
			require.NotEmpty(t, msgs, "the schema accepts a broken model")
			assert.Contains(t, strings.Join(msgs, "\n"), c.field)
		})
	}
}

// TestModelSchemaGlossary: the schema is the glossary of the model's keys,
// so every property it defines says what it is.
func TestModelSchemaGlossary(t *testing.T) {
	var doc any
	require.NoError(t, json.Unmarshal(modelSchema(t), &doc))
	var missing []string
	count := 0
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch x := v.(type) {
		case map[string]any:
			if props, ok := x["properties"].(map[string]any); ok {
				for k, p := range props {
					count++
					if d, _ := p.(map[string]any)["description"].(string); strings.TrimSpace(d) == "" {
						missing = append(missing, path+"/properties/"+k)
					}
				}
			}
			for k, e := range x {
				// if/then/else constrain properties defined elsewhere.
				if k != "if" && k != "then" && k != "else" {
					walk(path+"/"+k, e)
				}
			}
		case []any:
			for _, e := range x {
				walk(path+"/[]", e)
			}
		}
	}
	walk("", doc)
	sort.Strings(missing)
	assert.Empty(t, missing, "properties without a description")
	assert.Greater(t, count, 80)
}

// TestCoreTypeChecksAgainstModelSchema: the schemas annotation of
// rego/core/core.rego types data.iamc.model with the schema when a schema
// set is given (as make lint's opa check --schema does): the core checks
// against the schema, and fails against one that lacks a key it reads or
// gives a key the wrong type. Without a schema set, as in the embedded
// engine and an OPA sidecar, the annotation is skipped.
func TestCoreTypeChecksAgainstModelSchema(t *testing.T) {
	modules := map[string]*ast.Module{}
	for name, src := range rego.CoreModules() {
		mod, err := ast.ParseModuleWithOpts(name, string(src), ast.ParserOptions{ProcessAnnotation: true})
		require.NoError(t, err)
		modules[name] = mod
	}
	compile := func(raw []byte) ast.Errors {
		c := ast.NewCompiler().WithStrict(true).WithUseTypeCheckAnnotations(true)
		if raw != nil {
			var doc any
			require.NoError(t, json.Unmarshal(raw, &doc))
			ss := ast.NewSchemaSet()
			ss.Put(ast.MustParseRef("schema.model"), doc)
			c = c.WithSchemas(ss)
		}
		c.Compile(modules)
		return c.Errors
	}
	raw := modelSchema(t)
	require.Empty(t, compile(raw), "the core does not type-check against schema/model.schema.json")
	require.Empty(t, compile(nil), "the core does not compile without a schema set")

	edit := func(f func(s map[string]any)) []byte {
		var s map[string]any
		require.NoError(t, json.Unmarshal(raw, &s))
		f(s)
		b, err := json.Marshal(s)
		require.NoError(t, err)
		return b
	}
	def := func(s map[string]any, name string) map[string]any {
		return s["definitions"].(map[string]any)[name].(map[string]any)["properties"].(map[string]any)
	}
	for name, c := range map[string]struct {
		schema []byte
		want   string
	}{
		"no xs":       {edit(func(s map[string]any) { delete(def(s, "pset"), "xs") }), `undefined ref: data.iamc.model.psets[psid].xs`},
		"no rb":       {edit(func(s map[string]any) { delete(s["properties"].(map[string]any), "rb") }), `undefined ref: data.iamc.model.rb`},
		"xs a number": {edit(func(s map[string]any) { def(s, "pset")["xs"] = map[string]any{"type": "integer"} }), `indexof: invalid argument(s)`},
		"bucket patterns numbers": {edit(func(s map[string]any) {
			s["definitions"].(map[string]any)["patternLists"].(map[string]any)["items"].(map[string]any)["items"].([]any)[0] = map[string]any{"type": "integer"}
		}), `startswith: invalid argument(s)`},
	} {
		t.Run(name, func(t *testing.T) {
			errs := compile(c.schema)
			require.NotEmpty(t, errs, "the core type-checks against a schema that does not fit it")
			assert.Contains(t, errs.Error(), c.want)
		})
	}
}
