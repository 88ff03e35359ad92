package compiler

import (
	"sort"
	"strings"
)

// Condition key types, as the model's key table (kt) writes them. The core
// refuses a request context value that is not of its key's type, so that a
// condition never silently fails to match a value it cannot read (§5).
const (
	typeString = "s"   // String
	typeARN    = "arn" // ARN
	typeBinary = "bin" // Binary (base64 text)
	typeNumber = "n"   // Numeric
	typeDate   = "d"   // Date: ISO 8601 or epoch seconds
	typeBool   = "b"   // Bool
	typeIP     = "ip"  // IPAddress
	// multi marks a multivalued key (ArrayOf…): its value is a list.
	multi = "*"
)

// globalKey describes an AWS global condition key (the IAM User Guide,
// "AWS global condition context keys"): its type, and who sets it in a
// request iamc decides. docs/semantics.md lists the same table for people;
// a test keeps the two equal.
type globalKey struct {
	Type string
	// Set is "" when the request context gives the key (what the service in
	// front of the resource observed), else why the request cannot: AWS
	// sets it from the principal, its credentials, the resource or its
	// clock. iamc computes the keys it can from the model (the principal's
	// ARN, account, organization, tags, the session's MFA state, the
	// resource's account and organization, the time) and leaves the others
	// absent.
	Set string
}

// Why a key cannot come from the request context.
const (
	setByPrincipal   = "principal"
	setByCredentials = "credentials"
	setByResource    = "resource"
	setByClock       = "clock"
)

var globalKeys = map[string]globalKey{
	"aws:assumedroot":                  {typeBool, setByCredentials},
	"aws:calledvia":                    {typeString + multi, ""},
	"aws:calledviaawsmcp":              {typeString, ""},
	"aws:calledviafirst":               {typeString, ""},
	"aws:calledvialast":                {typeString, ""},
	"aws:chatbotsourcearn":             {typeARN, setByCredentials},
	"aws:currenttime":                  {typeDate, setByClock},
	"aws:ec2instancesourceprivateipv4": {typeIP, setByCredentials},
	"aws:ec2instancesourcevpc":         {typeString, setByCredentials},
	"aws:epochtime":                    {typeDate, setByClock},
	"aws:federatedprovider":            {typeString, setByCredentials},
	"aws:ismcpserviceaction":           {typeBool, ""},
	"aws:multifactorauthage":           {typeNumber, setByCredentials},
	"aws:multifactorauthpresent":       {typeBool, setByCredentials},
	"aws:principalaccount":             {typeString, setByPrincipal},
	"aws:principalarn":                 {typeARN, setByPrincipal},
	"aws:principalisawsservice":        {typeBool, setByPrincipal},
	"aws:principalorgid":               {typeString, setByPrincipal},
	"aws:principalorgpaths":            {typeString + multi, setByPrincipal},
	"aws:principalservicename":         {typeString, setByPrincipal},
	"aws:principalservicenameslist":    {typeString + multi, setByPrincipal},
	"aws:principaltype":                {typeString, setByPrincipal},
	"aws:referer":                      {typeString, ""},
	"aws:requestedregion":              {typeString, ""},
	"aws:resourceaccount":              {typeString, setByResource},
	"aws:resourceorgid":                {typeString, setByResource},
	"aws:resourceorgpaths":             {typeString + multi, setByResource},
	"aws:securetransport":              {typeBool, ""},
	"aws:signinsessionarn":             {typeARN, setByCredentials},
	"aws:sourceaccount":                {typeString, ""},
	"aws:sourcearn":                    {typeARN, ""},
	"aws:sourceidentity":               {typeString, setByCredentials},
	"aws:sourceip":                     {typeIP, ""},
	"aws:sourceorgid":                  {typeString, ""},
	"aws:sourceorgpaths":               {typeString + multi, ""},
	"aws:sourcevpc":                    {typeString, ""},
	"aws:sourcevpcarn":                 {typeARN, ""},
	"aws:sourcevpce":                   {typeString, ""},
	"aws:tagkeys":                      {typeString + multi, ""},
	"aws:tokenissuetime":               {typeDate, setByCredentials},
	"aws:useragent":                    {typeString, ""},
	"aws:userid":                       {typeString, setByPrincipal},
	"aws:username":                     {typeString, setByPrincipal},
	"aws:viaawsmcpservice":             {typeBool, ""},
	"aws:viaawsservice":                {typeBool, ""},
	"aws:vpceaccount":                  {typeString, ""},
	"aws:vpceorgid":                    {typeString, ""},
	"aws:vpceorgpaths":                 {typeString + multi, ""},
	"aws:vpcsourceip":                  {typeIP, ""},
	// Keys the same page lists for the credentials services deliver.
	"codebuild:buildarn":            {typeARN, setByCredentials},
	"codebuild:projectarn":          {typeARN, setByCredentials},
	"ec2:roledelivery":              {typeNumber, setByCredentials},
	"ec2:sourceinstancearn":         {typeARN, setByCredentials},
	"glue:credentialissuingservice": {typeString, setByCredentials},
	"glue:roleassumedby":            {typeString, setByCredentials},
	"identitystore:userid":          {typeString, setByCredentials},
	"lambda:sourcefunctionarn":      {typeARN, setByCredentials},
	"ssm:sourceinstancearn":         {typeARN, setByCredentials},
}

// keyFamilyTypes are the types of key families named by a prefix: tags,
// object tags and encryption context pairs are single strings.
var keyFamilyTypes = map[string]string{
	"aws:principaltag/":      typeString,
	"aws:requesttag/":        typeString,
	"aws:resourcetag/":       typeString,
	"s3:existingobjecttag/":  typeString,
	"s3:requestobjecttag/":   typeString,
	"kms:encryptioncontext:": typeString,
}

// knownKeyType returns the type of a key AWS documents, if iamc knows it.
func knownKeyType(key string) (string, bool) {
	k := strings.ToLower(key)
	if g, ok := globalKeys[k]; ok {
		return g.Type, true
	}
	for p, t := range keyFamilyTypes {
		if strings.HasPrefix(k, p) {
			return t, true
		}
	}
	return "", false
}

// operatorType is the type of value an operator code reads; "" for Null,
// which reads any.
func operatorType(code string) string {
	switch code {
	case "s", "si", "sl":
		return typeString
	case "arn":
		return typeARN
	case "bin":
		return typeBinary
	case "b":
		return typeBool
	case "ip":
		return typeIP
	case "null":
		return ""
	}
	switch code[0] {
	case 'n':
		return typeNumber
	case 'd':
		return typeDate
	}
	return typeString
}

// keyTypes computes the model's key table: for every condition key a
// statement of the project reads, the type a request value must have. A
// key iamc knows takes its documented type, then a key of the AWS service
// catalog the catalog's type (awscatalog.go); any other key takes the types
// of the operators that read it (a value must satisfy every strict one: a
// number, a date, a boolean, an IP address), and is multivalued only when
// it is read with ForAnyValue:/ForAllValues: and never with a plain
// operator (§5.3).
func keyTypes(stmts []*mStmt) map[string]string {
	type use struct {
		strict       map[string]bool
		text         string
		set, plain   bool
		onlyNullRead bool
	}
	uses := map[string]*use{}
	for _, st := range stmts {
		for _, c := range st.C {
			u := uses[c.K]
			if u == nil {
				u = &use{strict: map[string]bool{}, onlyNullRead: true}
				uses[c.K] = u
			}
			t := operatorType(c.O)
			if t == "" {
				continue
			}
			u.onlyNullRead = false
			switch t {
			case typeString:
				u.text = typeString
			case typeARN, typeBinary:
				if u.text == "" {
					u.text = t
				}
			default:
				u.strict[t] = true
			}
			if c.Q != "" {
				u.set = true
			} else {
				u.plain = true
			}
		}
	}
	out := map[string]string{}
	for k, g := range globalKeys {
		out[k] = g.Type
	}
	for k, u := range uses {
		if t, ok := knownKeyType(k); ok {
			out[k] = t
			continue
		}
		if t, ok := catalogKeyType(k); ok {
			out[k] = t
			continue
		}
		if u.onlyNullRead {
			continue
		}
		var t string
		if len(u.strict) > 0 {
			ts := make([]string, 0, len(u.strict))
			for s := range u.strict {
				ts = append(ts, s)
			}
			sort.Strings(ts)
			t = strings.Join(ts, ",")
		} else {
			t = u.text
		}
		if u.set && !u.plain {
			t += multi
		}
		out[k] = t
	}
	return out
}

// refusedKeys is the model's table of the keys a request context cannot
// give, with why (the core's errors name it): every global key AWS sets
// itself. The families aws:PrincipalTag/ (always) and aws:ResourceTag/ (for
// a resource the project declares) are refused by the core.
func refusedKeys() map[string]string {
	out := map[string]string{}
	for k, g := range globalKeys {
		if g.Set != "" {
			out[k] = g.Set
		}
	}
	return out
}

// keyTypeName is a key type as AWS names it, for the docs.
func keyTypeName(t string) string {
	names := map[string]string{typeString: "String", typeARN: "ARN", typeBinary: "Binary", typeNumber: "Numeric",
		typeDate: "Date", typeBool: "Bool", typeIP: "IPAddress"}
	if base, ok := strings.CutSuffix(t, multi); ok {
		return "ArrayOf" + names[base]
	}
	return names[t]
}

// setByName says, for the docs, who sets a key in a request iamc decides.
func setByName(set string) string {
	switch set {
	case setByPrincipal:
		return "AWS, from the principal: computed, refused from the context"
	case setByCredentials:
		return "AWS, from the credentials: refused from the context"
	case setByResource:
		return "AWS, from the resource: computed, refused from the context"
	case setByClock:
		return "AWS, from its clock: computed, refused from the context"
	}
	return "the request context"
}
