package rego_test

import (
	"context"
	"fmt"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/rego"
)

const (
	employee = "arn:aws:iam::111122223333:user/staff/employee"
	owner    = "arn:aws:iam::111122223333:user/owner"
	newbie   = "arn:aws:iam::111122223333:user/staff/newbie"
	cashier  = "arn:aws:iam::111122223333:role/shop/Cashier"
	till     = "arn:aws:register:::till/1"
)

func loadCoffee(t testing.TB) *rego.Engine {
	t.Helper()
	eng, err := rego.Load(context.Background(), rego.FromBytes(coffeeShop()))
	require.NoError(t, err)
	return eng
}

// TestDecideConcurrent shares one engine among goroutines making different
// requests; `make test` runs it under the race detector. The expectations
// follow docs/semantics.md §2 (explicit deny wins, otherwise implicit deny) and
// §4.1 (a session has the role's permissions).
func TestDecideConcurrent(t *testing.T) {
	eng := loadCoffee(t)
	ctx := context.Background()
	sess, err := eng.AssumeRole(ctx, rego.AssumeRoleRequest{Principal: employee, Role: cashier, MFA: true})
	require.NoError(t, err)
	cases := []struct {
		req  rego.Request
		want rego.Outcome
	}{
		{rego.Request{Principal: owner, Action: "register:Refund", Resource: till}, rego.Allow},
		{rego.Request{Principal: newbie, Action: "register:Sell", Resource: till}, rego.ImplicitDeny},
		{rego.Request{Principal: employee, Action: "register:Sell", Resource: till, Session: sess}, rego.Allow},
		{rego.Request{Principal: employee, Action: "register:Refund", Resource: till, Session: sess}, rego.ExplicitDeny},
		{rego.Request{Principal: employee, Action: "register:Sell", Resource: till}, rego.ImplicitDeny},
	}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				c := cases[(g+i)%len(cases)]
				dec, err := eng.Decide(ctx, c.req)
				if err != nil {
					errs <- err
					return
				}
				if dec.Decision != c.want {
					errs <- fmt.Errorf("%s %s: got %s, want %s", c.req.Principal, c.req.Action, dec.Decision, c.want)
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestFailClosed: malformed or unknown input denies with the reason in
// errors, never an allow (docs/design.md, the decision contract).
func TestFailClosed(t *testing.T) {
	eng := loadCoffee(t)
	ctx := context.Background()
	cases := map[string]struct {
		req  rego.Request
		want string
	}{
		"unknown principal":            {rego.Request{Principal: "arn:aws:iam::111122223333:user/nobody", Action: "register:Sell", Resource: till}, `unknown principal`},
		"no action":                    {rego.Request{Principal: owner, Resource: till}, `action is missing`},
		"bad action":                   {rego.Request{Principal: owner, Action: "Sell", Resource: till}, `action must be`},
		"unknown action":               {rego.Request{Principal: owner, Action: "register:Steal", Resource: till}, `unknown action`},
		"bad source ip":                {rego.Request{Principal: owner, Action: "register:Sell", Resource: till, Context: map[string]any{"aws:SourceIp": "not-an-ip"}}, `aws:SourceIp must be an IP address`},
		"time in the context":          {rego.Request{Principal: owner, Action: "register:Sell", Resource: till, Context: map[string]any{"aws:CurrentTime": "2026-11-26T08:00:00Z"}}, `aws:CurrentTime is the time of the request`},
		"time without WithRequestTime": {rego.Request{Principal: owner, Action: "register:Sell", Resource: till, Time: time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC)}, `takes the time of a request from the clock`},
		"session ARN without session":  {rego.Request{Principal: "arn:aws:sts::111122223333:assumed-role/Cashier/employee", Action: "register:Sell", Resource: till}, `is a role session`},
		"session of an unknown role": {rego.Request{Principal: employee, Action: "register:Sell", Resource: till,
			Session: &rego.Session{Role: "arn:aws:iam::111122223333:role/Ghost", Name: "x", Source: employee}}, `no role`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			dec, err := eng.Decide(ctx, c.req)
			require.NoError(t, err)
			assert.False(t, dec.Allowed)
			assert.Equal(t, rego.ImplicitDeny, dec.Decision)
			require.NotEmpty(t, dec.Errors)
			assert.Contains(t, fmt.Sprint(dec.Errors), c.want)
		})
	}
	for name, in := range map[string]string{
		"not JSON":       `{"principal":`,
		"not an object":  `[1,2]`,
		"wrong types":    `{"principal": 7, "action": ["x"], "resource": {}}`,
		"context string": `{"principal": "` + owner + `", "action": "register:Sell", "resource": "` + till + `", "context": "x"}`,
	} {
		t.Run(name, func(t *testing.T) {
			dec, err := eng.DecideInput(ctx, []byte(in))
			require.NoError(t, err)
			assert.False(t, dec.Allowed)
			assert.NotEmpty(t, dec.Errors)
		})
	}
}

// TestSessionExpiry: a session expires (docs/semantics.md §4.1; docs/design.md, the decision contract).
func TestSessionExpiry(t *testing.T) {
	eng, err := rego.Load(context.Background(), rego.FromBytes(coffeeShop()), rego.WithRequestTime())
	require.NoError(t, err)
	ctx := context.Background()
	sess, err := eng.AssumeRole(ctx, rego.AssumeRoleRequest{Principal: employee, Role: cashier, MFA: true,
		Time: time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC)})
	require.NoError(t, err)
	assert.Equal(t, "2026-11-26T09:00:00Z", sess.ExpiresAt.Format("2006-01-02T15:04:05Z07:00"), "default duration is one hour")
	for at, want := range map[string]rego.Outcome{
		"2026-11-26T08:59:59Z": rego.Allow,
		"2026-11-26T09:00:00Z": rego.ImplicitDeny,
	} {
		when, err := time.Parse(time.RFC3339, at)
		require.NoError(t, err)
		dec, err := eng.Decide(ctx, rego.Request{Principal: employee, Action: "register:Sell", Resource: till, Session: sess, Time: when})
		require.NoError(t, err)
		assert.Equal(t, want, dec.Decision, at)
	}
	// The Cashier role allows at most 8 hours.
	_, err = eng.AssumeRole(ctx, rego.AssumeRoleRequest{Principal: employee, Role: cashier, MFA: true, Duration: 9 * 3600e9})
	var are *rego.AssumeRoleError
	require.ErrorAs(t, err, &are)
	assert.Contains(t, fmt.Sprint(are.Errors), "exceeds the maximum session duration")
}

func BenchmarkDecideCoffeeShop(b *testing.B) {
	eng := loadCoffee(b)
	ctx := context.Background()
	sess, err := eng.AssumeRole(ctx, rego.AssumeRoleRequest{Principal: employee, Role: cashier, MFA: true, Duration: 8 * 3600e9})
	require.NoError(b, err)
	for name, req := range map[string]rego.Request{
		"user-allow":    {Principal: owner, Action: "register:Refund", Resource: till},
		"session-allow": {Principal: employee, Action: "register:Sell", Resource: till, Session: sess},
		"session-deny":  {Principal: employee, Action: "register:Refund", Resource: till, Session: sess},
		"implicit-deny": {Principal: newbie, Action: "register:Sell", Resource: till},
	} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			defer reportCPU(b)()
			for b.Loop() {
				if _, err := eng.Decide(ctx, req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestMatched: every statement that applied, in every layer — here the
// Cashier's allow and the guardrails deny both apply to a refund (§2: all
// applicable statements are evaluated; the Deny decides).
func TestMatched(t *testing.T) {
	eng := loadCoffee(t)
	ctx := context.Background()
	sess, err := eng.AssumeRole(ctx, rego.AssumeRoleRequest{Principal: employee, Role: cashier, MFA: true})
	require.NoError(t, err)
	got, err := eng.Matched(ctx, rego.Request{Principal: employee, Action: "register:ViewSales", Resource: till, Session: sess})
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, "UseRegister", got[0].Statement)
	got, err = eng.Matched(ctx, rego.Request{Principal: employee, Action: "register:Refund", Resource: till, Session: sess})
	require.NoError(t, err)
	require.Len(t, got, 1, "register:Refund is not in UseRegister's actions")
	assert.Equal(t, "NoRefunds", got[0].Statement)
}

// reportCPU reports the process CPU time per operation (user and system,
// garbage collection included) next to the wall-clock ns/op: on a shared
// machine the wall clock also counts time spent waiting for a core.
func reportCPU(b *testing.B) func() {
	var r0 syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &r0)
	return func() {
		var r1 syscall.Rusage
		_ = syscall.Getrusage(syscall.RUSAGE_SELF, &r1)
		cpu := (r1.Utime.Nano() + r1.Stime.Nano()) - (r0.Utime.Nano() + r0.Stime.Nano())
		b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
	}
}
