package catalog

import "strings"

// MatchResourceType reports whether a Resource of a policy statement, an
// ARN or an ARN pattern with IAM wildcards, can name a resource of one of
// the action's resource types, and returns the first such type in the
// order AWS lists them.
//
// A resource type's ARN format is read field by field (the first five
// colons split an ARN into partition, service, region, account and
// resource): each ${…} placeholder matches a non-empty run of characters,
// which in the resource field may contain "/" and ":"
// ("arn:${Partition}:s3:::${BucketName}/${ObjectName}" fits
// "arn:aws:s3:::b/dir/key"), except that a …Name placeholder forming the
// whole resource field holds neither (an S3 bucket, SNS topic or SQS queue
// name), so "arn:aws:s3:::b/*" is an object pattern and not a bucket. In the
// pattern, "*" matches any run within its field and "?" one character, as in
// IAM, and a policy variable such as ${aws:username} in the resource field
// matches any run (${*}, ${?} and ${$} stand for the characters themselves).
// The pattern fits a type when some ARN matches both.
//
// The pattern "*" fits every action, with an empty type name; an action
// without resource types is authorized only on "*" and fits nothing else.
// An action that is not in the catalog fits nothing, nor does a pattern
// longer than any policy can hold (maxPatternLen).
func MatchResourceType(action, arn string) (typeName string, ok bool) {
	a, found := LookupAction(action)
	if !found || len(arn) > maxPatternLen {
		return "", false
	}
	if globMatchFold(arn, "*") {
		return "", true
	}
	pat, valid := parseARNPattern(arn)
	if !valid {
		return "", false
	}
	for _, rt := range a.ResourceTypes {
		if rt.compiled().intersects(&pat) {
			return rt.Name, true
		}
	}
	return "", false
}

// maxPatternLen bounds the patterns MatchResourceType reads: 10,240
// characters, the largest policy document IAM accepts (a role's inline
// policies together), so that the search it runs stays small.
const maxPatternLen = 10240

type tokKind uint8

const (
	tokLit tokKind = iota // one given character
	tokOne                // any one character ("?" of a pattern)
	tokRun                // any run, possibly empty ("*")
	tokVar                // a placeholder: a non-empty run
)

type tok struct {
	kind tokKind
	c    byte // tokLit
	// noSep: a tokVar that holds neither '/' nor ':'.
	noSep bool
}

// arnFormat is a compiled resource type ARN format, or a compiled pattern:
// the tokens of each of the six fields.
type arnFormat struct {
	fields [6][]tok
	valid  bool
}

// compileARNFormat compiles an ARN format of the service authorization
// reference.
func compileARNFormat(format string) arnFormat {
	var f arnFormat
	fields := strings.SplitN(format, ":", 6)
	if len(fields) != 6 {
		return f
	}
	for i, field := range fields {
		var toks []tok
		for len(field) > 0 {
			if strings.HasPrefix(field, "${") {
				if end := strings.IndexByte(field, '}'); end > 0 {
					name := field[2:end]
					field = field[end+1:]
					toks = append(toks, tok{kind: tokVar})
					if i == 5 && len(toks) == 1 && field == "" && strings.HasSuffix(name, "Name") {
						toks[0].noSep = true
					}
					continue
				}
			}
			if field[0] == '*' {
				toks = append(toks, tok{kind: tokRun})
			} else {
				toks = append(toks, tok{kind: tokLit, c: field[0]})
			}
			field = field[1:]
		}
		f.fields[i] = toks
	}
	f.valid = true
	return f
}

// parseARNPattern compiles the Resource of a policy statement.
func parseARNPattern(arn string) (arnFormat, bool) {
	var p arnFormat
	fields := strings.SplitN(arn, ":", 6)
	if len(fields) != 6 {
		return p, false
	}
	for i, field := range fields {
		toks := make([]tok, 0, len(field))
		for len(field) > 0 {
			if i == 5 && strings.HasPrefix(field, "${") {
				if end := strings.IndexByte(field, '}'); end > 0 {
					switch v := field[2:end]; v {
					case "*", "?", "$":
						toks = append(toks, tok{kind: tokLit, c: v[0]})
					default:
						toks = append(toks, tok{kind: tokRun})
					}
					field = field[end+1:]
					continue
				}
			}
			switch field[0] {
			case '*':
				toks = append(toks, tok{kind: tokRun})
			case '?':
				toks = append(toks, tok{kind: tokOne})
			default:
				toks = append(toks, tok{kind: tokLit, c: field[0]})
			}
			field = field[1:]
		}
		p.fields[i] = toks
	}
	p.valid = true
	return p, true
}

// intersects reports whether some ARN matches both the format and the
// pattern.
func (f *arnFormat) intersects(p *arnFormat) bool {
	if !f.valid || !p.valid {
		return false
	}
	for i := range f.fields {
		if !fieldsIntersect(p.fields[i], f.fields[i]) {
			return false
		}
	}
	return true
}

// fieldsIntersect reports whether some string matches both the pattern
// tokens p (tokLit, tokOne, tokRun) and the format tokens f (tokLit, tokRun,
// tokVar). It searches the product of the two automata: a state is a
// position in p, a position in f, and whether f's placeholder at that
// position has consumed a character yet.
func fieldsIntersect(p, f []tok) bool {
	lp, lf := len(p), len(f)
	type state struct{ i, j, in int }
	var stackBuf [64]state
	stack := append(stackBuf[:0], state{})
	seen := make([]bool, (lp+1)*(lf+1)*2)
	push := func(s state) {
		k := (s.i*(lf+1)+s.j)*2 + s.in
		if !seen[k] {
			seen[k] = true
			stack = append(stack, s)
		}
	}
	seen[0] = true
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if s.i == lp && s.j == lf && s.in == 0 {
			return true
		}
		// Moves that consume nothing.
		if s.i < lp && p[s.i].kind == tokRun {
			push(state{s.i + 1, s.j, s.in})
		}
		if s.in == 1 {
			push(state{s.i, s.j + 1, 0})
		} else if s.j < lf && f[s.j].kind == tokRun {
			push(state{s.i, s.j + 1, 0})
		}
		if s.i == lp || s.j == lf {
			continue
		}
		// Moves that consume one character on both sides.
		pt, ft := p[s.i], f[s.j]
		ni := s.i + 1
		if pt.kind == tokRun {
			ni = s.i
		}
		nj, nin := s.j+1, 0
		switch ft.kind {
		case tokRun:
			nj = s.j
		case tokVar:
			nj, nin = s.j, 1
		}
		if compatible(pt, ft) {
			push(state{ni, nj, nin})
		}
	}
	return false
}

// compatible reports whether one character can match both a pattern token
// and a format token.
func compatible(pt, ft tok) bool {
	if pt.kind != tokLit {
		return true // '?' or '*' takes any character the format allows
	}
	switch ft.kind {
	case tokLit:
		return pt.c == ft.c
	case tokVar:
		return !ft.noSep || (pt.c != '/' && pt.c != ':')
	}
	return true
}
