package importer

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// The Organizations listings are read from one directory, a file per AWS
// CLI command, named after the command and its argument (docs/import.md
// gives the script that writes them):
//
//	describe-organization.json
//	list-roots.json
//	list-organizational-units-for-parent.<parent-id>.json  (the root, then every unit)
//	list-accounts-for-parent.<parent-id>.json               (the root and every unit)
//	list-policies.SERVICE_CONTROL_POLICY.json
//	list-policies.RESOURCE_CONTROL_POLICY.json              (when RCPs are enabled)
//	describe-policy.<policy-id>.json                        (every policy listed)
//	list-targets-for-policy.<policy-id>.json                (every policy listed)

const (
	policySCP = "SERVICE_CONTROL_POLICY"
	policyRCP = "RESOURCE_CONTROL_POLICY"
)

// orgFileName is the file of a command's output in the listings directory.
func orgFileName(command, arg string) string {
	if arg == "" {
		return command + ".json"
	}
	return command + "." + arg + ".json"
}

// orgCommand is the AWS CLI command that writes a listing file.
func orgCommand(command, arg string) string {
	c := "aws organizations " + command
	switch command {
	case "list-organizational-units-for-parent", "list-accounts-for-parent":
		c += " --parent-id " + arg
	case "list-policies":
		c += " --filter " + arg
	case "describe-policy", "list-targets-for-policy":
		c += " --policy-id " + arg
	}
	return c + " > " + orgFileName(command, arg)
}

type orgUnit struct {
	id, name, parent string
}

type orgAccount struct {
	id, name, parent string
	status           string
}

type orgPolicy struct {
	id, name, typ, description string
	awsManaged                 bool
	doc                        *document
	targets                    []string // root, unit and account IDs
}

type orgData struct {
	dir          string
	id           string
	management   string // the management account's ID
	rootID       string
	enabled      map[string]bool // policy types enabled at the root
	units        []*orgUnit      // parents before children
	accounts     []*orgAccount
	policies     []*orgPolicy // SCPs then RCPs, in listing order
	truncated    []string     // files with a NextToken
	unitByID     map[string]*orgUnit
	accountsByID map[string]*orgAccount
}

var (
	orgIDRE     = regexp.MustCompile(`^o-[a-z0-9]{10,32}$`)
	rootIDRE    = regexp.MustCompile(`^r-[0-9a-z]{4,32}$`)
	ouIDRE      = regexp.MustCompile(`^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$`)
	accountIDRE = regexp.MustCompile(`^\d{12}$`)
	policyIDRE  = regexp.MustCompile(`^p-[0-9a-zA-Z_]{8,128}$`)
)

// orgReader reads the listings of one directory.
type orgReader struct {
	dir  string
	errs *InputErrors
	org  *orgData
}

// readOrg reads the listings; mistakes go to errs.
func readOrg(dir string, errs *InputErrors) *orgData {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		msg := "is not a directory"
		if err != nil {
			msg = fmt.Sprintf("cannot read: %v", unwrapPath(err))
		}
		*errs = append(*errs, &InputError{File: dir, Message: msg})
		return nil
	}
	r := &orgReader{dir: dir, errs: errs, org: &orgData{dir: dir, enabled: map[string]bool{},
		unitByID: map[string]*orgUnit{}, accountsByID: map[string]*orgAccount{}}}
	if !r.organization() || !r.roots() {
		return nil
	}
	r.tree()
	if len(*errs) > 0 {
		return nil // the targets of the policies name what is missing
	}
	for _, typ := range []string{policySCP, policyRCP} {
		if r.org.enabled[typ] {
			r.policies(typ)
		}
	}
	if len(*errs) > 0 {
		return nil
	}
	return r.org
}

// open reads one listing file; a missing file is reported with the command
// that writes it.
func (r *orgReader) open(command, arg string) (val, bool) {
	name := filepath.Join(r.dir, orgFileName(command, arg))
	if _, err := os.Stat(name); errors.Is(err, fs.ErrNotExist) {
		*r.errs = append(*r.errs, &InputError{File: name, Message: "is missing; write it with: " + orgCommand(command, arg)})
		return val{}, false
	}
	in, root, err := readInput(name, r.errs)
	if err != nil {
		*r.errs = append(*r.errs, err.(*InputError))
		return val{}, false
	}
	v := in.root(root)
	if !v.object() {
		return val{}, false
	}
	if next, ok := v.field("NextToken").str(); ok && next != "" {
		r.org.truncated = append(r.org.truncated, name)
	}
	return v, true
}

// want checks a required member of a listing.
func want(v val, key string, re *regexp.Regexp, what string) (string, bool) {
	s, ok := v.field(key).reqStr()
	if ok && re != nil && !re.MatchString(s) {
		v.field(key).errorf("%q is not %s", s, what)
		return "", false
	}
	return s, ok
}

func (r *orgReader) organization() bool {
	v, ok := r.open("describe-organization", "")
	if !ok {
		return false
	}
	o := v.field("Organization")
	if !o.object() {
		if !o.present() {
			o.errorf("is missing: this is not the output of aws organizations describe-organization")
		}
		return false
	}
	id, ok1 := want(o, "Id", orgIDRE, "an organization ID (o- and 10 to 32 lowercase letters or digits)")
	mgmt, ok2 := want(o, "MasterAccountId", accountIDRE, "an account ID (12 digits)")
	if fs, _ := o.field("FeatureSet").str(); fs == "CONSOLIDATED_BILLING" {
		r.org.enabled = nil // only all features has policies
	}
	r.org.id, r.org.management = id, mgmt
	return ok1 && ok2
}

func (r *orgReader) roots() bool {
	v, ok := r.open("list-roots", "")
	if !ok {
		return false
	}
	roots := v.field("Roots").objects()
	if len(roots) != 1 {
		v.field("Roots").errorf("lists %d roots; an organization has exactly one", len(roots))
		return false
	}
	id, ok := want(roots[0], "Id", rootIDRE, "a root ID (r- and 4 to 32 lowercase letters or digits)")
	if !ok {
		return false
	}
	r.org.rootID = id
	enabled := map[string]bool{}
	for _, t := range roots[0].field("PolicyTypes").objects() {
		typ, _ := t.field("Type").str()
		status, _ := t.field("Status").str()
		if status == "ENABLED" && r.org.enabled != nil {
			enabled[typ] = true
		}
	}
	r.org.enabled = enabled
	return true
}

// tree reads the units and accounts below the root, breadth first.
func (r *orgReader) tree() {
	queue := []string{r.org.rootID}
	for len(queue) > 0 && len(r.org.units) < 10000 {
		parent := queue[0]
		queue = queue[1:]
		if v, ok := r.open("list-organizational-units-for-parent", parent); ok {
			for _, u := range v.field("OrganizationalUnits").objects() {
				id, ok1 := want(u, "Id", ouIDRE, "an organizational unit ID (ou-…)")
				name, ok2 := u.field("Name").reqStr()
				if !ok1 || !ok2 {
					continue
				}
				if _, dup := r.org.unitByID[id]; dup {
					u.field("Id").errorf("unit %s is listed twice", id)
					continue
				}
				unit := &orgUnit{id: id, name: name, parent: parent}
				r.org.units = append(r.org.units, unit)
				r.org.unitByID[id] = unit
				queue = append(queue, id)
			}
		}
		if v, ok := r.open("list-accounts-for-parent", parent); ok {
			for _, a := range v.field("Accounts").objects() {
				id, ok1 := want(a, "Id", accountIDRE, "an account ID (12 digits)")
				if !ok1 {
					continue
				}
				if _, dup := r.org.accountsByID[id]; dup {
					a.field("Id").errorf("account %s is listed under two parents", id)
					continue
				}
				name, _ := a.field("Name").str()
				status, _ := a.field("Status").str()
				acct := &orgAccount{id: id, name: name, parent: parent, status: status}
				r.org.accounts = append(r.org.accounts, acct)
				r.org.accountsByID[id] = acct
			}
		}
	}
}

// policies reads the policies of one type, their documents and targets.
func (r *orgReader) policies(typ string) {
	v, ok := r.open("list-policies", typ)
	if !ok {
		return
	}
	for _, p := range v.field("Policies").objects() {
		id, ok := want(p, "Id", policyIDRE, "a policy ID (p-…)")
		if !ok {
			continue
		}
		if t, _ := p.field("Type").str(); t != "" && t != typ {
			p.field("Type").errorf("is %q in the listing of %s policies", t, typ)
			continue
		}
		pol := &orgPolicy{id: id, typ: typ, awsManaged: p.field("AwsManaged").boolean()}
		pol.name, _ = p.field("Name").reqStr()
		pol.description, _ = p.field("Description").str()
		if r.describe(pol) && r.targets(pol) {
			r.org.policies = append(r.org.policies, pol)
		}
	}
}

func (r *orgReader) describe(pol *orgPolicy) bool {
	v, ok := r.open("describe-policy", pol.id)
	if !ok {
		return false
	}
	p := v.field("Policy")
	if !p.object() {
		if !p.present() {
			p.errorf("is missing: this is not the output of aws organizations describe-policy")
		}
		return false
	}
	if id, _ := p.field("PolicySummary").field("Id").str(); id != pol.id {
		p.field("PolicySummary").field("Id").errorf("is %q; this file describes policy %s", id, pol.id)
		return false
	}
	pol.doc = p.field("Content").doc()
	return pol.doc != nil
}

func (r *orgReader) targets(pol *orgPolicy) bool {
	v, ok := r.open("list-targets-for-policy", pol.id)
	if !ok {
		return false
	}
	good := true
	for _, t := range v.field("Targets").objects() {
		id, ok := t.field("TargetId").reqStr()
		typ, _ := t.field("Type").str()
		if !ok {
			good = false
			continue
		}
		known := (typ == "ROOT" && id == r.org.rootID) || (typ == "ORGANIZATIONAL_UNIT" && r.org.unitByID[id] != nil) ||
			(typ == "ACCOUNT" && r.org.accountsByID[id] != nil)
		if !known {
			t.field("TargetId").errorf("%s %s is not in the organization's listings (list-organizational-units-for-parent, list-accounts-for-parent)", strings.ToLower(typ), id)
			good = false
			continue
		}
		pol.targets = append(pol.targets, id)
	}
	return good
}
