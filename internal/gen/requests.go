package gen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Kind is a kind of designed request.
type Kind string

// The kinds of designed requests.
const (
	// UserAllow: a user, through one Allow statement of its own or its
	// groups' policies, with the context the statement's condition wants.
	UserAllow Kind = "user-allow"
	// ExplicitDeny: a user's deny-prod statement applies.
	ExplicitDeny Kind = "explicit-deny"
	// ImplicitDeny: a user asks for svc:Get<X>, svc being a service of its
	// own statements that its boundary allows, on a resource outside every
	// team namespace: no statement matches.
	ImplicitDeny Kind = "implicit-deny"
	// SessionAllow: a session of a role, through one of the role's Allow
	// statements.
	SessionAllow Kind = "session-allow"
	// GroupsAllow: a user in 10 groups of 10 policies each, through one Allow
	// statement of one of those 100 policies.
	GroupsAllow Kind = "groups-allow"
)

// Kinds lists every kind, in the order benchmarks report them.
var Kinds = []Kind{UserAllow, ExplicitDeny, ImplicitDeny, SessionAllow, GroupsAllow}

// Expected decisions, as iamc names them.
const (
	Allow            = "allow"
	ExpectExplicit   = "explicit_deny"
	ExpectImplicit   = "implicit_deny"
	ContextRegion    = "aws:RequestedRegion"
	ContextSourceIP  = "aws:SourceIp"
	offnetSourceBase = "198.51.100."
)

// Request is a designed request and the decision it must get.
type Request struct {
	Kind      Kind
	Principal *User // the caller; with Role, the user who assumed it
	Role      *Role // set for a session of the role
	Action    string
	Resource  string
	Region    string // aws:RequestedRegion
	SourceIP  string // aws:SourceIp
	Expect    string // allow | explicit_deny | implicit_deny
	// By is the statement designed to decide ("policy.p00012.statement.S3"),
	// empty for an implicit deny.
	By string
}

// Context is the request's condition keys.
func (r Request) Context() map[string]any {
	ctx := map[string]any{}
	if r.Region != "" {
		ctx[ContextRegion] = r.Region
	}
	if r.SourceIP != "" {
		ctx[ContextSourceIP] = r.SourceIP
	}
	return ctx
}

// String describes the request for failure messages.
func (r Request) String() string {
	who := r.Principal.Name
	if r.Role != nil {
		who += " as " + r.Role.Name
	}
	return fmt.Sprintf("%s: %s %s on %s (region %s, ip %s) expect %s by %s",
		r.Kind, who, r.Action, r.Resource, r.Region, r.SourceIP, r.Expect, r.By)
}

// grant is an Allow statement reachable by a principal, with its policy.
type grant struct {
	pol *Policy
	st  *Statement
}

// Requests designs n different requests of kind, deterministically from
// seed, drawn across the organization's principals. It fails when the organization has
// no principal for the kind (GroupsAllow needs at least 10 policies).
func (o *Org) Requests(kind Kind, n int, seed uint64) ([]Request, error) {
	rng := rand.New(rand.NewPCG(seed, uint64(len(kind))<<32|0x5eed))
	out := make([]Request, 0, n)
	seen := map[string]bool{}
	for attempts := 0; len(out) < n; attempts++ {
		if attempts > 100*n+1000 {
			return nil, fmt.Errorf("gen: no %s request in an organization of %d statements", kind, o.Config.Statements)
		}
		var r Request
		var ok bool
		switch kind {
		case UserAllow:
			r, ok = o.allow(rng, o.Users[rng.IntN(len(o.Users))], nil)
		case GroupsAllow:
			if len(o.Heavy) == 0 {
				return nil, fmt.Errorf("gen: no user in 10 groups in an organization of %d statements", o.Config.Statements)
			}
			r, ok = o.allow(rng, o.Heavy[rng.IntN(len(o.Heavy))], nil)
		case SessionAllow:
			role := o.Roles[rng.IntN(len(o.Roles))]
			r, ok = o.allow(rng, role.Trusted[rng.IntN(len(role.Trusted))], role)
		case ExplicitDeny:
			r, ok = o.deny(rng, o.Users[rng.IntN(len(o.Users))], nil)
		case ImplicitDeny:
			r, ok = o.nomatch(rng, o.Users[rng.IntN(len(o.Users))], nil)
		default:
			return nil, fmt.Errorf("gen: unknown kind %q", kind)
		}
		if ok && !seen[r.String()] {
			seen[r.String()] = true
			r.Kind = kind
			out = append(out, r)
		}
	}
	return out, nil
}

// Batch designs n different requests of one principal (a user with Allow statements),
// for DecideBatch: about 60% allows, 20% explicit denies (when the user has
// a deny-prod statement) and the rest implicit denies.
func (o *Org) Batch(n int, seed uint64) ([]Request, error) {
	rng := rand.New(rand.NewPCG(seed, 0xba7c4))
	for attempts := 0; attempts < 1000; attempts++ {
		u := o.Users[rng.IntN(len(o.Users))]
		if _, ok := o.allow(rng, u, nil); !ok {
			continue
		}
		out := make([]Request, 0, n)
		seen := map[string]bool{}
		for tries := 0; len(out) < n; tries++ {
			if tries > 100*n {
				return nil, fmt.Errorf("gen: fewer than %d different requests of user %s", n, u.Name)
			}
			var r Request
			var ok bool
			switch w := rng.IntN(10); {
			case w < 6:
				r, ok = o.allow(rng, u, nil)
				r.Kind = UserAllow
			case w < 8:
				r, ok = o.deny(rng, u, nil)
				r.Kind = ExplicitDeny
			default:
				r, ok = o.nomatch(rng, u, nil)
				r.Kind = ImplicitDeny
			}
			if ok && !seen[r.String()] {
				seen[r.String()] = true
				out = append(out, r)
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("gen: no user with an Allow statement")
}

// statementsOf lists the policies that apply to a user or, with role, to a
// session of the role, with the boundary.
func (o *Org) statementsOf(u *User, role *Role) ([]*Policy, *Policy) {
	if role != nil {
		return role.Policies, role.Boundary
	}
	pols := append([]*Policy(nil), u.Policies...)
	for _, g := range u.Groups {
		pols = append(pols, g.Policies...)
	}
	return pols, u.Boundary
}

// pick chooses a statement of the principal's policies that satisfies keep.
func (o *Org) pick(rng *rand.Rand, u *User, role *Role, keep func(*Statement) bool) (grant, bool) {
	pols, _ := o.statementsOf(u, role)
	var all []grant
	for _, p := range pols {
		for _, s := range p.Statements {
			if keep(s) {
				all = append(all, grant{p, s})
			}
		}
	}
	if len(all) == 0 {
		return grant{}, false
	}
	return all[rng.IntN(len(all))], true
}

// allowed reports whether the boundary allows the service.
func allowed(boundary *Policy, svc string) bool {
	if boundary == nil {
		return true
	}
	for _, a := range boundary.Statements[0].Actions {
		if a == svc+":*" {
			return true
		}
	}
	return false
}

func (o *Org) base(rng *rand.Rand, u *User, role *Role) Request {
	return Request{Principal: u, Role: role, Region: Regions[rng.IntN(len(Regions))],
		SourceIP: fmt.Sprintf("10.%d.%d.%d", rng.IntN(256), rng.IntN(256), 1+rng.IntN(254))}
}

func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

// allow designs an allowed request through one Allow statement.
func (o *Org) allow(rng *rand.Rand, u *User, role *Role) (Request, bool) {
	_, boundary := o.statementsOf(u, role)
	g, ok := o.pick(rng, u, role, func(s *Statement) bool {
		if s.Effect != "Allow" || !allowed(boundary, s.svc.Name) {
			return false
		}
		return s.Shape != AllowRead || s.svc2 == s.svc || allowed(boundary, s.svc2.Name)
	})
	if !ok {
		return Request{}, false
	}
	s := g.st
	r := o.base(rng, u, role)
	r.Expect, r.By = Allow, g.pol.Ref()+".statement."+s.Sid
	svc, noun := s.svc, s.noun
	env := pick(rng, []string{"dev", "stage"})
	region := r.Region
	switch s.Shape {
	case AllowWild:
		region = pick(rng, s.regions)
		r.Region = region
		r.Action = svc.Name + ":" + pick(rng, []string{"Get", "List"}) + noun
		r.Resource = exactARN(svc, noun, region, s.team, env, rng.IntN(20), rng.IntN(1000))
	case AllowExact:
		r.Action = svc.Name + ":" + pick(rng, []string{"Get", "Put", "Update"}) + noun
		r.Resource = exactARN(svc, noun, s.regions[0], s.team, "dev", s.proj, pick(rng, s.items))
	case AllowMid:
		r.SourceIP = fmt.Sprintf("10.%d.%d.%d", s.net, rng.IntN(256), 1+rng.IntN(254))
		r.Action = svc.Name + ":" + pick(rng, allowVerbs) + pick(rng, svc.Nouns)
		r.Resource = exactARN(svc, noun, region, s.team, env, s.proj, rng.IntN(1000))
	case AllowRead:
		target := svc
		verb := "Describe"
		if rng.IntN(2) == 0 && allowed(boundary, s.svc2.Name) {
			target, verb = s.svc2, "List"
		}
		n := pick(rng, target.Nouns)
		r.Action = target.Name + ":" + verb + n
		r.Resource = exactARN(target, n, region, rng.IntN(len(o.Groups)), env, rng.IntN(20), rng.IntN(1000))
	case AllowSuffix:
		r.Action = svc.Name + ":" + pick(rng, allowVerbs) + noun
		r.Resource = exactARN(svc, noun, region, s.team, "dev", rng.IntN(20), rng.IntN(1000))
	default:
		return Request{}, false
	}
	return r, true
}

// deny designs an explicit deny through a deny-prod statement.
func (o *Org) deny(rng *rand.Rand, u *User, role *Role) (Request, bool) {
	g, ok := o.pick(rng, u, role, func(s *Statement) bool { return s.Shape == DenyProd })
	if !ok {
		return Request{}, false
	}
	s := g.st
	r := o.base(rng, u, role)
	r.Expect, r.By = ExpectExplicit, g.pol.Ref()+".statement."+s.Sid
	noun := pick(rng, s.svc.Nouns)
	r.Action = s.svc.Name + ":Delete" + noun
	r.Resource = exactARN(s.svc, noun, r.Region, s.team, "prod", rng.IntN(20), rng.IntN(1000))
	return r, true
}

// nomatch designs an implicit deny: a Get action of one of the principal's
// services (one its boundary allows, so that the identity policies decide)
// on a resource outside every team namespace.
func (o *Org) nomatch(rng *rand.Rand, u *User, role *Role) (Request, bool) {
	_, boundary := o.statementsOf(u, role)
	g, ok := o.pick(rng, u, role, func(s *Statement) bool { return s.Effect == "Allow" && allowed(boundary, s.svc.Name) })
	if !ok {
		return Request{}, false
	}
	svc := g.st.svc
	noun := pick(rng, svc.Nouns)
	r := o.base(rng, u, role)
	r.Expect = ExpectImplicit
	r.Action = svc.Name + ":Get" + noun
	r.Resource = fmt.Sprintf("arn:aws:%s:%s:%s:%s/shared/%d", svc.Name, r.Region, MemberAccount,
		strings.ToLower(noun), rng.IntN(100000))
	return r, true
}
