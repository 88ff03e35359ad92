package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/iamc/iamc/internal/output"
	"github.com/iamc/iamc/rego"
)

// printDecision renders a decision: as the JSON decision object, or for a
// person.
func printDecision(w io.Writer, format string, steps []assumeStep, dec rego.Decision, req *rego.Request) error {
	if format == "json" {
		return output.WriteJSON(w, dec)
	}
	for _, st := range steps {
		if st.session != nil {
			mfa := ""
			if st.session.MFA {
				mfa = ", MFA"
			}
			fmt.Fprintf(w, "assumed %s as %s (until %s%s)\n", st.role, st.session.ARN, st.session.ExpiresAt.Format("2006-01-02 15:04:05Z07:00"), mfa)
			continue
		}
		fmt.Fprintf(w, "could not assume %s (sts:AssumeRole on %s):\n", st.role, st.arn)
		writeDecision(w, "  ", st.decision)
		return nil
	}
	if req != nil {
		who := req.Principal
		switch {
		case req.Session != nil && req.Session.ARN != "":
			who = req.Session.ARN
		case req.Session != nil && req.Session.MFA:
			who += " (temporary credentials, with MFA)" // a user's own session
		case req.Session != nil:
			who += " (temporary credentials, without MFA)"
		}
		fmt.Fprintf(w, "%s %s on %s\n", who, req.Action, req.Resource)
	}
	writeDecision(w, "", dec)
	return nil
}

// verdictWord is the headline of a decision.
func verdictWord(dec rego.Decision) string {
	switch dec.Decision {
	case rego.Allow:
		return "ALLOW"
	case rego.ExplicitDeny:
		return "DENY (explicit)"
	}
	return "DENY (implicit)"
}

func writeDecision(w io.Writer, indent string, dec rego.Decision) {
	fmt.Fprintf(w, "%s%s\n", indent, verdictWord(dec))
	fmt.Fprintf(w, "%s  layers:  %s\n", indent, dec.Layers)
	if len(dec.Reasons) > 0 {
		fmt.Fprintf(w, "%s  because:\n", indent)
		tw := tabwriter.NewWriter(w, 0, 2, 2, ' ', 0)
		for _, r := range dec.Reasons {
			fmt.Fprintf(tw, "%s    %s\t%s\t%s\t%s\t%s\n", indent, r.Layer, r.Effect, r.Policy, r.Statement, r.Source)
		}
		tw.Flush()
	} else if dec.Decision == rego.ImplicitDeny && len(dec.Errors) == 0 {
		why := ""
		if missing := dec.Layers.Implicit(); len(missing) > 0 {
			names := make([]string, len(missing))
			for i, layer := range missing {
				names[i] = string(layer)
			}
			why = " (no allow in: " + strings.Join(names, ", ") + ")"
		}
		fmt.Fprintf(w, "%s  because: no statement allows it%s\n", indent, why)
	}
	if len(dec.MissingContext) > 0 {
		fmt.Fprintf(w, "%s  missing context: %s\n", indent, strings.Join(dec.MissingContext, ", "))
	}
	if len(dec.ErrorDetails) == len(dec.Errors) {
		for _, e := range dec.ErrorDetails {
			fmt.Fprintf(w, "%s  error %s: %s\n", indent, e.Code, e.Message)
		}
		return
	}
	for _, e := range dec.Errors {
		fmt.Fprintf(w, "%s  error: %s\n", indent, e)
	}
}
