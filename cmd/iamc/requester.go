package main

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iamc/iamc/internal/suggest"
	"github.com/iamc/iamc/rego"
)

// requestFlags are eval's flags that build a request; --input gives the
// whole request instead.
var requestFlags = []string{"principal", "assume", "assume-context", "mfa", "duration", "session-name", "session-policy",
	"session-tag", "action", "resource", "context", "region", "at"}

// inputAlone refuses a flag of the request beside --input, which would be
// ignored.
func inputAlone(cmd *cobra.Command) error {
	if !cmd.Flags().Changed("input") {
		return nil
	}
	for _, name := range requestFlags {
		if f := cmd.Flags().Lookup(name); f != nil && f.Changed {
			return usageError{fmt.Errorf("--input gives the whole request: --%s cannot be given with it (put it in the input document)", name)}
		}
	}
	return nil
}

// assumeContext is the context of the AssumeRole calls: the request's
// (the caller's network, region…) with the keys of --assume-context added,
// which win over the request's for the calls: sts:ExternalId, sts:SourceIdentity,
// sts:RoleSessionName, what a trust policy's conditions read.
func assumeContext(request map[string]any, p *evalParams) (map[string]any, error) {
	if len(p.assumeContext) == 0 {
		return request, nil
	}
	if len(p.assume) == 0 {
		return nil, usageError{fmt.Errorf("--assume-context is the context of the AssumeRole calls: it needs --assume")}
	}
	out := map[string]any{}
	given := map[string]string{} // lower-cased key → as given
	for _, kv := range p.assumeContext {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, usageError{fmt.Errorf("--assume-context takes key=value, not %q", kv)}
		}
		if prev, twice := given[strings.ToLower(k)]; twice {
			return nil, usageError{fmt.Errorf("--assume-context gives %s twice (as %s and %s): condition keys are case-insensitive", k, prev, k)}
		}
		given[strings.ToLower(k)] = k
		out[k] = contextValue(v)
	}
	for k, v := range request {
		if _, over := given[strings.ToLower(k)]; !over {
			out[k] = v
		}
	}
	return out, nil
}

// checkRequester refuses, before anything is decided, what eval can tell
// cannot make the request, with what was meant: a role given as the
// principal (its sessions make requests: --assume it), an IAM ARN the
// bundle does not have (the nearest of its principals), and an --assume
// that is not one of its roles.
func checkRequester(ctx context.Context, eng *rego.Engine, p *evalParams, principal string) error {
	principals, roles, err := eng.Principals(ctx)
	if err != nil {
		return err
	}
	if slices.Contains(roles, principal) {
		return usageError{fmt.Errorf("--principal %s is a role, and a role makes requests through its sessions: name who assumes it, and the role with --assume (--principal <who> --assume %s)",
			p.principal, p.principal)}
	}
	if iamARN(principal) && strings.Contains(principal, ":role/") {
		return usageError{fmt.Errorf("--principal %s: a role makes requests through its sessions (--assume it), and this bundle has no role %q%s", p.principal, principal, didYouMean(principal, roles))}
	}
	if iamARN(principal) && !slices.Contains(principals, principal) {
		return usageError{fmt.Errorf("--principal %s: unknown principal %q: not a user or root user of this bundle%s", p.principal, principal, didYouMean(principal, principals))}
	}
	for _, ref := range p.assume {
		arn, err := eng.Resolve(ref)
		if err != nil {
			return usageError{fmt.Errorf("--assume %s: %w", ref, err)}
		}
		if slices.Contains(roles, arn) {
			continue
		}
		if slices.Contains(principals, arn) {
			return usageError{fmt.Errorf("--assume %s is not a role: --assume takes role.<name> or a role ARN", ref)}
		}
		return usageError{fmt.Errorf("--assume %s: no role %q in this bundle%s", ref, arn, didYouMean(arn, roles))}
	}
	return nil
}

// iamARN reports whether s is the ARN of an IAM user, root user or role,
// which a bundle has or does not have.
func iamARN(s string) bool {
	parts := strings.SplitN(s, ":", 6)
	return len(parts) == 6 && parts[0] == "arn" && parts[2] == "iam" &&
		(parts[5] == "root" || strings.HasPrefix(parts[5], "user/") || strings.HasPrefix(parts[5], "role/"))
}

// didYouMean suggests the nearest of candidates, or nothing.
func didYouMean(s string, candidates []string) string {
	if c, ok := suggest.Closest(s, candidates); ok {
		return fmt.Sprintf("; did you mean %s?", c)
	}
	return ""
}
