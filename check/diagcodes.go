package check

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// diagCodes gives the compiler's diagnostics their codes, by summary. A test
// reads the summaries written in schema and compiler and fails when one has
// no code here, so that every diagnostic keeps a stable code.
var diagCodes = map[string]string{
	// syntax
	"Invalid JSON":                 "SYNTAX_ERROR",
	"Invalid JSON string":          "SYNTAX_ERROR",
	"Invalid JSON number":          "SYNTAX_ERROR",
	"Duplicate JSON key":           "SYNTAX_ERROR",
	"JSON document too deep":       "PROJECT_LIMIT",
	"Invalid policy document":      "DATA_TYPE_MISMATCH",
	"Unexpected attribute":         "INVALID_POLICY_ELEMENT",
	"Unexpected block":             "INVALID_POLICY_ELEMENT",
	"Unexpected label":             "INVALID_POLICY_ELEMENT",
	"Wrong number of labels":       "INVALID_POLICY_ELEMENT",
	"Duplicate block":              "INVALID_POLICY_ELEMENT",
	"Attribute beside a document":  "INVALID_POLICY_ELEMENT",
	"Statements beside a document": "INVALID_POLICY_ELEMENT",
	"Sid given twice":              "INVALID_POLICY_ELEMENT",
	"Test outside a test file":     "INVALID_POLICY_ELEMENT",
	// types and values
	"Wrong type":                   "DATA_TYPE_MISMATCH",
	"Invalid value":                "DATA_TYPE_MISMATCH",
	"Invalid Statement":            "DATA_TYPE_MISMATCH",
	"Invalid Condition":            "DATA_TYPE_MISMATCH",
	"Unknown value":                "INVALID_REFERENCE",
	"Empty list":                   "INVALID_ATTRIBUTE_VALUE",
	"Invalid duration":             "INVALID_ATTRIBUTE_VALUE",
	"Invalid max_session_duration": "INVALID_ATTRIBUTE_VALUE",
	// policy grammar (SEMANTICS.md §7)
	"Invalid policy version":                    "INVALID_VERSION",
	"Invalid policy Version":                    "INVALID_VERSION",
	"Invalid effect":                            "INVALID_EFFECT",
	"Invalid Effect":                            "INVALID_EFFECT",
	"Missing Effect":                            "MISSING_EFFECT",
	"Missing Action":                            "MISSING_ACTION",
	"Missing Resource":                          "MISSING_RESOURCE",
	"Missing Principal":                         "MISSING_PRINCIPAL",
	"Missing Statement":                         "MISSING_STATEMENT",
	"Empty policy":                              "MISSING_STATEMENT",
	"Action and NotAction together":             "UNSUPPORTED_ELEMENT_COMBINATION",
	"Resource and NotResource together":         "UNSUPPORTED_ELEMENT_COMBINATION",
	"Principal and NotPrincipal together":       "UNSUPPORTED_ELEMENT_COMBINATION",
	"NotPrincipal with Allow":                   "UNSUPPORTED_PRINCIPAL",
	"NotPrincipal in a trust policy":            "UNSUPPORTED_PRINCIPAL",
	"Invalid principal":                         "INVALID_PRINCIPAL_FORMAT",
	"Invalid service principal":                 "INVALID_PRINCIPAL_FORMAT",
	"Group as principal":                        "INVALID_PRINCIPAL_FORMAT",
	"Unknown principal type":                    "INVALID_PRINCIPAL_FORMAT",
	"Missing principal type":                    "INVALID_PRINCIPAL_FORMAT",
	"Missing identifiers":                       "INVALID_PRINCIPAL_FORMAT",
	"Partial wildcard in principal":             "UNSUPPORTED_WILDCARD_IN_PRINCIPAL",
	"Wildcard in principal":                     "UNSUPPORTED_WILDCARD_IN_PRINCIPAL",
	"Invalid principal in policy":               "INVALID_PRINCIPAL_IN_POLICY",
	"Invalid action":                            "INVALID_ACTION",
	"Wildcard in service prefix":                "INVALID_ACTION",
	"Unknown action":                            "UNKNOWN_ACTION",
	"Invalid resource ARN":                      "INVALID_ARN_RESOURCE",
	"Wildcard in service":                       "INVALID_ARN_RESOURCE",
	"Unknown condition operator":                "INVALID_CONDITION_OPERATOR",
	"Invalid Null operator":                     "NULL_WITH_IF_EXISTS",
	"Invalid Null value":                        "INVALID_CONDITION_DATA_TYPE",
	"Invalid number":                            "INVALID_CONDITION_DATA_TYPE",
	"Invalid date":                              "INVALID_CONDITION_DATA_TYPE",
	"Invalid IP address":                        "INVALID_CONDITION_DATA_TYPE",
	"Invalid condition value":                   "INVALID_CONDITION_DATA_TYPE",
	"Number out of range":                       "INVALID_CONDITION_DATA_TYPE",
	"Duplicate condition key":                   "INVALID_CONDITION",
	"Multivalued key without a set operator":    "MISSING_QUALIFIER",
	"Empty condition":                           "INVALID_CONDITION",
	"Empty condition key":                       "INVALID_CONDITION",
	"Incomplete condition":                      "INVALID_CONDITION",
	"Invalid policy variable":                   "INVALID_VARIABLE",
	"Policy variable outside the resource part": "INVALID_VARIABLE",
	"Duplicate Sid":                             "UNIQUE_SIDS_REQUIRED",
	"Invalid Sid":                               "UNSUPPORTED_SID",
	"Invalid character":                         "INVALID_CHARACTER",
	// references and declarations
	"Unknown reference":                           "INVALID_REFERENCE",
	"Incomplete reference":                        "INVALID_REFERENCE",
	"Invalid reference":                           "INVALID_REFERENCE",
	"Wrong kind of reference":                     "INVALID_REFERENCE",
	"Duplicate reference":                         "INVALID_REFERENCE",
	"Duplicate inline policy":                     "DUPLICATE_DECLARATION",
	"Duplicate account id":                        "DUPLICATE_DECLARATION",
	"Duplicate test":                              "DUPLICATE_DECLARATION",
	"Duplicate for_each name":                     "DUPLICATE_DECLARATION",
	"Invalid name":                                "INVALID_NAME",
	"Invalid path":                                "INVALID_NAME",
	"Invalid account id":                          "INVALID_NAME",
	"Invalid organization id":                     "INVALID_NAME",
	"Invalid service prefix":                      "INVALID_NAME",
	"Cycle of units":                              "INVALID_ORGANIZATION",
	"Management account outside the organization": "INVALID_ORGANIZATION",
	"Account outside an organization":             "INVALID_ORGANIZATION",
	"No SCP attached":                             "INVALID_ORGANIZATION",
	"Missing parent":                              "INVALID_ORGANIZATION",
	"Policy of another account":                   "CROSS_ACCOUNT_ATTACHMENT",
	"Group of another account":                    "CROSS_ACCOUNT_ATTACHMENT",
	"Missing account":                             "MISSING_ATTRIBUTE",
	"Missing account id":                          "MISSING_ATTRIBUTE",
	"Missing resource arn":                        "MISSING_ATTRIBUTE",
	"Missing actions":                             "MISSING_ATTRIBUTE",
	// tests
	"Invalid expect":                   "INVALID_TEST",
	"Invalid for_each":                 "INVALID_TEST",
	"Empty for_each":                   "INVALID_TEST",
	"Invalid issued_at":                "INVALID_TEST",
	"Invalid time":                     "INVALID_TEST",
	"Reserved context key":             "INVALID_TEST",
	"Federated and assume together":    "INVALID_TEST",
	"Session policy without a session": "INVALID_TEST",
	"Assume context without a session": "INVALID_TEST",
	"A role is not a principal":        "INVALID_TEST",
	// files and limits
	"Cannot read project":     "CANNOT_READ",
	"Cannot read file":        "CANNOT_READ",
	"No policy files":         "CANNOT_READ",
	"Cannot encode the model": "INTERNAL_ERROR",
	"Too deeply nested":       "PROJECT_LIMIT",
	"Too many statements":     "PROJECT_LIMIT",
	"Too large to evaluate":   "PROJECT_LIMIT",
	// warnings
	"Action matches nothing":              "ACTION_MATCHES_NOTHING",
	"Policy over the size limit":          "POLICY_SIZE_LIMIT",
	"Inline policies over the size limit": "INLINE_POLICY_SIZE_LIMIT",
	"Too many managed policies":           "MANAGED_POLICY_COUNT_LIMIT",
	"Too many groups":                     "GROUP_COUNT_LIMIT",
	"Too many SCPs":                       "SCP_COUNT_LIMIT",
}

// diagPrefixes codes summaries built at run time ("Duplicate user \"x\"",
// "Invalid Action" for a JSON element of the wrong type).
var diagPrefixes = []struct{ prefix, code string }{
	{"Unknown policy element ", "INVALID_POLICY_ELEMENT"},
	{"Unknown attribute ", "INVALID_POLICY_ELEMENT"},
	{"Unknown block ", "INVALID_POLICY_ELEMENT"},
	{"Principal in ", "UNSUPPORTED_PRINCIPAL"},
	{"Duplicate ", "DUPLICATE_DECLARATION"},
	{"Too many ", "PROJECT_LIMIT"},
	{"Too deep", "PROJECT_LIMIT"},
	{"Empty ", "INVALID_ATTRIBUTE_VALUE"},
	{"Missing ", "MISSING_ATTRIBUTE"},
	{"Invalid Action", "DATA_TYPE_MISMATCH"},
	{"Invalid NotAction", "DATA_TYPE_MISMATCH"},
	{"Invalid Resource", "DATA_TYPE_MISMATCH"},
	{"Invalid NotResource", "DATA_TYPE_MISMATCH"},
	{"Invalid Principal", "DATA_TYPE_MISMATCH"},
	{"Invalid NotPrincipal", "DATA_TYPE_MISMATCH"},
	{"Invalid Version", "DATA_TYPE_MISMATCH"},
	{"Invalid Id", "DATA_TYPE_MISMATCH"},
}

// codeOf returns the code of a diagnostic of the compiler, or of HCL itself.
// syntax holds the keys of the HCL parser's own diagnostics.
func codeOf(d *hcl.Diagnostic, syntax map[string]bool) string {
	if d.Expression != nil || d.EvalContext != nil {
		return "INVALID_HCL" // HCL's evaluation: functions, attributes, types
	}
	if syntax[diagKey(d)] {
		return "SYNTAX_ERROR"
	}
	if d.Summary == "Set operator on a single-valued key" {
		if strings.Contains(strings.ToLower(d.Detail), "forallvalues:") {
			return "FORALLVALUES_WITH_SINGLE_VALUED_KEY"
		}
		return "FORANYVALUE_WITH_SINGLE_VALUED_KEY"
	}
	if c, ok := diagCodes[d.Summary]; ok {
		return c
	}
	for _, p := range diagPrefixes {
		if strings.HasPrefix(d.Summary, p.prefix) {
			return p.code
		}
	}
	if d.Severity == hcl.DiagWarning {
		return "COMPILER_WARNING"
	}
	return "INVALID_HCL"
}

// diagKey identifies a diagnostic by its summary and position.
func diagKey(d *hcl.Diagnostic) string {
	if d.Subject == nil {
		return d.Summary
	}
	return fmt.Sprintf("%s:%d:%d:%s", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column, d.Summary)
}

// syntaxKeys parses every HCL source again and returns the keys of the
// parser's diagnostics: they are syntax errors whatever their summary says.
func syntaxKeys(sources map[string][]byte) map[string]bool {
	out := map[string]bool{}
	for name, src := range sources {
		if !strings.HasSuffix(name, ".hcl") {
			continue
		}
		_, diags := hclsyntax.ParseConfig(src, name, hcl.InitialPos)
		for _, d := range diags {
			out[diagKey(d)] = true
		}
	}
	return out
}
