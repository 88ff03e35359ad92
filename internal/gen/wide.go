package gen

import (
	"fmt"
	"math/rand/v2"
)

// Wide generates the organization of a principal whose own policies grow:
// 1,000 users, every one in the same 10 groups of 10 managed policies each,
// and n statements spread over those 100 policies, each allowing
// s3:GetObject on a bucket of its own (arn:aws:s3:::bucket-<k>/*), so that
// every user holds all n statements, each on its own resource. The
// organization's one SCP allows everything. n is a multiple of 100.
func Wide(n int, seed uint64) (*Org, error) {
	if n < 100 || n%100 != 0 {
		return nil, fmt.Errorf("gen: a wide organization has a multiple of 100 statements, not %d", n)
	}
	o := &Org{Config: Config{Statements: n + 1, Seed: seed}}
	o.SCPs = []*Policy{{Name: "full_access", Team: -1, Statements: []*Statement{
		{Sid: "FullAWSAccess", Effect: "Allow", Actions: []string{"*"}, Resources: []string{"*"}, Shape: Guardrail},
	}}}
	k := 0
	for p := range 100 {
		pol := &Policy{Name: fmt.Sprintf("buckets%02d", p), Team: p / 10}
		for range n / 100 {
			pol.Statements = append(pol.Statements, &Statement{
				Sid: fmt.Sprintf("Bucket%d", k), Effect: "Allow", Actions: []string{"s3:GetObject"},
				Resources: []string{WideBucket(k) + "/*"}, Shape: AllowExact,
			})
			k++
		}
		o.Policies = append(o.Policies, pol)
	}
	for g := range 10 {
		o.Groups = append(o.Groups, &Group{Name: fmt.Sprintf("team%d", g), Index: g, Policies: o.Policies[g*10 : g*10+10]})
	}
	for u := range 1000 {
		user := &User{Name: fmt.Sprintf("u%04d", u), Groups: o.Groups}
		o.Users = append(o.Users, user)
		for _, g := range o.Groups {
			g.Members = append(g.Members, user)
		}
	}
	return o, nil
}

// WideBucket is the ARN of the k-th bucket of a wide organization.
func WideBucket(k int) string { return fmt.Sprintf("arn:aws:s3:::bucket-%d", k) }

// WideRequests designs count requests of a wide organization of n
// statements: each user-allow request reads an object of one of the n
// buckets (allowed by that bucket's statement alone), each implicit-deny
// request one of a bucket no statement names.
func (o *Org) WideRequests(kind Kind, n, count int, seed uint64) ([]Request, error) {
	rng := rand.New(rand.NewPCG(seed, 0x71de))
	var out []Request
	for range count {
		u := o.Users[rng.IntN(len(o.Users))]
		k := rng.IntN(n)
		r := Request{Kind: kind, Principal: u, Action: "s3:GetObject"}
		switch kind {
		case UserAllow:
			r.Resource = WideBucket(k) + "/object-" + fmt.Sprint(rng.IntN(1000))
			r.Expect = Allow
			r.By = fmt.Sprintf("policy.buckets%02d.statement.Bucket%d", k/(n/100), k)
		case ImplicitDeny:
			r.Resource = WideBucket(n+k) + "/object"
			r.Expect = ExpectImplicit
		default:
			return nil, fmt.Errorf("gen: no %s requests in a wide organization", kind)
		}
		out = append(out, r)
	}
	return out, nil
}
