package check

import "sort"

// Rule describes one kind of finding.
type Rule struct {
	Code     string
	Severity Severity
	// Title names the problem in a few words.
	Title string
	// Hint is the usual fix, in one line; a finding may carry a more
	// specific one.
	Hint string
	// Analysis is true for the checks of this package; false for the
	// compiler's own diagnostics, which check presents with a code.
	Analysis bool
}

// rules is the catalog of codes. Codes are stable: they may be added, never
// renamed or reused. Many are IAM Access Analyzer's issue codes for the
// same check.
var rules = []Rule{
	// ------------------------------------------------ compiler diagnostics
	{Code: "SYNTAX_ERROR", Severity: Error, Title: "Syntax error", Hint: "fix the HCL or JSON syntax at the position shown"},
	{Code: "INVALID_HCL", Severity: Error, Title: "Invalid HCL expression", Hint: "fix the expression as the message says"},
	{Code: "INVALID_POLICY_ELEMENT", Severity: Error, Title: "Unknown or misplaced element", Hint: "remove the element, or use one the message lists"},
	{Code: "DATA_TYPE_MISMATCH", Severity: Error, Title: "Value of the wrong type", Hint: "give the value the type the message names"},
	{Code: "INVALID_VERSION", Severity: Error, Title: "Invalid policy version", Hint: `use version "2012-10-17"`},
	{Code: "INVALID_EFFECT", Severity: Error, Title: "Invalid effect", Hint: `write effect as exactly "Allow" or "Deny"`},
	{Code: "MISSING_EFFECT", Severity: Error, Title: "Missing effect", Hint: `add "Effect": "Allow" or "Deny"`},
	{Code: "MISSING_ACTION", Severity: Error, Title: "Missing action", Hint: "add actions (or not_actions) to the statement"},
	{Code: "MISSING_RESOURCE", Severity: Error, Title: "Missing resource", Hint: `add resources (or not_resources); ["*"] only when you mean every resource`},
	{Code: "MISSING_PRINCIPAL", Severity: Error, Title: "Missing principal", Hint: "add a principals block naming who the statement is about"},
	{Code: "MISSING_STATEMENT", Severity: Error, Title: "Policy without statements", Hint: "add at least one statement"},
	{Code: "UNSUPPORTED_ELEMENT_COMBINATION", Severity: Error, Title: "Elements that exclude each other", Hint: "keep only one of the two elements"},
	{Code: "UNSUPPORTED_PRINCIPAL", Severity: Error, Title: "Principal where none is allowed", Hint: "remove the principal: identity policies and SCPs apply to whom they are attached to; NotPrincipal goes only with Deny in resource policies"},
	{Code: "INVALID_PRINCIPAL_FORMAT", Severity: Error, Title: "Invalid principal", Hint: `name a principal as "*", an account ID, or the ARN of a user, role, role session or federated user`},
	{Code: "UNSUPPORTED_WILDCARD_IN_PRINCIPAL", Severity: Error, Title: "Wildcard inside a principal", Hint: `use "*" with an ArnLike condition on aws:PrincipalArn instead`},
	{Code: "INVALID_PRINCIPAL_IN_POLICY", Severity: Error, Title: "Principal that does not exist", Hint: "declare the user or role, or correct the ARN"},
	{Code: "INVALID_ACTION", Severity: Error, Title: "Invalid action", Hint: `write actions as "service:ActionName" (wildcards in the name only) or "*"`},
	{Code: "UNKNOWN_ACTION", Severity: Error, Title: "Action the service catalog does not list", Hint: "use an action the service block lists, or add it to the service block"},
	{Code: "INVALID_ARN_RESOURCE", Severity: Error, Title: "Invalid resource ARN", Hint: `write "*" or arn:partition:service:region:account:resource`},
	{Code: "INVALID_CONDITION_OPERATOR", Severity: Error, Title: "Unknown condition operator", Hint: "use a condition operator of the IAM User Guide"},
	{Code: "NULL_WITH_IF_EXISTS", Severity: Error, Title: "Null with IfExists or a set operator", Hint: "use plain Null"},
	{Code: "INVALID_CONDITION_DATA_TYPE", Severity: Error, Title: "Condition value of the wrong type", Hint: "give a value of the operator's type: a number, a date, an IP address, true or false"},
	{Code: "MISSING_QUALIFIER", Severity: Error, Title: "Multivalued key without a set operator", Hint: "prefix the operator with ForAnyValue: or ForAllValues:"},
	{Code: "INVALID_CONDITION", Severity: Error, Title: "Incomplete condition", Hint: "give the condition an operator, a key and at least one value"},
	{Code: "INVALID_VARIABLE", Severity: Error, Title: "Invalid policy variable", Hint: "write ${key} in the resource part of an ARN or in a String, ARN or Bool condition value"},
	{Code: "UNIQUE_SIDS_REQUIRED", Severity: Error, Title: "Duplicate Sid", Hint: "give every statement of a policy its own Sid"},
	{Code: "UNSUPPORTED_SID", Severity: Error, Title: "Invalid Sid", Hint: "use only letters and digits in a Sid"},
	{Code: "INVALID_CHARACTER", Severity: Error, Title: "Character not allowed in a policy", Hint: "use only tab, line breaks and characters U+0020 to U+00FF"},
	{Code: "INVALID_REFERENCE", Severity: Error, Title: "Invalid reference", Hint: "refer to a declared block as kind.name (see did you mean)"},
	{Code: "DUPLICATE_DECLARATION", Severity: Error, Title: "Declared twice", Hint: "rename or remove one of the two"},
	{Code: "INVALID_NAME", Severity: Error, Title: "Invalid name, path or ID", Hint: "follow the naming rule the message gives"},
	{Code: "INVALID_ORGANIZATION", Severity: Error, Title: "Invalid organization structure", Hint: "make every unit and account lead to one organization"},
	{Code: "CROSS_ACCOUNT_ATTACHMENT", Severity: Error, Title: "Attachment across accounts", Hint: "attach policies and groups of the same account"},
	{Code: "MISSING_ATTRIBUTE", Severity: Error, Title: "Missing attribute", Hint: "add the attribute the message names"},
	{Code: "INVALID_ATTRIBUTE_VALUE", Severity: Error, Title: "Invalid attribute value", Hint: "give a value in the range the message names"},
	{Code: "INVALID_TEST", Severity: Error, Title: "Invalid test", Hint: "fix the test block as the message says"},
	{Code: "CANNOT_READ", Severity: Error, Title: "Cannot read the project", Hint: "check the path and the file's permissions"},
	{Code: "PROJECT_LIMIT", Severity: Error, Title: "Over a limit of iamc", Hint: "split the file or policy, or flatten the expression"},
	{Code: "INTERNAL_ERROR", Severity: Error, Title: "Internal error", Hint: "report this as a bug of iamc"},
	{Code: "ACTION_MATCHES_NOTHING", Severity: Warning, Title: "Action pattern that matches no action", Hint: "correct the pattern, or add the actions to the service block"},
	{Code: "POLICY_SIZE_LIMIT", Severity: Warning, Title: "Policy over the AWS size limit", Hint: "split the policy, or shorten it with wildcards"},
	{Code: "INLINE_POLICY_SIZE_LIMIT", Severity: Warning, Title: "Inline policies over the AWS size limit", Hint: "move inline policies into managed policies"},
	{Code: "MANAGED_POLICY_COUNT_LIMIT", Severity: Warning, Title: "More managed policies than AWS allows", Hint: "merge policies, or attach them through groups"},
	{Code: "GROUP_COUNT_LIMIT", Severity: Warning, Title: "User in more groups than AWS allows", Hint: "merge groups; AWS allows 10 per user"},
	{Code: "SCP_COUNT_LIMIT", Severity: Warning, Title: "More SCPs than AWS allows", Hint: "merge SCPs; AWS allows 5 per root, unit or account"},
	{Code: "FORALLVALUES_WITH_SINGLE_VALUED_KEY", Severity: SecurityWarning, Title: "ForAllValues with a single-valued key", Hint: "remove ForAllValues: (it is true when the key is absent)"},
	{Code: "FORANYVALUE_WITH_SINGLE_VALUED_KEY", Severity: Warning, Title: "ForAnyValue with a single-valued key", Hint: "remove ForAnyValue: and use the plain operator"},
	{Code: "COMPILER_WARNING", Severity: Warning, Title: "Compiler warning", Hint: "see the message"},

	// ------------------------------------------------ analyses
	{Code: "INVALID_ARN_SEGMENT", Severity: Error, Analysis: true, Title: "Malformed ARN segment", Hint: "correct the partition, service, region or account of the ARN"},
	{Code: "ARN_SEGMENT_NOT_ALLOWED", Severity: Error, Analysis: true, Title: "Region or account in an ARN of a service that has none", Hint: "leave the segment empty, as in arn:aws:s3:::bucket/key"},
	{Code: "PASS_ROLE_WITH_STAR_IN_RESOURCE", Severity: SecurityWarning, Analysis: true, Title: "iam:PassRole on every role", Hint: "list the role ARNs that may be passed, or add an iam:PassedToService condition"},
	{Code: "FORALLVALUES_WITHOUT_NULL_CHECK", Severity: SecurityWarning, Analysis: true, Title: "ForAllValues in an Allow without a Null check", Hint: "add condition Null {key: false} so that a request without the key is not allowed"},
	{Code: "ALLOW_NOT_ACTION_WITH_STAR_RESOURCE", Severity: SecurityWarning, Analysis: true, Title: `Allow with NotAction on "*"`, Hint: "list the actions to allow instead; NotAction allows every other action of every service, including new ones"},
	{Code: "TRUST_WILDCARD_PRINCIPAL", Severity: SecurityWarning, Analysis: true, Title: "Role anyone can assume", Hint: "name the principals, or add a condition such as aws:PrincipalOrgID or sts:ExternalId"},
	{Code: "WILDCARD_PRINCIPAL_IN_RESOURCE_POLICY", Severity: SecurityWarning, Analysis: true, Title: "Resource open to everyone", Hint: "name the principals, or scope \"*\" with aws:PrincipalOrgID, aws:PrincipalAccount or aws:SourceAccount"},
	{Code: "STRING_EQUALS_WITH_WILDCARD", Severity: Warning, Analysis: true, Title: "Wildcard in StringEquals", Hint: "use StringLike to match a pattern; StringEquals compares * and ? literally"},
	{Code: "DENY_WITH_BOOL_MFA_FALSE", Severity: Warning, Analysis: true, Title: "Deny on MFA false misses long-term keys", Hint: `use BoolIfExists {aws:MultiFactorAuthPresent = "false"}: the key is absent for long-term access keys`},
	{Code: "MISSING_VERSION", Severity: Warning, Analysis: true, Title: "JSON policy without Version", Hint: `add "Version": "2012-10-17"; without it policy variables are literal text`},
	{Code: "REDUNDANT_STATEMENT", Severity: Suggestion, Analysis: true, Title: "Statement covered by another", Hint: "remove the statement; the other one already applies wherever it does"},
	{Code: "REDUNDANT_ACTION", Severity: Suggestion, Analysis: true, Title: "Action listed twice or covered by a wildcard", Hint: "remove the repeated action"},
	{Code: "REDUNDANT_RESOURCE", Severity: Suggestion, Analysis: true, Title: "Resource listed twice or covered by a wildcard", Hint: "remove the repeated resource"},
	{Code: "UNATTACHED_POLICY", Severity: Suggestion, Analysis: true, Title: "Policy attached to no one", Hint: "attach the policy, or delete it"},
	{Code: "USER_WITHOUT_PERMISSIONS", Severity: Suggestion, Analysis: true, Title: "User with no group and no policy", Hint: "add the user to a group or attach a policy, or delete the user"},
	{Code: "ROLE_NOT_ASSUMABLE", Severity: Suggestion, Analysis: true, Title: "Role no one can assume", Hint: "add a trust statement allowing sts:AssumeRole to a principal"},
}

var rulesByCode = func() map[string]Rule {
	m := map[string]Rule{}
	for _, r := range rules {
		m[r.Code] = r
	}
	return m
}()

// Rules returns every rule, sorted by code.
func Rules() []Rule {
	out := append([]Rule(nil), rules...)
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// RuleFor returns the rule of a code.
func RuleFor(code string) (Rule, bool) {
	r, ok := rulesByCode[code]
	return r, ok
}
