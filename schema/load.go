package schema

import (
	"crypto/sha256"
	"encoding/base32"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// defaultAccountID is the ID of the implicit account of a project that
// declares no account block.
const defaultAccountID = "123456789012"

// Load reads and decodes the project in dir: every *.hcl file below it
// (skipping hidden directories), *_test.hcl suites and *_test.rego files. The
// diagnostics report every mistake found; when they contain an error the
// project must not be compiled.
//
// Nothing outside dir is read: the files are read through an os.Root, which
// refuses a symbolic link (a source file, a file that file() loads, a
// directory on the way) that leads out of dir; the diagnostic names the
// link, never what it points to.
func Load(dir string) (*Project, hcl.Diagnostics) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, hcl.Diagnostics{Errorf(CodeCannotRead, nil, "Cannot read project", "%s", err)}
	}
	if !st.IsDir() {
		return nil, hcl.Diagnostics{Errorf(CodeCannotRead, nil, "Cannot read project", "%s is not a directory", dir)}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Cannot read project", Detail: err.Error()}}
	}
	defer root.Close()
	p, diags := LoadFS(root.FS())
	if p != nil {
		p.Dir = dir
	}
	return p, diags
}

// maxFiles bounds the number of source files of a project.
const maxFiles = 10000

// LoadFS is Load over a file system; file names in ranges are paths inside fsys.
func LoadFS(fsys fs.FS) (*Project, hcl.Diagnostics) {
	l := &loader{
		fsys:    fsys,
		proj:    &Project{Sources: map[string][]byte{}, RegoTests: map[string][]byte{}},
		byName:  map[Kind]map[string]*pending{},
		objects: map[Kind]map[string]cty.Value{},
		budget:  &evalBudget{},
		wrapped: map[*hclsyntax.ForExpr]bool{},
	}
	var hclFiles, testFiles []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != "." && (strings.HasPrefix(name, ".") || name == "node_modules") {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case strings.HasSuffix(name, "_test.hcl"):
			testFiles = append(testFiles, p)
		case strings.HasSuffix(name, ".hcl"):
			hclFiles = append(hclFiles, p)
		case strings.HasSuffix(name, "_test.rego"):
			src, err := readLimited(fsys, p)
			if err != nil {
				l.diags = append(l.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cannot read file", Detail: err.Error(),
					Subject: &hcl.Range{Filename: p, Start: hcl.InitialPos, End: hcl.InitialPos}})
				return nil
			}
			l.proj.RegoTests[p] = src
		}
		if len(hclFiles)+len(testFiles) > maxFiles {
			return fmt.Errorf("the project has more than %d files", maxFiles)
		}
		return nil
	})
	if err != nil {
		return nil, hcl.Diagnostics{Errorf(CodeCannotRead, nil, "Cannot read project", "%s", err)}
	}
	if len(hclFiles) == 0 {
		return nil, hcl.Diagnostics{Errorf(CodeCannotRead, nil, "No policy files", "the project directory contains no *.hcl files")}
	}
	for _, pf := range l.parseAll(hclFiles) {
		l.parseFile(pf, false)
	}
	for _, pf := range l.parseAll(testFiles) {
		l.parseFile(pf, true)
	}
	l.decode()
	return l.proj, l.diags
}

// pending is a top-level block, collected before anything is evaluated so
// that references work across files in any order.
type pending struct {
	kind  Kind
	name  string
	block *hclsyntax.Block
	file  string
	// filled in by the early phases
	account string // account block name
	path    string
	arn     string
	id      string
	// iamName is the IAM name of a user, group, role or policy (names.go);
	// nameRange the range of its name attribute, when given.
	iamName   string
	nameRange hcl.Range
	awsARN    string // a policy block supplying an AWS managed policy (awsmanaged.go)
}

type loader struct {
	fsys  fs.FS
	proj  *Project
	diags hcl.Diagnostics

	order   []*pending // config blocks in file then source order
	tests   []*pending
	byName  map[Kind]map[string]*pending
	objects map[Kind]map[string]cty.Value
	full    *hcl.EvalContext            // every reference, once phase 3 starts
	fileCtx map[string]*hcl.EvalContext // per directory, children of full
	// defaultAccount is the account of blocks that name none, "" when the
	// project has several accounts.
	defaultAccount string
	budget         *evalBudget                 // what for expressions build (limits.go)
	wrapped        map[*hclsyntax.ForExpr]bool // for expressions routed through the budget
	awsPolicies    map[string]*Policy          // embedded AWS managed policies, by ARN
	projectBlocks  []*hclsyntax.Block          // defaults and check blocks (project.go)
}

func (l *loader) errorf(code Code, rng hcl.Range, summary, format string, args ...any) {
	l.diags = append(l.diags, Errorf(code, rng.Ptr(), summary, format, args...))
}

func (l *loader) warnf(code Code, rng hcl.Range, summary, format string, args ...any) {
	l.diags = append(l.diags, Warnf(code, rng.Ptr(), summary, format, args...))
}

var configKinds = []Kind{KindOrganization, KindUnit, KindAccount, KindUser, KindGroup, KindRole, KindPolicy, KindSCP, KindRCP, KindResource, KindService, KindVPCEndpoint}

func kindNames() []string {
	out := make([]string, len(configKinds))
	for i, k := range configKinds {
		out[i] = string(k)
	}
	return out
}

// parsed is a file read and parsed, before its blocks are collected.
type parsed struct {
	name  string
	src   []byte
	file  *hcl.File
	diags hcl.Diagnostics
}

// parseAll reads and parses files concurrently (parsing is the bulk of
// loading a large project); the results keep the order of names.
func (l *loader) parseAll(names []string) []parsed {
	out := make([]parsed, len(names))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = parseOne(l.fsys, names[i])
			}
		}()
	}
	for i := range names {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

func parseOne(fsys fs.FS, name string) parsed {
	p := parsed{name: name}
	src, err := readLimited(fsys, name)
	if err != nil {
		p.diags = hcl.Diagnostics{Errorf(CodeCannotRead, &hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos},
			"Cannot read file", "%s", err)}
		return p
	}
	p.src = src
	if d := nestingError(name, src); d != nil {
		p.diags = hcl.Diagnostics{d}
		return p
	}
	p.file, p.diags = hclsyntax.ParseConfig(src, name, hcl.InitialPos)
	Coded(CodeSyntaxError, p.diags)
	return p
}

func (l *loader) parseFile(pf parsed, test bool) {
	name := pf.name
	if pf.src != nil {
		l.proj.Sources[name] = pf.src
	}
	l.diags = append(l.diags, pf.diags...)
	f := pf.file
	if f == nil {
		return
	}
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return
	}
	var c *bodyContent
	if test {
		c = l.content(body, "a test file", nil, []blockSpec{{Type: "test", MinLabels: 1, MaxLabels: 1}})
	} else {
		specs := make([]blockSpec, 0, len(configKinds))
		for _, k := range configKinds {
			specs = append(specs, blockSpec{Type: string(k), MinLabels: 1, MaxLabels: 1})
		}
		specs = append(specs, projectBlockSpecs...)
		if b := body.Blocks; len(b) > 0 {
			for _, blk := range b {
				if blk.Type == "test" {
					l.errorf(CodeInvalidPolicyElement, blk.TypeRange, "Test outside a test file", "test blocks belong in files named *_test.hcl, which are never packed into the bundle")
				}
			}
		}
		c = l.content(body, "a policy file", nil, specs)
	}
	for _, b := range c.Blocks {
		if b.Type == "test" && !test {
			continue
		}
		if isProjectBlock(b.Type) {
			l.projectBlocks = append(l.projectBlocks, b)
			continue
		}
		p := &pending{kind: Kind(b.Type), name: b.Labels[0], block: b, file: name}
		if test {
			l.tests = append(l.tests, p)
			continue
		}
		if !l.checkName(p) {
			continue
		}
		m := l.byName[p.kind]
		if m == nil {
			m = map[string]*pending{}
			l.byName[p.kind] = m
		}
		if first, dup := m[p.name]; dup {
			l.errorf(CodeDuplicateDeclaration, b.LabelRanges[0], fmt.Sprintf("Duplicate %s %q", p.kind, p.name),
				"%s.%s is already declared at %s", p.kind, p.name, posString(first.block.LabelRanges[0]))
			continue
		}
		m[p.name] = p
		l.order = append(l.order, p)
	}
}

func posString(r hcl.Range) string {
	return fmt.Sprintf("%s:%d:%d", r.Filename, r.Start.Line, r.Start.Column)
}

var (
	iamNameRE     = regexp.MustCompile(`^[\w+=,.@-]+$`)
	refNameRE     = regexp.MustCompile(`^[A-Za-z_][\w-]*$`)
	servicePrefix = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
)

// checkName validates a block's name label for its kind.
func (l *loader) checkName(p *pending) bool {
	rng := p.block.LabelRanges[0]
	max := 0
	switch p.kind {
	case KindUser, KindRole:
		max = 64
	case KindGroup, KindPolicy:
		max = 128
	case KindService:
		if !servicePrefix.MatchString(p.name) {
			l.errorf(CodeInvalidName, rng, "Invalid service prefix", "a service block is named by its service prefix, lowercase letters, digits and '-' (like \"s3\" or \"register\"), not %q", p.name)
			return false
		}
		return true
	default:
		if !refNameRE.MatchString(p.name) {
			l.errorf(CodeInvalidName, rng, "Invalid name", "a %s name starts with a letter or '_' and contains letters, digits, '_' and '-'; %q does not", p.kind, p.name)
			return false
		}
		return true
	}
	if !iamNameRE.MatchString(p.name) || len(p.name) > max {
		l.errorf(CodeInvalidName, rng, "Invalid name", "IAM %s names are 1 to %d characters of letters, digits and +=,.@_-; %q is not", p.kind, max, p.name)
		return false
	}
	return true
}

func (l *loader) lookup(kind Kind, name string) *pending {
	return l.byName[kind][name]
}

func (l *loader) names(kind Kind) []string {
	out := make([]string, 0, len(l.byName[kind]))
	for n := range l.byName[kind] {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

func (l *loader) blocksOf(kind Kind) []*pending {
	var out []*pending
	for _, p := range l.order {
		if p.kind == kind {
			out = append(out, p)
		}
	}
	return out
}

// decode runs the phases: account IDs, then names, paths and ARNs of every
// block, then everything else with all references available.
func (l *loader) decode() {
	l.accountIDs()
	l.objectIDs()
	l.endpointObjects()
	// Phase 2 sees the accounts, organizations, units, SCPs and services.
	acctCtx := l.evalContext(nil)
	l.identityARNs(acctCtx)
	l.duplicateIAMNames()
	l.resourceARNs(acctCtx)
	l.decodeBlocks()
	l.decodeProjectBlocks()
	l.decodeTests()
}

// accountIDs is phase 1: the ID of every account, or the implicit account
// of a project that declares none.
func (l *loader) accountIDs() {
	base := l.evalContext(nil)
	accounts := l.blocksOf(KindAccount)
	seenIDs := map[string]*pending{}
	for _, p := range accounts {
		attr := p.block.Body.Attributes["id"]
		if attr == nil {
			l.errorf(CodeMissingAttribute, p.block.Body.SrcRange, "Missing account id", "account %q needs id = \"<12 digits>\"", p.name)
			p.id = "000000000000"
			continue
		}
		s, ok := l.evalString(attr, base)
		if !ok {
			p.id = "000000000000"
			continue
		}
		if !accountIDRE.MatchString(s.Value) {
			l.errorf(CodeInvalidName, s.Range, "Invalid account id", "an AWS account id is 12 digits, not %q", s.Value)
		} else if first, dup := seenIDs[s.Value]; dup {
			l.errorf(CodeDuplicateDeclaration, s.Range, "Duplicate account id", "account %q already has id %s", first.name, s.Value)
		}
		seenIDs[s.Value] = p
		p.id = s.Value
	}
	switch len(accounts) {
	case 0:
		p := &pending{kind: KindAccount, name: "default", id: defaultAccountID}
		l.byName[KindAccount] = map[string]*pending{"default": p}
		l.defaultAccount = "default"
		l.proj.Accounts = append(l.proj.Accounts, &Account{Name: "default", ID: defaultAccountID, Implicit: true})
	case 1:
		l.defaultAccount = accounts[0].name
	}
}

// objectIDs makes the reference objects of the blocks whose attributes need
// no other block: accounts, organizations, units, SCPs and services.
func (l *loader) objectIDs() {
	base := l.evalContext(nil)
	for _, p := range l.order {
		switch p.kind {
		case KindAccount:
			l.setObject(p, map[string]cty.Value{"id": cty.StringVal(p.id), "arn": cty.StringVal(rootARN(p.id)), "root": cty.StringVal(rootARN(p.id))})
		case KindOrganization:
			p.id = derivedID("o-", p.name, 10)
			if a := p.block.Body.Attributes["id"]; a != nil {
				if s, ok := l.evalString(a, base); ok {
					if !orgIDRE.MatchString(s.Value) {
						l.errorf(CodeInvalidName, s.Range, "Invalid organization id", "an organization id looks like o-a1b2c3d4e5 (o- and 10 to 32 lowercase letters or digits), not %q", s.Value)
					}
					p.id = s.Value
				}
			}
			l.setObject(p, map[string]cty.Value{"id": cty.StringVal(p.id)})
		case KindUnit:
			p.id = derivedID("ou-", p.name, 12)
			l.setObject(p, map[string]cty.Value{"id": cty.StringVal(p.id)})
		case KindSCP, KindRCP:
			p.id = derivedID("p-", p.name, 8)
			l.setObject(p, map[string]cty.Value{"id": cty.StringVal(p.id)})
		case KindService:
			l.setObject(p, nil)
		}
	}
	if l.byName[KindAccount]["default"] != nil && len(l.blocksOf(KindAccount)) == 0 {
		l.setObject(l.byName[KindAccount]["default"], map[string]cty.Value{"id": cty.StringVal(defaultAccountID), "arn": cty.StringVal(rootARN(defaultAccountID)), "root": cty.StringVal(rootARN(defaultAccountID))})
	}
}

// identityARNs is phase 2: the account, path and ARN of users, groups,
// roles and policies, which may refer to accounts.
func (l *loader) identityARNs(acctCtx *hcl.EvalContext) {
	for _, p := range l.order {
		switch p.kind {
		case KindUser, KindGroup, KindRole, KindPolicy:
		default:
			continue
		}
		p.iamName = p.name
		if p.kind == KindPolicy && l.awsPolicyBlock(p, acctCtx) {
			l.setObject(p, map[string]cty.Value{"arn": cty.StringVal(p.arn), "name": cty.StringVal(p.iamName),
				"account_id": cty.NullVal(cty.String)})
			continue
		}
		p.account = l.blockAccount(p, acctCtx, p.kind != KindPolicy)
		p.iamName = l.iamName(p, acctCtx)
		p.path = "/"
		if a := p.block.Body.Attributes["path"]; a != nil {
			if s, ok := l.evalString(a, acctCtx); ok {
				if !validPath(s.Value) {
					l.errorf(CodeInvalidName, s.Range, "Invalid path", "an IAM path starts and ends with '/' and contains printable ASCII, like \"/staff/\"; %q is not", s.Value)
				} else {
					p.path = s.Value
				}
			}
		}
		attrs := map[string]cty.Value{"name": cty.StringVal(p.iamName)}
		if acct := l.lookup(KindAccount, p.account); acct != nil {
			p.arn = "arn:aws:iam::" + acct.id + ":" + string(p.kind) + p.path + p.iamName
			attrs["arn"] = cty.StringVal(p.arn)
			attrs["account_id"] = cty.StringVal(acct.id)
		} else {
			attrs["arn"] = cty.NullVal(cty.String)
			attrs["account_id"] = cty.NullVal(cty.String)
		}
		switch p.kind {
		case KindUser:
			p.id = derivedID("AIDA", p.arn, 17)
			attrs["id"] = cty.StringVal(p.id)
		case KindRole:
			p.id = derivedID("AROA", p.arn, 17)
			attrs["id"] = cty.StringVal(p.id)
		}
		l.setObject(p, attrs)
	}
}

// resourceARNs completes phase 2: the ARN of every resource block.
func (l *loader) resourceARNs(acctCtx *hcl.EvalContext) {
	for _, p := range l.blocksOf(KindResource) {
		arn := "arn:aws:unknown:::" + p.name
		if a := p.block.Body.Attributes["arn"]; a != nil {
			if s, ok := l.evalString(a, acctCtx); ok {
				arn = s.Value
			}
		} else {
			l.errorf(CodeMissingAttribute, p.block.Body.SrcRange, "Missing resource arn", "resource %q needs arn = \"arn:…\"", p.name)
		}
		p.arn = arn
		l.setObject(p, map[string]cty.Value{"arn": cty.StringVal(arn)})
	}
}

// decodeBlocks is phase 3: every block, with all references available.
func (l *loader) decodeBlocks() {
	l.full = l.evalContext(nil)
	for _, p := range l.order {
		ctx := l.fileContext(l.full, p.file)
		switch p.kind {
		case KindOrganization:
			l.decodeOrganization(p, ctx)
		case KindUnit:
			l.decodeUnit(p, ctx)
		case KindAccount:
			l.decodeAccount(p, ctx)
		case KindUser:
			l.decodeUser(p, ctx)
		case KindGroup:
			l.decodeGroup(p, ctx)
		case KindRole:
			l.decodeRole(p, ctx)
		case KindPolicy, KindSCP, KindRCP:
			l.decodePolicyBlock(p, ctx)
		case KindResource:
			l.decodeResource(p, ctx)
		case KindService:
			l.decodeService(p, ctx)
		case KindVPCEndpoint:
			l.decodeEndpoint(p, ctx)
		}
	}
}

var (
	accountIDRE = regexp.MustCompile(`^[0-9]{12}$`)
	orgIDRE     = regexp.MustCompile(`^o-[a-z0-9]{10,32}$`)
)

func rootARN(id string) string { return "arn:aws:iam::" + id + ":root" }

func validPath(p string) bool {
	if len(p) == 0 || len(p) > 512 || p[0] != '/' || p[len(p)-1] != '/' {
		return false
	}
	for _, c := range p {
		if c < 0x21 || c > 0x7E {
			return false
		}
	}
	return true
}

// derivedID makes a stable identifier from a name: AWS assigns IDs, a project
// need not invent them.
func derivedID(prefix, seed string, n int) string {
	sum := sha256.Sum256([]byte(prefix + seed))
	s := strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(sum[:]))
	if strings.HasPrefix(prefix, "A") { // IAM unique IDs are upper case
		s = strings.ToUpper(s)
	}
	if prefix == "ou-" {
		return prefix + s[:4] + "-" + s[4:n]
	}
	return prefix + s[:n]
}

func (l *loader) setObject(p *pending, attrs map[string]cty.Value) {
	// label is the block's label, which references resolve to; name is
	// its IAM name where it has one (attrs), else the label too.
	m := map[string]cty.Value{
		"kind":  cty.StringVal(string(p.kind)),
		"label": cty.StringVal(p.name),
		"name":  cty.StringVal(p.name),
	}
	for k, v := range attrs {
		m[k] = v
	}
	if l.objects[p.kind] == nil {
		l.objects[p.kind] = map[string]cty.Value{}
	}
	l.objects[p.kind][p.name] = cty.ObjectVal(m)
}

// blockAccount decodes the account attribute of a block, falling back to the
// project's single account.
func (l *loader) blockAccount(p *pending, ctx *hcl.EvalContext, required bool) string {
	if a := p.block.Body.Attributes["account"]; a != nil {
		if r := l.ref(a, ctx, KindAccount); r != nil {
			return r.Name
		}
		return ""
	}
	if l.defaultAccount == "" && required {
		l.errorf(CodeMissingAttribute, p.block.TypeRange, "Missing account", "the project declares several accounts; say which one %s %q belongs to with account = account.<name>", p.kind, p.name)
	}
	return l.defaultAccount
}

// evalContext returns the evaluation context: one object per declared block
// kind plus the functions. extra adds variables (each, for tests).
func (l *loader) evalContext(extra map[string]cty.Value) *hcl.EvalContext {
	vars := map[string]cty.Value{}
	for _, k := range configKinds {
		vars[string(k)] = cty.EmptyObjectVal
		if objs := l.objects[k]; len(objs) > 0 {
			vars[string(k)] = cty.ObjectVal(objs)
		}
	}
	for k, v := range extra {
		vars[k] = v
	}
	return &hcl.EvalContext{Variables: vars, Functions: functions(l.fsys, ".", l.recordSource, l.budget)}
}

// fileContext is the evaluation context for an expression of the given file:
// file() reads relative to that file's directory.
func (l *loader) fileContext(ctx *hcl.EvalContext, file string) *hcl.EvalContext {
	dir := path.Dir(file)
	if ctx == l.full {
		if c := l.fileCtx[dir]; c != nil {
			return c
		}
	}
	c := ctx.NewChild()
	c.Functions = functions(l.fsys, dir, l.recordSource, l.budget)
	if ctx == l.full {
		if l.fileCtx == nil {
			l.fileCtx = map[string]*hcl.EvalContext{}
		}
		l.fileCtx[dir] = c
	}
	return c
}

func (l *loader) recordSource(name string, src []byte) {
	l.proj.Sources[name] = src
}
