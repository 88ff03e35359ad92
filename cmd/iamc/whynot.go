package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/iamc/iamc/rego"
)

// printWhyNot explains a deny: the statements that nearly allowed an
// implicit deny, the conditions that made the Deny of an explicit deny
// apply (rego.Engine.WhyNot). indent is that of the decision.
func printWhyNot(ctx context.Context, w io.Writer, indent string, eng *rego.Engine, dec rego.Decision, req rego.Request) error {
	if dec.Allowed || len(dec.Errors) > 0 {
		return nil
	}
	near, err := eng.WhyNot(ctx, req)
	if err != nil {
		return err
	}
	writeWhyNot(w, indent, dec, near, req.Resource)
	return nil
}

// writeWhyNot writes the near misses that explain a decision.
func writeWhyNot(w io.Writer, indent string, dec rego.Decision, near []rego.NearMiss, resource string) {
	near = rego.Explaining(dec, near)
	if len(near) == 0 {
		return
	}
	title := "nearly allowed by"
	if dec.Decision == rego.ExplicitDeny {
		title = "the conditions of the Deny held"
	}
	fmt.Fprintf(w, "%s  %s:\n", indent, title)
	for _, n := range near {
		tw := tabwriter.NewWriter(w, 0, 2, 2, ' ', 0)
		fmt.Fprintf(tw, "%s    %s\t%s\t%s\t%s\t%s\n", indent, n.Layer, n.Effect, n.Policy, n.Statement, n.Source)
		tw.Flush()
		for _, d := range n.Details(resource) {
			fmt.Fprintf(w, "%s      %s\n", indent, d)
		}
	}
}

// assumeWhyRequest is the request a denied AssumeRole decided, as the core
// builds it (rego/core/assume.rego): with a caller's long-term keys and an
// MFA code, a session of the caller's own with MFA.
func assumeWhyRequest(ar rego.AssumeRoleRequest) rego.Request {
	sess := ar.Session
	if ar.MFA && sess == nil {
		at := ar.Time
		if at.IsZero() {
			at = time.Now().UTC().Add(-time.Second).Truncate(time.Second)
		}
		sess = &rego.Session{Type: "user", MFA: true, IssuedAt: at, ExpiresAt: at.Add(15 * time.Minute)}
	}
	return rego.Request{Principal: ar.Principal, Action: "sts:AssumeRole", Resource: ar.Role, Context: ar.Context, Session: sess, Time: ar.Time}
}
