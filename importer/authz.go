package importer

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/iamc/iamc/internal/jsontree"
)

// The model of `aws iam get-account-authorization-details` output (IAM API
// reference: GetAccountAuthorizationDetails, UserDetail, GroupDetail,
// RoleDetail, ManagedPolicyDetail). Only what iamc models is read; other
// members (dates, IDs, counts) may be anything.

type policyRef struct {
	arn  string
	name string
	at   val
}

type inlinePolicy struct {
	name string
	doc  *document
}

type tag struct{ key, value string }

type iamUser struct {
	name, path, arn string
	groups          []string
	inline          []inlinePolicy
	attached        []policyRef
	boundary        *policyRef
	tags            []tag
	at              val
}

type iamGroup struct {
	name, path, arn string
	inline          []inlinePolicy
	attached        []policyRef
	at              val
}

type iamRole struct {
	name, path, arn  string
	trust            *document
	inline           []inlinePolicy
	attached         []policyRef
	boundary         *policyRef
	tags             []tag
	lastUsed         string // RoleLastUsed.LastUsedDate, as the export writes it
	lastRegion       string
	instanceProfiles int
	at               val
}

// managedPolicy is a managed policy with the document of its default
// version.
type managedPolicy struct {
	name, path, arn string
	description     string
	version         string // the default version's ID
	doc             *document
	at              val
}

// accountExport is what the inputs say of one account.
type accountExport struct {
	id       string
	files    []string
	users    []*iamUser
	groups   []*iamGroup
	roles    []*iamRole
	policies []*managedPolicy // customer managed
	// truncated names the files that say IsTruncated: the AWS CLI fetches
	// every page unless --max-items or --no-paginate stops it.
	truncated []string
}

var (
	iamNameRE = regexp.MustCompile(`^[\w+=,.@-]+$`)
	iamPathRE = regexp.MustCompile(`^(/|/[\x21-\x7E]+/)$`)
)

// maxName is the longest IAM name of a kind: 64 characters for users and
// roles, 128 for groups and policies.
func maxName(typ string) int {
	if typ == "user" || typ == "role" {
		return 64
	}
	return 128
}

func validIAMName(name, typ string) bool {
	return len(name) <= maxName(typ) && iamNameRE.MatchString(name)
}

var iamARN = regexp.MustCompile(`^arn:([a-z-]+):iam::(\d{12}|aws):([a-z-]+)(/.*)$`)

// splitIAMARN splits an IAM ARN into its account and the path and name of
// its resource of the given type ("user", "role", …).
func splitIAMARN(arn, typ string) (account, path, name string, ok bool) {
	m := iamARN.FindStringSubmatch(arn)
	if m == nil || m[1] != "aws" || m[3] != typ {
		return "", "", "", false
	}
	rest := m[4]
	i := strings.LastIndexByte(rest, '/')
	return m[2], rest[:i+1], rest[i+1:], true
}

// authzFile is one decoded file.
type authzFile struct {
	name      string
	users     []*iamUser
	groups    []*iamGroup
	roles     []*iamRole
	policies  []*managedPolicy // customer managed
	awsPols   []*managedPolicy // AWS managed, with the account's default version
	accounts  map[string]val   // account IDs of the ARNs, with the first place each is named
	truncated bool
	// faulty is set when the file has mistakes: an account it fails to
	// name is then no mistake of its own.
	faulty bool
}

var authzLists = []string{"UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"}

// decodeAuthz reads one get-account-authorization-details output.
func decodeAuthz(in *input, root *jsontree.Node) *authzFile {
	r := in.root(root)
	if root.Kind != jsontree.Object {
		r.errorf("is %s; get-account-authorization-details writes an object with %s", root.Kind.Article(), strings.Join(authzLists, ", "))
		return nil
	}
	found := false
	for _, k := range authzLists {
		found = found || r.field(k).n != nil
	}
	if !found {
		r.errorf("has none of %s: this is not the output of aws iam get-account-authorization-details", strings.Join(authzLists, ", "))
		return nil
	}
	f := &authzFile{name: in.name, accounts: map[string]val{}}
	before := len(*in.errs)
	defer func() { f.faulty = len(*in.errs) > before }()
	f.truncated = r.field("IsTruncated").boolean()
	for _, u := range r.field("UserDetailList").objects() {
		if x := f.user(u); x != nil {
			f.users = append(f.users, x)
		}
	}
	for _, g := range r.field("GroupDetailList").objects() {
		if x := f.group(g); x != nil {
			f.groups = append(f.groups, x)
		}
	}
	for _, ro := range r.field("RoleDetailList").objects() {
		if x := f.role(ro); x != nil {
			f.roles = append(f.roles, x)
		}
	}
	for _, p := range r.field("Policies").objects() {
		f.policy(p)
	}
	return f
}

// identity reads the name, ARN and path of an entry, checking that they
// agree, and notes the account of the ARN.
func (f *authzFile) identity(v val, nameKey, typ string) (name, path, arn string, ok bool) {
	name, ok1 := v.field(nameKey).reqStr()
	arn, ok2 := v.field("Arn").reqStr()
	if !ok1 || !ok2 {
		return "", "", "", false
	}
	acct, arnPath, arnName, ok := splitIAMARN(arn, typ)
	if !ok || acct == "aws" {
		v.field("Arn").errorf("%q is not the ARN of an IAM %s (arn:aws:iam::<account>:%s/<path><name>; iamc models the aws partition)", arn, typ, typ)
		return "", "", "", false
	}
	if !validIAMName(name, typ) {
		v.field(nameKey).errorf("%q is not an IAM %s name (1 to %d letters, digits and +=,.@_-)", name, typ, maxName(typ))
		return "", "", "", false
	}
	path = arnPath
	if p, ok := v.field("Path").str(); ok {
		path = p
	}
	if !iamPathRE.MatchString(path) || len(path) > 512 {
		v.field("Path").errorf("%q is not an IAM path (\"/\", or up to 512 characters between slashes, like \"/staff/\")", path)
		return "", "", "", false
	}
	if arnName != name || arnPath != path {
		v.field("Arn").errorf("%q does not name the %s %q with path %q of this entry", arn, typ, name, path)
		return "", "", "", false
	}
	if _, seen := f.accounts[acct]; !seen {
		f.accounts[acct] = v.field("Arn")
	}
	return name, path, arn, true
}

func (f *authzFile) inline(v val) []inlinePolicy {
	var out []inlinePolicy
	seen := map[string]bool{}
	for _, p := range v.objects() {
		name, ok := p.field("PolicyName").reqStr()
		if ok && !validIAMName(name, "policy") {
			p.field("PolicyName").errorf("%q is not an IAM policy name (1 to 128 letters, digits and +=,.@_-)", name)
			ok = false
		}
		if ok && seen[strings.ToLower(name)] {
			p.field("PolicyName").errorf("inline policy %q is given twice", name)
			ok = false
		}
		d := p.field("PolicyDocument").doc()
		if ok && d != nil {
			seen[strings.ToLower(name)] = true
			out = append(out, inlinePolicy{name: name, doc: d})
		}
	}
	return out
}

func (f *authzFile) attached(v val) []policyRef {
	var out []policyRef
	for _, p := range v.objects() {
		arn, ok := p.field("PolicyArn").reqStr()
		name, _ := p.field("PolicyName").str()
		if ok {
			out = append(out, policyRef{arn: arn, name: name, at: p.field("PolicyArn")})
		}
	}
	return out
}

func (f *authzFile) boundary(v val) *policyRef {
	if !v.object() {
		return nil
	}
	arn, ok := v.field("PermissionsBoundaryArn").reqStr()
	if !ok {
		return nil
	}
	return &policyRef{arn: arn, at: v.field("PermissionsBoundaryArn")}
}

func (f *authzFile) tags(v val) []tag {
	var out []tag
	for _, t := range v.objects() {
		k, ok1 := t.field("Key").reqStr()
		val, ok2 := t.field("Value").str()
		if !t.field("Value").present() {
			ok2 = true // an empty tag value may be left out
		}
		if ok1 && ok2 {
			out = append(out, tag{k, val})
		}
	}
	return out
}

func (f *authzFile) user(v val) *iamUser {
	name, path, arn, ok := f.identity(v, "UserName", "user")
	if !ok {
		return nil
	}
	return &iamUser{
		name: name, path: path, arn: arn, at: v,
		groups:   v.field("GroupList").strings(),
		inline:   f.inline(v.field("UserPolicyList")),
		attached: f.attached(v.field("AttachedManagedPolicies")),
		boundary: f.boundary(v.field("PermissionsBoundary")),
		tags:     f.tags(v.field("Tags")),
	}
}

func (f *authzFile) group(v val) *iamGroup {
	name, path, arn, ok := f.identity(v, "GroupName", "group")
	if !ok {
		return nil
	}
	return &iamGroup{
		name: name, path: path, arn: arn, at: v,
		inline:   f.inline(v.field("GroupPolicyList")),
		attached: f.attached(v.field("AttachedManagedPolicies")),
	}
}

func (f *authzFile) role(v val) *iamRole {
	name, path, arn, ok := f.identity(v, "RoleName", "role")
	if !ok {
		return nil
	}
	r := &iamRole{
		name: name, path: path, arn: arn, at: v,
		trust:            v.field("AssumeRolePolicyDocument").doc(),
		inline:           f.inline(v.field("RolePolicyList")),
		attached:         f.attached(v.field("AttachedManagedPolicies")),
		boundary:         f.boundary(v.field("PermissionsBoundary")),
		tags:             f.tags(v.field("Tags")),
		instanceProfiles: len(v.field("InstanceProfileList").objects()),
	}
	if lu := v.field("RoleLastUsed"); lu.object() {
		if d := lu.field("LastUsedDate"); d.present() && (d.n.Kind == jsontree.String || d.n.Kind == jsontree.Number) {
			r.lastUsed = d.n.Str
		}
		r.lastRegion, _ = lu.field("Region").str()
	}
	return r
}

// policy reads a managed policy and the document of its default version.
func (f *authzFile) policy(v val) {
	name, ok1 := v.field("PolicyName").reqStr()
	arn, ok2 := v.field("Arn").reqStr()
	if !ok1 || !ok2 {
		return
	}
	acct, path, arnName, ok := splitIAMARN(arn, "policy")
	if !validIAMName(name, "policy") {
		v.field("PolicyName").errorf("%q is not an IAM policy name (1 to 128 letters, digits and +=,.@_-)", name)
		return
	}
	if !ok || arnName != name || !iamPathRE.MatchString(path) {
		v.field("Arn").errorf("%q is not the ARN of the policy %q (arn:aws:iam::<account or aws>:policy/<path><name>)", arn, name)
		return
	}
	p := &managedPolicy{name: name, path: path, arn: arn, at: v}
	p.description, _ = v.field("Description").str()
	def, _ := v.field("DefaultVersionId").str()
	for _, ver := range v.field("PolicyVersionList").objects() {
		id, _ := ver.field("VersionId").str()
		isDefault := ver.field("IsDefaultVersion").boolean()
		if (def != "" && id == def) || (def == "" && isDefault) {
			p.version = id
			p.doc = ver.field("Document").doc()
			if p.doc == nil {
				return
			}
		}
	}
	if p.doc == nil {
		where := "DefaultVersionId"
		if def == "" {
			where = "IsDefaultVersion"
		}
		v.field("PolicyVersionList").errorf("has no version marked by %s; the export holds the document of every policy's default version", where)
		return
	}
	if acct == "aws" {
		f.awsPols = append(f.awsPols, p)
		return
	}
	if _, seen := f.accounts[acct]; !seen {
		f.accounts[acct] = v.field("Arn")
	}
	f.policies = append(f.policies, p)
}

// accountFromName finds an account ID in a file name, for an export that
// names no ARN (an account without users, groups, roles or policies).
var accountInName = regexp.MustCompile(`(^|\D)(\d{12})(\D|$)`)

func accountFromName(name string) (string, bool) {
	base := name
	if i := strings.LastIndexAny(base, `/\`); i >= 0 {
		base = base[i+1:]
	}
	m := accountInName.FindAllStringSubmatch(base, -1)
	if len(m) != 1 {
		return "", false
	}
	return m[0][2], true
}

// mergeAccounts groups the decoded files by account. A file names exactly
// one account; pages of one account's export merge, and an entity given
// twice must be given the same way.
func mergeAccounts(files []*authzFile, inputs map[string]*input) []*accountExport {
	byID := map[string]*accountExport{}
	var order []string
	for _, f := range files {
		in := inputs[f.name]
		var id string
		switch len(f.accounts) {
		case 0:
			if f.faulty {
				continue
			}
			var ok bool
			if id, ok = accountFromName(f.name); !ok {
				in.errorAt(jsontree.Pos{Line: 1, Column: 1}, "$", "names no IAM entity of any account, so the account it describes is unknown; put the 12-digit account ID in the file name, like authz-111122223333.json")
				continue
			}
		case 1:
			for k := range f.accounts {
				id = k
			}
		default:
			ids := sortedKeys(f.accounts)
			second := f.accounts[ids[1]]
			second.errorf("names account %s, but the file also describes account %s; give one file per account (get-account-authorization-details describes the account it runs in)", ids[1], ids[0])
			continue
		}
		a := byID[id]
		if a == nil {
			a = &accountExport{id: id}
			byID[id] = a
			order = append(order, id)
		}
		a.files = append(a.files, f.name)
		if f.truncated {
			a.truncated = append(a.truncated, f.name)
		}
		a.users = mergeEntities(a.users, f.users, func(u *iamUser) (string, val) { return u.arn, u.at })
		a.groups = mergeEntities(a.groups, f.groups, func(g *iamGroup) (string, val) { return g.arn, g.at })
		a.roles = mergeEntities(a.roles, f.roles, func(r *iamRole) (string, val) { return r.arn, r.at })
		a.policies = mergeEntities(a.policies, f.policies, func(p *managedPolicy) (string, val) { return p.arn, p.at })
	}
	out := make([]*accountExport, 0, len(order))
	for _, id := range order {
		a := byID[id]
		uniqueNames(a.users, func(u *iamUser) (string, val) { return u.name, u.at.field("UserName") })
		uniqueNames(a.groups, func(g *iamGroup) (string, val) { return g.name, g.at.field("GroupName") })
		uniqueNames(a.roles, func(r *iamRole) (string, val) { return r.name, r.at.field("RoleName") })
		uniqueNames(a.policies, func(p *managedPolicy) (string, val) { return p.name, p.at.field("PolicyName") })
		if len(a.truncated) < len(a.files) {
			// Pages of one export: every page but the last says
			// IsTruncated.
			a.truncated = nil
		}
		out = append(out, a)
	}
	return out
}

// mergeEntities appends the entities of another file, keeping one of each
// ARN; the same ARN described differently is an error.
func mergeEntities[T any](have, more []T, key func(T) (string, val)) []T {
	seen := map[string]val{}
	for _, x := range have {
		k, v := key(x)
		seen[k] = v
	}
	for _, x := range more {
		k, v := key(x)
		if first, dup := seen[k]; dup {
			a := first.in.src[first.n.Start.Byte:first.n.End.Byte]
			b := v.in.src[v.n.Start.Byte:v.n.End.Byte]
			if compactJSON(a) != compactJSON(b) {
				v.errorf("describes %s differently from %s:%d:%d; give each account's export once", k, first.in.name, first.n.Start.Line, first.n.Start.Column)
			}
			continue
		}
		seen[k] = v
		have = append(have, x)
	}
	return have
}

// uniqueNames reports two entities of one kind and account whose names
// differ only in case, which IAM does not allow.
func uniqueNames[T any](xs []T, name func(T) (string, val)) {
	seen := map[string]string{}
	for _, x := range xs {
		n, v := name(x)
		if first, dup := seen[strings.ToLower(n)]; dup {
			v.errorf("%q and %q are one name to IAM, which does not tell names apart by case", n, first)
			continue
		}
		seen[strings.ToLower(n)] = n
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sortStrings(keys)
	return keys
}

func describeTruncated(a *accountExport) string {
	return fmt.Sprintf("%s say IsTruncated: the export of account %s is incomplete; run aws iam get-account-authorization-details without --max-items or --no-paginate", strings.Join(a.truncated, ", "), a.id)
}
