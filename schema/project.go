package schema

import (
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// Project-level blocks take no label and are never referenced: defaults
// (the request context a project's requests start from) and check (the
// findings of iamc check the whole project excuses). Each may appear once.
var (
	defaultsAttrs = []string{"region"}
	checkAttrs    = []string{"suppress"}

	projectBlockSpecs = []blockSpec{{Type: "defaults"}, {Type: "check"}}
)

func isProjectBlock(typ string) bool { return typ == "defaults" || typ == "check" }

// Defaults is the project's defaults block: values of the request context
// for requests that do not give them.
type Defaults struct {
	// Region is aws:RequestedRegion for requests that do not give it
	// (AWS always sets it for regional services); empty when not set.
	Region    String
	DeclRange hcl.Range
}

// Suppression excuses findings of iamc check: those with its code within
// its scope. A reason is required, and a suppression that excuses nothing
// is itself reported.
type Suppression struct {
	Code   String // the code, as written (the key)
	Reason String
	// Scope is the block the suppression is written in (a statement, a
	// policy, a user, …): the findings within it are excused. Zero for the
	// project-level list of the check block, which excuses them anywhere.
	Scope hcl.Range
	// Files are the JSON documents the block reads with file(): findings
	// in them are within its scope too.
	Files []string
}

// regionRE is the shape of an AWS Region code: us-east-1, eu-central-2,
// us-gov-west-1, cn-northwest-1, ap-southeast-7.
var regionRE = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$`)

// codeRE is the shape of a finding code.
var codeRE = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)

// decodeProjectBlocks decodes the defaults and check blocks, and the
// suppress attributes of every block.
func (l *loader) decodeProjectBlocks() {
	seen := map[string]*hclsyntax.Block{}
	for _, b := range l.projectBlocks {
		if first := seen[b.Type]; first != nil {
			l.errorf(CodeDuplicateDeclaration, b.TypeRange, "Duplicate "+b.Type+" block", "a project has one %s block; the first is at %s", b.Type, posString(first.TypeRange))
			continue
		}
		seen[b.Type] = b
		ctx := l.fileContext(l.full, b.TypeRange.Filename)
		switch b.Type {
		case "defaults":
			l.decodeDefaults(b, ctx)
		case "check":
			c := l.content(b.Body, "the check block", checkAttrs, nil)
			if a := c.Attrs["suppress"]; a != nil {
				l.suppressions(a, ctx, hcl.Range{}, nil)
			}
		}
	}
	for _, p := range l.order {
		l.blockSuppressions(p.block, l.fileContext(l.full, p.file))
	}
}

func (l *loader) decodeDefaults(b *hclsyntax.Block, ctx *hcl.EvalContext) {
	c := l.content(b.Body, "the defaults block", defaultsAttrs, nil)
	d := &Defaults{DeclRange: b.DefRange()}
	if a := c.Attrs["region"]; a != nil {
		if s, ok := l.evalString(a, ctx); ok {
			if regionRE.MatchString(s.Value) {
				d.Region = s
			} else {
				l.errorf(CodeInvalidAttributeValue, s.Range, "Invalid region", "region is an AWS Region code like \"eu-west-1\" or \"us-east-1\", not %q", s.Value)
			}
		}
	}
	l.proj.Defaults = d
}

// blockSuppressions records the suppress attribute of a block and of the
// blocks nested in it, each scoped to its own block.
func (l *loader) blockSuppressions(b *hclsyntax.Block, ctx *hcl.EvalContext) {
	if a := b.Body.Attributes["suppress"]; a != nil {
		var files []string
		if d := b.Body.Attributes["document"]; d != nil {
			if name := fileArgument(d); name != "" {
				files = append(files, name)
			}
		}
		l.suppressions(a, ctx, b.Range(), files)
	}
	for _, nested := range b.Body.Blocks {
		l.blockSuppressions(nested, ctx)
	}
}

// fileArgument is the project file a document = file("x.json") attribute
// reads, as ranges name it; "" for any other expression.
func fileArgument(a *hclsyntax.Attribute) string {
	call, ok := a.Expr.(*hclsyntax.FunctionCallExpr)
	if !ok || call.Name != "file" || len(call.Args) != 1 {
		return ""
	}
	v, diags := call.Args[0].Value(nil)
	if diags.HasErrors() || v.IsNull() || v.Type() != cty.String {
		return ""
	}
	return path.Clean(path.Join(path.Dir(a.SrcRange.Filename), v.AsString()))
}

// suppressions decodes suppress = { CODE = "reason", … }.
func (l *loader) suppressions(a *hclsyntax.Attribute, ctx *hcl.EvalContext, scope hcl.Range, files []string) {
	v, ok := l.eval(a, ctx)
	if !ok {
		return
	}
	ty := v.Type()
	if v.IsNull() || !(ty.IsObjectType() || ty.IsMapType()) {
		l.errorf(CodeDataTypeMismatch, a.Expr.Range(), "Wrong type", "suppress is an object of finding codes and the reasons to excuse them, like { UNATTACHED_POLICY = \"attached by the deploy pipeline\" }")
		return
	}
	at := objectItemRanges(a.Expr, ctx)
	var keys []string
	vals := map[string]cty.Value{}
	for it := v.ElementIterator(); it.Next(); {
		k, ev := it.Element()
		keys = append(keys, k.AsString())
		vals[k.AsString()] = ev
	}
	sort.Strings(keys)
	for _, k := range keys {
		rng, found := at[k]
		if !found {
			rng = a.Expr.Range()
		}
		ev := vals[k]
		if !codeRE.MatchString(k) {
			l.errorf(CodeInvalidAttributeValue, rng, "Invalid code", "suppress takes finding codes like UNATTACHED_POLICY (iamc check lists them), not %q", k)
			continue
		}
		if ev.IsNull() || ev.Type() != cty.String || len(strings.TrimSpace(ev.AsString())) == 0 {
			l.errorf(CodeInvalidAttributeValue, rng, "Missing reason", "suppressing %s needs a reason: %s = \"why this finding does not apply\"", k, k)
			continue
		}
		l.proj.Suppressions = append(l.proj.Suppressions, &Suppression{
			Code: String{Value: k, Range: rng}, Reason: String{Value: ev.AsString(), Range: rng},
			Scope: scope, Files: files,
		})
	}
}

// Covers reports whether a finding at rng is within the suppression's
// scope.
func (s *Suppression) Covers(rng *hcl.Range) bool {
	if s.Scope.Filename == "" {
		return true
	}
	if rng == nil {
		return false
	}
	for _, f := range s.Files {
		if rng.Filename == f {
			return true
		}
	}
	return rng.Filename == s.Scope.Filename && s.Scope.ContainsOffset(rng.Start.Byte)
}

// String describes where the suppression is, for messages.
func (s *Suppression) String() string {
	return fmt.Sprintf("suppress %s at %s", s.Code.Value, posString(s.Code.Range))
}

// IsRegion reports whether s has the shape of an AWS Region code, like
// "eu-west-1".
func IsRegion(s string) bool { return regionRE.MatchString(s) }
