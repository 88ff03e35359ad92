package importer

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/catalog"
	"github.com/iamc/iamc/schema"
)

// gen turns what was read into the files of a project.
type gen struct {
	opts     Options
	accounts []*acctPlan // by label
	byID     map[string]*acctPlan
	multi    bool
	org      *orgData
	orgLabel string
	units    map[string]string // unit ID → label
	levels   map[string]string // root, unit or account ID → its reference
	orgPols  []*orgPolicyPlan
	// aws holds, for every AWS managed policy attached anywhere, how the
	// project refers to it.
	aws map[string]*awsPolicyPlan
	// refs maps principal identifiers that name something of the project
	// (user and role ARNs, account root ARNs and IDs) to references.
	refs   map[string]string
	sum    *Summary
	errs   InputErrors
	paths  *labeler // JSON file paths, unique without regard to case
	layout string
	docs   []*docPlan
	// attached holds the SCPs and RCPs each level lists, by "<level ID>
	// <policy type>"; listed the references that some level lists.
	attached map[string][]item
	listed   map[string]bool
	// policyLabels hands out the labels of policy blocks: customer managed
	// policies, then AWS managed ones the project supplies.
	policyLabels *labeler
}

type acctPlan struct {
	id, label   string
	exp         *accountExport // nil: the organization lists it, no export describes it
	orgAcct     *orgAccount
	users       []*userPlan
	groups      []*groupPlan
	roles       []*rolePlan
	policies    []*policyPlan
	groupByName map[string]*groupPlan
	policyByARN map[string]*policyPlan
}

type userPlan struct {
	u      *iamUser
	label  string
	inline []*inlinePlan
}

type groupPlan struct {
	g      *iamGroup
	label  string
	inline []*inlinePlan
}

type rolePlan struct {
	r      *iamRole
	label  string
	trust  *docPlan
	inline []*inlinePlan
}

type policyPlan struct {
	p     *managedPolicy
	label string
	doc   *docPlan
}

type inlinePlan struct {
	name string
	doc  *docPlan
}

type orgPolicyPlan struct {
	p       *orgPolicy
	label   string
	doc     *docPlan
	implied bool // FullAWSAccess: what a level without policies has
}

// awsPolicyPlan is an attached AWS managed policy.
type awsPolicyPlan struct {
	arn, name string
	// supply is set when the project supplies the document from the
	// export: a policy block with arn.
	supply *docPlan
	label  string
	// unknown is set when neither iamc nor the export has its document;
	// its attachments are skipped.
	unknown bool
	note    string
}

// docPlan is a policy document and how it is written.
type docPlan struct {
	src    *document
	json   string // the project path of its JSON file
	parsed *schema.Document
	hcl    bool   // written as statement blocks
	diag   string // iamc's first error in it, when it has one
}

// newGen plans the project.
func newGen(opts Options, exports []*accountExport, org *orgData, awsDocs map[string]*managedPolicy) *gen {
	g := &gen{opts: opts, org: org, byID: map[string]*acctPlan{}, units: map[string]string{}, levels: map[string]string{},
		aws: map[string]*awsPolicyPlan{}, refs: map[string]string{}, sum: &Summary{}, paths: newLabeler(), listed: map[string]bool{}}
	g.planAccounts(exports)
	g.layout = opts.Split
	if g.layout == "" {
		g.layout = SplitKind
		if g.multi {
			g.layout = SplitAccount
		}
	}
	g.planIAM()
	g.planAWS(awsDocs)
	g.planOrg()
	g.planRefs()
	return g
}

// planAccounts labels the accounts of the exports and of the organization.
func (g *gen) planAccounts(exports []*accountExport) {
	add := func(id string) *acctPlan {
		if a := g.byID[id]; a != nil {
			return a
		}
		a := &acctPlan{id: id}
		g.byID[id] = a
		g.accounts = append(g.accounts, a)
		return a
	}
	for _, e := range exports {
		add(e.id).exp = e
	}
	if g.org != nil {
		for _, oa := range g.org.accounts {
			add(oa.id).orgAcct = oa
		}
	}
	sort.Slice(g.accounts, func(i, j int) bool { return g.accounts[i].id < g.accounts[j].id })
	l := newLabeler()
	for _, a := range g.accounts {
		want := ""
		if a.orgAcct != nil {
			want = snakeLabel(a.orgAcct.name)
		}
		if want == "" {
			want = "account_" + a.id
		}
		a.label = l.take(want)
	}
	sort.Slice(g.accounts, func(i, j int) bool {
		return strings.ToLower(g.accounts[i].label) < strings.ToLower(g.accounts[j].label)
	})
	g.multi = len(g.accounts) > 1
}

// planIAM labels the users, groups, roles and customer managed policies
// and plans their documents.
func (g *gen) planIAM() {
	var users, groups, roles, policies []iamEntity
	for i, a := range g.accounts {
		if a.exp == nil {
			continue
		}
		a.groupByName = map[string]*groupPlan{}
		a.policyByARN = map[string]*policyPlan{}
		for _, u := range a.exp.users {
			up := &userPlan{u: u}
			a.users = append(a.users, up)
			users = append(users, iamEntity{account: a.label, name: u.name, accountOrder: i, assign: func(l string) { up.label = l }})
		}
		for _, gr := range a.exp.groups {
			gp := &groupPlan{g: gr}
			a.groups = append(a.groups, gp)
			a.groupByName[gr.name] = gp
			groups = append(groups, iamEntity{account: a.label, name: gr.name, accountOrder: i, assign: func(l string) { gp.label = l }})
		}
		for _, r := range a.exp.roles {
			rp := &rolePlan{r: r}
			a.roles = append(a.roles, rp)
			roles = append(roles, iamEntity{account: a.label, name: r.name, accountOrder: i, assign: func(l string) { rp.label = l }})
		}
		for _, p := range a.exp.policies {
			pp := &policyPlan{p: p}
			a.policies = append(a.policies, pp)
			a.policyByARN[p.arn] = pp
			policies = append(policies, iamEntity{account: a.label, name: p.name, accountOrder: i, assign: func(l string) { pp.label = l }})
		}
	}
	labelIAM(newLabeler(), users)
	labelIAM(newLabeler(), groups)
	labelIAM(newLabeler(), roles)
	g.policyLabels = newLabeler()
	labelIAM(g.policyLabels, policies)
	for _, a := range g.accounts {
		g.planDocuments(a)
	}
}

// planDocuments gives every document of an account its JSON path.
func (g *gen) planDocuments(a *acctPlan) {
	inline := func(kind, owner string, ps []inlinePolicy) []*inlinePlan {
		var out []*inlinePlan
		for _, p := range ps {
			out = append(out, &inlinePlan{name: p.name, doc: g.newDoc(a, p.doc, path.Join(kind, owner, p.name))})
		}
		return out
	}
	for _, u := range a.users {
		u.inline = inline("user", u.label, u.u.inline)
	}
	for _, gr := range a.groups {
		gr.inline = inline("group", gr.label, gr.g.inline)
	}
	for _, r := range a.roles {
		if r.r.trust != nil {
			r.trust = g.newDoc(a, r.r.trust, path.Join("trust", r.label))
		}
		r.inline = inline("role", r.label, r.r.inline)
	}
	for _, p := range a.policies {
		p.doc = g.newDoc(a, p.p.doc, p.label)
	}
}

// jsonDir is the directory, inside the project, of the JSON documents of
// an account (nil: of the organization and AWS).
func (g *gen) jsonDir(a *acctPlan) string {
	if a != nil && g.layout == SplitAccount {
		return path.Join("accounts", a.label, "policies")
	}
	if a != nil && g.multi {
		return path.Join("policies", a.label)
	}
	return "policies"
}

// newDoc plans one document: its JSON path, what iamc reads in it, and
// whether it is written as statement blocks.
func (g *gen) newDoc(a *acctPlan, src *document, name string) *docPlan {
	p := g.paths.take(path.Join(g.jsonDir(a), name)) + ".json"
	d := &docPlan{src: src, json: p}
	doc, diags := schema.ParsePolicyJSON(p, src.text)
	if diags.HasErrors() {
		d.diag = firstError(diags)
	} else {
		d.parsed = doc
	}
	g.docs = append(g.docs, d)
	return d
}

func firstError(diags hcl.Diagnostics) string {
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			s := d.Summary + ": " + d.Detail
			if d.Subject != nil {
				s = fmt.Sprintf("%s:%d:%d: %s", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column, s)
			}
			return s
		}
	}
	return ""
}

// planAWS decides, for every AWS managed policy attached, whether iamc's
// copy serves or the project supplies the export's version.
func (g *gen) planAWS(docs map[string]*managedPolicy) {
	for _, a := range g.accounts {
		if a.exp == nil {
			continue
		}
		visit := func(refs []policyRef, b *policyRef) {
			if b != nil {
				refs = append(refs, *b)
			}
			for _, r := range refs {
				if acct, _, name, ok := splitIAMARN(r.arn, "policy"); ok && acct == "aws" && g.aws[r.arn] == nil {
					g.aws[r.arn] = &awsPolicyPlan{arn: r.arn, name: name}
				}
			}
		}
		for _, u := range a.exp.users {
			visit(u.attached, u.boundary)
		}
		for _, gr := range a.exp.groups {
			visit(gr.attached, nil)
		}
		for _, r := range a.exp.roles {
			visit(r.attached, r.boundary)
		}
	}
	for _, arn := range sortedKeys(g.aws) {
		p := g.aws[arn]
		mp, known := catalog.LookupManagedPolicy(arn)
		exp := docs[arn]
		switch {
		case exp == nil && known:
		case exp == nil:
			p.unknown = true
		default:
			d := g.newDoc(nil, exp.doc, path.Join("aws", iamLabel(p.name)))
			if known && d.parsed != nil && sameEmbedded(d.parsed, mp) {
				g.dropDoc(d)
				break
			}
			p.supply = d
			p.label = g.policyLabels.take("aws_" + iamLabel(p.name))
			if known {
				p.note = fmt.Sprintf("the export's default version of %s (%s) differs from iamc's copy (%s); the project supplies the export's", arn, exp.version, mp.DefaultVersionID)
			} else {
				p.note = fmt.Sprintf("iamc has no copy of %s; the project supplies the export's default version (%s)", arn, exp.version)
			}
		}
	}
}

// sameEmbedded compares a document with iamc's copy of an AWS managed
// policy.
func sameEmbedded(doc *schema.Document, mp *catalog.ManagedPolicy) bool {
	emb, diags := schema.ParsePolicyJSON("aws.json", mp.Document)
	return !diags.HasErrors() && sameDocument(doc, emb)
}

// dropDoc forgets a planned document that will not be written.
func (g *gen) dropDoc(d *docPlan) {
	for i, x := range g.docs {
		if x == d {
			g.docs = append(g.docs[:i], g.docs[i+1:]...)
			return
		}
	}
}

// planRefs maps the principal identifiers of the project to references.
func (g *gen) planRefs() {
	for _, a := range g.accounts {
		g.refs[a.id] = "account." + a.label + ".id"
		g.refs["arn:aws:iam::"+a.id+":root"] = "account." + a.label + ".root"
		for _, u := range a.users {
			g.refs[u.u.arn] = "user." + u.label + ".arn"
		}
		for _, r := range a.roles {
			g.refs[r.r.arn] = "role." + r.label + ".arn"
		}
	}
}

func (g *gen) ref(identifier string) string { return g.refs[identifier] }

// attachments resolves the managed policies attached to an entity: the
// project's policies by reference, AWS managed ones by ARN.
func (g *gen) attachments(a *acctPlan, owner string, refs []policyRef) []item {
	var out []item
	seen := map[string]bool{}
	for _, r := range refs {
		if seen[r.arn] {
			continue
		}
		seen[r.arn] = true
		if it, ok := g.policyItem(a, owner, r); ok {
			out = append(out, it)
		}
	}
	return out
}

// policyItem is how the project names an attached policy; false when it
// cannot, which is recorded as skipped.
func (g *gen) policyItem(a *acctPlan, owner string, r policyRef) (item, bool) {
	acct, _, _, ok := splitIAMARN(r.arn, "policy")
	switch {
	case !ok:
		g.sum.skip(owner+": policy "+r.arn, "not the ARN of an IAM policy")
	case acct == "aws":
		if p := g.aws[r.arn]; p != nil && p.unknown {
			g.sum.skip(owner+": policy "+r.arn, "iamc has no copy of this AWS managed policy and the export does not hold its document (export with no --filter, or add a policy block with its arn and document)")
			return item{}, false
		}
		return strItem(r.arn), true
	case acct != a.id:
		g.sum.skip(owner+": policy "+r.arn, "a policy of another account cannot be attached")
	case a.policyByARN[r.arn] == nil:
		g.sum.skip(owner+": policy "+r.arn, "the export does not hold this customer managed policy (a --filter without LocalManagedPolicy, or an incomplete export)")
	default:
		return refItem("policy." + a.policyByARN[r.arn].label), true
	}
	return item{}, false
}

// groupItems resolves a user's groups by name.
func (g *gen) groupItems(a *acctPlan, u *userPlan) []item {
	var out []item
	for _, name := range u.u.groups {
		gp := a.groupByName[name]
		if gp == nil {
			g.sum.skip("user "+u.u.name+": group "+name, "the export does not hold this group (a --filter without Group, or an incomplete export)")
			continue
		}
		out = append(out, refItem("group."+gp.label))
	}
	return out
}

// planOrg labels the units and the SCPs and RCPs, and works out what is
// attached to every level.
func (g *gen) planOrg() {
	if g.org == nil {
		return
	}
	g.orgLabel = "org"
	g.levels[g.org.rootID] = "organization." + g.orgLabel
	ul := newLabeler()
	for _, u := range g.org.units {
		want := snakeLabel(u.name)
		if want == "" {
			want = "unit"
		}
		label := ul.take(want)
		g.units[u.id] = label
		g.levels[u.id] = "unit." + label
	}
	for _, oa := range g.org.accounts {
		g.levels[oa.id] = "account." + g.byID[oa.id].label
	}
	scps, rcps := newLabeler(), newLabeler()
	for _, p := range g.org.policies {
		if p.typ == policyRCP && p.awsManaged && p.name == "RCPFullAWSAccess" {
			continue // always attached everywhere; iamc implies it
		}
		l := scps
		if p.typ == policyRCP {
			l = rcps
		}
		want := snakeLabel(p.name)
		if want == "" {
			want = strings.ReplaceAll(p.id, "-", "_")
		}
		pp := &orgPolicyPlan{p: p, label: l.take(want), implied: p.typ == policySCP && p.awsManaged && p.name == "FullAWSAccess"}
		pp.doc = g.newDoc(nil, p.doc, path.Join(orgKind(p.typ), pp.label))
		g.orgPols = append(g.orgPols, pp)
	}
	g.planAttachments()
}

// planAttachments works out the SCPs and RCPs each level lists: nil when
// the level has only what iamc implies (FullAWSAccess, RCPFullAWSAccess)
// and says nothing. A level without any SCP is a mistake of the listings.
func (g *gen) planAttachments() {
	g.attached = map[string][]item{}
	levels := []struct{ id, what string }{{g.org.rootID, "the root"}}
	for _, u := range g.org.units {
		levels = append(levels, struct{ id, what string }{u.id, "unit " + u.name})
	}
	for _, a := range g.org.accounts {
		levels = append(levels, struct{ id, what string }{a.id, "account " + a.id})
	}
	for _, l := range levels {
		for _, typ := range []string{policySCP, policyRCP} {
			if !g.org.enabled[typ] {
				continue
			}
			var list []item
			onlyImplied := true
			for _, p := range g.orgPols {
				if p.p.typ == typ && slices.Contains(p.p.targets, l.id) {
					onlyImplied = onlyImplied && p.implied
					list = append(list, refItem(orgKind(typ)+"."+p.label))
				}
			}
			if typ == policySCP && len(list) == 0 {
				g.errs = append(g.errs, &InputError{File: g.org.dir, Message: fmt.Sprintf("no SCP is attached to %s, and AWS keeps at least one attached to every root, unit and account: the listings (list-targets-for-policy) are incomplete", l.what)})
			}
			if !onlyImplied {
				g.attached[l.id+" "+typ] = list
				for _, it := range list {
					g.listed[it.ref] = true
				}
			}
		}
	}
}

// attachedAt is the list of policies of a type a level says it has.
func (g *gen) attachedAt(level, typ string) []item { return g.attached[level+" "+typ] }

// referenced reports whether a level lists the policy: FullAWSAccess is
// written only when a level lists it beside other SCPs.
func (g *gen) referenced(p *orgPolicyPlan) bool {
	return !p.implied || g.listed[orgKind(p.p.typ)+"."+p.label]
}

// orgKind is the block type of a policy type: scp or rcp.
func orgKind(typ string) string {
	if typ == policyRCP {
		return "rcp"
	}
	return "scp"
}

func itoa(n int) string { return strconv.Itoa(n) }
