package catalog

import (
	"sort"
	"strings"
	"sync"

	"github.com/iamc/iamc/catalog/internal/wire"
)

// AccessLevel is an action's access level as the service authorization
// reference names it.
type AccessLevel string

// The access levels of the service authorization reference.
const (
	List                  AccessLevel = "List"
	Read                  AccessLevel = "Read"
	Write                 AccessLevel = "Write"
	Tagging               AccessLevel = "Tagging"
	PermissionsManagement AccessLevel = "Permissions management"
)

// Service is one AWS service prefix.
type Service struct {
	Prefix        string          // "s3"
	Name          string          // "Amazon S3"
	SupportsRCP   bool            // resource control policies apply to it
	Actions       []*Action       // sorted by lower-cased name
	ResourceTypes []*ResourceType // sorted by name
	ConditionKeys []*ConditionKey // the service's table, sorted by lower-cased name
}

// Action is one action of a service.
type Action struct {
	Name          string      // canonical: "s3:GetObject"
	AccessLevel   AccessLevel // "Read"
	ResourceTypes []ActionResourceType
	// ConditionKeys are the keys AWS lists for the action as a whole,
	// sorted; keys that AWS lists only with one of its resource types are
	// in that type's ActionConditionKeys.
	ConditionKeys []string
}

// ActionResourceType is a resource type an action can be authorized on.
type ActionResourceType struct {
	*ResourceType
	// Required is true when AWS marks the type as required for the action
	// (an asterisk in the reference).
	Required bool
	// ActionConditionKeys are the keys AWS lists for the action on this
	// resource type, sorted.
	ActionConditionKeys []string
}

// ResourceType is a resource type of a service.
type ResourceType struct {
	Name          string   // "object"
	ARNFormat     string   // "arn:${Partition}:s3:::${BucketName}/${ObjectName}"
	ConditionKeys []string // keys of the resource type, sorted
	compile       sync.Once
	format        arnFormat // compiled on first use
}

// compiled returns the compiled ARN format.
func (rt *ResourceType) compiled() *arnFormat {
	rt.compile.Do(func() { rt.format = compileARNFormat(rt.ARNFormat) })
	return &rt.format
}

// iamIndex is the decoded service catalog.
type iamIndex struct {
	services []*Service          // sorted by prefix
	prefixes []string            // sorted
	byPrefix map[string]*Service // lower-cased prefix
	rcp      []string
	keys     conditionKeyIndex
	// allActions lists every canonical action name, sorted; built on the
	// first expansion of "*".
	allActions func() []string
}

func loadIAM(name string) (*iamIndex, error) {
	w, err := readEmbedded(name, wire.DecodeIAM)
	if err != nil {
		return nil, err
	}
	x := &iamIndex{byPrefix: make(map[string]*Service, len(w.Services))}
	var nActions, nTypes, nRefs int
	for i := range w.Services {
		nActions += len(w.Services[i].Actions)
		nTypes += len(w.Services[i].ResourceTypes)
		for _, a := range w.Services[i].Actions {
			nRefs += len(a.Resources)
		}
	}
	services := make([]Service, len(w.Services))
	actions := make([]Action, nActions)
	actionPtrs := make([]*Action, nActions)
	types := make([]ResourceType, nTypes)
	typePtrs := make([]*ResourceType, nTypes)
	refs := make([]ActionResourceType, nRefs)
	for i := range w.Services {
		ws := &w.Services[i]
		svc := &services[i]
		*svc = Service{Prefix: ws.Prefix, Name: ws.Name, SupportsRCP: ws.RCP}
		n := len(ws.ResourceTypes)
		svc.ResourceTypes, typePtrs = typePtrs[:n:n], typePtrs[n:]
		for j, wr := range ws.ResourceTypes {
			rt := &types[0]
			types = types[1:]
			rt.Name, rt.ARNFormat, rt.ConditionKeys = wr.Name, wr.ARN, wr.ConditionKeys
			svc.ResourceTypes[j] = rt
		}
		n = len(ws.Actions)
		svc.Actions, actionPtrs = actionPtrs[:n:n], actionPtrs[n:]
		for j, wa := range ws.Actions {
			a := &actions[0]
			actions = actions[1:]
			*a = Action{Name: wa.Name, AccessLevel: AccessLevel(wa.Level), ConditionKeys: wa.ConditionKeys}
			if n := len(wa.Resources); n > 0 {
				a.ResourceTypes, refs = refs[:0:n], refs[n:]
				for _, r := range wa.Resources {
					if rt := svc.resourceType(r.Type); rt != nil {
						a.ResourceTypes = append(a.ResourceTypes, ActionResourceType{rt, r.Required, r.ConditionKeys})
					}
				}
			}
			svc.Actions[j] = a
		}
		if svc.SupportsRCP {
			x.rcp = append(x.rcp, svc.Prefix)
		}
		x.services = append(x.services, svc)
		x.prefixes = append(x.prefixes, svc.Prefix)
		x.byPrefix[strings.ToLower(svc.Prefix)] = svc
	}
	x.keys = buildConditionKeys(w, x.services)
	x.allActions = sync.OnceValue(func() []string {
		all := make([]string, 0, nActions)
		for _, svc := range x.services {
			for _, a := range svc.Actions {
				all = append(all, a.Name)
			}
		}
		sort.Strings(all)
		return all
	})
	return x, nil
}

// resourceType returns the service's resource type with the given name.
func (s *Service) resourceType(name string) *ResourceType {
	i := sort.Search(len(s.ResourceTypes), func(i int) bool { return s.ResourceTypes[i].Name >= name })
	if i < len(s.ResourceTypes) && s.ResourceTypes[i].Name == name {
		return s.ResourceTypes[i]
	}
	return nil
}

// action returns the service's action whose name (after the prefix)
// equals name in any case. The actions are sorted by lower-cased name.
func (s *Service) action(name string) *Action {
	plen := len(s.Prefix) + 1
	i := sort.Search(len(s.Actions), func(i int) bool { return compareFold(s.Actions[i].Name[plen:], name) >= 0 })
	if i < len(s.Actions) && compareFold(s.Actions[i].Name[plen:], name) == 0 {
		return s.Actions[i]
	}
	return nil
}

// compareFold compares two strings as their ASCII lower cases.
func compareFold(a, b string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		ca, cb := lowerByte(a[i]), lowerByte(b[i])
		if ca != cb {
			if ca < cb {
				return -1
			}
			return 1
		}
	}
	return len(a) - len(b)
}

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// LookupService returns the service with the given prefix ("s3"), in any
// case.
func LookupService(prefix string) (*Service, bool) {
	var buf [32]byte
	s, ok := iamIdx().byPrefix[string(lowerInto(buf[:], prefix))]
	return s, ok
}

// Services returns every service prefix, sorted.
func Services() []string {
	return append([]string(nil), iamIdx().prefixes...)
}

// RCPServices returns the prefixes of the services that support resource
// control policies, sorted.
func RCPServices() []string {
	return append([]string(nil), iamIdx().rcp...)
}

// LookupAction returns the action named "service:Action" in any case.
func LookupAction(action string) (*Action, bool) {
	prefix, name, ok := strings.Cut(action, ":")
	if !ok {
		return nil, false
	}
	svc, ok := LookupService(prefix)
	if !ok {
		return nil, false
	}
	a := svc.action(name)
	return a, a != nil
}

// ResourceTypesFor returns the resource types of an action, and false if
// the action is not in the catalog. An action without resource types is
// authorized only on "*".
func ResourceTypesFor(action string) ([]ActionResourceType, bool) {
	a, ok := LookupAction(action)
	if !ok {
		return nil, false
	}
	return a.ResourceTypes, true
}

// ExpandAction returns the canonical names of every catalog action that the
// IAM action pattern matches, sorted. As in IAM, the match ignores case, "*"
// alone matches every action, and otherwise the pattern is "service:name"
// where the service prefix is literal and the name may hold wildcards: "*"
// any run of characters, "?" exactly one. A pattern matching nothing gives
// an empty result.
func ExpandAction(pattern string) []string {
	if pattern == "*" {
		return append([]string(nil), iamIdx().allActions()...)
	}
	prefix, name, ok := strings.Cut(pattern, ":")
	if !ok {
		return nil
	}
	svc, ok := LookupService(prefix)
	if !ok {
		return nil
	}
	plen := len(svc.Prefix) + 1
	var out []string
	for _, a := range svc.Actions {
		if globMatchFold(name, a.Name[plen:]) {
			out = append(out, a.Name)
		}
	}
	sort.Strings(out) // the service keeps them in case-insensitive order
	return out
}

// globMatchFold reports whether s matches the pattern p, ignoring ASCII
// case, where '*' in p matches any run of bytes and '?' exactly one.
func globMatchFold(p, s string) bool {
	pi, si := 0, 0
	star, mark := -1, 0
	for si < len(s) {
		switch {
		case pi < len(p) && p[pi] != '*' && (p[pi] == '?' || lowerByte(p[pi]) == lowerByte(s[si])):
			pi++
			si++
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, si
			pi++
		case star >= 0:
			pi = star + 1
			mark++
			si = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

// SuggestAction returns the catalog action closest to a misspelled one
// ("s3:GetObjct" → "s3:GetObject"), correcting the service prefix too if
// it is unknown, and false when nothing is close enough to be a likely
// typo. A known action returns its canonical name.
func SuggestAction(action string) (string, bool) {
	prefix, name, ok := strings.Cut(action, ":")
	if !ok {
		return "", false
	}
	svc, ok := LookupService(prefix)
	if !ok {
		p, found := SuggestService(prefix)
		if !found {
			return "", false
		}
		svc, _ = LookupService(p)
	}
	plen := len(svc.Prefix) + 1
	names := make([]string, len(svc.Actions))
	for i, a := range svc.Actions {
		names[i] = a.Name[plen:]
	}
	i, ok := closest(strings.ToLower(name), names)
	if !ok {
		return "", false
	}
	return svc.Actions[i].Name, true
}

// SuggestService returns the service prefix closest to a misspelled one
// ("s3x" → "s3"), and false when nothing is close enough. A known prefix
// returns itself.
func SuggestService(prefix string) (string, bool) {
	x := iamIdx()
	i, ok := closest(strings.ToLower(prefix), x.prefixes)
	if !ok {
		return "", false
	}
	return x.prefixes[i], true
}
