package importer

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/iamc/iamc/schema"
)

// Layouts of the generated project.
const (
	// SplitKind writes one file per kind: users.hcl, groups.hcl, roles.hcl,
	// policies.hcl (with the blocks of every account).
	SplitKind = "kind"
	// SplitAccount writes the files of each account in its own directory,
	// accounts/<account>/users.hcl, ….
	SplitAccount = "account"
)

// How policy documents are written.
const (
	// DocumentsHCL writes statement blocks wherever iamc reads them as
	// exactly the JSON document, and keeps the others as JSON files.
	DocumentsHCL = "hcl"
	// DocumentsJSON keeps every document as a JSON file, read with
	// document = file("policies/….json").
	DocumentsJSON = "json"
)

// Options says what to import and where.
type Options struct {
	// Authz are outputs of aws iam get-account-authorization-details: one
	// or more files per account (pages of one account merge).
	Authz []string
	// OrgDir is a directory of Organizations listings (see the package
	// documentation); empty without an organization.
	OrgDir string
	// Dir is the project directory to write.
	Dir string
	// Documents is DocumentsHCL (the default) or DocumentsJSON.
	Documents string
	// Split is SplitKind or SplitAccount; empty picks SplitKind for one
	// account and SplitAccount for several.
	Split string
	// Force replaces the files of an earlier import that this one changes.
	Force bool
	// Progress, when set, is called as the import advances.
	Progress func(Progress)
}

// Progress is a step of a long import.
type Progress struct {
	Stage       string // "reading FILE", "policy documents", "writing"
	Done, Total int
}

// Report is the outcome of an import.
type Report struct {
	Summary Summary
	// Files are the project's files as generated (paths relative to Dir).
	Files map[string][]byte
	// Created, Updated, Deleted and Unchanged list the files by what the
	// import did to them (or would do, when Pending).
	Created, Updated, Deleted, Unchanged []string
	// Kept lists files of an earlier import that this one no longer
	// writes but that were changed since: they are left in place.
	Kept []string
	// Pending is set when Dir holds an earlier import that this one
	// changes and Force was not given: nothing was written, and Diff shows
	// the changes as a unified diff.
	Pending bool
	Diff    string
}

// Import reads the exports, generates the project and writes it to
// opts.Dir. An input that is not such an export returns InputErrors; a
// file of Dir that the import would replace but did not write returns a
// *ConflictError; in both cases nothing is written.
func Import(ctx context.Context, opts Options) (*Report, error) {
	r, err := Generate(ctx, opts)
	if err != nil {
		return nil, err
	}
	if err := apply(ctx, opts, r); err != nil {
		return nil, err
	}
	return r, nil
}

// Generate reads the exports and generates the project without writing
// it: the report's Files, and its Summary.
func Generate(ctx context.Context, opts Options) (*Report, error) {
	if opts.Documents == "" {
		opts.Documents = DocumentsHCL
	}
	if opts.Documents != DocumentsHCL && opts.Documents != DocumentsJSON {
		return nil, fmt.Errorf("documents must be %q or %q, not %q", DocumentsHCL, DocumentsJSON, opts.Documents)
	}
	if opts.Split != "" && opts.Split != SplitKind && opts.Split != SplitAccount {
		return nil, fmt.Errorf("split must be %q or %q, not %q", SplitKind, SplitAccount, opts.Split)
	}
	if len(opts.Authz) == 0 && opts.OrgDir == "" {
		return nil, fmt.Errorf("nothing to import: give get-account-authorization-details outputs, or the Organizations listings")
	}
	exports, awsDocs, org, err := read(ctx, opts)
	if err != nil {
		return nil, err
	}
	g := newGen(opts, exports, org, awsDocs)
	if err := g.analyze(ctx); err != nil {
		return nil, err
	}
	files, err := g.emit()
	if err != nil {
		return nil, err
	}
	if len(g.errs) > 0 {
		return nil, g.errs
	}
	g.summarize(exports)
	return &Report{Summary: *g.sum, Files: files}, nil
}

// read reads every input, collecting all the mistakes.
func read(ctx context.Context, opts Options) ([]*accountExport, map[string]*managedPolicy, *orgData, error) {
	var errs InputErrors
	var files []*authzFile
	inputs := map[string]*input{}
	for i, name := range opts.Authz {
		if err := ctx.Err(); err != nil {
			return nil, nil, nil, err
		}
		progress(opts, "reading "+name, i, len(opts.Authz))
		if inputs[name] != nil {
			continue // the same file twice
		}
		in, root, err := readInput(name, &errs)
		if err != nil {
			errs = append(errs, err.(*InputError))
			continue
		}
		inputs[name] = in
		if f := decodeAuthz(in, root); f != nil {
			files = append(files, f)
		}
	}
	var org *orgData
	if opts.OrgDir != "" {
		progress(opts, "reading "+opts.OrgDir, 0, 1)
		org = readOrg(opts.OrgDir, &errs)
	}
	exports := mergeAccounts(files, inputs)
	if len(errs) > 0 {
		return nil, nil, nil, errs
	}
	return exports, awsVersions(files), org, nil
}

var versionNumber = regexp.MustCompile(`^v(\d+)$`)

// awsVersions keeps, for every AWS managed policy the exports hold, the
// latest default version among them (exports taken at different times may
// hold different ones).
func awsVersions(files []*authzFile) map[string]*managedPolicy {
	out := map[string]*managedPolicy{}
	num := func(p *managedPolicy) int {
		if m := versionNumber.FindStringSubmatch(p.version); m != nil {
			n, _ := strconv.Atoi(m[1])
			return n
		}
		return 0
	}
	for _, f := range files {
		for _, p := range f.awsPols {
			if have := out[p.arn]; have == nil || num(p) > num(have) {
				out[p.arn] = p
			}
		}
	}
	return out
}

func progress(opts Options, stage string, done, total int) {
	if opts.Progress != nil {
		opts.Progress(Progress{Stage: stage, Done: done, Total: total})
	}
}

// analyze decides which documents are written as statement blocks: the
// slow part of a large import (every conversion is read back).
func (g *gen) analyze(ctx context.Context) error {
	if g.opts.Documents == DocumentsJSON {
		return nil
	}
	const batch = 200
	for start := 0; start < len(g.docs); start += batch {
		if err := ctx.Err(); err != nil {
			return err
		}
		progress(g.opts, "policy documents", start, len(g.docs))
		docs := g.docs[start:min(start+batch, len(g.docs))]
		parsed := make([]*schema.Document, len(docs))
		for i, d := range docs {
			parsed[i] = d.parsed
		}
		for i, ok := range convertibleAll(parsed) {
			docs[i].hcl = ok
		}
	}
	progress(g.opts, "policy documents", len(g.docs), len(g.docs))
	return nil
}

// summarize counts what was imported and says what the export cannot say.
func (g *gen) summarize(exports []*accountExport) {
	s := g.sum
	for _, a := range g.accounts {
		as := AccountSummary{ID: a.id, Label: a.label, HasIAM: a.exp != nil}
		if a.exp != nil {
			as.Users, as.Groups, as.Roles, as.Policies = len(a.users), len(a.groups), len(a.roles), len(a.policies)
			for _, u := range a.users {
				as.Inline += len(u.inline)
			}
			for _, gr := range a.groups {
				as.Inline += len(gr.inline)
			}
			for _, r := range a.roles {
				as.Inline += len(r.inline)
				if strings.HasPrefix(r.r.path, "/aws-service-role/") {
					as.ServiceLinked++
				}
			}
		}
		s.Accounts = append(s.Accounts, as)
	}
	for _, p := range g.aws {
		if !p.unknown {
			s.AWSManaged++
		}
		if p.supply != nil {
			s.AWSSupplied++
		}
	}
	for _, d := range g.docs {
		if d.hcl {
			s.HCLDocuments++
		} else {
			s.JSONDocuments++
		}
	}
	g.notes(exports)
}

// notes records what the export cannot say, and what was read but is not
// modeled.
func (g *gen) notes(exports []*accountExport) {
	s := g.sum
	for _, e := range exports {
		if len(e.truncated) > 0 {
			s.note(describeTruncated(e))
		}
	}
	arns := sortedKeys(g.aws)
	for _, arn := range arns {
		if n := g.aws[arn].note; n != "" {
			s.note(n)
		}
	}
	profiles, roles := 0, 0
	for _, a := range g.accounts {
		roles += len(a.roles)
		for _, r := range a.roles {
			profiles += r.r.instanceProfiles
		}
	}
	if profiles > 0 {
		s.skip(fmt.Sprintf("%d instance profile(s)", profiles), "iamc does not model instance profiles; the roles they hold are imported")
	}
	var noVersion, inexact []string
	for _, d := range g.docs {
		switch {
		case d.diag != "":
			s.note("iamc does not accept " + d.json + " as it stands, kept as JSON: " + d.diag)
		case d.hcl || g.opts.Documents == DocumentsJSON:
		case d.parsed.Version == "":
			noVersion = append(noVersion, d.json)
		default:
			inexact = append(inexact, d.json)
		}
	}
	if len(noVersion) > 0 {
		s.note(fmt.Sprintf("%s kept as JSON: no Version element, under which policy variables are plain text; statement blocks always have a version", listSome(noVersion)))
	}
	if len(inexact) > 0 {
		s.note(fmt.Sprintf("%s kept as JSON: statement blocks would not read back as exactly the same policy", listSome(inexact)))
	}
	s.note("resource-based policies (bucket, queue, topic, key and other resource policies) are not in the authorization details: the project has none; add resource blocks for those that matter")
	if roles > 0 {
		s.note("a role's maximum session duration and description are not in the authorization details: the roles take iamc's default of one hour")
	}
	g.orgNotes()
	sort.SliceStable(s.Skipped, func(i, j int) bool { return s.Skipped[i].What < s.Skipped[j].What })
}

// listSome names a few of many files.
func listSome(names []string) string {
	if len(names) <= 3 {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:3], ", "), len(names)-3)
}

func (g *gen) orgNotes() {
	s := g.sum
	if g.org == nil {
		if g.multi {
			s.note("without the Organizations listings (--org) the accounts are standalone: no SCP applies to them")
		}
		return
	}
	o := &OrgSummary{ID: g.org.id, Units: len(g.org.units), Accounts: len(g.org.accounts),
		SCPEnabled: g.org.enabled[policySCP], RCPEnabled: g.org.enabled[policyRCP]}
	for _, p := range g.orgPols {
		if p.p.typ == policySCP {
			o.SCPs++
		} else {
			o.RCPs++
		}
	}
	s.Organization = o
	if !o.SCPEnabled {
		s.note("service control policies are not enabled in the organization: no SCP applies, and none is imported")
	}
	if g.byID[g.org.management] == nil {
		s.note(fmt.Sprintf("the management account %s is in no listing: the organization has no management_account, and SCPs restrict every account", g.org.management))
	}
	if len(g.org.truncated) > 0 {
		s.note(fmt.Sprintf("%d listing(s) hold a NextToken and are incomplete; run the aws organizations commands without --max-items", len(g.org.truncated)))
	}
	if len(g.org.units) > 0 {
		s.note("unit IDs are iamc's own (the language gives units no id): a condition on aws:PrincipalOrgPaths or aws:ResourceOrgPaths that names an OU ID of the organization does not match in the project")
	}
	for _, a := range g.accounts {
		switch {
		case a.exp == nil:
			s.note(fmt.Sprintf("account %s (%s): no authorization details; the project has the account but none of its users, groups, roles or policies", a.label, a.id))
		case a.orgAcct == nil:
			s.note(fmt.Sprintf("account %s (%s) is not in the organization's listings: it is standalone, and no SCP applies to it", a.label, a.id))
		case a.orgAcct.status != "" && a.orgAcct.status != "ACTIVE":
			s.note(fmt.Sprintf("account %s (%s) is %s in the organization", a.label, a.id, a.orgAcct.status))
		}
	}
}
