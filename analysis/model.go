package analysis

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Model is the compiled model of a project (data.iamc.model) as the
// analyses read it: its principals with the statements of each of their
// policy sets, its roles with their trust policies, its resources with
// their policies. It is read from the bundle's data, so that a project
// directory and a bundle are analyzed the same way.
type Model struct {
	// Principals are the IAM users and account root users, by ARN.
	Principals map[string]*Principal
	// Roles are the roles, by ARN; a role acts through its sessions.
	Roles map[string]*Principal
	// Accounts maps an account ID to its account block's name.
	Accounts map[string]string
	// Resources are the resources with a resource-based policy, by ARN.
	Resources map[string]*Resource
	// Statements are every statement of the model, by id.
	Statements []*Statement
	// Catalogs lists the actions (lower case) of the services that have a
	// service block.
	Catalogs map[string][]string
	// Groups are the IAM groups, known only from a project's sources (a
	// bundle does not keep them): name to member user ARNs.
	Groups map[string]*Group
	// Policies are the customer managed policies, by HCL reference, known
	// only from a project's sources.
	Policies map[string]*ManagedPolicy
	// KeyTypes is the type a request value of a condition key must have
	// (s, arn, bin, n, d, b, ip; a trailing * for a list), by key, and
	// KeyFamilies by key prefix; Reserved lists the keys a request context
	// cannot give (AWS sets them).
	KeyTypes    map[string]string
	KeyFamilies map[string]string
	Reserved    map[string]string

	named []string              // namedActions, once computed
	byRef map[string]*Statement // statements by policy and Sid
}

// Kind is what a principal is.
type Kind string

// The kinds of principals.
const (
	KindUser      Kind = "user"
	KindRoot      Kind = "root"
	KindRole      Kind = "role"
	KindService   Kind = "service"
	KindAnonymous Kind = "anonymous"
	KindExternal  Kind = "external" // a principal outside the model
	KindFederated Kind = "federated"
)

// Principal is an IAM user, an account root user or a role.
type Principal struct {
	ARN     string
	Kind    Kind
	Account string
	// Name is the IAM name (users and roles) or the account block's name
	// (root users).
	Name string
	// Side holds its own policy sets: identity ("i"), permissions
	// boundary ("b") and one per SCP level ("s"), each of which must allow
	// a request.
	Side []Slot
	// Trust is a role's trust policy; nil when nobody may assume it.
	Trust *Set
	// ServiceLinked marks a service-linked role.
	ServiceLinked bool
	// Tags are its tags as context keys (aws:principaltag/<key>).
	Tags map[string]string
}

// Ref is how iamc's commands name the principal: user.<name>,
// role.<name>, account.<name> for a root user.
func (p *Principal) Ref() string {
	switch p.Kind {
	case KindRoot:
		return "account." + p.Name
	case KindRole:
		return "role." + p.Name
	}
	return "user." + p.Name
}

// Identity returns the principal's identity policy set, or nil (a root
// user has none).
func (p *Principal) Identity() *Set {
	for _, s := range p.Side {
		if s.Code == "i" {
			return s.Set
		}
	}
	return nil
}

// Slot is one policy set of a principal's own side.
type Slot struct {
	Code string // "i" identity, "b" boundary, "s" an SCP level
	Set  *Set
}

// Set is a set of policies, as the compiler indexes it: the statements of
// all of them.
type Set struct {
	ID         int
	Statements []*Statement // by id
	// meaning hashes the meanings of its statements (their keys), so that
	// two sets of two revisions that mean the same compare at once.
	meaning uint64
}

// Resource is a resource with a resource-based policy.
type Resource struct {
	ARN     string
	Account string
	Policy  *Set // nil: the resource block has no policy
	// Gatekeeper: the policy must allow the caller itself (a KMS key).
	Gatekeeper bool
}

// Group is an IAM group, as the project declares it.
type Group struct {
	Name    string
	ARN     string
	Account string
	Members []string // user ARNs
	Refs    []string // the HCL references of its policies
}

// ManagedPolicy is a customer managed policy, as the project declares it,
// with the principals it is attached to (through a group too).
type ManagedPolicy struct {
	Ref      string
	ARN      string
	Attached []string // user and role ARNs
}

// Statement is one statement of the model, with the action patterns of
// the policy sets that index it.
type Statement struct {
	ID     int
	Policy string // the HCL reference of its policy
	Sid    string // the Sid, or [index]
	Source string // file:line:col
	Effect string // Allow or Deny
	// Actions are its Action patterns (lower case); nil with NotActions.
	Actions    []Pattern
	NotActions []Pattern
	// Resources are its Resource patterns; nil for "*" or none (a trust
	// policy), see AnyResource.
	Resources    []Pattern
	NotResources []Pattern
	// Principals and NotPrincipals are the identifiers of a resource
	// policy's statement, as the engine looks them up: "*", account IDs,
	// ARNs, "svc:<service>", "fed:<provider>", "canonical:<id>".
	Principals    map[string]bool
	NotPrincipals map[string]bool
	Conditions    []Condition
	// key identifies what the statement means, for comparing revisions.
	key string
}

// Ref is the statement's HCL reference, such as
// policy.register.statement.UseRegister.
func (s *Statement) Ref() string {
	if strings.HasPrefix(s.Sid, "[") {
		return s.Policy + ".statement" + s.Sid
	}
	return s.Policy + ".statement." + s.Sid
}

// Allow reports whether the statement allows.
func (s *Statement) Allow() bool { return s.Effect == "Allow" }

// Condition is one lowered condition: an operator on a key with values.
type Condition struct {
	Op       string // the operator code (compiler/lower.go: s, si, sl, n<, d=, ip, b, arn, null, …)
	Negated  bool
	IfExists bool
	Set      string // "", "any" (ForAnyValue) or "all" (ForAllValues)
	Key      string // lower case
	KeyName  string // as written
	Values   []any  // lowered: patterns, numbers, CIDR blocks, booleans
}

// ---------------------------------------------------------------- decoding

type rawModel struct {
	Principals map[string]*rawWho        `json:"principals"`
	Roles      map[string]*rawWho        `json:"roles"`
	Accounts   map[string]*rawAccount    `json:"accounts"`
	Resources  map[string]*rawResource   `json:"resources"`
	Psets      []*rawPset                `json:"psets"`
	CL         []json.RawMessage         `json:"cl"`
	WL         []*rawBucket              `json:"wl"`
	St         []*rawStmt                `json:"st"`
	Cat        map[string]map[string]int `json:"cat"`
	KT         map[string]string         `json:"kt"`
	KTF        map[string]string         `json:"ktf"`
	KR         map[string]string         `json:"kr"`
}

type rawWho struct {
	T    string            `json:"t"`
	ARN  string            `json:"arn"`
	A    string            `json:"a"`
	N    string            `json:"n"`
	TR   *int              `json:"tr"`
	SL   bool              `json:"sl"`
	Tags map[string]string `json:"tags"`
	P    [][2]any          `json:"p"`
}

type rawAccount struct {
	N string `json:"n"`
}

type rawResource struct {
	A  string `json:"a"`
	G  bool   `json:"g"`
	PS *int   `json:"ps"`
}

type rawPset struct {
	XS string         `json:"xs"`
	W  map[string]int `json:"w"`
	A  *int           `json:"a"`
	N  *int           `json:"n"`
	O  *int           `json:"o"`
}

type rawBucket struct {
	P [][2]any `json:"p"`
	G [][2]any `json:"g"`
}

type rawStmt struct {
	E  string            `json:"e"`
	NA []json.RawMessage `json:"na"`
	R  []json.RawMessage `json:"r"`
	NR []json.RawMessage `json:"nr"`
	C  []*rawCond        `json:"c"`
	PR map[string]int    `json:"pr"`
	NP map[string]int    `json:"np"`
	M  [3]string         `json:"m"`
}

type rawCond struct {
	O  string            `json:"o"`
	K  string            `json:"k"`
	KN string            `json:"kn"`
	V  []json.RawMessage `json:"v"`
	N  bool              `json:"n"`
	X  bool              `json:"x"`
	Q  string            `json:"q"`
}

// ReadModel decodes a model: the data.json of an iamc bundle
// (data.iamc.model), as compiler.Output.Data holds it.
func ReadModel(data []byte) (*Model, error) {
	var raw rawModel
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("read the model: %w", err)
	}
	d := &decoder{raw: &raw, lists: map[int][]int{}}
	return d.model()
}

type decoder struct {
	// mark and gen tell the statements already in the set being read.
	mark  []int32
	gen   int32
	globs map[string]Pattern
	raw   *rawModel
	m     *Model
	sets  []*Set
	lists map[int][]int // flattened candidate lists of cl, by index
	// actions found so far for each statement: exact actions, patterns
	exact map[int]map[string]bool
	pats  map[int]map[string]Pattern
	seen  map[int]bool // statements whose actions are known
}

func (d *decoder) model() (*Model, error) {
	r := d.raw
	m := &Model{Principals: map[string]*Principal{}, Roles: map[string]*Principal{}, Accounts: map[string]string{},
		Resources: map[string]*Resource{}, Catalogs: map[string][]string{}, Groups: map[string]*Group{},
		Policies: map[string]*ManagedPolicy{}}
	d.m = m
	d.exact, d.pats, d.seen = map[int]map[string]bool{}, map[int]map[string]Pattern{}, map[int]bool{}
	for i, st := range r.St {
		s, err := statementOf(i, st)
		if err != nil {
			return nil, err
		}
		m.Statements = append(m.Statements, s)
	}
	d.sets = make([]*Set, len(r.Psets))
	d.mark = make([]int32, len(m.Statements))
	d.globs = map[string]Pattern{}
	for i := range r.Psets {
		if err := d.set(i); err != nil {
			return nil, err
		}
	}
	m.byRef = map[string]*Statement{}
	for _, s := range m.Statements {
		d.finishActions(s)
		m.byRef[s.Policy+"\x00"+s.Sid] = s
	}
	for _, set := range d.sets {
		set.meaning = meaningOf(set)
	}
	for id, a := range r.Accounts {
		m.Accounts[id] = a.N
	}
	for arn, w := range r.Principals {
		p, err := d.principal(arn, w)
		if err != nil {
			return nil, err
		}
		m.Principals[arn] = p
	}
	for arn, w := range r.Roles {
		p, err := d.principal(arn, w)
		if err != nil {
			return nil, err
		}
		m.Roles[arn] = p
	}
	for arn, res := range r.Resources {
		x := &Resource{ARN: arn, Account: res.A, Gatekeeper: res.G}
		if res.PS != nil {
			s, err := d.setAt(*res.PS)
			if err != nil {
				return nil, err
			}
			x.Policy = s
		}
		m.Resources[arn] = x
	}
	m.KeyTypes, m.KeyFamilies, m.Reserved = r.KT, r.KTF, r.KR
	for svc, acts := range r.Cat {
		for a := range acts {
			m.Catalogs[svc] = append(m.Catalogs[svc], svc+":"+a)
		}
		sort.Strings(m.Catalogs[svc])
	}
	m.nameActions()
	return m, nil
}

func (d *decoder) setAt(i int) (*Set, error) {
	if i < 0 || i >= len(d.sets) {
		return nil, fmt.Errorf("read the model: no policy set %d", i)
	}
	return d.sets[i], nil
}

func (d *decoder) principal(arn string, w *rawWho) (*Principal, error) {
	p := &Principal{ARN: arn, Account: w.A, Name: w.N, ServiceLinked: w.SL, Tags: w.Tags}
	switch w.T {
	case "User":
		p.Kind = KindUser
	case "Account":
		p.Kind, p.Name = KindRoot, d.m.Accounts[w.A]
		if p.Name == "" {
			p.Name = w.A
		}
	case "AssumedRole":
		p.Kind = KindRole
	default:
		return nil, fmt.Errorf("read the model: principal %s of type %q", arn, w.T)
	}
	for _, e := range w.P {
		code, _ := e[0].(string)
		n, err := intOf(e[1])
		if err != nil {
			return nil, fmt.Errorf("read the model: principal %s: %w", arn, err)
		}
		s, err := d.setAt(n)
		if err != nil {
			return nil, err
		}
		p.Side = append(p.Side, Slot{Code: code, Set: s})
	}
	if w.TR != nil {
		s, err := d.setAt(*w.TR)
		if err != nil {
			return nil, err
		}
		p.Trust = s
	}
	return p, nil
}

func intOf(v any) (int, error) {
	switch x := v.(type) {
	case json.Number:
		i, err := x.Int64()
		return int(i), err
	case float64:
		return int(x), nil
	}
	return 0, fmt.Errorf("%v is not an index", v)
}

// list returns the statement ids of candidate list i of cl, whatever its
// form: [A, D, a, d], or indexed by resource {"e": {…}, "p": {…}, "u": …}.
// Every number in either form is a statement id (the keys of the resource
// index are strings), so the ids are read by scanning the numbers.
func (d *decoder) list(i int) ([]int, error) {
	if l, ok := d.lists[i]; ok {
		return l, nil
	}
	if i < 0 || i >= len(d.raw.CL) {
		return nil, fmt.Errorf("read the model: no candidate list %d", i)
	}
	out, err := numbersIn(d.raw.CL[i])
	if err != nil {
		return nil, fmt.Errorf("read the model: candidate list %d: %w", i, err)
	}
	sort.Ints(out)
	out = slices.Compact(out)
	for _, id := range out {
		if id < 0 || id >= len(d.m.Statements) {
			return nil, fmt.Errorf("read the model: candidate list %d names statement %d", i, id)
		}
	}
	d.lists[i] = out
	return out, nil
}

// numbersIn returns the integers of a JSON value outside its strings.
func numbersIn(raw []byte) ([]int, error) {
	var out []int
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; {
		case c == '"':
			for i++; i < len(raw) && raw[i] != '"'; i++ {
				if raw[i] == '\\' {
					i++
				}
			}
		case c >= '0' && c <= '9':
			n := 0
			for ; i < len(raw) && raw[i] >= '0' && raw[i] <= '9'; i++ {
				n = n*10 + int(raw[i]-'0')
				if n > 1<<40 {
					return nil, fmt.Errorf("a statement id out of range")
				}
			}
			i--
			out = append(out, n)
		case c == '-' || c == '.' || c == 'e' || c == 'E':
			return nil, fmt.Errorf("a statement id that is not a natural number")
		}
	}
	return out, nil
}

// set decodes policy set i: its statements, and the actions its index
// gives each of them (a statement's action patterns are not written in
// the model; every set that holds the statement indexes all of them).
func (d *decoder) set(i int) error {
	ps := d.raw.Psets[i]
	d.gen++
	var ids []int
	add := func(list int, note func(id int)) error {
		l, err := d.list(list)
		if err != nil {
			return err
		}
		for _, id := range l {
			if d.mark[id] != d.gen {
				d.mark[id] = d.gen
				ids = append(ids, id)
			}
			if note != nil && !d.seen[id] {
				note(id)
			}
		}
		return nil
	}
	for _, e := range exactEntries(ps.XS) {
		a := e.action
		if err := add(e.list, func(id int) { d.noteExact(id, a) }); err != nil {
			return err
		}
	}
	if err := d.wildcards(ps, add); err != nil {
		return err
	}
	if ps.A != nil {
		if err := add(*ps.A, func(id int) { d.notePattern(id, Pattern{Kind: '*'}) }); err != nil {
			return err
		}
	}
	for _, l := range []*int{ps.N, ps.O} {
		if l != nil {
			if err := add(*l, nil); err != nil {
				return err
			}
		}
	}
	sort.Ints(ids)
	set := &Set{ID: i, Statements: make([]*Statement, len(ids))}
	for k, id := range ids {
		set.Statements[k] = d.m.Statements[id]
	}
	for _, id := range ids {
		if _, ok := d.exact[id]; ok || d.pats[id] != nil || d.m.Statements[id].NotActions != nil {
			d.seen[id] = true
		}
	}
	d.sets[i] = set
	return nil
}

// wildcards reads a set's wildcard buckets: each pattern, with the list
// of the statements that have it.
func (d *decoder) wildcards(ps *rawPset, add func(list int, note func(id int)) error) error {
	svcs := make([]string, 0, len(ps.W))
	for s := range ps.W {
		svcs = append(svcs, s)
	}
	sort.Strings(svcs)
	for _, svc := range svcs {
		w := ps.W[svc]
		if w < 0 || w >= len(d.raw.WL) {
			return fmt.Errorf("read the model: no wildcard bucket %d", w)
		}
		b := d.raw.WL[w]
		for _, kind := range []struct {
			entries [][2]any
			k       byte
		}{{b.P, '^'}, {b.G, '~'}} {
			for _, e := range kind.entries {
				text, _ := e[0].(string)
				n, err := intOf(e[1])
				if err != nil {
					return err
				}
				p := Pattern{Kind: kind.k, Text: text}
				if kind.k == '~' {
					p = d.glob(text)
				}
				if err := add(n, func(id int) { d.notePattern(id, p) }); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// glob parses an action glob of a wildcard bucket once: sets share their
// buckets.
func (d *decoder) glob(text string) Pattern {
	if p, ok := d.globs[text]; ok {
		return p
	}
	p := globPattern(text, false)
	d.globs[text] = p
	return p
}

type exactEntry struct {
	action string
	list   int
}

// exactEntries reads a set's exact index, ",action=NNNNNNN,…".
func exactEntries(xs string) []exactEntry {
	var out []exactEntry
	for _, part := range strings.Split(xs, ",") {
		a, n, ok := strings.Cut(part, "=")
		if !ok {
			continue
		}
		i, err := strconv.Atoi(n)
		if err != nil {
			continue
		}
		out = append(out, exactEntry{a, i})
	}
	return out
}

func (d *decoder) noteExact(id int, action string) {
	if d.exact[id] == nil {
		d.exact[id] = map[string]bool{}
	}
	d.exact[id][action] = true
}

func (d *decoder) notePattern(id int, p Pattern) {
	if d.pats[id] == nil {
		d.pats[id] = map[string]Pattern{}
	}
	d.pats[id][p.String()] = p
}

// finishActions sets a statement's Actions: its wildcard patterns, and the
// exact actions its sets list it under that none of them matches.
func (d *decoder) finishActions(s *Statement) {
	if s.NotActions != nil {
		return
	}
	var pats []Pattern
	for _, p := range d.pats[s.ID] {
		pats = append(pats, p)
	}
	for a := range d.exact[s.ID] {
		covered := false
		for _, p := range pats {
			if p.MatchAction(a) {
				covered = true
				break
			}
		}
		if !covered {
			pats = append(pats, Pattern{Kind: '=', Text: a})
		}
	}
	sort.Slice(pats, func(i, j int) bool { return pats[i].String() < pats[j].String() })
	s.Actions = pats
	if s.Actions == nil {
		s.Actions = []Pattern{}
	}
	s.key = statementKey(s)
}

func statementOf(id int, st *rawStmt) (*Statement, error) {
	s := &Statement{ID: id, Effect: st.E, Policy: st.M[0], Sid: st.M[1], Source: st.M[2]}
	var err error
	if st.NA != nil {
		if s.NotActions, err = patternsOf(st.NA, false); err != nil {
			return nil, fmt.Errorf("read the model: statement %d: %w", id, err)
		}
	}
	if s.Resources, err = patternsOf(st.R, true); err != nil {
		return nil, fmt.Errorf("read the model: statement %d: %w", id, err)
	}
	if s.NotResources, err = patternsOf(st.NR, true); err != nil {
		return nil, fmt.Errorf("read the model: statement %d: %w", id, err)
	}
	if st.PR != nil {
		s.Principals = map[string]bool{}
		for k := range st.PR {
			s.Principals[k] = true
		}
	}
	if st.NP != nil {
		s.NotPrincipals = map[string]bool{}
		for k := range st.NP {
			s.NotPrincipals[k] = true
		}
	}
	for _, c := range st.C {
		cond := Condition{Op: c.O, Negated: c.N, IfExists: c.X, Set: c.Q, Key: c.K, KeyName: c.KN}
		for _, v := range c.V {
			val, err := conditionValue(v)
			if err != nil {
				return nil, fmt.Errorf("read the model: statement %d: %w", id, err)
			}
			cond.Values = append(cond.Values, val)
		}
		s.Conditions = append(s.Conditions, cond)
	}
	if s.NotActions != nil {
		s.key = statementKey(s)
	}
	return s, nil
}

// conditionValue reads a lowered condition value: a pattern (a string or
// an array), a number, a boolean.
func conditionValue(raw json.RawMessage) (any, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '[' {
		return patternOf(raw, false)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

func patternsOf(list []json.RawMessage, arn bool) ([]Pattern, error) {
	if list == nil {
		return nil, nil
	}
	out := make([]Pattern, 0, len(list))
	for _, raw := range list {
		p, err := patternOf(raw, arn)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// statementKey is what a statement means, without where it is written:
// two statements with the same key apply to the same requests.
func statementKey(s *Statement) string {
	var b strings.Builder
	b.WriteString(s.Effect)
	write := func(label string, ps []Pattern) {
		if ps == nil {
			return
		}
		b.WriteString("|" + label)
		strs := make([]string, len(ps))
		for i, p := range ps {
			strs[i] = p.String()
		}
		sort.Strings(strs)
		for _, x := range strs {
			b.WriteString("\x00" + x)
		}
	}
	write("a", s.Actions)
	write("na", s.NotActions)
	write("r", s.Resources)
	write("nr", s.NotResources)
	writeSet := func(label string, m map[string]bool) {
		if m == nil {
			return
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteString("|" + label + "\x00" + strings.Join(keys, "\x00"))
	}
	writeSet("pr", s.Principals)
	writeSet("np", s.NotPrincipals)
	conds := make([]string, len(s.Conditions))
	for i, c := range s.Conditions {
		v, _ := json.Marshal(c.Values)
		conds[i] = fmt.Sprintf("%s/%v/%v/%s/%s/%s", c.Op, c.Negated, c.IfExists, c.Set, c.Key, v)
	}
	sort.Strings(conds)
	b.WriteString("|c\x00" + strings.Join(conds, "\x00"))
	return b.String()
}

// Key identifies what the statement means: statements of two revisions
// with the same key apply to the same requests.
func (s *Statement) Key() string { return s.key }

// StatementOf returns the statement a decision's reason names.
func (m *Model) StatementOf(policy, sid string) *Statement { return m.byRef[policy+"\x00"+sid] }

// meaningOf hashes the sorted keys of a set's statements.
func meaningOf(set *Set) uint64 {
	keys := make([]string, len(set.Statements))
	for i, s := range set.Statements {
		keys[i] = s.key
	}
	sort.Strings(keys)
	h := fnv.New64a()
	for _, k := range keys {
		h.Write([]byte(k))
		h.Write([]byte{0})
	}
	return h.Sum64()
}
