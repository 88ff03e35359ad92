package compiler

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/rego"
	"github.com/iamc/iamc/schema"
)

// DataPath is where the model lives in the bundle: data.iamc.model.
const DataPath = "iamc/model"

// ConfigPath is where a bundle's settings live: data.iamc.config.
const ConfigPath = "iamc/config"

// Output is a compiled project: the files of its bundle and what the test
// runner needs to explain decisions.
type Output struct {
	Project *schema.Project
	// Data is data.json: the indexed model the Rego core reads.
	Data []byte
	// Config is data.iamc.config, the bundle's settings; nil for none.
	Config []byte
	// Modules maps bundle paths to Rego sources: the core, and the module
	// generated for the project.
	Modules map[string][]byte
	// Revision is a hash of the data and the modules.
	Revision string
	// Statements describes each statement of the model by its index.
	Statements []StatementInfo
	// Signatures is .signatures.json once Sign has signed the bundle.
	Signatures []byte
}

// StatementInfo names a compiled statement, for coverage and test
// expectations.
type StatementInfo struct {
	Policy string // HCL reference of its policy, e.g. policy.register
	Sid    string // Sid, or [index]
	Effect string
	Source string // file:line:col
	Kind   schema.PolicyKind
	Range  hcl.Range
}

// ProjectStatements is StatementCount of the compiled project.
func (o *Output) ProjectStatements() int { return StatementCount(o.Project) }

// StatementCount is the number of statements written in a project: the
// statements of every policy AllPolicies lists (managed and inline
// policies, SCPs, trust, resource and VPC endpoint policies), without the
// FullAWSAccess SCP that iamc adds where no SCP is attached and the AWS
// managed policies attached by ARN (AWS's, not the project's). It is the one
// count of statements iamc reports: iamc build's summary, iamc serve's
// /status and log, the bundle manifest's metadata, iamc check's summary
// and the total of iamc test --coverage (a test holds them equal).
func StatementCount(p *schema.Project) int {
	if p == nil {
		return 0
	}
	n := 0
	for _, pol := range AllPolicies(p) {
		if pol == nil || pol.Document == nil || EmbeddedAWS(pol) {
			continue
		}
		for _, st := range pol.Document.Statements {
			if st != nil {
				n++
			}
		}
	}
	return n
}

// Default reports whether the statement is iamc's own FullAWSAccess SCP.
func (s StatementInfo) Default() bool { return s.Range.Filename == DefaultSource }

// AWSOwned reports whether the statement is of iamc's copy of an AWS
// managed policy: AWS's, not the project's (coverage leaves it out).
func (s StatementInfo) AWSOwned() bool { return schema.IsAWSSource(s.Range.Filename) }

// DefaultSource is the file name of the statements iamc adds itself.
const DefaultSource = "(default)"

// Ref is the statement's HCL reference: policy.register.statement.UseRegister.
func (s StatementInfo) Ref() string { return rego.StatementRef(s.Policy, s.Sid) }

// Compile validates a decoded project and lowers it into bundle files. The
// diagnostics include warnings; the output is nil when there is an error.
func Compile(p *schema.Project) (*Output, hcl.Diagnostics) {
	return compile(context.Background(), p)
}

func compile(ctx context.Context, p *schema.Project) (*Output, hcl.Diagnostics) {
	stage(ctx, StageValidate)
	diags := validate(p)
	if diags.HasErrors() {
		return nil, diags
	}
	stage(ctx, StageLower)
	b := newBuilder(p)
	b.build()
	diags = append(diags, b.diags...)
	if diags.HasErrors() {
		return nil, diags
	}
	stage(ctx, StageEncode)
	data, err := marshal(b.model)
	if err != nil {
		return nil, append(diags, schema.Errorf(schema.CodeInternalError, nil, "Cannot encode the model", "%s", err))
	}
	out := &Output{Project: p, Data: data, Modules: map[string][]byte{}, Statements: b.infos}
	for name, src := range rego.CoreModules() {
		out.Modules[name] = src
	}
	out.Revision = revision(out)
	return out, diags
}

func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// AcceptRequestTime makes the bundle take the time of a request from the
// input's "time" instead of the clock (data.iamc.config.request_time): for
// sidecars that replay requests or run tests, never for one that decides
// live requests, whose callers could otherwise choose the time.
func (o *Output) AcceptRequestTime() {
	o.Config = []byte(`{"request_time":true}` + "\n")
	o.Revision = revision(o)
}

func revision(o *Output) string {
	h := sha256.New()
	names := make([]string, 0, len(o.Modules))
	for n := range o.Modules {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(o.Modules[n]))
		h.Write(o.Modules[n])
	}
	h.Write(o.Data)
	h.Write(o.Config)
	return hex.EncodeToString(h.Sum(nil))
}

// ---------------------------------------------------------------- model

// model is data.iamc.model; rego/core documents how it is read.
type model struct {
	Principals map[string]*mPrincipal `json:"principals"`
	Roles      map[string]*mRole      `json:"roles"`
	Accounts   map[string]*mAccount   `json:"accounts"`
	Resources  map[string]*mResource  `json:"resources"`
	Psets      []*mPset               `json:"psets"`
	CL         []any                  `json:"cl"`           // candidate lists (candValue), shared by the policy sets
	WL         []*bucket              `json:"wl"`           // wildcard buckets, shared by the policy sets
	RB         bool                   `json:"rb,omitempty"` // the project has resource-based policies
	// Layers holds the layer verdicts of a decision where only the identity
	// layer takes part, by its verdict (the fast path reads them).
	Layers map[string]map[string]string `json:"layers"`
	St     []*mStmt                     `json:"st"`
	// KT is the type of every condition key a request value is checked
	// against (keys.go), and KTF of the key families named by a prefix.
	KT  map[string]string `json:"kt"`
	KTF map[string]string `json:"ktf"`
	// KR are the keys a request context cannot give, with who sets them
	// (principal, credentials, resource, clock).
	KR map[string]string `json:"kr"`
	// RCPs are the service prefixes (lower case) that resource control
	// policies apply to; Defaults the context values of a request that does
	// not give them (rcp.go).
	RCPs     []string       `json:"rcps"`
	Defaults map[string]any `json:"defaults"`
	// Cat holds the actions (lower case) of each service with a service
	// block: a request for any other action of the service is an error.
	Cat map[string]map[string]int `json:"cat,omitempty"`
	// Endpoints are the VPC endpoints by ID (endpoint.go); absent when the
	// project declares none.
	Endpoints map[string]*mEndpoint `json:"endpoints,omitempty"`
	// OR are the rules AWS enforces on the resources it owns (awsrules.go)
	// and OA, by action, the indexes of the rules that refuse it.
	OR []awsRule        `json:"or"`
	OA map[string][]int `json:"oa"`
}

// mPrincipal is a user or an account root user, in the shape the core
// calls who (rego/core/core.rego), so that a request reads it as is.
type mPrincipal struct {
	T   string `json:"t"` // User | Account
	ARN string `json:"arn"`
	A   string `json:"a"`
	N   string `json:"n,omitempty"`
	ID  string `json:"id,omitempty"`
	PS  *int   `json:"ps,omitempty"`
	B   *int   `json:"b,omitempty"`
	SCP []int  `json:"scp,omitempty"` // the SCP levels that bind it
	// Tags are its tags as context keys (aws:principaltag/<key>).
	Tags map[string]string `json:"tags,omitempty"`
	// P is its principal-side policy sets (sideOf).
	P [][2]any `json:"p,omitempty"`
}

// mRole is a role, in the shape of who for its sessions.
type mRole struct {
	T    string            `json:"t"` // AssumedRole
	A    string            `json:"a"`
	N    string            `json:"n"`
	ID   string            `json:"id"`
	PS   int               `json:"ps"`
	B    *int              `json:"b,omitempty"`
	TR   *int              `json:"tr,omitempty"`
	Max  int               `json:"max"`
	SL   bool              `json:"sl,omitempty"`
	SCP  []int             `json:"scp,omitempty"`
	Tags map[string]string `json:"tags,omitempty"`
	P    [][2]any          `json:"p,omitempty"` // its sessions' principal-side policy sets (sideOf)
}

type mAccount struct {
	N    string         `json:"n"`             // the account block's name
	SCP  []int          `json:"scp,omitempty"` // policy set per level: root, units, account
	RCP  []int          `json:"rcp,omitempty"` // RCP policy set per level, as SCP (rcp.go)
	Keys map[string]any `json:"keys,omitempty"`
}

type mResource struct {
	A    string         `json:"a,omitempty"`
	G    bool           `json:"g,omitempty"` // a gatekeeper: a KMS key policy must allow the caller itself
	PS   *int           `json:"ps,omitempty"`
	Keys map[string]any `json:"keys,omitempty"`
}

// mPset is the action index of a set of policies (docs/design.md, "Policies compile to data"). Every
// list of statements is a candidate list, written once in the model's CL and
// referred to by its index there. X maps each action named exactly in the
// set to every statement of the set that matches it (wildcard, "*" and
// NotAction statements included); W, A and N serve other actions: wildcard
// patterns by service prefix, "*" statements, and NotAction statements.
type mPset struct {
	X map[string]*cands `json:"-"`
	// XS is X as one string, ",action=NNNNNNN,action=NNNNNNN,", with the
	// index in CL in seven digits: an object of this many entries costs
	// hundreds of bytes each in OPA's memory, the string a few dozen.
	XS string           `json:"xs,omitempty"`
	W  map[string][]any `json:"-"` // service → [[pattern, cands] …]
	// WI maps a service to its bucket of wildcard patterns in WL.
	WI map[string]int `json:"w,omitempty"`
	A  *cands         `json:"a,omitempty"`
	N  *cands         `json:"n,omitempty"`
	// O is the candidate list of every action the set does not name
	// exactly, when that needs no pattern matching: a set without wildcard
	// patterns and NotAction statements gives such an action its "*"
	// statements, or none.
	O *cands `json:"o,omitempty"`
}

// cands is a candidate list: the statements a policy set's action index
// gives for an action. Many policy sets share lists (a group's policies
// appear in the set of every member), so each distinct list is written
// once, in the model's CL (see candValue for its form).
type cands struct {
	ids []int // statement ids, ascending
	idx int   // index in model.CL, set by intern
}

func (c *cands) add(id int) { c.ids = appendUnique(c.ids, id) }

// MarshalJSON writes the index of the list in CL.
func (c *cands) MarshalJSON() ([]byte, error) { return json.Marshal(c.idx) }

// indexThreshold is the length above which a candidate list is indexed by
// resource: below it, checking each statement costs less than the lookups.
const indexThreshold = 8

// candPart is a candidate list as the core reads it, [A, D, a, d]: the
// Allow and Deny statements that apply whatever the resource and the
// context (no Resource, NotResource or Condition: nothing to check), then
// the Allow and Deny statements the core must check.
type candPart [4][]int

func (p *candPart) add(id int, st *mStmt, sure bool) {
	i := 0
	if st.E == "Deny" {
		i = 1
	}
	if !sure {
		i += 2
	}
	p[i] = appendUnique(p[i], id)
}

func (p *candPart) value() [4][]int {
	var out [4][]int
	for i := range p {
		out[i] = p[i]
		if out[i] == nil {
			out[i] = []int{}
		}
	}
	return out
}

// candValue is the form of a candidate list in CL. A short list is one
// candPart. A longer one is indexed by resource, so that a request looks up
// only the statements whose Resource can match its resource, however many
// the list holds: {"e": {ARN: part}, "p": {prefix: part}, "u": part}, where
// e holds the statements with an exact Resource pattern, p those whose
// pattern starts with a literal prefix ending at a "/" or ":" of the
// resource part (the core looks up every such prefix of the requested
// ARN), and u the rest (Resource "*", NotResource, policy variables,
// wildcards before the resource part). Under a key, a statement is sure
// when the key decides its Resource (the ARN itself, or the prefix followed
// by a lone "*") and it has no condition and no principal to match.
func (b *builder) candValue(ids []int) any {
	if len(ids) <= indexThreshold {
		var p candPart
		for _, id := range ids {
			st := b.model.St[id]
			p.add(id, st, st.always())
		}
		return p.value()
	}
	exact, prefix := map[string]*candPart{}, map[string]*candPart{}
	var u candPart
	for _, id := range ids {
		st := b.model.St[id]
		if !st.indexed {
			u.add(id, st, st.always())
			continue
		}
		for _, k := range st.rkeys {
			m := exact
			if k.prefix {
				m = prefix
			}
			p := m[k.key]
			if p == nil {
				p = &candPart{}
				m[k.key] = p
			}
			p.add(id, st, k.sure && st.noChecks())
		}
	}
	out := map[string]any{"u": u.value()}
	for name, m := range map[string]map[string]*candPart{"e": exact, "p": prefix} {
		if len(m) == 0 {
			continue
		}
		v := make(map[string][4][]int, len(m))
		for k, p := range m {
			v[k] = p.value()
		}
		out[name] = v
	}
	return out
}

// bucket holds the wildcard action patterns of one service in a policy set:
// prefixes (a trailing *) and globs, each with its candidate list, so that
// the core tests them with startswith and glob.match directly.
type bucket struct {
	P [][2]any `json:"p,omitempty"` // [prefix, list]
	G [][2]any `json:"g,omitempty"` // [glob, list]
}

func bucketOf(entries []any) *bucket {
	b := &bucket{}
	for _, e := range entries {
		pat, c := e.([]any)[0].([]any), e.([]any)[1].(*cands)
		switch pat[0] {
		case "^":
			b.P = append(b.P, [2]any{pat[1], c.idx})
		default:
			b.G = append(b.G, [2]any{pat[1], c.idx})
		}
	}
	return b
}

// intern gives every candidate list of every policy set its index in CL,
// writing each distinct list once.
func (b *builder) intern() {
	seen := map[string]int{}
	wseen := map[string]int{} // wildcard buckets, by content
	one := func(c *cands) {
		if c == nil {
			return
		}
		var k strings.Builder
		for _, id := range c.ids {
			k.WriteString(strconv.Itoa(id))
			k.WriteByte(',')
		}
		if i, ok := seen[k.String()]; ok {
			c.idx = i
			return
		}
		c.idx = len(b.model.CL)
		seen[k.String()] = c.idx
		b.model.CL = append(b.model.CL, b.candValue(c.ids))
	}
	for _, ps := range b.model.Psets {
		keys := make([]string, 0, len(ps.X))
		for a := range ps.X {
			keys = append(keys, a)
		}
		sort.Strings(keys)
		var xs strings.Builder
		for _, a := range keys {
			one(ps.X[a])
			if xs.Len() == 0 {
				xs.WriteByte(',')
			}
			fmt.Fprintf(&xs, "%s=%07d,", a, ps.X[a].idx)
		}
		ps.XS = xs.String()
		svcs := make([]string, 0, len(ps.W))
		for s := range ps.W {
			svcs = append(svcs, s)
		}
		sort.Strings(svcs)
		for _, s := range svcs {
			var k strings.Builder
			for _, e := range ps.W[s] {
				c := e.([]any)[1].(*cands)
				one(c)
				p, _ := json.Marshal(e.([]any)[0])
				fmt.Fprintf(&k, "%s=%d;", p, c.idx)
			}
			i, ok := wseen[k.String()]
			if !ok {
				i = len(b.model.WL)
				wseen[k.String()] = i
				b.model.WL = append(b.model.WL, bucketOf(ps.W[s]))
			}
			if ps.WI == nil {
				ps.WI = map[string]int{}
			}
			ps.WI[s] = i
		}
		one(ps.A)
		one(ps.N)
		if len(ps.W) == 0 && ps.N == nil {
			ps.O = ps.A
			if ps.O == nil {
				ps.O = &cands{}
			}
			one(ps.O)
		}
	}
}

type builder struct {
	p      *schema.Project
	model  *model
	infos  []StatementInfo
	diags  hcl.Diagnostics
	stmts  map[*schema.Policy][]int // statement ids of each policy
	psets  map[string]int           // key: sorted statement ids
	byName map[string]*schema.Policy
	// catalog lists the actions (lower case) of services with a service block.
	catalog map[string][]string
	scps    map[string]*schema.Policy
	rcps    map[string]*schema.Policy
	accts   map[string]*schema.Account
	full    *schema.Policy // FullAWSAccess, made when a level needs it
}

func newBuilder(p *schema.Project) *builder {
	b := &builder{
		p: p,
		model: &model{Principals: map[string]*mPrincipal{}, Roles: map[string]*mRole{},
			Accounts: map[string]*mAccount{}, Resources: map[string]*mResource{}, Psets: []*mPset{}, St: []*mStmt{}},
		stmts: map[*schema.Policy][]int{}, psets: map[string]int{},
		byName: map[string]*schema.Policy{}, scps: map[string]*schema.Policy{}, accts: map[string]*schema.Account{},
	}
	for _, pol := range p.Policies {
		b.byName[pol.Name] = pol
	}
	for _, pol := range p.AWSPolicies {
		b.byName[awsKey(pol.IAMName)] = pol
	}
	b.catalog = map[string][]string{}
	for _, s := range p.Services {
		if b.model.Cat == nil {
			b.model.Cat = map[string]map[string]int{}
		}
		b.model.Cat[s.Name] = map[string]int{}
		for _, a := range s.Actions {
			b.catalog[s.Name] = append(b.catalog[s.Name], strings.ToLower(a.Value))
			b.model.Cat[s.Name][strings.ToLower(a.Value)] = 1
		}
	}
	for _, pol := range p.SCPs {
		b.scps[pol.Name] = pol
	}
	b.rcps = map[string]*schema.Policy{}
	for _, pol := range p.RCPs {
		b.rcps[pol.Name] = pol
	}
	for _, a := range p.Accounts {
		b.accts[a.Name] = a
	}
	b.pset(nil) // set 0: no policies
	b.model.Layers = map[string]map[string]string{}
	for _, v := range []string{"allow", "deny", "implicit"} {
		b.model.Layers[v] = map[string]string{"scp": "absent", "boundary": "absent", "identity": v, "resource": "absent", "session": "absent"}
	}
	return b
}

// statementsOf lowers a policy's statements once and returns their ids.
func (b *builder) statementsOf(pol *schema.Policy) []int {
	if ids, ok := b.stmts[pol]; ok {
		return ids
	}
	ids := []int{}
	if pol.Document != nil {
		lw := &lowerer{}
		ref := PolicyRef(pol)
		for i, st := range pol.Document.Statements {
			m := lw.statement(st, i, pol.Document, ref)
			ids = append(ids, len(b.model.St))
			b.model.St = append(b.model.St, m)
			b.infos = append(b.infos, StatementInfo{Policy: ref, Sid: m.sid, Effect: m.E, Source: m.src, Kind: pol.Kind, Range: st.Range})
		}
		b.diags = append(b.diags, lw.diags...)
	}
	b.stmts[pol] = ids
	return ids
}

// pset returns the index of the policy set made of these policies, building
// it the first time.
func (b *builder) pset(pols []*schema.Policy) int {
	var ids []int
	for _, pol := range pols {
		ids = append(ids, b.statementsOf(pol)...)
	}
	sort.Ints(ids)
	ids = slices.Compact(ids)
	var key strings.Builder
	for _, id := range ids {
		fmt.Fprintf(&key, "%d,", id)
	}
	if i, ok := b.psets[key.String()]; ok {
		return i
	}
	ps := &mPset{}
	ix := b.sortActions(ps, ids)
	b.indexCatalogued(ix)
	b.indexExact(ps, ix)
	ps.W = wildcardsByService(ix.wilds)
	i := len(b.model.Psets)
	b.model.Psets = append(b.model.Psets, ps)
	b.psets[key.String()] = i
	return i
}

// actionIndex is a policy set's action index as pset builds it: the
// actions named exactly, with the statements that name them, and the
// wildcard patterns of each service.
type actionIndex struct {
	exact    map[string]bool
	exactIDs map[string][]int
	wilds    map[string]map[string]*wildPattern // service → pattern JSON → candidates
}

// wildPattern is a wildcard action pattern with its statements.
type wildPattern struct {
	pat []any
	c   *cands
}

// sortActions sorts the statements of a set by their Action: NotAction
// statements into ps.N, "*" statements into ps.A, exact actions and
// wildcard patterns into the index it returns.
func (b *builder) sortActions(ps *mPset, ids []int) actionIndex {
	ix := actionIndex{exact: map[string]bool{}, exactIDs: map[string][]int{}, wilds: map[string]map[string]*wildPattern{}}
	for _, id := range ids {
		st := b.model.St[id]
		if st.NA != nil {
			if ps.N == nil {
				ps.N = &cands{}
			}
			ps.N.add(id)
			continue
		}
		for _, pat := range st.actions {
			switch pat[0] {
			case "*":
				if ps.A == nil {
					ps.A = &cands{}
				}
				ps.A.add(id)
			case "=":
				ix.exact[pat[1].(string)] = true
				ix.exactIDs[pat[1].(string)] = append(ix.exactIDs[pat[1].(string)], id)
			default:
				ix.addWild(pat, id)
			}
		}
	}
	return ix
}

func (ix actionIndex) addWild(pat []any, id int) {
	svc := actionService(pat)
	k, _ := json.Marshal(pat)
	if ix.wilds[svc] == nil {
		ix.wilds[svc] = map[string]*wildPattern{}
	}
	w := ix.wilds[svc][string(k)]
	if w == nil {
		w = &wildPattern{pat: pat, c: &cands{}}
		ix.wilds[svc][string(k)] = w
	}
	w.c.add(id)
}

// indexCatalogued: actions of catalogued services that a wildcard matches
// are indexed exactly too, so that requests for them need one lookup.
func (b *builder) indexCatalogued(ix actionIndex) {
	for svc, pats := range ix.wilds {
		for _, name := range b.catalog[svc] {
			a := svc + ":" + name
			for _, w := range pats {
				if matchAction(w.pat, a) {
					ix.exact[a] = true
				}
			}
		}
	}
}

// indexExact writes ps.X: every exactly named action lists every statement
// that matches it.
func (b *builder) indexExact(ps *mPset, ix actionIndex) {
	for a := range ix.exact {
		svc, _, _ := strings.Cut(a, ":")
		set := map[int]bool{}
		for _, id := range ix.exactIDs[a] {
			set[id] = true
		}
		if ps.A != nil {
			for _, id := range ps.A.ids {
				set[id] = true
			}
		}
		for _, w := range ix.wilds[svc] {
			if matchAction(w.pat, a) {
				for _, id := range w.c.ids {
					set[id] = true
				}
			}
		}
		if ps.N != nil {
			for _, id := range ps.N.ids {
				if !matchAny(b.model.St[id].NA, a) {
					set[id] = true
				}
			}
		}
		list := make([]int, 0, len(set))
		for id := range set {
			list = append(list, id)
		}
		sort.Ints(list)
		if ps.X == nil {
			ps.X = map[string]*cands{}
		}
		ps.X[a] = &cands{ids: list}
	}
}

// wildcardsByService lists, by service, the wildcard patterns of a set with
// their candidates, in the order of their JSON (ps.W); nil for none.
func wildcardsByService(wilds map[string]map[string]*wildPattern) map[string][]any {
	var out map[string][]any
	for svc, pats := range wilds {
		keys := make([]string, 0, len(pats))
		for k := range pats {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		if out == nil {
			out = map[string][]any{}
		}
		for _, k := range keys {
			out[svc] = append(out[svc], []any{pats[k].pat, pats[k].c})
		}
	}
	return out
}

// actionService is the service prefix of a wildcard action pattern: the text
// before the colon, which is literal (§2.1).
func actionService(pat []any) string {
	s := pat[1].(string)
	if i := strings.IndexByte(s, ':'); i >= 0 {
		return strings.ReplaceAll(s[:i], `\`, "")
	}
	return s
}

func matchAny(pats [][]any, action string) bool {
	for _, p := range pats {
		if matchAction(p, action) {
			return true
		}
	}
	return false
}

func appendUnique(list []int, id int) []int {
	if n := len(list); n > 0 && list[n-1] == id {
		return list
	}
	return append(list, id)
}

func intp(i int) *int { return &i }

func (b *builder) policies(refs []schema.Ref) []*schema.Policy {
	out := make([]*schema.Policy, 0, len(refs))
	for _, r := range refs {
		name := r.Name
		if r.Kind == schema.KindAWSPolicy {
			name = awsKey(name)
		}
		if pol := b.byName[name]; pol != nil {
			out = append(out, pol)
		}
	}
	return out
}

// principalTags turns tags into the context keys they give a principal.
func principalTags(tags map[string]string) map[string]string {
	if len(tags) == 0 {
		return nil
	}
	out := map[string]string{}
	for k, v := range tags {
		out["aws:principaltag/"+strings.ToLower(k)] = v
	}
	return out
}

func (b *builder) build() {
	groups := map[string]*schema.Group{}
	for _, g := range b.p.Groups {
		groups[g.Name] = g
	}
	b.accounts()
	for _, u := range b.p.Users {
		pols := append(b.policies(u.Policies), u.Inline...)
		for _, gr := range u.Groups {
			if g := groups[gr.Name]; g != nil {
				pols = append(pols, b.policies(g.Policies)...)
				pols = append(pols, g.Inline...)
			}
		}
		acct := b.accts[u.Account]
		mp := &mPrincipal{T: "User", ARN: u.ARN, A: acct.ID, N: u.IAMName, ID: u.UniqueID, PS: intp(b.pset(pols)),
			SCP: b.model.Accounts[acct.ID].SCP, Tags: principalTags(u.Tags)}
		if u.Boundary != nil {
			mp.B = intp(b.pset(b.policies([]schema.Ref{*u.Boundary})))
		}
		b.model.Principals[u.ARN] = mp
	}
	for _, r := range b.p.Roles {
		acct := b.accts[r.Account]
		mr := &mRole{T: "AssumedRole", A: acct.ID, N: r.IAMName, ID: r.UniqueID, PS: b.pset(append(b.policies(r.Policies), r.Inline...)),
			Max: int(r.MaxSessionDuration.Seconds()), SL: r.ServiceLinked, Tags: principalTags(r.Tags)}
		if !r.ServiceLinked {
			// Service-linked roles are not bound by SCPs (§3.3).
			mr.SCP = b.model.Accounts[acct.ID].SCP
		}
		if r.Boundary != nil {
			mr.B = intp(b.pset(b.policies([]schema.Ref{*r.Boundary})))
		}
		if r.Trust != nil {
			mr.TR = intp(b.pset([]*schema.Policy{r.Trust}))
		}
		b.model.Roles[r.ARN] = mr
	}
	for _, res := range b.p.Resources {
		b.model.RB = true
		mr := &mResource{}
		if a := b.accts[res.Account]; a != nil {
			mr.A = a.ID
		}
		if res.Policy != nil {
			mr.PS = intp(b.pset([]*schema.Policy{res.Policy}))
		}
		// A KMS key policy, like a trust policy, must allow the caller: an
		// identity policy alone is not enough (§3.1 step 4).
		if parts := strings.SplitN(res.ARN, ":", 4); len(parts) == 4 && parts[0] == "arn" && parts[2] == "kms" {
			mr.G = true
		}
		if len(res.Tags) > 0 {
			mr.Keys = map[string]any{}
			for k, v := range res.Tags {
				mr.Keys["aws:resourcetag/"+strings.ToLower(k)] = v
			}
		}
		b.model.Resources[res.ARN] = mr
	}
	b.endpoints()
	// Policies attached to no one are still compiled, so that their
	// statements can be reported (and covered) like any other.
	for _, pol := range AllPolicies(b.p) {
		b.statementsOf(pol)
	}
	for _, p := range b.model.Principals {
		p.P = sideOf(p.PS, p.B, p.SCP)
	}
	for _, r := range b.model.Roles {
		r.P = sideOf(&r.PS, r.B, r.SCP)
	}
	b.model.KT = keyTypes(b.model.St)
	b.model.KTF = keyFamilyTypes
	b.model.KR = refusedKeys()
	b.model.RCPs = rcpServices()
	b.model.Defaults = requestDefaults(b.p)
	b.model.OR, b.model.OA = ownedModel()
	b.intern()
}

// sideOf lists the policy sets of a principal's own side, each with what it
// is: "i" its identity policies, "b" its permissions boundary, "s" an SCP
// level. Each must allow a request (§3: an identity allow, or a grant of a
// resource policy in its stead, the boundary, every SCP level), so the core
// reads them in one list.
func sideOf(ps, bd *int, scp []int) [][2]any {
	var out [][2]any
	if ps != nil {
		out = append(out, [2]any{"i", *ps})
	}
	if bd != nil {
		out = append(out, [2]any{"b", *bd})
	}
	for _, l := range scp {
		out = append(out, [2]any{"s", l})
	}
	return out
}

// accounts records every account's root user, its organization keys and the
// SCPs of each level above it.
func (b *builder) accounts() {
	orgs := map[string]*schema.Organization{}
	for _, o := range b.p.Organizations {
		orgs[o.Name] = o
	}
	units := map[string]*schema.Unit{}
	for _, u := range b.p.Units {
		units[u.Name] = u
	}
	defer func() {
		// The root user of every account, bound by its account's SCPs.
		for _, a := range b.p.Accounts {
			b.model.Principals[a.RootARN()] = &mPrincipal{T: "Account", ARN: a.RootARN(), A: a.ID,
				SCP: b.model.Accounts[a.ID].SCP}
		}
	}()
	for _, a := range b.p.Accounts {
		ma := &mAccount{N: a.Name}
		b.model.Accounts[a.ID] = ma
		// The levels from the account up to the organization root.
		var levels [][]schema.Ref
		var nilLevels []bool
		levels = append(levels, a.Policies)
		nilLevels = append(nilLevels, a.Policies == nil)
		var org *schema.Organization
		var path []string
		parent := a.Parent
		if parent == nil {
			for _, o := range b.p.Organizations {
				if o.Management != nil && o.Management.Name == a.Name {
					org = o
				}
			}
		}
		for parent != nil {
			if parent.Kind == schema.KindOrganization {
				org = orgs[parent.Name]
				break
			}
			u := units[parent.Name]
			if u == nil {
				break
			}
			levels = append(levels, u.Policies)
			nilLevels = append(nilLevels, u.Policies == nil)
			path = append(path, u.ID)
			parent = &u.Parent
		}
		if org == nil {
			continue // a standalone account: no SCPs
		}
		rootID := "r-" + strings.TrimPrefix(org.ID, "o-")[:4]
		orgPath := org.ID + "/" + rootID + "/"
		for i := len(path) - 1; i >= 0; i-- {
			orgPath += path[i] + "/"
		}
		ma.Keys = map[string]any{"aws:principalorgid": org.ID, "aws:principalorgpaths": []string{orgPath}}
		if org.Management != nil && org.Management.Name == a.Name {
			continue // the management account is bound by neither SCPs nor RCPs
		}
		ma.RCP = b.rcpLevels(a, org, units)
		levels = append(levels, org.Policies)
		nilLevels = append(nilLevels, org.Policies == nil)
		for i := len(levels) - 1; i >= 0; i-- {
			var pols []*schema.Policy
			if nilLevels[i] {
				pols = []*schema.Policy{b.fullAWSAccess()}
			} else {
				for _, r := range levels[i] {
					if pol := b.scps[r.Name]; pol != nil {
						pols = append(pols, pol)
					}
				}
			}
			ma.SCP = append(ma.SCP, b.pset(pols))
		}
	}
}

// fullAWSAccess is the SCP AWS attaches to every root, unit and account by
// default (§3.3).
func (b *builder) fullAWSAccess() *schema.Policy {
	if b.full == nil {
		b.full = &schema.Policy{Kind: schema.PolicySCP, Name: "FullAWSAccess", Document: &schema.Document{
			Version: "2012-10-17",
			Statements: []*schema.Statement{{
				Sid: "FullAWSAccess", Effect: schema.Allow,
				Actions:   []schema.String{{Value: "*"}},
				Resources: []schema.String{{Value: "*"}},
				Range:     hcl.Range{Filename: DefaultSource, Start: hcl.Pos{Line: 1, Column: 1}},
			}},
		}}
	}
	return b.full
}
