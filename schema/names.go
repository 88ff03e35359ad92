package schema

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// IAM names independent of labels: a user, group, role or policy block may
// give its IAM name with name = "…"; the label stays its HCL reference. The
// same IAM name may then live in several accounts (every member account of
// an organization has a role named OrganizationAccountAccessRole), while
// labels stay unique project-wide.

// maxIAMName is the longest IAM name of each kind: 64 characters for users
// and roles, 128 for groups and managed policies.
func maxIAMName(k Kind) int {
	if k == KindUser || k == KindRole {
		return 64
	}
	return 128
}

// iamName reads a block's name attribute, else its label (checked by
// checkName). ctx sees the accounts, as the block's path does.
func (l *loader) iamName(p *pending, ctx *hcl.EvalContext) string {
	a := p.block.Body.Attributes["name"]
	if a == nil {
		return p.name
	}
	s, ok := l.evalString(a, ctx)
	if !ok {
		return p.name
	}
	if !iamNameRE.MatchString(s.Value) || len(s.Value) > maxIAMName(p.kind) {
		l.errorf(CodeInvalidName, s.Range, "Invalid name", "IAM %s names are 1 to %d characters of letters, digits and +=,.@_-; %q is not", p.kind, maxIAMName(p.kind), s.Value)
		return p.name
	}
	p.nameRange = s.Range
	return s.Value
}

// duplicateIAMNames reports two users, groups, roles or customer managed
// policies of one account with the same IAM name. IAM names are unique per
// kind within an account and compared without case ("IAM user, group, role,
// and policy names must be unique within the account. Names are not
// distinguished by case", IAM API Reference, CreateUser and CreatePolicy).
func (l *loader) duplicateIAMNames() {
	type key struct {
		kind          Kind
		account, name string
	}
	first := map[key]*pending{}
	for _, p := range l.order {
		switch p.kind {
		case KindUser, KindGroup, KindRole, KindPolicy:
		default:
			continue
		}
		if p.awsARN != "" || p.account == "" {
			continue
		}
		k := key{p.kind, p.account, strings.ToLower(p.iamName)}
		f, dup := first[k]
		if !dup {
			first[k] = p
			continue
		}
		rng := p.block.LabelRanges[0]
		if p.nameRange.Filename != "" {
			rng = p.nameRange
		}
		names := fmt.Sprintf("the name %q", p.iamName)
		if f.iamName != p.iamName {
			names = fmt.Sprintf("the names %q and %q, which IAM does not tell apart (names do not differ by case)", p.iamName, f.iamName)
		}
		l.errorf(CodeDuplicateDeclaration, rng, fmt.Sprintf("Duplicate IAM %s name", p.kind),
			"%s.%s and %s.%s (%s) have %s in account %q; an account holds one %s of a name", p.kind, p.name, f.kind, f.name,
			posString(f.block.LabelRanges[0]), names, p.account, p.kind)
	}
}
