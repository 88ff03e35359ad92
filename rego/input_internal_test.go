package rego

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var benchSession = &Session{Role: "arn:aws:iam::111122223333:role/shop/Cashier", Name: "employee",
	ARN:    "arn:aws:sts::111122223333:assumed-role/Cashier/employee",
	Source: "arn:aws:iam::111122223333:user/staff/employee", MFA: true,
	IssuedAt: time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC), ExpiresAt: time.Date(2026, 11, 26, 16, 0, 0, 0, time.UTC),
	Policy: map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{
		"Effect": "Allow", "Action": []string{"register:*"}, "Resource": "*",
		"Condition": map[string]any{"IpAddress": map[string]any{"aws:SourceIp": []any{"203.0.113.0/24"}}}}}},
	Tags: map[string]string{"team": "counter"}}

var benchRequest = Request{Principal: benchSession.ARN, Action: "register:Sell", Resource: "arn:aws:register:::till/1",
	Context: map[string]any{"aws:SourceIp": "203.0.113.9", "aws:RequestTag/env": []string{"prod", "dev"},
		"aws:MultiFactorAuthAge": 60, "aws:SecureTransport": true, "aws:EpochTime": int64(1795000000),
		"ratio": 0.25, "nothing": nil, "nums": []any{1, json.Number("2.5"), uint8(3)}},
	Session: benchSession}

// The converter builds what OPA's reflection-based conversion of the
// documented input (RequestInput, AssumeRoleInput, FederationInput) builds.
func TestInputMatchesInterfaceToValue(t *testing.T) {
	check := func(got ast.Value, err error, doc map[string]any) {
		t.Helper()
		require.NoError(t, err)
		want, err := ast.InterfaceToValue(doc)
		require.NoError(t, err)
		assert.Equal(t, 0, want.Compare(got), "want %v\n got %v", want, got)
	}
	got, err := requestInput(benchRequest)
	check(got, err, RequestInput(benchRequest))
	got, err = requestInput(Request{Action: "a:b"})
	check(got, err, RequestInput(Request{Action: "a:b"}))
	ar := AssumeRoleRequest{Role: "arn:aws:iam::1:role/R", Duration: time.Hour, SessionName: "s", Policy: benchSession.Policy,
		Tags: map[string]string{"a": "b"}, Context: benchRequest.Context, Session: benchSession}
	got, err = assumeInput(ar)
	check(got, err, AssumeRoleInput(ar))
	fr := FederationRequest{Principal: "arn:aws:iam::1:user/u", Name: "n", Duration: time.Minute, Policy: benchSession.Policy, Context: benchRequest.Context}
	got, err = federationInput(fr)
	check(got, err, FederationInput(fr))
	got, err = federationInput(FederationRequest{})
	check(got, err, FederationInput(FederationRequest{}))
}

// The JSON reader reads what OPA's reader reads, for the documents both
// accept.
func TestParseInputMatchesOPA(t *testing.T) {
	for _, doc := range []string{
		`{"a": [1, -2.5e3, 0, true, false, null, "x\"y\\z\/\b\f\n\r\t\u00e9\ud83d\ude00"], "b": {}, "c": [], "d": {"e": {"f": 12345678901234567890}}}`,
		`"\ud800 lone"`, `  7  `, `[{"k": "v"}, {"k": "w"}]`, `"日本"`,
	} {
		want, err := ast.ValueFromReader(bytes.NewReader([]byte(doc)))
		require.NoError(t, err)
		got, err := parseInput([]byte(doc))
		require.NoError(t, err)
		assert.Equal(t, 0, want.Compare(got), "%s: want %v, got %v", doc, want, got)
	}
}

// BenchmarkInput compares the converter with OPA's conversion of the same
// request, and the JSON reader with OPA's.
//
//	BenchmarkInput/requestInput-2              124563 ns... (see README)
func BenchmarkInput(b *testing.B) {
	doc, err := json.Marshal(RequestInput(benchRequest))
	require.NoError(b, err)
	b.Run("requestInput", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := requestInput(benchRequest); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("InterfaceToValue", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := ast.InterfaceToValue(RequestInput(benchRequest)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("parseInput", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := parseInput(doc); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("ValueFromReader", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := ast.ValueFromReader(bytes.NewReader(doc)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
