package schema

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
)

// Code is the stable code of a diagnostic, in upper snake case. Every
// diagnostic iamc makes carries its code, set where the mistake is found
// ([Errorf], [Warnf], [Coded]) and read back with [CodeOf]; nothing recovers
// a code from a diagnostic's text. Codes are stable: new ones may be added,
// none is renamed or reused. README.md lists them; `iamc check` reports
// each diagnostic as a finding with its code, severity and hint. Many are
// IAM Access Analyzer's issue codes for the same check.
type Code string

// The codes of the compiler's diagnostics. CodeCompilerWarning is for a
// warning without a code of its own; none has it today.
const (
	CodeSyntaxError                     Code = "SYNTAX_ERROR"
	CodeInvalidHCL                      Code = "INVALID_HCL"
	CodeInvalidPolicyElement            Code = "INVALID_POLICY_ELEMENT"
	CodeDataTypeMismatch                Code = "DATA_TYPE_MISMATCH"
	CodeInvalidVersion                  Code = "INVALID_VERSION"
	CodeInvalidEffect                   Code = "INVALID_EFFECT"
	CodeMissingEffect                   Code = "MISSING_EFFECT"
	CodeMissingAction                   Code = "MISSING_ACTION"
	CodeMissingResource                 Code = "MISSING_RESOURCE"
	CodeMissingPrincipal                Code = "MISSING_PRINCIPAL"
	CodeMissingStatement                Code = "MISSING_STATEMENT"
	CodeUnsupportedElementCombination   Code = "UNSUPPORTED_ELEMENT_COMBINATION"
	CodeUnsupportedPrincipal            Code = "UNSUPPORTED_PRINCIPAL"
	CodeInvalidPrincipalFormat          Code = "INVALID_PRINCIPAL_FORMAT"
	CodeUnsupportedWildcardInPrincipal  Code = "UNSUPPORTED_WILDCARD_IN_PRINCIPAL"
	CodeInvalidPrincipalInPolicy        Code = "INVALID_PRINCIPAL_IN_POLICY"
	CodeInvalidAction                   Code = "INVALID_ACTION"
	CodeUnknownAction                   Code = "UNKNOWN_ACTION"
	CodeInvalidARNResource              Code = "INVALID_ARN_RESOURCE"
	CodeInvalidConditionOperator        Code = "INVALID_CONDITION_OPERATOR"
	CodeNullWithIfExists                Code = "NULL_WITH_IF_EXISTS"
	CodeInvalidConditionDataType        Code = "INVALID_CONDITION_DATA_TYPE"
	CodeMissingQualifier                Code = "MISSING_QUALIFIER"
	CodeInvalidCondition                Code = "INVALID_CONDITION"
	CodeInvalidVariable                 Code = "INVALID_VARIABLE"
	CodeUniqueSidsRequired              Code = "UNIQUE_SIDS_REQUIRED"
	CodeUnsupportedSid                  Code = "UNSUPPORTED_SID"
	CodeInvalidCharacter                Code = "INVALID_CHARACTER"
	CodeInvalidReference                Code = "INVALID_REFERENCE"
	CodeDuplicateDeclaration            Code = "DUPLICATE_DECLARATION"
	CodeInvalidName                     Code = "INVALID_NAME"
	CodeInvalidOrganization             Code = "INVALID_ORGANIZATION"
	CodeCrossAccountAttachment          Code = "CROSS_ACCOUNT_ATTACHMENT"
	CodeMissingAttribute                Code = "MISSING_ATTRIBUTE"
	CodeInvalidAttributeValue           Code = "INVALID_ATTRIBUTE_VALUE"
	CodeInvalidTest                     Code = "INVALID_TEST"
	CodeCannotRead                      Code = "CANNOT_READ"
	CodeProjectLimit                    Code = "PROJECT_LIMIT"
	CodeInternalError                   Code = "INTERNAL_ERROR"
	CodeActionMatchesNothing            Code = "ACTION_MATCHES_NOTHING"
	CodePolicySizeLimit                 Code = "POLICY_SIZE_LIMIT"
	CodeInlinePolicySizeLimit           Code = "INLINE_POLICY_SIZE_LIMIT"
	CodeManagedPolicyCountLimit         Code = "MANAGED_POLICY_COUNT_LIMIT"
	CodeGroupCountLimit                 Code = "GROUP_COUNT_LIMIT"
	CodeSCPCountLimit                   Code = "SCP_COUNT_LIMIT"
	CodeForAllValuesWithSingleValuedKey Code = "FORALLVALUES_WITH_SINGLE_VALUED_KEY"
	CodeForAnyValueWithSingleValuedKey  Code = "FORANYVALUE_WITH_SINGLE_VALUED_KEY"
	CodeCompilerWarning                 Code = "COMPILER_WARNING"
)

// codeExtra is the Extra of a diagnostic with a code. next is the Extra it
// wraps, when HCL had set one (function call diagnostics do).
type codeExtra struct {
	code Code
	next any
}

// UnwrapDiagnosticExtra gives hcl.DiagnosticExtra the wrapped value.
func (e codeExtra) UnwrapDiagnosticExtra() any { return e.next }

// CodeOf returns the code of a diagnostic, "" for one that has none.
func CodeOf(d *hcl.Diagnostic) Code {
	if e, ok := hcl.DiagnosticExtra[codeExtra](d); ok {
		return e.code
	}
	return ""
}

// Errorf returns an error diagnostic with its code. subject is the exact
// source the mistake is in, nil for the project as a whole.
func Errorf(code Code, subject *hcl.Range, summary, format string, args ...any) *hcl.Diagnostic {
	return newDiagnostic(hcl.DiagError, code, subject, summary, fmt.Sprintf(format, args...))
}

// Warnf returns a warning diagnostic with its code.
func Warnf(code Code, subject *hcl.Range, summary, format string, args ...any) *hcl.Diagnostic {
	return newDiagnostic(hcl.DiagWarning, code, subject, summary, fmt.Sprintf(format, args...))
}

func newDiagnostic(sev hcl.DiagnosticSeverity, code Code, subject *hcl.Range, summary, detail string) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: sev, Summary: summary, Detail: detail, Subject: subject, Extra: codeExtra{code: code}}
}

// Coded gives code to each diagnostic of diags that has none, and returns
// diags. It codes the diagnostics of HCL itself where they enter iamc: its
// parser's (CodeSyntaxError) and its evaluator's (CodeInvalidHCL).
func Coded(code Code, diags hcl.Diagnostics) hcl.Diagnostics {
	for _, d := range diags {
		if CodeOf(d) == "" {
			d.Extra = codeExtra{code: code, next: d.Extra}
		}
	}
	return diags
}

// The codes of the diagnostics about resource control policies, and the
// warnings the AWS service catalog gives (compiler/awscatalog.go).
const (
	CodeRCPCountLimit         Code = "RCP_COUNT_LIMIT"
	CodeUnknownService        Code = "UNKNOWN_SERVICE"
	CodeUnknownAWSAction      Code = "UNKNOWN_AWS_ACTION"
	CodeWildcardMatchesNone   Code = "WILDCARD_MATCHES_NO_ACTION"
	CodeUnknownConditionKey   Code = "UNKNOWN_CONDITION_KEY"
	CodeConditionTypeMismatch Code = "CONDITION_TYPE_MISMATCH"
	CodeResourceTypeMismatch  Code = "RESOURCE_TYPE_MISMATCH"
)
