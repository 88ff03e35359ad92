package importer

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Labels are the HCL references of the blocks (user.Alice, unit.accounting):
// unique per kind, and valid identifiers so that a reference can name them.
// An IAM entity keeps its IAM name as its label when it can; the label of
// an organization's unit, account or policy is its name in snake case.

var identRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*$`)

// iamLabel is an IAM name made a valid label: characters an identifier
// cannot hold (IAM names also allow +=,.@) become '_'.
func iamLabel(name string) string {
	if identRE.MatchString(name) {
		return name
	}
	var b strings.Builder
	for _, r := range name {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-') {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	s := b.String()
	if s == "" || !(unicode.IsLetter(rune(s[0])) || s[0] == '_') {
		s = "_" + s
	}
	return s
}

// snakeLabel makes a free-text name ("Developer Test Account",
// "ProductionDepartment") a lower-case label with underscores
// ("developer_test_account", "production_department").
func snakeLabel(name string) string {
	var b strings.Builder
	runes := []rune(name)
	lastUnderscore := true
	for i, r := range runes {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			// A capital that starts a word: after a lower-case letter or a
			// digit, or before a lower-case letter in a run of capitals.
			if unicode.IsUpper(r) && i > 0 && !lastUnderscore {
				prev := runes[i-1]
				// "AWSAccess" splits before "Access"; "SCPs" stays one
				// word (a plural of capitals).
				nextLower := i+2 < len(runes) && unicode.IsLower(runes[i+1]) && unicode.IsLower(runes[i+2])
				if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower) {
					b.WriteByte('_')
				}
			}
			b.WriteRune(unicode.ToLower(r))
			lastUnderscore = false
		default:
			if !lastUnderscore {
				b.WriteByte('_')
				lastUnderscore = true
			}
		}
	}
	s := strings.TrimRight(b.String(), "_")
	if s == "" {
		return ""
	}
	if !unicode.IsLetter(rune(s[0])) {
		s = "_" + s
	}
	return s
}

// labeler hands out labels of one kind, unique without regard to case (two
// labels that differ only in case would make two files of one name on a
// case-insensitive file system, where documents are written per label).
type labeler struct {
	used map[string]bool
}

func newLabeler() *labeler { return &labeler{used: map[string]bool{}} }

// take returns want, or want_2, want_3, … when it is taken.
func (l *labeler) take(want string) string {
	label := want
	for i := 2; l.used[strings.ToLower(label)]; i++ {
		label = want + "_" + strconv.Itoa(i)
	}
	l.used[strings.ToLower(label)] = true
	return label
}

// iamEntity is an IAM user, group, role or policy to label.
type iamEntity struct {
	account      string // the account's label
	name         string
	assign       func(label string)
	accountOrder int
}

// labelIAM labels the entities of one kind. A name that more than one
// account uses (every member account has OrganizationAccountAccessRole)
// takes the account's label as a prefix in every account, so that no
// account's entity owns the bare name.
func labelIAM(l *labeler, entities []iamEntity) {
	accounts := map[string]map[string]bool{}
	for _, e := range entities {
		k := strings.ToLower(e.name)
		if accounts[k] == nil {
			accounts[k] = map[string]bool{}
		}
		accounts[k][e.account] = true
	}
	sorted := append([]iamEntity(nil), entities...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].accountOrder != sorted[j].accountOrder {
			return sorted[i].accountOrder < sorted[j].accountOrder
		}
		return sorted[i].name < sorted[j].name
	})
	for _, e := range sorted {
		want := iamLabel(e.name)
		if len(accounts[strings.ToLower(e.name)]) > 1 {
			want = e.account + "_" + want
		}
		e.assign(l.take(want))
	}
}

func sortStrings(s []string) { sort.Strings(s) }
