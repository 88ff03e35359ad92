package compiler

import (
	"encoding/json"
	"fmt"
	"math/big"
	"net/netip"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/schema"
)

// The lowered statement form read by the Rego core (rego/core/match.rego
// documents the pattern encoding). Field names are short: bundle data costs
// about 20 times its JSON size in OPA's memory.
type mStmt struct {
	E  string         `json:"e"`            // Allow | Deny
	NA [][]any        `json:"na,omitempty"` // NotAction patterns
	R  []any          `json:"r,omitempty"`  // Resource patterns (see compact)
	NR []any          `json:"nr,omitempty"` // NotResource patterns
	C  []*mCond       `json:"c,omitempty"`  // conditions
	PR map[string]int `json:"pr,omitempty"` // Principal identifiers
	NP map[string]int `json:"np,omitempty"` // NotPrincipal identifiers
	// M is the statement's policy (an HCL reference), Sid (or [index]) and
	// source (file:line:col), read only to explain a decision.
	M [3]string `json:"m"`

	policy, sid, src string

	actions [][]any // Action patterns, kept for the index only
	// rkeys are the keys of the resource index (candValue) under which the
	// statement is listed, when indexed: its Resource patterns all have a
	// literal start.
	rkeys   []rkey
	indexed bool
}

// rkey is a key of the resource index: an exact ARN, or a prefix of the
// resource part ending at a "/" or ":". sure: the key decides the pattern
// (the ARN itself, or the prefix followed by a lone "*").
type rkey struct {
	key    string
	prefix bool
	sure   bool
}

// always: nothing to check once the action matched (no Resource other than
// "*", no NotResource, no Condition, no Principal to match).
func (m *mStmt) always() bool { return m.R == nil && m.NR == nil && m.noChecks() }

// noChecks: no Condition and no Principal or NotPrincipal.
func (m *mStmt) noChecks() bool { return m.C == nil && m.PR == nil && m.NP == nil }

// resourceKeys returns the resource-index keys of a statement's Resource
// patterns; ok is false when one of them cannot be indexed: "*", a policy
// variable (with Version 2012-10-17), or a wildcard before the resource
// part.
func resourceKeys(list []schema.String, vars bool) ([]rkey, bool) {
	if len(list) == 0 {
		return nil, false
	}
	var out []rkey
	for _, r := range list {
		s := r.Value
		if s == "*" || (vars && strings.Contains(s, "${")) {
			return nil, false
		}
		w := strings.IndexAny(s, "*?")
		if w < 0 {
			out = append(out, rkey{key: s, sure: true})
			continue
		}
		f := nthIndex(s, ':', 5)
		if f < 0 || w <= f {
			return nil, false
		}
		lit := s[:w]
		cut := max(strings.LastIndexByte(lit, '/'), strings.LastIndexByte(lit, ':'))
		key := lit[:cut+1]
		out = append(out, rkey{key: key, prefix: true, sure: s == key+"*"})
	}
	return out, true
}

// nthIndex is the index of the nth occurrence of c in s (1-based), or -1.
func nthIndex(s string, c byte, n int) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			if n--; n == 0 {
				return i
			}
		}
	}
	return -1
}

type mCond struct {
	O  string `json:"o"`           // operator code
	K  string `json:"k"`           // key, lower case
	KN string `json:"kn"`          // key as written
	V  []any  `json:"v"`           // policy values, lowered for the operator
	N  bool   `json:"n,omitempty"` // negated operator
	X  bool   `json:"x,omitempty"` // …IfExists
	Q  string `json:"q,omitempty"` // any | all (ForAnyValue / ForAllValues)
}

// operators maps a base condition operator (lower case) to its code and
// whether it is negated (§5.2).
var operators = map[string]struct {
	code string
	neg  bool
}{
	"stringequals":              {"s", false},
	"stringnotequals":           {"s", true},
	"stringequalsignorecase":    {"si", false},
	"stringnotequalsignorecase": {"si", true},
	"stringlike":                {"sl", false},
	"stringnotlike":             {"sl", true},
	"numericequals":             {"n=", false},
	"numericnotequals":          {"n=", true},
	"numericlessthan":           {"n<", false},
	"numericlessthanequals":     {"n<=", false},
	"numericgreaterthan":        {"n>", false},
	"numericgreaterthanequals":  {"n>=", false},
	"dateequals":                {"d=", false},
	"datenotequals":             {"d=", true},
	"datelessthan":              {"d<", false},
	"datelessthanequals":        {"d<=", false},
	"dategreaterthan":           {"d>", false},
	"dategreaterthanequals":     {"d>=", false},
	"bool":                      {"b", false},
	"binaryequals":              {"bin", false},
	"ipaddress":                 {"ip", false},
	"notipaddress":              {"ip", true},
	"arnequals":                 {"arn", false},
	"arnlike":                   {"arn", false},
	"arnnotequals":              {"arn", true},
	"arnnotlike":                {"arn", true},
	"null":                      {"null", false},
}

// OperatorNames lists the base condition operators as AWS spells them.
var OperatorNames = []string{
	"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
	"StringLike", "StringNotLike",
	"NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals",
	"NumericGreaterThan", "NumericGreaterThanEquals",
	"DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals",
	"DateGreaterThan", "DateGreaterThanEquals",
	"Bool", "BinaryEquals", "IpAddress", "NotIpAddress",
	"ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null",
}

// Operator is a condition operator split into its parts:
// "ForAnyValue:StringLikeIfExists" is {Set: "any", Base: "stringlike",
// IfExists: true}.
type Operator struct {
	Set      string // "", "any" (ForAnyValue:) or "all" (ForAllValues:)
	Base     string // lower case, without IfExists
	IfExists bool
}

// ParseOperator splits a condition operator into its parts.
func ParseOperator(op string) Operator {
	l := strings.ToLower(op)
	var p Operator
	switch {
	case strings.HasPrefix(l, "foranyvalue:"):
		p.Set, l = "any", strings.TrimPrefix(l, "foranyvalue:")
	case strings.HasPrefix(l, "forallvalues:"):
		p.Set, l = "all", strings.TrimPrefix(l, "forallvalues:")
	}
	if strings.HasSuffix(l, "ifexists") {
		p.IfExists, l = true, strings.TrimSuffix(l, "ifexists")
	}
	p.Base = l
	return p
}

// globMeta are the characters the glob library treats specially.
const globMeta = `*?\[]{}`

// globOf quotes the glob metacharacters of s and turns IAM's * and ? into
// the given glob wildcards.
func globOf(s, star, one string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '*':
			b.WriteString(star)
		case r == '?':
			b.WriteString(one)
		case strings.ContainsRune(globMeta, r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func quoteGlob(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(globMeta, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func hasWildcard(s string) bool { return strings.ContainsAny(s, "*?") }

// actionPattern lowers an action (case-insensitive, §2.1).
func actionPattern(a string) []any {
	a = strings.ToLower(a)
	switch {
	case a == "*":
		return []any{"*"}
	case !hasWildcard(a):
		return []any{"=", a}
	case strings.Count(a, "*") == 1 && strings.HasSuffix(a, "*") && !strings.Contains(a, "?"):
		return []any{"^", strings.TrimSuffix(a, "*")}
	}
	return []any{"~", globOf(a, "*", "?")}
}

// arnGlob turns an ARN pattern into a glob with ':' as separator: * and ?
// stay within each of the first five segments and span anything in the
// resource part (§2.2).
func arnGlob(s string) string {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) < 6 {
		return globOf(s, "*", "?")
	}
	for i := 0; i < 5; i++ {
		parts[i] = globOf(parts[i], "*", "?")
	}
	parts[5] = globOf(parts[5], "**", "{?,:}")
	return strings.Join(parts, ":")
}

// resourcePattern lowers a literal (variable-free) ARN pattern.
func resourcePattern(r string) []any {
	switch {
	case r == "*":
		return []any{"*"}
	case !hasWildcard(r):
		return []any{"=", r}
	}
	parts := strings.SplitN(r, ":", 6)
	if len(parts) == 6 && !hasWildcard(strings.Join(parts[:5], ":")) &&
		strings.Count(parts[5], "*") == 1 && strings.HasSuffix(parts[5], "*") && !strings.Contains(parts[5], "?") {
		return []any{"^", strings.TrimSuffix(r, "*")}
	}
	return []any{":", arnGlob(r)}
}

func likePattern(s string) []any {
	switch {
	case s == "*":
		return []any{"*"}
	case !hasWildcard(s):
		return []any{"=", s}
	case strings.Count(s, "*") == 1 && strings.HasSuffix(s, "*") && !strings.Contains(s, "?"):
		return []any{"^", strings.TrimSuffix(s, "*")}
	}
	return []any{"~", globOf(s, "*", "?")}
}

// ---------------------------------------------------------------- policy variables

// tmplPart is a piece of a string with policy variables: literal text, or a
// variable with an optional default.
type tmplPart struct {
	lit        string
	key        string // lower case; "" for literal text
	def        string
	hasDefault bool
	start      int // byte offset of the part in the original string
}

// parseTemplate splits s at its policy variables (§6): ${key},
// ${key, 'default'}, and the escapes ${*}, ${?}, ${$}.
func parseTemplate(s string) ([]tmplPart, error) {
	var parts []tmplPart
	var lit strings.Builder
	litStart := 0
	flush := func() {
		if lit.Len() > 0 {
			parts = append(parts, tmplPart{lit: lit.String(), start: litStart})
			lit.Reset()
		}
	}
	for i := 0; i < len(s); {
		if !strings.HasPrefix(s[i:], "${") {
			if lit.Len() == 0 {
				litStart = i
			}
			lit.WriteByte(s[i])
			i++
			continue
		}
		end := strings.IndexByte(s[i:], '}')
		if end < 0 {
			return nil, fmt.Errorf("the policy variable at offset %d has no closing '}'", i)
		}
		inner := s[i+2 : i+end]
		switch inner {
		case "*", "?", "$":
			if lit.Len() == 0 {
				litStart = i
			}
			// An escape is literal text; mark it so wildcards are not made of it.
			flush()
			parts = append(parts, tmplPart{lit: inner, key: "\x00literal", start: i})
		default:
			flush()
			key, def, hasDef := inner, "", false
			if k, d, ok := strings.Cut(inner, ","); ok {
				d = strings.TrimSpace(d)
				if len(d) < 2 || d[0] != '\'' || d[len(d)-1] != '\'' {
					return nil, fmt.Errorf("the default of ${%s} must be single-quoted, like ${%s, 'value'}", inner, strings.TrimSpace(k))
				}
				key, def, hasDef = strings.TrimSpace(k), d[1:len(d)-1], true
			}
			if key == "" || strings.ContainsAny(key, " ${") {
				return nil, fmt.Errorf("${%s} is not a policy variable", inner)
			}
			parts = append(parts, tmplPart{key: strings.ToLower(key), def: def, hasDefault: hasDef, start: i})
		}
		i += end + 1
	}
	flush()
	return parts, nil
}

func hasVariables(parts []tmplPart) bool {
	for _, p := range parts {
		if p.key != "" && p.key != "\x00literal" {
			return true
		}
	}
	return false
}

// literalOf joins a template without variables back into its text (with
// escapes resolved).
func literalOf(parts []tmplPart) string {
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(p.lit)
	}
	return b.String()
}

// templatePattern lowers a string with variables into ["v", mode, parts].
// Literal text is written in the syntax of mode: for glob modes its * and ?
// become wildcards (per ARN segment for ":"), escapes become quoted text.
func templatePattern(parts []tmplPart, mode string) []any {
	out := []any{}
	seg := 0 // colons seen in literal text, for ARN modes
	for _, p := range parts {
		switch {
		case p.key == "":
			switch mode {
			case "=", "i":
				out = append(out, p.lit)
			case "~":
				out = append(out, globOf(p.lit, "*", "?"))
			case ":":
				var b strings.Builder
				for _, r := range p.lit {
					switch {
					case r == ':':
						seg++
						b.WriteRune(r)
					case seg >= 5:
						b.WriteString(globOf(string(r), "**", "{?,:}"))
					default:
						b.WriteString(globOf(string(r), "*", "?"))
					}
				}
				out = append(out, b.String())
			}
		case p.key == "\x00literal":
			if mode == "~" || mode == ":" {
				out = append(out, quoteGlob(p.lit))
			} else {
				out = append(out, p.lit)
			}
		default:
			v := map[string]any{"k": p.key}
			if p.hasDefault {
				v["d"] = p.def
			}
			out = append(out, v)
		}
	}
	return []any{"v", mode, out}
}

// ---------------------------------------------------------------- statements

// lowerer lowers the statements of one document and reports what it cannot
// lower.
type lowerer struct {
	diags hcl.Diagnostics
}

func (lw *lowerer) errorf(code schema.Code, rng hcl.Range, summary, format string, args ...any) {
	lw.diags = append(lw.diags, schema.Errorf(code, rng.Ptr(), summary, format, args...))
}

// statement lowers one statement of a document.
func (lw *lowerer) statement(st *schema.Statement, idx int, doc *schema.Document, policyRef string) *mStmt {
	vars := doc.Version == "2012-10-17"
	m := &mStmt{E: string(st.Effect), policy: policyRef, sid: st.Sid, src: srcOf(st.Range)}
	if m.sid == "" {
		m.sid = fmt.Sprintf("[%d]", idx)
	}
	m.M = [3]string{m.policy, m.sid, m.src}
	for _, a := range st.Actions {
		m.actions = append(m.actions, actionPattern(a.Value))
	}
	for _, a := range st.NotActions {
		m.NA = append(m.NA, actionPattern(a.Value))
	}
	m.R = lw.resources(st.Resources, vars)
	for _, r := range st.Resources {
		if r.Value == "*" {
			m.R = nil // any resource: the core needs no pattern to check
		}
	}
	if m.R != nil {
		m.rkeys, m.indexed = resourceKeys(st.Resources, vars)
	}
	m.NR = lw.resources(st.NotResources, vars)
	if st.Principals != nil {
		m.PR = principalKeys(st.Principals)
	}
	if st.NotPrincipals != nil {
		m.NP = principalKeys(st.NotPrincipals)
	}
	for _, c := range st.Conditions {
		if mc := lw.condition(c, vars); mc != nil {
			m.C = append(m.C, mc)
		}
	}
	return m
}

func srcOf(r hcl.Range) string {
	return fmt.Sprintf("%s:%d:%d", r.Filename, r.Start.Line, r.Start.Column)
}

// compact writes an exact pattern ["=", s] as the bare string s, which the
// core's pm matches by equality: most patterns are exact, and a string costs
// OPA a fraction of the memory of an array.
func compact(p []any) any {
	if len(p) == 2 && p[0] == "=" {
		return p[1]
	}
	return p
}

func compactAll(ps [][]any) []any {
	if ps == nil {
		return nil
	}
	out := make([]any, len(ps))
	for i, p := range ps {
		out[i] = compact(p)
	}
	return out
}

func (lw *lowerer) resources(list []schema.String, vars bool) []any {
	return compactAll(lw.resourcePatterns(list, vars))
}

func (lw *lowerer) resourcePatterns(list []schema.String, vars bool) [][]any {
	if list == nil {
		return nil
	}
	out := [][]any{}
	for _, r := range list {
		if vars && strings.Contains(r.Value, "${") {
			parts, err := parseTemplate(r.Value)
			if err != nil {
				lw.errorf(schema.CodeInvalidVariable, r.Range, "Invalid policy variable", "%s", err)
				continue
			}
			if hasVariables(parts) {
				mode := "="
				if hasWildcard(literalTextOnly(parts)) {
					mode = ":"
				}
				out = append(out, templatePattern(parts, mode))
				continue
			}
			out = append(out, literalResource(parts))
			continue
		}
		out = append(out, resourcePattern(r.Value))
	}
	return out
}

// literalTextOnly is the literal text of a template, without escapes, where
// * and ? are wildcards.
func literalTextOnly(parts []tmplPart) string {
	var b strings.Builder
	for _, p := range parts {
		if p.key == "" {
			b.WriteString(p.lit)
		}
	}
	return b.String()
}

// literalResource lowers a resource whose only ${…} are escapes.
func literalResource(parts []tmplPart) []any {
	if !hasWildcard(literalTextOnly(parts)) {
		return []any{"=", literalOf(parts)}
	}
	p := templatePattern(parts, ":")
	var b strings.Builder
	for _, s := range p[2].([]any) {
		b.WriteString(s.(string))
	}
	return []any{":", b.String()}
}

// principalKeys lowers Principal entries into the identifiers the Rego core
// looks up: "*", account IDs, ARNs, and service and federated names with
// their type ("svc:ec2.amazonaws.com", "fed:…"), so that one kind of
// principal never passes for another.
func principalKeys(ps []schema.Principal) map[string]int {
	out := map[string]int{}
	for _, p := range ps {
		for _, id := range p.Identifiers {
			v := id.Value
			switch {
			case p.Type == "*" || (p.Type == "AWS" && v == "*"):
				out["*"] = 1
			case p.Type == "AWS" && accountID(v) != "":
				out[accountID(v)] = 1
			case p.Type == "CanonicalUser":
				out["canonical:"+v] = 1
			case p.Type == "Service":
				out["svc:"+v] = 1
			case p.Type == "Federated":
				out["fed:"+v] = 1
			default:
				out[v] = 1
			}
		}
	}
	return out
}

// accountID returns the account an AWS principal names: a 12-digit ID or
// arn:aws:iam::ID:root.
func accountID(v string) string {
	if len(v) == 12 && strings.Trim(v, "0123456789") == "" {
		return v
	}
	if strings.HasPrefix(v, "arn:aws:iam::") && strings.HasSuffix(v, ":root") {
		id := strings.TrimSuffix(strings.TrimPrefix(v, "arn:aws:iam::"), ":root")
		if len(id) == 12 && strings.Trim(id, "0123456789") == "" {
			return id
		}
	}
	return ""
}

func (lw *lowerer) condition(c schema.Condition, vars bool) *mCond {
	op := ParseOperator(c.Operator.Value)
	info, ok := operators[op.Base]
	if !ok {
		return nil // reported by validation
	}
	mc := &mCond{O: info.code, K: strings.ToLower(c.Key.Value), KN: c.Key.Value, N: info.neg, X: op.IfExists, Q: op.Set, V: []any{}}
	for _, v := range c.Values {
		if lv, ok := lw.condValue(info.code, v, vars); ok {
			if p, isPattern := lv.([]any); isPattern {
				lv = compact(p)
			}
			mc.V = append(mc.V, lv)
		}
	}
	return mc
}

func (lw *lowerer) condValue(code string, v schema.String, vars bool) (any, bool) {
	s := v.Value
	templated := func(mode string, plain func(string) []any) (any, bool) {
		if vars && strings.Contains(s, "${") {
			parts, err := parseTemplate(s)
			if err != nil {
				lw.errorf(schema.CodeInvalidVariable, v.Range, "Invalid policy variable", "%s", err)
				return nil, false
			}
			if hasVariables(parts) {
				return templatePattern(parts, mode), true
			}
			if mode == "~" || mode == ":" {
				lit := templatePattern(parts, mode)
				var b strings.Builder
				for _, x := range lit[2].([]any) {
					b.WriteString(x.(string))
				}
				if !hasWildcard(literalTextOnly(parts)) {
					return []any{"=", literalOf(parts)}, true
				}
				return []any{mode, b.String()}, true
			}
			s = literalOf(parts)
		}
		return plain(s), true
	}
	switch code {
	case "s":
		return templated("=", func(s string) []any { return []any{"=", s} })
	case "si", "b":
		return templated("i", func(s string) []any { return []any{"=", strings.ToLower(s)} })
	case "sl":
		return templated("~", likePattern)
	case "arn":
		return templated(":", resourcePattern)
	case "bin":
		return s, true
	case "ip":
		p, err := parseCIDR(s)
		if err != nil {
			lw.errorf(schema.CodeInvalidConditionDataType, v.Range, "Invalid IP address", "%q is not an IP address or CIDR block", s)
			return nil, false
		}
		return p, true
	case "null":
		switch strings.ToLower(s) {
		case "true":
			return true, true
		case "false":
			return false, true
		}
		lw.errorf(schema.CodeInvalidConditionDataType, v.Range, "Invalid Null value", "Null takes \"true\" (the key is absent) or \"false\" (the key is present), not %q", s)
		return nil, false
	}
	switch code[0] {
	case 'n':
		f, ok := new(big.Float).SetString(s)
		if !ok {
			lw.errorf(schema.CodeInvalidConditionDataType, v.Range, "Invalid number", "%q is not a number", s)
			return nil, false
		}
		return json.Number(f.Text('g', -1)), true
	case 'd':
		ns, err := parseDate(s)
		if err != nil {
			lw.errorf(schema.CodeInvalidConditionDataType, v.Range, "Invalid date", "%q is not a date: use ISO 8601 like \"2026-11-26T12:00:00Z\" or epoch seconds", s)
			return nil, false
		}
		return json.Number(fmt.Sprint(ns)), true
	}
	return nil, false
}

// parseCIDR normalizes a CIDR block; a bare address means /32 or /128.
func parseCIDR(s string) (string, error) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return "", err
		}
		return p.String(), nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return "", err
	}
	return netip.PrefixFrom(a, a.BitLen()).String(), nil
}

// dateLayouts are the W3C date-time forms AWS accepts in Date conditions.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02",
}

// parseDate reads a policy date into nanoseconds since the epoch.
func parseDate(s string) (int64, error) {
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UnixNano(), nil
		}
	}
	f, ok := new(big.Float).SetString(s)
	if !ok {
		return 0, fmt.Errorf("not a date")
	}
	f.Mul(f, big.NewFloat(1e9))
	ns, _ := f.Int64()
	return ns, nil
}
