package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/internal/output"
	"github.com/iamc/iamc/rego"
	"github.com/iamc/iamc/schema"
)

type evalParams struct {
	path          string
	principal     string
	assume        []string
	mfa           bool
	mfaSet        bool // --mfa was given (with or without a value)
	action        string
	resource      string
	context       []string
	region        string
	input         string
	format        string
	duration      time.Duration
	sessionName   string
	sessionPolicy string
	sessionTags   []string
	assumeContext []string
	at            string
}

func newEvalCmd(s *streams) *cobra.Command {
	p := &evalParams{}
	cmd := &cobra.Command{
		Use:   "eval PATH",
		Short: "Decide one request and explain the decision",
		Long: `Eval decides one request against a project directory (compiled in memory) or
a bundle file built by iamc build, and prints the decision with its reasons:
the statements that decided, with their file:line:col, and the verdict of each
layer (scp, boundary, identity, resource, session).

--principal takes user.<name>, account.<name> (its root user), an ARN,
"anonymous" or a service principal (codebuild.amazonaws.com). A role is not
a principal: --assume role.<name> first assumes the role (sts:AssumeRole
against its trust policy and the caller's policies) and makes the request
from the new session; repeat it to chain roles. The AssumeRole calls carry
the request's --context (its network, its region) and --assume-context, the
keys of the calls themselves that trust policies test, such as
sts:ExternalId; --session-name, --session-tag and --session-policy are
passed to the last call. --input takes the whole decision input document
instead (schema/decision-input.schema.json), as an OPA sidecar receives it.

Exit status: 0 when a decision was made (allow or deny), 2 when the project
does not compile or the request cannot be decided as given: input that is
not JSON, a malformed action or resource, a context key that AWS sets
itself, an unknown principal or role (with the names that were probably
meant). When the core refuses the request the decision is printed all the
same, with the reasons in its errors, each with its code.`,
		Example: `  iamc eval examples/coffee-shop --principal user.employee --assume role.Cashier --mfa \
      --action register:Sell --resource arn:aws:register:::till/1
  iamc eval coffee.tar.gz --principal user.owner --action register:Refund \
      --resource arn:aws:register:::till/1 --context aws:SourceIp=203.0.113.9 --format json
  iamc eval examples/northwind --principal user.alice_dev --mfa --action ec2:RunInstances \
      --resource 'arn:aws:ec2:us-east-1:333300003333:instance/*' --region us-east-1
  iamc eval coffee.tar.gz --input request.json

  # a service principal assumes a role; a partner gives the external ID its
  # role's trust policy asks for
  iamc eval . --principal codebuild.amazonaws.com --assume role.CI \
      --action s3:GetObject --resource 'arn:aws:s3:::shop-artifacts/*'
  iamc eval . --principal user.deployer --assume role.Partner \
      --assume-context sts:ExternalId=partner-7 \
      --action s3:GetObject --resource 'arn:aws:s3:::shop-artifacts/*'`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p.path = args[0]
			p.mfaSet = cmd.Flags().Changed("mfa")
			if err := inputAlone(cmd); err != nil {
				return err
			}
			return runEval(cmd.Context(), s, p)
		},
	}
	f := cmd.Flags()
	f.StringVar(&p.principal, "principal", "", "who makes the request: user.<name>, account.<name>, an ARN, anonymous or a service principal")
	f.StringArrayVar(&p.assume, "assume", nil, "assume this role first (role.<name> or ARN); repeat to chain roles")
	f.BoolVar(&p.mfa, "mfa", false, "present MFA when assuming the role; without --assume, make the request from the principal's own temporary credentials (console or GetSessionToken) with MFA (--mfa=false: without)")
	f.DurationVar(&p.duration, "duration", 0, "session duration when assuming a role (default 1h)")
	f.StringVar(&p.sessionName, "session-name", "", "role session name (default: the caller's name)")
	f.StringVar(&p.sessionPolicy, "session-policy", "", "a JSON file with a session policy to pass when assuming the (last) role")
	f.StringArrayVar(&p.sessionTags, "session-tag", nil, "a session tag key=value to pass when assuming the (last) role; repeat")
	f.StringArrayVar(&p.assumeContext, "assume-context", nil, "a condition key of the AssumeRole calls, key=value, like sts:ExternalId=partner-7 (a JSON list for several values); repeat")
	f.StringVar(&p.action, "action", "", "the action, service:Action")
	f.StringVar(&p.resource, "resource", "", "the resource ARN, or *")
	f.StringArrayVar(&p.context, "context", nil, "a condition key and value, key=value (a JSON list for several values); repeat")
	f.StringVar(&p.region, "region", "", "the AWS Region the request goes to (aws:RequestedRegion; default: the project's defaults block)")
	f.StringVar(&p.at, "at", "", "the time of the request, RFC 3339 (sets aws:CurrentTime and aws:EpochTime; default now)")
	f.StringVar(&p.input, "input", "", "a JSON file with the decision input document (- for stdin)")
	f.StringVar(&p.format, "format", "pretty", "output format: pretty or json")
	return cmd
}

// openEngine loads PATH: a project directory is compiled in memory, a file
// is read as a bundle.
func openEngine(ctx context.Context, s *streams, path string) (*rego.Engine, *compiler.Output, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, &exitError{code: exitInvalid, err: err}
	}
	if !st.IsDir() {
		eng, err := rego.Load(ctx, rego.FromFile(path), rego.WithRequestTime())
		if err != nil {
			return nil, nil, &exitError{code: exitInvalid, err: err}
		}
		return eng, nil, nil
	}
	out, proj, diags, err := compiler.BuildContext(ctx, path)
	if err != nil {
		return nil, nil, err
	}
	if err := printDiagnostics(s.err, path, proj, diags); err != nil {
		return nil, nil, err
	}
	b, err := out.BundleBytes()
	if err != nil {
		return nil, nil, err
	}
	eng, err := rego.Load(ctx, rego.FromBytes(b), rego.WithRequestTime())
	if err != nil {
		return nil, nil, err
	}
	return eng, out, nil
}

// runEval decides one request in phases: the flags are checked, PATH is
// loaded, then either the --input document is decided as given, or the
// request is built from the flags, the roles of --assume are assumed in
// turn (stopping at the first AssumeRole denied), and the request is
// decided from the last session.
func runEval(ctx context.Context, s *streams, p *evalParams) error {
	if err := checkEvalFlags(p); err != nil {
		return err
	}
	eng, out, err := openEngine(ctx, s, p.path)
	if err != nil {
		return err
	}
	if p.input != "" {
		return evalInput(ctx, s, p, eng)
	}
	req, err := evalRequest(eng, out, p)
	if err != nil {
		return err
	}
	last, err := lastAssumeOptions(p)
	if err != nil {
		return err
	}
	assumeCtx, err := assumeContext(req.Context, p)
	if err != nil {
		return err
	}
	if err := checkRequester(ctx, eng, out, p, req.Principal); err != nil {
		return err
	}
	steps, sess, denied, err := assumeRoles(ctx, eng, out, p, req, last, assumeCtx)
	if err != nil {
		return err
	}
	if denied != nil {
		return printAssumeDenied(ctx, s, p, eng, steps, denied)
	}
	req.Session = sess
	if sess != nil && sess.ARN != "" {
		req.Principal = sess.ARN
	}
	return decideRequest(ctx, s, p, eng, steps, req)
}

// checkEvalFlags checks the flags that need nothing loaded.
func checkEvalFlags(p *evalParams) error {
	if p.format != "pretty" && p.format != "json" {
		return usageError{fmt.Errorf("--format is pretty or json, not %q", p.format)}
	}
	if p.input == "" && (p.principal == "" || p.action == "" || p.resource == "") {
		return usageError{errors.New("give --principal, --action and --resource, or --input")}
	}
	return nil
}

// evalInput decides the decision input document of --input as given.
func evalInput(ctx context.Context, s *streams, p *evalParams, eng *rego.Engine) error {
	var data []byte
	var err error
	if p.input == "-" {
		data, err = readBounded(s.in, "standard input", rego.MaxInputBytes)
	} else {
		data, err = readFileBounded(p.input, rego.MaxInputBytes)
	}
	if err != nil {
		return &exitError{code: exitInvalid, err: fmt.Errorf("--input: %w", err)}
	}
	dec, err := eng.DecideInput(ctx, data)
	if err != nil {
		return err
	}
	if err := printDecision(s.out, p.format, nil, dec, nil); err != nil {
		return err
	}
	return undecided(dec)
}

// evalRequest builds the request of the flags: its context (--context,
// --region), its time (--at) and its principal, resolved to an ARN.
func evalRequest(eng *rego.Engine, out *compiler.Output, p *evalParams) (rego.Request, error) {
	req := rego.Request{Action: p.action, Resource: p.resource}
	var err error
	if req.Context, err = requestContext(p); err != nil {
		return req, err
	}
	if p.at != "" {
		at, err := time.Parse(time.RFC3339, p.at)
		if err != nil {
			return req, usageError{fmt.Errorf("--at takes an RFC 3339 time like 2026-11-26T12:00:00Z, not %q", p.at)}
		}
		req.Time = at
	}
	if req.Principal, err = resolve(eng, out, p.principal); err != nil {
		return req, usageError{err}
	}
	return req, nil
}

// assumeOptions are what the last AssumeRole call of --assume passes
// besides the role: --session-policy and --session-tag.
type assumeOptions struct {
	policy map[string]any
	tags   map[string]string
}

// lastAssumeOptions reads --session-policy and --session-tag.
func lastAssumeOptions(p *evalParams) (assumeOptions, error) {
	var o assumeOptions
	if p.sessionPolicy != "" {
		if len(p.assume) == 0 {
			return o, usageError{errors.New("--session-policy needs --assume")}
		}
		raw, err := readFileBounded(p.sessionPolicy, rego.MaxInputBytes)
		if err != nil {
			return o, &exitError{code: exitInvalid, err: fmt.Errorf("--session-policy: %w", err)}
		}
		if err := json.Unmarshal(raw, &o.policy); err != nil {
			return o, &exitError{code: exitInvalid, err: fmt.Errorf("%s: not a JSON policy document: %w", p.sessionPolicy, err)}
		}
	}
	for _, kv := range p.sessionTags {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return o, usageError{fmt.Errorf("--session-tag takes key=value, not %q", kv)}
		}
		if o.tags == nil {
			o.tags = map[string]string{}
		}
		o.tags[k] = v
	}
	return o, nil
}

// assumeDenial is an AssumeRole call of --assume that was denied.
type assumeDenial struct {
	call     rego.AssumeRoleRequest
	decision rego.Decision
}

// assumeRoles assumes the roles of --assume in turn, each from the session
// the previous one made, and returns the steps and the last session. The
// first session is the principal's own temporary credentials when --mfa is
// given without --assume. A call that is denied ends the chain: its step
// is the last, and denied describes it.
func assumeRoles(ctx context.Context, eng *rego.Engine, out *compiler.Output, p *evalParams, req rego.Request, last assumeOptions, assumeCtx map[string]any) ([]assumeStep, *rego.Session, *assumeDenial, error) {
	var steps []assumeStep
	var sess *rego.Session
	if p.mfaSet && len(p.assume) == 0 {
		// The principal's own temporary credentials, made now.
		at := req.Time
		if at.IsZero() {
			at = time.Now()
		}
		sess = &rego.Session{Type: "user", MFA: p.mfa, IssuedAt: at, ExpiresAt: at.Add(12 * time.Hour)}
	}
	for i, role := range p.assume {
		arn, err := resolve(eng, out, role)
		if err != nil {
			return nil, nil, nil, usageError{err}
		}
		ar := rego.AssumeRoleRequest{Principal: req.Principal, Role: arn, MFA: p.mfa && i == 0, Duration: p.duration, Session: sess, Time: req.Time}
		if i == len(p.assume)-1 {
			ar.SessionName = p.sessionName
			ar.Policy = last.policy
			ar.Tags = last.tags
		}
		// The AssumeRole call carries the request's context too (its
		// source IP, region), and its own.
		ar.Context = assumeCtx
		next, err := eng.AssumeRole(ctx, ar)
		var denied *rego.AssumeRoleError
		if errors.As(err, &denied) {
			steps = append(steps, assumeStep{role: role, arn: arn, decision: denied.Decision})
			return steps, sess, &assumeDenial{call: ar, decision: denied.Decision}, nil
		}
		if err != nil {
			return nil, nil, nil, err
		}
		steps = append(steps, assumeStep{role: role, session: next})
		sess = next
	}
	return steps, sess, nil, nil
}

// printAssumeDenied prints the decision of a denied AssumeRole call (and,
// in the pretty format, what nearly allowed it) in place of the request's.
func printAssumeDenied(ctx context.Context, s *streams, p *evalParams, eng *rego.Engine, steps []assumeStep, denied *assumeDenial) error {
	var err error
	if p.format == "json" {
		err = output.WriteJSON(s.out, denied.decision)
	} else if err = printDecision(s.out, p.format, steps, denied.decision, nil); err == nil {
		err = printWhyNot(ctx, s.out, "  ", eng, denied.decision, assumeWhyRequest(denied.call))
	}
	if err != nil {
		return err
	}
	return undecided(denied.decision)
}

// decideRequest decides the request and prints the decision, with what
// nearly applied in the pretty format.
func decideRequest(ctx context.Context, s *streams, p *evalParams, eng *rego.Engine, steps []assumeStep, req rego.Request) error {
	dec, err := eng.Decide(ctx, req)
	if err != nil {
		return err
	}
	if err := printDecision(s.out, p.format, steps, dec, &req); err != nil {
		return err
	}
	if p.format == "pretty" {
		if err := printWhyNot(ctx, s.out, "", eng, dec, req); err != nil {
			return err
		}
	}
	return undecided(dec)
}

// undecided is the exit status of a decision: a deny with errors is a
// request that could not be decided as given (exit 2), not a decision.
func undecided(dec rego.Decision) error {
	if len(dec.Errors) == 0 {
		return nil
	}
	return &exitError{code: exitInvalid, err: fmt.Errorf("the request cannot be decided: %s", strings.Join(dec.Errors, "; "))}
}

// readFileBounded reads a file named on the command line, refusing one
// larger than limit before reading it whole.
func readFileBounded(path string, limit int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readBounded(f, path, limit)
}

func readBounded(r io.Reader, name string, limit int) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return nil, err
	}
	if len(data) > limit {
		return nil, fmt.Errorf("%s is larger than %d bytes", name, limit)
	}
	return data, nil
}

// resolve turns user.<name>, role.<name> or account.<name> into an ARN.
// A project names its blocks by label (the IAM name may differ, and two
// accounts may share one); a bundle knows the IAM names only.
func resolve(eng *rego.Engine, out *compiler.Output, ref string) (string, error) {
	if strings.HasSuffix(ref, ".amazonaws.com") || strings.HasSuffix(ref, ".amazonaws.com.cn") {
		return ref, nil // a service principal
	}
	if out != nil && out.Project != nil {
		kind, label, _ := strings.Cut(ref, ".")
		switch kind {
		case "user":
			for _, u := range out.Project.Users {
				if u.Name == label {
					return u.ARN, nil
				}
			}
		case "role":
			for _, r := range out.Project.Roles {
				if r.Name == label {
					return r.ARN, nil
				}
			}
		case "account":
			for _, a := range out.Project.Accounts {
				if a.Name == label {
					return a.RootARN(), nil
				}
			}
		}
	}
	return eng.Resolve(ref)
}

// requestContext is the request context of --context and --region.
func requestContext(p *evalParams) (map[string]any, error) {
	out := map[string]any{}
	for _, kv := range p.context {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, usageError{fmt.Errorf("--context takes key=value, not %q", kv)}
		}
		out[k] = contextValue(v)
	}
	if p.region != "" {
		if !schema.IsRegion(p.region) {
			return nil, usageError{fmt.Errorf("--region takes an AWS Region code like eu-west-1, not %q", p.region)}
		}
		for k := range out {
			if strings.EqualFold(k, "aws:RequestedRegion") {
				return nil, usageError{errors.New("give the region once: --region or --context aws:RequestedRegion=…")}
			}
		}
		out["aws:RequestedRegion"] = p.region
	}
	return out, nil
}

// contextValue reads a --context value: a JSON list or scalar when it parses
// as one, else the string itself.
func contextValue(v string) any {
	if strings.HasPrefix(v, "[") {
		var list []any
		if json.Unmarshal([]byte(v), &list) == nil {
			return list
		}
	}
	return v
}

type assumeStep struct {
	role     string
	arn      string
	session  *rego.Session
	decision rego.Decision
}
