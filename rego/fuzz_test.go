package rego_test

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/iamc/iamc/rego"
)

// knownPrincipals are the principal and role ARNs of a bundle's model.
func knownPrincipals(eng *rego.Engine) (principals, roles map[string]bool) {
	principals, roles = map[string]bool{}, map[string]bool{}
	ps, rs, err := eng.Principals(context.Background())
	if err != nil {
		panic(err)
	}
	for _, arn := range ps {
		principals[arn] = true
	}
	for _, arn := range rs {
		roles[arn] = true
	}
	return principals, roles
}

var actionShape = regexp.MustCompile(`^[^:]+:.+$`)

// checkDecision fails when a decision breaks the contract of Decide: an
// error is a deny with the reason, an allow carries no error and comes only
// from a well-formed request by a known principal or a session of a known
// role.
func checkDecision(t *testing.T, dec rego.Decision, err error, in map[string]any, principals, roles map[string]bool) {
	t.Helper()
	if err != nil {
		if dec.Allowed || dec.Decision == rego.Allow || len(dec.Errors) == 0 {
			t.Fatalf("an error must come with a deny that says why: %v, %+v", err, dec)
		}
	}
	if dec.Allowed != (dec.Decision == rego.Allow) {
		t.Fatalf("inconsistent decision %+v", dec)
	}
	if len(dec.Errors) > 0 && dec.Allowed {
		t.Fatalf("allowed with errors: %+v", dec)
	}
	if !dec.Allowed {
		return
	}
	if in == nil {
		t.Fatalf("allowed a request that is not a JSON object: %+v", dec)
	}
	action, _ := in["action"].(string)
	resource, okR := in["resource"].(string)
	if !actionShape.MatchString(action) || !okR || resource == "" {
		t.Fatalf("allowed a malformed request %v: %+v", in, dec)
	}
	principal, _ := in["principal"].(string)
	if sess, ok := in["session"].(map[string]any); ok {
		role, _ := sess["role"].(string)
		if !roles[role] {
			t.Fatalf("allowed a session of an unknown role %q: %+v", role, dec)
		}
		return
	}
	if !principals[principal] {
		t.Fatalf("allowed an unknown principal %q: %+v", principal, dec)
	}
}

// FuzzDecideInput: any bytes given as the decision input (what a sidecar
// receives) are decided without panic, and the decision keeps the contract.
func FuzzDecideInput(f *testing.F) {
	for _, s := range []string{
		`{"principal": "` + owner + `", "action": "register:Refund", "resource": "` + till + `", "context": {"aws:SourceIp": "203.0.113.9"}}`,
		`{"principal": "` + newbie + `", "action": "menu:ViewMenu", "resource": "*"}`,
		`{"principal": "arn:aws:iam::111122223333:root", "action": "register:Sell", "resource": "` + till + `"}`,
		`{"principal": "` + employee + `", "action": "register:Sell", "resource": "` + till + `", "session": {"role": "` + cashier + `", "name": "employee", "source": "` + employee + `", "mfa": true, "issued_at": "2026-01-01T00:00:00Z", "expires_at": "2099-01-01T00:00:00Z"}}`,
		`{"principal": 42, "action": ["register:Sell"], "resource": {"arn": "x"}, "context": []}`,
		`{"principal": "` + owner + `", "action": "register:Refund", "resource": "` + till + `", "context": {"aws:SourceIp": "not an ip", "aws:CurrentTime": 7, "aws:MultiFactorAuthAge": "x"}}`,
		`[]`, `null`, `"x"`, ``, `{`,
	} {
		f.Add([]byte(s))
	}
	eng, err := rego.Load(context.Background(), rego.FromBytes(coffeeShop()))
	if err != nil {
		f.Fatal(err)
	}
	principals, roles := knownPrincipals(eng)
	f.Fuzz(func(t *testing.T, input []byte) {
		dec, err := eng.DecideInput(context.Background(), input)
		var in map[string]any
		if json.Unmarshal(input, &in) != nil {
			in = nil
		}
		checkDecision(t, dec, err, in, principals, roles)
	})
}

// FuzzDecide: requests built from arbitrary strings through the Go API are
// decided without panic; unknown principals are denied with the reason.
func FuzzDecide(f *testing.F) {
	f.Add(owner, "register:Refund", till, "aws:SourceIp", "203.0.113.9")
	f.Add(newbie, "menu:ViewMenu", "*", "aws:CurrentTime", "2026-11-26T12:00:00Z")
	f.Add(employee, "menu:ViewMenu", "*", "aws:PrincipalTag/team", "counter")
	f.Add("arn:aws:iam::111122223333:root", "inventory:DeleteItem", "arn:aws:inventory:::stock/1", "aws:MultiFactorAuthAge", "60")
	f.Add("anonymous", "s3:GetObject", "arn:aws:s3:::b/k", "", "")
	f.Add("ec2.amazonaws.com", "sts:AssumeRole", cashier, "aws:SourceIp", "::1")
	eng, err := rego.Load(context.Background(), rego.FromBytes(coffeeShop()))
	if err != nil {
		f.Fatal(err)
	}
	principals, roles := knownPrincipals(eng)
	f.Fuzz(func(t *testing.T, principal, action, resource, key, value string) {
		req := rego.Request{Principal: principal, Action: action, Resource: resource, Context: map[string]any{key: value}}
		dec, err := eng.Decide(context.Background(), req)
		in := map[string]any{"principal": principal, "action": action, "resource": resource}
		checkDecision(t, dec, err, in, principals, roles)
		if !principals[principal] && len(dec.Errors) == 0 && principal != "anonymous" && !strings.HasSuffix(principal, ".amazonaws.com") {
			t.Fatalf("unknown principal %q decided without a reason in errors: %+v", principal, dec)
		}
	})
}
