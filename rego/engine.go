package rego

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/bundle"
	opa "github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/topdown/cache"

	"github.com/iamc/iamc/internal/suggest"
)

// Engine evaluates decisions against one loaded bundle. It is safe for
// concurrent use.
type Engine struct {
	decide   opa.PreparedEvalQuery
	allow    opa.PreparedEvalQuery
	batch    opa.PreparedEvalQuery
	assume   opa.PreparedEvalQuery
	federate opa.PreparedEvalQuery
	matched  opa.PreparedEvalQuery
	// whynot is prepared at the first WhyNot: most engines never explain
	// a deny that way.
	whynotOnce sync.Once
	whynot     opa.PreparedEvalQuery
	whynotErr  error
	store      storage.Store
	compiler   *ast.Compiler
	cache      cache.InterQueryValueCache
	manifest   bundle.Manifest
	bundle     *bundle.Bundle
	// requestTime: the engine takes a request's time from the request.
	requestTime bool
}

// Source is where a bundle comes from: FromFile, FromBytes or FromFS.
type Source struct {
	name string
	open func() (bundle.DirectoryLoader, io.Closer, error)
	raw  rawBundle
}

// FromFile reads a bundle tarball (.tar.gz) from a file.
func FromFile(path string) Source {
	return Source{name: path, open: func() (bundle.DirectoryLoader, io.Closer, error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, nil, err
		}
		return bundle.NewTarballLoaderWithBaseURL(f, path), f, nil
	}, raw: rawBundle{tarball: func() (io.ReadCloser, error) { return os.Open(path) }}}
}

// FromBytes reads a bundle tarball held in memory.
func FromBytes(b []byte) Source {
	return Source{name: "bundle", open: func() (bundle.DirectoryLoader, io.Closer, error) {
		return bundle.NewTarballLoaderWithBaseURL(bytes.NewReader(b), "bundle"), nil, nil
	}, raw: rawBundle{tarball: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }}}
}

// FromFS reads an unpacked bundle (iamc build --format dir) from a file
// system whose root is the bundle's root.
func FromFS(fsys fs.FS) Source {
	return Source{name: "bundle directory", open: func() (bundle.DirectoryLoader, io.Closer, error) {
		// OPA's FS loader at root "." drops the leading dot of
		// .signatures.json (it keeps only .manifest's), so the bundle is
		// read below a named root instead.
		return bundle.NewFSLoaderWithRoot(underRoot{fsys}, fsRoot), nil, nil
	}, raw: rawBundle{fsys: fsys}}
}

// fsRoot is the directory under which underRoot shows a file system.
const fsRoot = "bundle"

// underRoot shows a file system as the directory fsRoot.
type underRoot struct{ fsys fs.FS }

func (u underRoot) Open(name string) (fs.File, error) {
	if name == fsRoot {
		return u.fsys.Open(".")
	}
	if rest, ok := strings.CutPrefix(name, fsRoot+"/"); ok {
		return u.fsys.Open(rest)
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// Option configures Load.
type Option func(*loadConfig)

type loadConfig struct {
	verification  *bundle.VerificationConfig
	cacheEntries  int
	maxBundleSize int64
	requestTime   bool
}

// WithRequestTime makes the engine take the time of a request from the
// request (Request.Time, AssumeRoleRequest.Time, FederationRequest.Time, or
// "time" in an input document) instead of the clock, for tests and replays.
// Without it a request that gives a time is refused, unless the bundle was
// built with iamc build --request-time: a deployed engine must not let
// whoever builds a request choose its time (it could revive an expired
// session or defeat a date condition).
func WithRequestTime() Option {
	return func(c *loadConfig) { c.requestTime = true }
}

// WithGlobCache sets how many compiled glob patterns the engine keeps across
// decisions (default 100,000). Wildcard patterns of the project beyond this
// number are compiled again when used.
func WithGlobCache(entries int) Option {
	return func(c *loadConfig) { c.cacheEntries = entries }
}

// VerificationKey is the key a signed bundle must verify with: the public
// half of `iamc build --signing-key` (OPA's --verification-key).
type VerificationKey struct {
	// Key is the public key or certificate in PEM, or for the HS256, HS384
	// and HS512 algorithms the shared secret.
	Key string
	// Algorithm is the signing algorithm: RS256 (the default), RS384,
	// RS512, PS256, PS384, PS512, ES256, ES384, ES512, HS256, HS384 or HS512.
	Algorithm string
	// Scope must equal the token's scope claim; empty when the bundle was
	// signed without one.
	Scope string
}

// verificationKeyID names the one key of a verification config. Load uses
// it whatever kid the token carries, as `opa run --verification-key` does.
const verificationKeyID = "default"

// WithVerificationKey makes Load verify the bundle's signature
// (.signatures.json): a bundle that is unsigned, signed with another key,
// or whose files differ from what was signed is refused with a
// *SignatureError.
func WithVerificationKey(k VerificationKey) Option {
	return func(c *loadConfig) {
		alg := k.Algorithm
		if alg == "" {
			alg = "RS256"
		}
		c.verification = bundle.NewVerificationConfig(
			map[string]*bundle.KeyConfig{verificationKeyID: {Key: k.Key, Algorithm: alg, Scope: k.Scope}},
			verificationKeyID, k.Scope, nil)
	}
}

// SignatureError is returned by Load when a bundle fails signature
// verification (see WithVerificationKey).
type SignatureError struct {
	Bundle string // the source's name
	Err    error  // why: no .signatures.json, a bad signature, a file that differs
}

func (e *SignatureError) Error() string {
	return fmt.Sprintf("load bundle %s: signature verification failed: %v", e.Bundle, e.Err)
}

func (e *SignatureError) Unwrap() error { return e.Err }

// Load reads a bundle built by iamc and prepares its queries.
func Load(ctx context.Context, src Source, opts ...Option) (*Engine, error) {
	cfg := loadConfig{cacheEntries: 100000, maxBundleSize: DefaultMaxBundleSize}
	for _, o := range opts {
		o(&cfg)
	}
	if err := inspect(src.name, src.raw, cfg.maxBundleSize, cfg.verification); err != nil {
		var se *SignatureError
		var size *BundleSizeError
		if errors.As(err, &se) || errors.As(err, &size) {
			return nil, err
		}
		return nil, fmt.Errorf("load bundle %s: %w", src.name, err)
	}
	b, err := readBundle(src, cfg.verification, cfg.maxBundleSize)
	if err != nil {
		if cfg.verification != nil {
			// Tell a signature failure from a bundle that cannot be read
			// at all: only the former reads without verification.
			if _, plain := readBundle(src, nil, cfg.maxBundleSize); plain == nil {
				return nil, &SignatureError{Bundle: src.name, Err: err}
			}
		}
		return nil, fmt.Errorf("load bundle %s: %w", src.name, err)
	}
	return loadBundle(ctx, b, cfg)
}

// readBundle reads a bundle, verifying its signature when vc is set.
func readBundle(src Source, vc *bundle.VerificationConfig, limit int64) (*bundle.Bundle, error) {
	loader, closer, err := src.open()
	if err != nil {
		return nil, err
	}
	if closer != nil {
		defer closer.Close()
	}
	r := bundle.NewCustomReader(loader.WithSizeLimitBytes(limit)).WithSizeLimitBytes(limit + 1)
	if vc != nil {
		r = r.WithBundleVerificationConfig(vc)
	} else {
		r = r.WithSkipBundleVerification(true)
	}
	b, err := r.Read()
	if err != nil {
		return nil, err
	}
	return &b, nil
}

func loadBundle(ctx context.Context, b *bundle.Bundle, cfg loadConfig) (*Engine, error) {
	if !hasRoot(b.Manifest, "iamc") {
		return nil, fmt.Errorf("load bundle: not an iamc bundle (its manifest roots are %v, not [iamc])", manifestRoots(b.Manifest))
	}
	modules := map[string]*ast.Module{}
	for _, m := range b.Modules {
		modules[m.Path] = m.Parsed
	}
	compiler := ast.NewCompiler().WithEnablePrintStatements(false)
	if compiler.Compile(modules); compiler.Failed() {
		return nil, fmt.Errorf("load bundle: %w", compiler.Errors)
	}
	store := inmem.NewFromObjectWithOpts(b.Data, inmem.OptRoundTripOnWrite(false), inmem.OptReturnASTValuesOnRead(true))
	max := cfg.cacheEntries
	ccfg := &cache.Config{InterQueryBuiltinValueCache: cache.InterQueryBuiltinValueCacheConfig{MaxNumEntries: &max}}
	// The store holds the data now; the bundle's own copy would double the
	// memory of a large model.
	b.Data = nil
	e := &Engine{store: store, compiler: compiler, manifest: b.Manifest, bundle: b,
		cache: cache.NewInterQueryValueCache(ctx, ccfg), requestTime: cfg.requestTime}
	var err error
	if e.decide, err = e.prepare(ctx, "data.iamc.decision", opa.GenerateJSON(rawTerms)); err != nil {
		return nil, err
	}
	if e.allow, err = e.prepare(ctx, "data.iamc.allow", opa.GenerateJSON(rawTerms)); err != nil {
		return nil, err
	}
	if e.batch, err = e.prepare(ctx, "data.iamc.batch", opa.GenerateJSON(rawTerms)); err != nil {
		return nil, err
	}
	if e.assume, err = e.prepare(ctx, "data.iamc.assume", opa.GenerateJSON(rawTerms)); err != nil {
		return nil, err
	}
	if e.federate, err = e.prepare(ctx, "data.iamc.federate", opa.GenerateJSON(rawTerms)); err != nil {
		return nil, err
	}
	if e.matched, err = e.prepare(ctx, "data.iamc.matched", opa.GenerateJSON(rawTerms)); err != nil {
		return nil, err
	}
	// Loading a large model leaves behind garbage several times its size;
	// give that memory back now rather than keep it resident.
	debug.FreeOSMemory()
	return e, nil
}

func hasRoot(m bundle.Manifest, root string) bool {
	for _, r := range manifestRoots(m) {
		if r == root {
			return true
		}
	}
	return false
}

func manifestRoots(m bundle.Manifest) []string {
	if m.Roots == nil {
		return []string{""}
	}
	return *m.Roots
}

func (e *Engine) prepare(ctx context.Context, query string, opts ...func(*opa.Rego)) (opa.PreparedEvalQuery, error) {
	pq, err := opa.New(append([]func(*opa.Rego){
		opa.Query(query),
		opa.Compiler(e.compiler),
		opa.Store(e.store),
	}, opts...)...).PrepareForEval(ctx)
	if err != nil {
		return pq, fmt.Errorf("prepare %s: %w", query, err)
	}
	return pq, nil
}

// Revision is the bundle's revision: a hash of its content.
func (e *Engine) Revision() string { return e.manifest.Revision }

// Modules returns the bundle's Rego modules, path to source.
func (e *Engine) Modules() map[string][]byte {
	out := map[string][]byte{}
	for _, m := range e.bundle.Modules {
		out[m.Path] = m.Raw
	}
	return out
}

// ---------------------------------------------------------------- decide

// Decide answers one request. See the package documentation for the error
// contract: the Decision is always safe to act on.
func (e *Engine) Decide(ctx context.Context, req Request) (Decision, error) {
	input, err := requestInput(req)
	if err != nil {
		return denied(ErrMalformedInput, "input: "+err.Error()), nil
	}
	return e.DecideValue(ctx, input)
}

// DecideInput answers a request given as the JSON input document of
// schema/decision-input.schema.json (what an OPA sidecar receives as input). An input that
// exceeds the bounds of an input (see the package documentation), holds
// the same key twice in an object, or is not UTF-8 is denied with the
// reason in Errors.
func (e *Engine) DecideInput(ctx context.Context, input []byte) (Decision, error) {
	v, err := parseInput(input)
	if err != nil {
		return denied(ErrMalformedInput, "input: "+err.Error()), nil
	}
	return e.DecideValue(ctx, v)
}

// Matched returns every statement that applied to the request, in every
// layer, whether or not it decided: what a test exercised.
func (e *Engine) Matched(ctx context.Context, req Request) ([]Reason, error) {
	input, err := requestInput(req)
	if err != nil {
		return nil, err
	}
	t, err := e.evalTerm(ctx, e.matched, input)
	if err != nil {
		return nil, fmt.Errorf("matched: %w", err)
	}
	return reasonsOf(t.Value), nil
}

// ---------------------------------------------------------------- assume

// AssumeRoleError is returned by AssumeRole (and GetFederationToken) when
// no session is made. Decision says why: the policies denied the call (an
// explicit deny, or no allow, with the condition keys it lacked), or the
// call was invalid (its ErrorDetails). errors.Is matches ErrAssumeRoleFailed
// and the codes of the decision's errors.
type AssumeRoleError struct {
	Role     string
	Decision Decision
	Errors   []string
}

func (e *AssumeRoleError) Error() string {
	why := string(e.Decision.Decision)
	if len(e.Errors) > 0 {
		why = strings.Join(e.Errors, "; ")
	}
	if e.Decision.Decision == ExplicitDeny {
		refs := make([]string, 0, len(e.Decision.Reasons))
		for _, r := range e.Decision.Reasons {
			refs = append(refs, r.Ref())
		}
		if len(refs) > 0 {
			why += " by " + strings.Join(refs, ", ")
		}
	}
	if len(e.Decision.MissingContext) > 0 {
		why += "; missing context: " + strings.Join(e.Decision.MissingContext, ", ")
	}
	if e.Role == federationCall {
		return fmt.Sprintf("%s: denied (%s)", federationCall, why)
	}
	return fmt.Sprintf("assume role %s: denied (%s)", e.Role, why)
}

// federationCall is the Role of an AssumeRoleError of GetFederationToken,
// which makes a session without a role.
const federationCall = "GetFederationToken"

// Unwrap returns ErrAssumeRoleFailed and the errors of the decision.
func (e *AssumeRoleError) Unwrap() []error {
	errs := []error{ErrAssumeRoleFailed}
	for _, d := range e.Decision.ErrorDetails {
		errs = append(errs, d)
	}
	return errs
}

// AssumeRole decides sts:AssumeRole (against the role's trust policy and the
// caller's own policies) and returns the session it creates. A denial is an
// *AssumeRoleError carrying the decision.
func (e *Engine) AssumeRole(ctx context.Context, req AssumeRoleRequest) (*Session, error) {
	in, err := assumeInput(req)
	return e.newSession(ctx, e.assume, in, err, req.Role)
}

// AssumeRoleInput returns the input document of data.iamc.assume for a
// request, as an OPA sidecar expects it under "input".
func AssumeRoleInput(req AssumeRoleRequest) map[string]any {
	in := map[string]any{"mfa": req.MFA}
	if req.Principal != "" {
		in["principal"] = req.Principal
	}
	if req.Role != "" {
		in["role"] = req.Role
	}
	if req.Duration != 0 {
		in["duration_seconds"] = int64(req.Duration / time.Second)
	}
	if req.SessionName != "" {
		in["session_name"] = req.SessionName
	}
	if req.Policy != nil {
		in["policy"] = req.Policy
	}
	if req.Tags != nil {
		tags := map[string]any{}
		for k, v := range req.Tags {
			tags[k] = v
		}
		in["tags"] = tags
	}
	if req.Context != nil {
		in["context"] = req.Context
	}
	if req.Session != nil {
		in["session"] = sessionMap(req.Session)
		if req.Principal == "" && req.Session.ARN != "" {
			in["principal"] = req.Session.ARN
		}
	}
	if !req.Time.IsZero() {
		in["time"] = timeValue(req.Time)
	}
	return in
}

// GetFederationToken decides sts:GetFederationToken for an IAM user and
// returns the federated user session. A denial is an *AssumeRoleError.
func (e *Engine) GetFederationToken(ctx context.Context, req FederationRequest) (*Session, error) {
	in, err := federationInput(req)
	return e.newSession(ctx, e.federate, in, err, federationCall)
}

// FederationInput returns the input document of data.iamc.federate for a
// request, as an OPA sidecar expects it under "input".
func FederationInput(req FederationRequest) map[string]any {
	in := map[string]any{}
	if req.Principal != "" {
		in["principal"] = req.Principal
	}
	if req.Name != "" {
		in["name"] = req.Name
	}
	if req.Duration != 0 {
		in["duration_seconds"] = int64(req.Duration / time.Second)
	}
	if req.Policy != nil {
		in["policy"] = req.Policy
	}
	if req.Context != nil {
		in["context"] = req.Context
	}
	if !req.Time.IsZero() {
		in["time"] = timeValue(req.Time)
	}
	return in
}

// newSession evaluates an entrypoint that makes a session.
func (e *Engine) newSession(ctx context.Context, pq opa.PreparedEvalQuery, v ast.Value, err error, what string) (*Session, error) {
	if err != nil {
		err = fmt.Errorf("input: %w", err)
		return nil, &AssumeRoleError{Role: what, Decision: denied(ErrMalformedInput, err.Error()), Errors: []string{err.Error()}}
	}
	t, err := e.evalTerm(ctx, pq, v)
	var r *refused
	switch {
	case errors.As(err, &r):
		return nil, &AssumeRoleError{Role: what, Decision: denied(r.code, r.reason), Errors: []string{r.reason}}
	case err != nil:
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	out, ok := t.Value.(ast.Object)
	if !ok {
		return nil, fmt.Errorf("%s: malformed result", what)
	}
	dec, err := decisionOf(field(out, "decision"))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	if allowed, _ := field(out, "allowed").(ast.Boolean); !allowed {
		return nil, &AssumeRoleError{Role: what, Decision: dec, Errors: stringsOf(out.Get(ast.InternedTerm("errors")))}
	}
	s, err := sessionOf(field(out, "session"))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return s, nil
}

// ---------------------------------------------------------------- values

// requestClock returns the input to evaluate and the time to evaluate it
// at. An engine made WithRequestTime takes the input's "time" (RFC 3339)
// and removes it; any other engine evaluates at the clock and leaves "time"
// for the core to refuse (or accept, in a bundle built to replay requests).
func (e *Engine) requestClock(input ast.Value) (ast.Value, time.Time, error) {
	now := time.Now()
	obj, ok := input.(ast.Object)
	if !e.requestTime || !ok {
		return input, now, nil
	}
	t := obj.Get(ast.InternedTerm("time"))
	if t == nil {
		return input, now, nil
	}
	s, ok := t.Value.(ast.String)
	if !ok {
		return nil, now, fmt.Errorf("time must be an RFC 3339 time, not %v", t.Value)
	}
	at, err := time.Parse(time.RFC3339Nano, string(s))
	if err != nil {
		return nil, now, fmt.Errorf("time must be an RFC 3339 time like \"2026-11-29T12:00:00Z\", not %q", string(s))
	}
	out := ast.NewObject()
	obj.Foreach(func(k, v *ast.Term) {
		if !k.Equal(ast.InternedTerm("time")) {
			out.Insert(k, v)
		}
	})
	return out, at, nil
}

// timeValue is a request time as the input writes it.
func timeValue(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

const timeLayout = "2006-01-02T15:04:05Z"

// sessionMap is a session as the input holds it: the fields that are empty
// are left out, as sessionTerm does.
func sessionMap(s *Session) map[string]any {
	m := map[string]any{"mfa": s.MFA, "chained": s.Chained}
	for k, v := range map[string]string{"type": s.Type, "role": s.Role, "name": s.Name, "arn": s.ARN, "source": s.Source} {
		if v != "" {
			m[k] = v
		}
	}
	if !s.IssuedAt.IsZero() {
		m["issued_at"] = s.IssuedAt.UTC().Format(timeLayout)
	}
	if !s.ExpiresAt.IsZero() {
		m["expires_at"] = s.ExpiresAt.UTC().Format(timeLayout)
	}
	if s.Policy != nil {
		m["policy"] = s.Policy
	}
	if s.Tags != nil {
		tags := map[string]any{}
		for k, v := range s.Tags {
			tags[k] = v
		}
		m["tags"] = tags
	}
	return m
}

// RequestInput returns the JSON input document for a request, as an OPA
// sidecar expects it under "input". Empty fields are left out: Decide
// decides the same document.
func RequestInput(req Request) map[string]any {
	in := map[string]any{}
	for k, v := range map[string]string{"principal": req.Principal, "action": req.Action, "resource": req.Resource} {
		if v != "" {
			in[k] = v
		}
	}
	if req.Context != nil {
		in["context"] = req.Context
	}
	if req.Session != nil {
		in["session"] = sessionMap(req.Session)
	}
	if !req.Time.IsZero() {
		in["time"] = timeValue(req.Time)
	}
	return in
}

// sessionOf reads a session as data.iamc.assume and data.iamc.federate
// return it.
func sessionOf(v ast.Value) (*Session, error) {
	m, ok := v.(ast.Object)
	if !ok {
		return nil, errors.New("no session in the result")
	}
	s := &Session{Type: text(field(m, "type")), Role: text(field(m, "role")), Name: text(field(m, "name")),
		ARN: text(field(m, "arn")), Source: text(field(m, "source"))}
	if b, ok := field(m, "mfa").(ast.Boolean); ok {
		s.MFA = bool(b)
	}
	if b, ok := field(m, "chained").(ast.Boolean); ok {
		s.Chained = bool(b)
	}
	var err error
	if s.IssuedAt, err = time.Parse(time.RFC3339, text(field(m, "issued_at"))); err != nil {
		return nil, fmt.Errorf("session issued_at: %w", err)
	}
	if s.ExpiresAt, err = time.Parse(time.RFC3339, text(field(m, "expires_at"))); err != nil {
		return nil, fmt.Errorf("session expires_at: %w", err)
	}
	if p := field(m, "policy"); p != nil {
		g, err := ast.JSON(p)
		if err != nil {
			return nil, fmt.Errorf("session policy: %w", err)
		}
		s.Policy, _ = g.(map[string]any)
	}
	if t, ok := field(m, "tags").(ast.Object); ok {
		s.Tags = map[string]string{}
		t.Foreach(func(k, v *ast.Term) { s.Tags[text(k.Value)] = text(v.Value) })
	}
	return s, nil
}

// model reads a part of the model (data.iamc.model.<part>) from the store,
// as Go values.
func (e *Engine) model(ctx context.Context, part string) (map[string]any, error) {
	txn, err := e.store.NewTransaction(ctx)
	if err != nil {
		return nil, err
	}
	defer e.store.Abort(ctx, txn)
	v, err := e.store.Read(ctx, txn, storage.Path{"iamc", "model", part})
	if err != nil {
		return nil, err
	}
	if av, ok := v.(ast.Value); ok {
		g, err := ast.JSON(av)
		if err != nil {
			return nil, err
		}
		v = g
	}
	m, _ := v.(map[string]any)
	return m, nil
}

// Principals returns the ARNs of the users and account root users of the
// bundle, and of its roles.
func (e *Engine) Principals(ctx context.Context) (principals, roles []string, err error) {
	ps, err := e.model(ctx, "principals")
	if err != nil {
		return nil, nil, err
	}
	rs, err := e.model(ctx, "roles")
	if err != nil {
		return nil, nil, err
	}
	for arn := range ps {
		principals = append(principals, arn)
	}
	for arn := range rs {
		roles = append(roles, arn)
	}
	sort.Strings(principals)
	sort.Strings(roles)
	return principals, roles, nil
}

// Resolve turns a reference written as in HCL (user.employee, role.Cashier,
// account.shop) into the ARN it names in this bundle; account.x names the
// account's root user. Any other string — an ARN, "anonymous", a service
// principal such as codebuild.amazonaws.com — is returned unchanged, for the
// decision to accept or refuse. A reference to a name the bundle does not
// have, or to a block that is not a principal (group.x, policy.x), is an
// error that says what was meant when it can.
func (e *Engine) Resolve(ref string) (string, error) {
	kind, name, ok := strings.Cut(ref, ".")
	if !ok || strings.Contains(ref, ":") {
		return ref, nil
	}
	if refParts[kind] == "" {
		if notPrincipals[kind] {
			return "", fmt.Errorf("%s: a %s is not a principal; a reference names user.<name>, role.<name> or account.<name> (its root user)", ref, kind)
		}
		return ref, nil // not a reference: a service principal, or for the decision to refuse
	}
	names, err := e.referenceNames(context.Background())
	if err != nil {
		return "", err
	}
	found := names[kind][name]
	switch len(found) {
	case 0:
		return "", fmt.Errorf("no %s named %q in this bundle%s", kind, name, names.hint(kind, name))
	case 1:
		return found[0], nil
	}
	return "", fmt.Errorf("%s is ambiguous: %s; give the ARN", ref, strings.Join(found, ", "))
}

// refParts are the kinds of reference Resolve resolves, with the part of
// the model that holds them.
var refParts = map[string]string{"user": "principals", "role": "roles", "account": "accounts"}

// notPrincipals are the other kinds of block of the language.
var notPrincipals = map[string]bool{"group": true, "policy": true, "scp": true, "organization": true, "unit": true,
	"resource": true, "service": true, "vpc_endpoint": true}

// refNames maps a kind of reference and a name to the ARNs of that name.
type refNames map[string]map[string][]string

// referenceNames reads the names of the bundle's users, roles and accounts.
func (e *Engine) referenceNames(ctx context.Context) (refNames, error) {
	out := refNames{}
	for kind, part := range refParts {
		entries, err := e.model(ctx, part)
		if err != nil {
			return nil, err
		}
		byName := map[string][]string{}
		for key, v := range entries {
			r, _ := v.(map[string]any)
			if kind == "user" && str(r["t"]) != "User" {
				continue
			}
			if kind == "account" {
				key = "arn:aws:iam::" + key + ":root"
			}
			byName[str(r["n"])] = append(byName[str(r["n"])], key)
		}
		for _, arns := range byName {
			sort.Strings(arns)
		}
		out[kind] = byName
	}
	return out, nil
}

// hint says what an unknown kind.name may have meant: a block of that name
// of another kind, or the nearest name of the kind.
func (n refNames) hint(kind, name string) string {
	for _, other := range []string{"user", "role", "account"} {
		if other != kind && len(n[other][name]) > 0 {
			if other == "role" {
				return fmt.Sprintf("; %s.%s is a role, whose sessions make requests (assume it)", other, name)
			}
			return fmt.Sprintf("; did you mean %s.%s?", other, name)
		}
	}
	candidates := make([]string, 0, len(n[kind]))
	for c := range n[kind] {
		candidates = append(candidates, c)
	}
	sort.Strings(candidates)
	if c, ok := suggest.Closest(name, candidates); ok {
		return fmt.Sprintf("; did you mean %s.%s?", kind, c)
	}
	return ""
}

func str(v any) string {
	s, _ := v.(string)
	return s
}
