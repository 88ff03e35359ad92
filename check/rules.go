package check

import (
	"sort"

	"github.com/iamc/iamc/schema"
)

// Rule describes one kind of finding.
type Rule struct {
	Code     schema.Code
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

// The codes of the analyses; the compiler's diagnostics have theirs in
// package schema.
const (
	CodeInvalidARNSegment                 schema.Code = "INVALID_ARN_SEGMENT"
	CodeARNSegmentNotAllowed              schema.Code = "ARN_SEGMENT_NOT_ALLOWED"
	CodePassRoleWithStarInResource        schema.Code = "PASS_ROLE_WITH_STAR_IN_RESOURCE"
	CodeForAllValuesWithoutNullCheck      schema.Code = "FORALLVALUES_WITHOUT_NULL_CHECK"
	CodeAllowNotActionWithStarResource    schema.Code = "ALLOW_NOT_ACTION_WITH_STAR_RESOURCE"
	CodeTrustWildcardPrincipal            schema.Code = "TRUST_WILDCARD_PRINCIPAL"
	CodeWildcardPrincipalInResourcePolicy schema.Code = "WILDCARD_PRINCIPAL_IN_RESOURCE_POLICY"
	CodeStringEqualsWithWildcard          schema.Code = "STRING_EQUALS_WITH_WILDCARD"
	CodeDenyWithBoolMFAFalse              schema.Code = "DENY_WITH_BOOL_MFA_FALSE"
	CodeMissingVersion                    schema.Code = "MISSING_VERSION"
	CodeRedundantStatement                schema.Code = "REDUNDANT_STATEMENT"
	CodeRedundantAction                   schema.Code = "REDUNDANT_ACTION"
	CodeRedundantResource                 schema.Code = "REDUNDANT_RESOURCE"
	CodeUnattachedPolicy                  schema.Code = "UNATTACHED_POLICY"
	CodeUserWithoutPermissions            schema.Code = "USER_WITHOUT_PERMISSIONS"
	CodeRoleNotAssumable                  schema.Code = "ROLE_NOT_ASSUMABLE"
	CodeExternalAccess                    schema.Code = "EXTERNAL_ACCESS"
	CodeUnusedSuppression                 schema.Code = "UNUSED_SUPPRESSION"
	CodeAllowWithNotPrincipal             schema.Code = "ALLOW_WITH_NOT_PRINCIPAL"
	CodeUndeclaredKMSKey                  schema.Code = "UNDECLARED_KMS_KEY"
)

// rules is the catalog of codes. Codes are stable: they may be added, never
// renamed or reused. Many are IAM Access Analyzer's issue codes for the
// same check.
var rules = []Rule{
	// ------------------------------------------------ compiler diagnostics
	{Code: schema.CodeSyntaxError, Severity: Error, Title: "Syntax error", Hint: "fix the HCL or JSON syntax at the position shown"},
	{Code: schema.CodeInvalidHCL, Severity: Error, Title: "Invalid HCL expression", Hint: "fix the expression as the message says"},
	{Code: schema.CodeInvalidPolicyElement, Severity: Error, Title: "Unknown or misplaced element", Hint: "remove the element, or use one the message lists"},
	{Code: schema.CodeDataTypeMismatch, Severity: Error, Title: "Value of the wrong type", Hint: "give the value the type the message names"},
	{Code: schema.CodeInvalidVersion, Severity: Error, Title: "Invalid policy version", Hint: `use version "2012-10-17"`},
	{Code: schema.CodeInvalidEffect, Severity: Error, Title: "Invalid effect", Hint: `write effect as exactly "Allow" or "Deny"`},
	{Code: schema.CodeMissingEffect, Severity: Error, Title: "Missing effect", Hint: `add "Effect": "Allow" or "Deny"`},
	{Code: schema.CodeMissingAction, Severity: Error, Title: "Missing action", Hint: "add actions (or not_actions) to the statement"},
	{Code: schema.CodeMissingResource, Severity: Error, Title: "Missing resource", Hint: `add resources (or not_resources); ["*"] only when you mean every resource`},
	{Code: schema.CodeMissingPrincipal, Severity: Error, Title: "Missing principal", Hint: "add a principals block naming who the statement is about"},
	{Code: schema.CodeMissingStatement, Severity: Error, Title: "Policy without statements", Hint: "add at least one statement"},
	{Code: schema.CodeUnsupportedElementCombination, Severity: Error, Title: "Elements that exclude each other", Hint: "keep only one of the two elements"},
	{Code: schema.CodeUnsupportedPrincipal, Severity: Error, Title: "Principal where none is allowed", Hint: "remove the principal: identity policies and SCPs apply to whom they are attached to; NotPrincipal goes only with Deny in resource policies"},
	{Code: schema.CodeInvalidPrincipalFormat, Severity: Error, Title: "Invalid principal", Hint: `name a principal as "*", an account ID, or the ARN of a user, role, role session or federated user`},
	{Code: schema.CodeUnsupportedWildcardInPrincipal, Severity: Error, Title: "Wildcard inside a principal", Hint: `use "*" with an ArnLike condition on aws:PrincipalArn instead`},
	{Code: schema.CodeInvalidPrincipalInPolicy, Severity: Error, Title: "Principal that does not exist", Hint: "declare the user or role, or correct the ARN"},
	{Code: schema.CodeInvalidAction, Severity: Error, Title: "Invalid action", Hint: `write actions as "service:ActionName" (wildcards in the name only) or "*"`},
	{Code: schema.CodeUnknownAction, Severity: Error, Title: "Action the service catalog does not list", Hint: "use an action the service block lists, or add it to the service block"},
	{Code: schema.CodeInvalidARNResource, Severity: Error, Title: "Invalid resource ARN", Hint: `write "*" or arn:partition:service:region:account:resource`},
	{Code: schema.CodeInvalidConditionOperator, Severity: Error, Title: "Unknown condition operator", Hint: "use a condition operator of the IAM User Guide"},
	{Code: schema.CodeNullWithIfExists, Severity: Error, Title: "Null with IfExists or a set operator", Hint: "use plain Null"},
	{Code: schema.CodeInvalidConditionDataType, Severity: Error, Title: "Condition value of the wrong type", Hint: "give a value of the operator's type: a number, a date, an IP address, true or false"},
	{Code: schema.CodeMissingQualifier, Severity: Warning, Title: "Multivalued key without a set operator", Hint: "prefix the operator with ForAnyValue: or ForAllValues:"},
	{Code: schema.CodeInvalidCondition, Severity: Error, Title: "Incomplete condition", Hint: "give the condition an operator, a key and at least one value"},
	{Code: schema.CodeInvalidVariable, Severity: Error, Title: "Invalid policy variable", Hint: "write ${key} in the resource part of an ARN or in a String, ARN or Bool condition value"},
	{Code: schema.CodeUniqueSidsRequired, Severity: Error, Title: "Duplicate Sid", Hint: "give every statement of a policy its own Sid"},
	{Code: schema.CodeUnsupportedSid, Severity: Error, Title: "Invalid Sid", Hint: "use only letters and digits in a Sid"},
	{Code: schema.CodeInvalidCharacter, Severity: Error, Title: "Character not allowed in a policy", Hint: "use only tab, line breaks and characters U+0020 to U+00FF"},
	{Code: schema.CodeInvalidReference, Severity: Error, Title: "Invalid reference", Hint: "refer to a declared block as kind.name (see did you mean)"},
	{Code: schema.CodeDuplicateDeclaration, Severity: Error, Title: "Declared twice", Hint: "rename or remove one of the two"},
	{Code: schema.CodeInvalidName, Severity: Error, Title: "Invalid name, path or ID", Hint: "follow the naming rule the message gives"},
	{Code: schema.CodeInvalidOrganization, Severity: Error, Title: "Invalid organization structure", Hint: "make every unit and account lead to one organization"},
	{Code: schema.CodeCrossAccountAttachment, Severity: Error, Title: "Attachment across accounts", Hint: "attach policies and groups of the same account"},
	{Code: schema.CodeMissingAttribute, Severity: Error, Title: "Missing attribute", Hint: "add the attribute the message names"},
	{Code: schema.CodeInvalidAttributeValue, Severity: Error, Title: "Invalid attribute value", Hint: "give a value in the range the message names"},
	{Code: schema.CodeInvalidTest, Severity: Error, Title: "Invalid test", Hint: "fix the test block as the message says"},
	{Code: schema.CodeCannotRead, Severity: Error, Title: "Cannot read the project", Hint: "check the path and the file's permissions"},
	{Code: schema.CodeProjectLimit, Severity: Error, Title: "Over a limit of iamc", Hint: "split the file or policy, or flatten the expression"},
	{Code: schema.CodeInternalError, Severity: Error, Title: "Internal error", Hint: "report this as a bug of iamc"},
	{Code: schema.CodeActionMatchesNothing, Severity: Warning, Title: "Action pattern that matches no action", Hint: "correct the pattern, or add the actions to the service block"},
	{Code: schema.CodePolicySizeLimit, Severity: Warning, Title: "Policy over the AWS size limit", Hint: "split the policy, or shorten it with wildcards"},
	{Code: schema.CodeInlinePolicySizeLimit, Severity: Warning, Title: "Inline policies over the AWS size limit", Hint: "move inline policies into managed policies"},
	{Code: schema.CodeManagedPolicyCountLimit, Severity: Warning, Title: "More managed policies than AWS allows", Hint: "merge policies, or attach them through groups"},
	{Code: schema.CodeGroupCountLimit, Severity: Warning, Title: "User in more groups than AWS allows", Hint: "merge groups; AWS allows 10 per user"},
	{Code: schema.CodeSCPCountLimit, Severity: Warning, Title: "More SCPs than AWS allows", Hint: "merge SCPs; AWS allows 5 per root, unit or account"},
	{Code: schema.CodeForAllValuesWithSingleValuedKey, Severity: SecurityWarning, Title: "ForAllValues with a single-valued key", Hint: "remove ForAllValues: (it is true when the key is absent)"},
	{Code: schema.CodeForAnyValueWithSingleValuedKey, Severity: Warning, Title: "ForAnyValue with a single-valued key", Hint: "remove ForAnyValue: and use the plain operator"},
	{Code: schema.CodeCompilerWarning, Severity: Warning, Title: "Compiler warning", Hint: "see the message"},
	{Code: schema.CodeRCPCountLimit, Severity: Warning, Title: "More RCPs than AWS allows", Hint: "merge RCPs; AWS allows 5 per root, unit or account"},
	{Code: schema.CodeUnknownService, Severity: Warning, Title: "Service prefix AWS does not have", Hint: "correct the prefix, or declare a service block for a service of your own"},
	{Code: schema.CodeUnknownAWSAction, Severity: Error, Title: "Action the AWS service does not have", Hint: "correct the action (see did you mean); if AWS added it after iamc's catalog, suppress the finding with the reason"},
	{Code: schema.CodeWildcardMatchesNone, Severity: Warning, Title: "Action wildcard that matches no AWS action", Hint: "correct the pattern so that it matches the actions you mean"},
	{Code: schema.CodeUnknownConditionKey, Severity: Warning, Title: "Condition key AWS does not have", Hint: "correct the key (see did you mean): a request never carries an unknown key"},
	{Code: schema.CodeConditionTypeMismatch, Severity: Warning, Title: "Condition operator of the wrong type for its key", Hint: "use an operator of the key's type (the message names it)"},
	{Code: schema.CodeResourceTypeMismatch, Severity: Warning, Title: "Resource that the statement's actions do not act on", Hint: "give each action an ARN of a resource type it acts on (the message lists them)"},

	// ------------------------------------------------ analyses
	{Code: CodeInvalidARNSegment, Severity: Error, Analysis: true, Title: "Malformed ARN segment", Hint: "correct the partition, service, region or account of the ARN"},
	{Code: CodeARNSegmentNotAllowed, Severity: Error, Analysis: true, Title: "Region or account in an ARN of a service that has none", Hint: "leave the segment empty, as in arn:aws:s3:::bucket/key"},
	{Code: CodePassRoleWithStarInResource, Severity: SecurityWarning, Analysis: true, Title: "iam:PassRole on every role", Hint: "list the role ARNs that may be passed, or add an iam:PassedToService condition"},
	{Code: CodeForAllValuesWithoutNullCheck, Severity: SecurityWarning, Analysis: true, Title: "ForAllValues in an Allow without a Null check", Hint: "add condition Null {key: false} so that a request without the key is not allowed"},
	{Code: CodeAllowNotActionWithStarResource, Severity: SecurityWarning, Analysis: true, Title: `Allow with NotAction on "*"`, Hint: "list the actions to allow instead; NotAction allows every other action of every service, including new ones"},
	{Code: CodeTrustWildcardPrincipal, Severity: SecurityWarning, Analysis: true, Title: "Role anyone can assume", Hint: "name the principals, or add a condition such as aws:PrincipalOrgID or sts:ExternalId"},
	{Code: CodeWildcardPrincipalInResourcePolicy, Severity: SecurityWarning, Analysis: true, Title: "Resource open to everyone", Hint: "name the principals, or scope \"*\" with aws:PrincipalOrgID, aws:PrincipalAccount or aws:SourceAccount"},
	{Code: CodeStringEqualsWithWildcard, Severity: Warning, Analysis: true, Title: "Wildcard in StringEquals", Hint: "use StringLike to match a pattern; StringEquals compares * and ? literally"},
	{Code: CodeDenyWithBoolMFAFalse, Severity: Warning, Analysis: true, Title: "Deny on MFA false misses long-term keys", Hint: `use BoolIfExists {aws:MultiFactorAuthPresent = "false"}: the key is absent for long-term access keys`},
	{Code: CodeMissingVersion, Severity: Warning, Analysis: true, Title: "JSON policy without Version", Hint: `add "Version": "2012-10-17"; without it policy variables are literal text`},
	{Code: CodeRedundantStatement, Severity: Suggestion, Analysis: true, Title: "Statement covered by another", Hint: "remove the statement; the other one already applies wherever it does"},
	{Code: CodeRedundantAction, Severity: Suggestion, Analysis: true, Title: "Action listed twice or covered by a wildcard", Hint: "remove the repeated action"},
	{Code: CodeRedundantResource, Severity: Suggestion, Analysis: true, Title: "Resource listed twice or covered by a wildcard", Hint: "remove the repeated resource"},
	{Code: CodeUnattachedPolicy, Severity: Suggestion, Analysis: true, Title: "Policy attached to no one", Hint: "attach the policy, or delete it"},
	{Code: CodeUserWithoutPermissions, Severity: Suggestion, Analysis: true, Title: "User with no group and no policy", Hint: "add the user to a group or attach a policy, or delete the user"},
	{Code: CodeRoleNotAssumable, Severity: Suggestion, Analysis: true, Title: "Role no one can assume", Hint: "add a trust statement allowing sts:AssumeRole to a principal"},
	{Code: CodeExternalAccess, Severity: SecurityWarning, Analysis: true, Title: "Access granted outside the organization", Hint: "check that the other account is meant to have it; narrow it with a condition, or suppress the finding with the reason"},
	{Code: CodeUnusedSuppression, Severity: Warning, Analysis: true, Title: "Suppression that excuses nothing", Hint: "remove the suppression, or correct its code"},
	{Code: CodeAllowWithNotPrincipal, Severity: SecurityWarning, Analysis: true, Title: "Allow with NotPrincipal", Hint: `name who may act in Principal; to exclude principals, use "Principal": "*" with an ArnNotEquals condition on aws:PrincipalArn`},
	{Code: CodePrivilegeEscalation, Severity: SecurityWarning, Analysis: true, Title: "Principal that can reach administrator access", Hint: "remove or narrow the permission of the first step (iamc paths shows every request it rests on)"},
	{Code: CodeUndeclaredKMSKey, Severity: Suggestion, Analysis: true, Title: "Grant on a KMS key the project does not declare", Hint: "declare the key as a resource with its key policy, so that iamc decides requests on it as AWS KMS does"},
}

var rulesByCode = func() map[schema.Code]Rule {
	m := map[schema.Code]Rule{}
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
func RuleFor(code schema.Code) (Rule, bool) {
	r, ok := rulesByCode[code]
	return r, ok
}
