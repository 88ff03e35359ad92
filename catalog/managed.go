package catalog

import (
	"strings"

	"github.com/iamc/iamc/catalog/internal/wire"
)

// ManagedARNPrefix starts the ARN of every AWS managed policy (in the aws
// partition, the one the data describes).
const ManagedARNPrefix = "arn:aws:iam::aws:policy/"

// ManagedPolicy is the default version of an AWS managed policy.
type ManagedPolicy struct {
	Name             string // "AWSLambdaRole"
	Path             string // "/service-role/"
	ARN              string // "arn:aws:iam::aws:policy/service-role/AWSLambdaRole"
	DefaultVersionID string // "v1"
	// Document is the policy document as JSON, with the keys, order and
	// values AWS returns; only the whitespace between tokens is removed.
	Document []byte
}

// managedIndex is the decoded set of managed policies.
type managedIndex struct {
	arns     []string                  // sorted
	byARN    map[string]*ManagedPolicy // exact ARN
	byName   map[string]*ManagedPolicy // exact name, and lower-cased name
	policies []*ManagedPolicy          // sorted by ARN
	lower    []string                  // lower-cased names, by policies' index
}

func loadManaged(name string) (*managedIndex, error) {
	w, err := readEmbedded(name, wire.DecodeManaged)
	if err != nil {
		return nil, err
	}
	n := len(w.Policies)
	x := &managedIndex{
		arns:     make([]string, n),
		byARN:    make(map[string]*ManagedPolicy, n),
		byName:   make(map[string]*ManagedPolicy, 2*n),
		policies: make([]*ManagedPolicy, n),
		lower:    make([]string, n),
	}
	store := make([]ManagedPolicy, n)
	for i, p := range w.Policies {
		mp := &store[i]
		*mp = ManagedPolicy{
			Name: p.Name, Path: p.Path, DefaultVersionID: p.Version, Document: p.Document,
			ARN: ManagedARNPrefix + strings.TrimPrefix(p.Path, "/") + p.Name,
		}
		x.arns[i] = mp.ARN
		x.byARN[mp.ARN] = mp
		x.lower[i] = strings.ToLower(p.Name)
		if _, dup := x.byName[x.lower[i]]; !dup {
			x.byName[x.lower[i]] = mp
		}
		x.byName[p.Name] = mp
		x.policies[i] = mp
	}
	return x, nil
}

// LookupManagedPolicy returns the AWS managed policy named by its ARN
// ("arn:aws:iam::aws:policy/service-role/AWSLambdaRole", matched exactly, as
// IAM does), by its path and name ("service-role/AWSLambdaRole" or
// "/service-role/AWSLambdaRole") or by its bare name ("AWSLambdaRole").
// Names are unique across paths; a name or path matches in any case when no
// policy has that exact spelling.
func LookupManagedPolicy(arnOrName string) (*ManagedPolicy, bool) {
	x := managedIdx()
	if strings.HasPrefix(arnOrName, "arn:") {
		p, ok := x.byARN[arnOrName]
		return p, ok
	}
	path, name := splitPolicyPath(arnOrName)
	p, ok := x.byName[name]
	if !ok {
		p, ok = x.byName[strings.ToLower(name)]
	}
	if !ok {
		return nil, false
	}
	if path != "" && path != p.Path && !strings.EqualFold(path, p.Path) {
		return nil, false
	}
	return p, true
}

// splitPolicyPath splits "service-role/Name" or "/service-role/Name" into
// the path "/service-role/" and the name; a bare name has the path "".
func splitPolicyPath(s string) (path, name string) {
	i := strings.LastIndexByte(s, '/')
	if i < 0 {
		return "", s
	}
	path = s[:i+1]
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	return path, s[i+1:]
}

// ManagedPolicies returns the ARNs of every AWS managed policy, sorted.
func ManagedPolicies() []string {
	return append([]string(nil), managedIdx().arns...)
}

// SuggestManagedPolicy returns the AWS managed policy whose name is closest
// to a misspelled one ("ReadOnlyAcess" → "ReadOnlyAccess"), and false when
// nothing is close enough to be a likely typo. It answers in the form it is
// asked: an ARN for an ARN (with the policy's real path, so that
// "arn:aws:iam::aws:policy/AWSLambdaRole" gives
// "arn:aws:iam::aws:policy/service-role/AWSLambdaRole"), else the name. A
// policy that exists returns its own ARN or name.
func SuggestManagedPolicy(arnOrName string) (string, bool) {
	x := managedIdx()
	asARN := strings.HasPrefix(arnOrName, "arn:")
	if p, ok := LookupManagedPolicy(arnOrName); ok {
		if asARN {
			return p.ARN, true
		}
		return p.Name, true
	}
	_, name := splitPolicyPath(arnOrName)
	i, ok := closest(strings.ToLower(name), x.lower)
	if !ok {
		return "", false
	}
	if asARN {
		return x.policies[i].ARN, true
	}
	return x.policies[i].Name, true
}
