package check

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// CodeOfSummary is the code check gives a diagnostic with this summary; for
// a summary built at run time, s is its fixed beginning.
func CodeOfSummary(s string, dynamic bool) string {
	if dynamic {
		for _, p := range diagPrefixes {
			if strings.HasPrefix(p.prefix, s) || strings.HasPrefix(s, p.prefix) {
				return p.code
			}
		}
	}
	return codeOf(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: s}, nil)
}
