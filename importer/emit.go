package importer

import (
	"bytes"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamc/iamc/format"
)

// maxHCLFile bounds a generated file below the loader's 4 MiB: a kind with
// more blocks continues in users_2.hcl, users_3.hcl, …
const maxHCLFile = 3 << 20

const fileHeader = "# Written by iamc import aws. A re-import shows its changes to this file\n# before replacing it (--force); files it did not write are never touched.\n\n"

// outFile collects the top-level blocks of one generated file.
type outFile struct {
	name   string // project path
	blocks []*hclwrite.File
}

// emitter writes the planned project.
type emitter struct {
	g     *gen
	files map[string]*outFile
}

// emit renders every file of the project: HCL formatted as iamc fmt
// formats it, and the JSON documents that stay JSON.
func (g *gen) emit() (map[string][]byte, error) {
	e := &emitter{g: g, files: map[string]*outFile{}}
	e.structure()
	for _, a := range g.accounts {
		e.account(a)
	}
	for _, arn := range sortedKeys(g.aws) {
		if p := g.aws[arn]; p.supply != nil {
			b := e.block("aws_policies.hcl", "policy", p.label)
			setString(b, "arn", p.arn)
			e.document(b, "aws_policies.hcl", p.supply)
		}
	}
	out := map[string][]byte{}
	for _, name := range sortedKeys(e.files) {
		for i, part := range e.files[name].parts() {
			file := name
			if i > 0 {
				file = strings.TrimSuffix(name, ".hcl") + "_" + itoa(i+1) + ".hcl"
			}
			formatted, diags := format.Source(file, part)
			if diags.HasErrors() {
				return nil, fmt.Errorf("internal error: the generated %s does not parse: %w", file, diags)
			}
			out[file] = formatted
		}
	}
	for _, d := range g.docs {
		if !d.hcl {
			out[d.json] = d.src.text
		}
	}
	return out, nil
}

// parts joins the blocks of a file, in as many parts as its size needs.
func (f *outFile) parts() [][]byte {
	var parts [][]byte
	cur := bytes.NewBufferString(fileHeader)
	for i, b := range f.blocks {
		// Unformatted: format.Source formats the whole file once.
		text := b.BuildTokens(nil).Bytes()
		if i > 0 && cur.Len()+len(text) > maxHCLFile {
			parts = append(parts, cur.Bytes())
			cur = bytes.NewBufferString(fileHeader)
		} else if i > 0 {
			cur.WriteByte('\n')
		}
		cur.Write(text)
	}
	return append(parts, cur.Bytes())
}

// block starts a top-level block in a file.
func (e *emitter) block(file, typ string, labels ...string) *hclwrite.Body {
	f := e.files[file]
	if f == nil {
		f = &outFile{name: file}
		e.files[file] = f
	}
	hf := hclwrite.NewEmptyFile()
	f.blocks = append(f.blocks, hf)
	return hf.Body().AppendNewBlock(typ, labels).Body()
}

// document writes a document into a body: statement blocks, or
// document = file("…") relative to the file that holds the body.
func (e *emitter) document(b *hclwrite.Body, file string, d *docPlan) {
	if d.hcl {
		writeStatements(b, d.parsed, e.g.ref)
		return
	}
	rel := d.json
	if dir := path.Dir(file); dir != "." {
		rel = strings.TrimPrefix(d.json, dir+"/")
	}
	toks := hclwrite.Tokens{{Type: hclsyntax.TokenIdent, Bytes: []byte("file")}, {Type: hclsyntax.TokenOParen, Bytes: []byte("(")}}
	toks = append(toks, strItem(rel).tokens()...)
	toks = append(toks, &hclwrite.Token{Type: hclsyntax.TokenCParen, Bytes: []byte(")")})
	b.SetAttributeRaw("document", toks)
}

// kindFile is the file of an account's blocks of one kind.
func (e *emitter) kindFile(a *acctPlan, kind string) string {
	if e.g.layout == SplitAccount {
		return path.Join("accounts", a.label, kind+".hcl")
	}
	return kind + ".hcl"
}

// structure writes the organization, its units and the accounts, and the
// SCPs and RCPs.
func (e *emitter) structure() {
	g := e.g
	file := "accounts.hcl"
	if g.org != nil {
		file = "organization.hcl"
		b := e.block(file, "organization", g.orgLabel)
		setString(b, "id", g.org.id)
		if m := g.byID[g.org.management]; m != nil {
			setRef(b, "management_account", "account."+m.label)
		}
		e.attachments(b, g.org.rootID)
		for _, u := range g.org.units {
			ub := e.block(file, "unit", g.units[u.id])
			comment(ub, u.id+" "+quote(u.name))
			setRef(ub, "parent", g.levels[u.parent])
			e.attachments(ub, u.id)
		}
		for _, p := range g.orgPols {
			if !g.referenced(p) {
				continue
			}
			kind := orgKind(p.p.typ)
			pb := e.block(kind+"s.hcl", kind, p.label)
			comment(pb, p.p.id+" "+quote(p.p.name))
			if p.p.description != "" {
				setString(pb, "description", p.p.description)
			}
			e.document(pb, kind+"s.hcl", p.doc)
		}
	}
	for _, a := range g.accounts {
		b := e.block(file, "account", a.label)
		setString(b, "id", a.id)
		if a.orgAcct != nil {
			setRef(b, "parent", g.levels[a.orgAcct.parent])
			e.attachments(b, a.id)
		}
	}
}

func quote(s string) string { return string(strItem(s).tokens().Bytes()) }

// attachments writes policies = [scp…] and rcps = [rcp…] of a level.
func (e *emitter) attachments(b *hclwrite.Body, level string) {
	if scps := e.g.attachedAt(level, policySCP); len(scps) > 0 {
		setList(b, "policies", scps)
	}
	if rcps := e.g.attachedAt(level, policyRCP); len(rcps) > 0 {
		setList(b, "rcps", rcps)
	}
}

// identity writes what users, groups and roles share: account, name, path.
func (e *emitter) identity(b *hclwrite.Body, a *acctPlan, label, name, p string) {
	if e.g.multi {
		setRef(b, "account", "account."+a.label)
	}
	if label != name {
		setString(b, "name", name)
	}
	if p != "/" {
		setString(b, "path", p)
	}
}

func (e *emitter) inline(b *hclwrite.Body, file string, ps []*inlinePlan) {
	for _, p := range ps {
		e.document(block(b, "policy", p.name), file, p.doc)
	}
}

// account writes the users, groups, roles and policies of an account.
func (e *emitter) account(a *acctPlan) {
	g := e.g
	byLabel := func(n int, label func(int) string) []int {
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(i, j int) bool { return strings.ToLower(label(idx[i])) < strings.ToLower(label(idx[j])) })
		return idx
	}
	for _, i := range byLabel(len(a.users), func(i int) string { return a.users[i].label }) {
		u := a.users[i]
		file := e.kindFile(a, "users")
		b := e.block(file, "user", u.label)
		e.identity(b, a, u.label, u.u.name, u.u.path)
		owner := "user " + u.u.name
		if gs := g.groupItems(a, u); len(gs) > 0 {
			setList(b, "groups", gs)
		}
		if ps := g.attachments(a, owner, u.u.attached); len(ps) > 0 {
			setList(b, "policies", ps)
		}
		if u.u.boundary != nil {
			if it, ok := g.policyItem(a, owner+" (permissions boundary)", *u.u.boundary); ok {
				setItem(b, "permissions_boundary", it)
			}
		}
		setTags(b, u.u.tags)
		e.inline(b, file, u.inline)
	}
	for _, i := range byLabel(len(a.groups), func(i int) string { return a.groups[i].label }) {
		gr := a.groups[i]
		file := e.kindFile(a, "groups")
		b := e.block(file, "group", gr.label)
		e.identity(b, a, gr.label, gr.g.name, gr.g.path)
		if ps := g.attachments(a, "group "+gr.g.name, gr.g.attached); len(ps) > 0 {
			setList(b, "policies", ps)
		}
		e.inline(b, file, gr.inline)
	}
	for _, i := range byLabel(len(a.roles), func(i int) string { return a.roles[i].label }) {
		e.role(a, a.roles[i])
	}
	for _, i := range byLabel(len(a.policies), func(i int) string { return a.policies[i].label }) {
		p := a.policies[i]
		file := e.kindFile(a, "policies")
		b := e.block(file, "policy", p.label)
		e.identity(b, a, p.label, p.p.name, p.p.path)
		if p.p.description != "" {
			setString(b, "description", p.p.description)
		}
		e.document(b, file, p.doc)
	}
}

func (e *emitter) role(a *acctPlan, r *rolePlan) {
	g := e.g
	file := e.kindFile(a, "roles")
	b := e.block(file, "role", r.label)
	if r.r.lastUsed != "" {
		where := ""
		if r.r.lastRegion != "" {
			where = " in " + r.r.lastRegion
		}
		comment(b, "last used "+r.r.lastUsed+where)
	}
	e.identity(b, a, r.label, r.r.name, r.r.path)
	if strings.HasPrefix(r.r.path, "/aws-service-role/") {
		b.SetAttributeValue("service_linked", cty.True)
	}
	owner := "role " + r.r.name
	if ps := g.attachments(a, owner, r.r.attached); len(ps) > 0 {
		setList(b, "policies", ps)
	}
	if r.r.boundary != nil {
		if it, ok := g.policyItem(a, owner+" (permissions boundary)", *r.r.boundary); ok {
			setItem(b, "permissions_boundary", it)
		}
	}
	setTags(b, r.r.tags)
	if r.trust != nil {
		e.document(block(b, "trust"), file, r.trust)
	}
	e.inline(b, file, r.inline)
}
