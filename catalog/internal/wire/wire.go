// Package wire defines the files under catalog/data and the one encoder and
// decoder of each, shared by the generator (which writes them) and package
// catalog (which reads them, and whose tests check that they are in the
// canonical form).
//
// Each file is UTF-8 text compressed with gzip: one record a line, fields
// separated by tabs, lists by commas, so that decoding is a split of one
// string rather than a parse (several times faster than encoding/json on
// the same data), and the decompressed files read and diff as text. The
// gzip header carries no name, no modification time and OS "unknown", and
// the generator sorts every list, so the same content always encodes to the
// same bytes with a given Go toolchain.
//
// The service catalog (IAMFile) starts with the line "iamc-catalog-iam 1"
// and then holds, in order:
//
//	S prefix name rcp             a service; rcp is 1 if it supports RCPs
//	T name arn-format keys        a resource type of the last service
//	K key type                    a condition key of the last service
//	A name level keys             an action of the last service
//	R type required keys          a resource type of the last action
//	G key type category sensitive availability
//	                              a global condition key
//
// The managed policies (ManagedFile) start with "iamc-catalog-managed 1",
// then one line a policy: name, path, default version id and the document
// as compact JSON (which holds no raw tab or newline).
package wire

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// File names under catalog/data.
const (
	IAMFile      = "iam.txt.gz"
	ManagedFile  = "managed-policies.txt.gz"
	VersionsFile = "VERSIONS"
)

const (
	iamHeader     = "iamc-catalog-iam 1"
	managedHeader = "iamc-catalog-managed 1"
)

// IAM is the content of IAMFile: the service authorization reference.
type IAM struct {
	Services   []Service   // sorted by Prefix
	GlobalKeys []GlobalKey // sorted by lower-cased Key
}

// Service is one service prefix.
type Service struct {
	Prefix        string
	Name          string
	RCP           bool
	ResourceTypes []ResourceType // sorted by Name
	ConditionKeys []ConditionKey // sorted by lower-cased Key
	Actions       []Action       // sorted by lower-cased Name
}

// ResourceType is a resource type of a service with its ARN format.
type ResourceType struct {
	Name          string
	ARN           string
	ConditionKeys []string
}

// ConditionKey is a condition key as a service's table lists it.
type ConditionKey struct {
	Key  string
	Type string
}

// Action is one action of a service. Name is canonical: "s3:GetObject".
type Action struct {
	Name          string
	Level         string
	ConditionKeys []string
	Resources     []ActionResRef
}

// ActionResRef names a resource type of the action's service.
type ActionResRef struct {
	Type          string
	Required      bool
	ConditionKeys []string
}

// GlobalKey is an AWS global condition context key.
type GlobalKey struct {
	Key          string `json:"key"`
	Type         string `json:"type"`
	Category     string `json:"category"`
	Availability string `json:"availability,omitempty"`
	Sensitive    bool   `json:"sensitive,omitempty"`
}

// Managed is the content of ManagedFile: the AWS managed policies.
type Managed struct {
	Policies []Policy // sorted by ARN
}

// Policy is the default version of one AWS managed policy.
type Policy struct {
	Name     string
	Path     string
	Version  string
	Document []byte // compact JSON
}

// EncodeIAM returns the catalog in canonical form.
func EncodeIAM(c *IAM) ([]byte, error) {
	w := &writer{}
	w.line(iamHeader)
	for _, s := range c.Services {
		w.fields("S", s.Prefix, s.Name, flag(s.RCP))
		for _, t := range s.ResourceTypes {
			w.fields("T", t.Name, t.ARN, w.list(t.ConditionKeys))
		}
		for _, k := range s.ConditionKeys {
			w.fields("K", k.Key, k.Type)
		}
		for _, a := range s.Actions {
			w.fields("A", a.Name, a.Level, w.list(a.ConditionKeys))
			for _, r := range a.Resources {
				w.fields("R", r.Type, flag(r.Required), w.list(r.ConditionKeys))
			}
		}
	}
	for _, g := range c.GlobalKeys {
		w.fields("G", g.Key, g.Type, g.Category, flag(g.Sensitive), g.Availability)
	}
	return w.gzip()
}

// EncodeManaged returns the managed policies in canonical form.
func EncodeManaged(m *Managed) ([]byte, error) {
	w := &writer{}
	w.line(managedHeader)
	for _, p := range m.Policies {
		var doc bytes.Buffer
		if err := json.Compact(&doc, p.Document); err != nil {
			return nil, fmt.Errorf("policy %s: %w", p.Name, err)
		}
		w.fields(p.Name, p.Path, p.Version, doc.String())
	}
	return w.gzip()
}

type writer struct {
	b   bytes.Buffer
	err error
}

func (w *writer) line(s string) {
	w.b.WriteString(s)
	w.b.WriteByte('\n')
}

func (w *writer) fields(fs ...string) {
	for i, f := range fs {
		if strings.ContainsAny(f, "\t\n") && w.err == nil {
			w.err = fmt.Errorf("value %q holds a tab or a newline", f)
		}
		if i > 0 {
			w.b.WriteByte('\t')
		}
		w.b.WriteString(f)
	}
	w.b.WriteByte('\n')
}

func (w *writer) list(items []string) string {
	for _, it := range items {
		if (it == "" || strings.Contains(it, ",")) && w.err == nil {
			w.err = fmt.Errorf("list item %q is empty or holds a comma", it)
		}
	}
	return strings.Join(items, ",")
}

func (w *writer) gzip() ([]byte, error) {
	if w.err != nil {
		return nil, w.err
	}
	var out bytes.Buffer
	zw, err := gzip.NewWriterLevel(&out, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	zw.Header.OS = 255 // unknown: the same bytes on every platform
	if _, err := zw.Write(w.b.Bytes()); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func flag(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// gunzip decompresses a file, sizing the buffer from the gzip trailer.
func gunzip(data []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	size := 0
	if len(data) >= 4 {
		size = int(binary.LittleEndian.Uint32(data[len(data)-4:]))
	}
	buf := bytes.NewBuffer(make([]byte, 0, size+1))
	if _, err := io.Copy(buf, zr); err != nil {
		return nil, err
	}
	if err := zr.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// errFormat reports a malformed line.
func errFormat(n int, line, why string) error {
	if len(line) > 60 {
		line = line[:60] + "…"
	}
	return fmt.Errorf("line %d %q: %s", n, line, why)
}

// DecodeIAM decodes a file written by EncodeIAM. Its strings share the
// memory of one decompressed string, and its slices a few arrays sized by a
// first count of the records, so that decoding allocates little.
func DecodeIAM(data []byte) (*IAM, error) {
	raw, err := gunzip(data)
	if err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	count := func(kind string) int { return bytes.Count(raw, []byte("\n"+kind+"\t")) }
	services := make([]Service, 0, count("S"))
	types := make([]ResourceType, 0, count("T"))
	keys := make([]ConditionKey, 0, count("K"))
	actions := make([]Action, 0, count("A"))
	refs := make([]ActionResRef, 0, count("R"))
	globals := make([]GlobalKey, 0, count("G"))
	lists := &listArena{}
	text := string(raw)
	var f [6]string
	n := 0
	// Each record appends to its array; the service or action it belongs to
	// takes the subslice from where its own records started.
	var t0, k0, a0, r0 int
	svc, act := -1, -1
	closeAction := func() {
		if act >= 0 {
			actions[act].Resources = tail(refs, r0)
		}
		act = -1
	}
	closeService := func() {
		closeAction()
		if svc >= 0 {
			s := &services[svc]
			s.ResourceTypes = tail(types, t0)
			s.ConditionKeys = tail(keys, k0)
			s.Actions = tail(actions, a0)
		}
		svc = -1
	}
	for text != "" {
		n++
		var line string
		var ok bool
		line, text, ok = strings.Cut(text, "\n")
		if !ok {
			return nil, errFormat(n, line, "no newline at the end")
		}
		if n == 1 {
			if line != iamHeader {
				return nil, errFormat(n, line, "not a service catalog of this version")
			}
			continue
		}
		k := split(line, f[:])
		if need := fieldCount(f[0]); need == 0 || k != need {
			return nil, errFormat(n, line, "unknown record or wrong number of fields")
		}
		if f[0] != "S" && f[0] != "G" && svc < 0 || f[0] == "R" && act < 0 {
			return nil, errFormat(n, line, "record outside a service or action")
		}
		// An append past a counted capacity would move an array that
		// earlier subslices still point into.
		lens := [...]int{len(services), len(types), len(keys), len(actions), len(refs), len(globals)}
		caps := [...]int{cap(services), cap(types), cap(keys), cap(actions), cap(refs), cap(globals)}
		i := strings.IndexByte("STKARG", f[0][0])
		full := lens[i] == caps[i]
		if full {
			return nil, errFormat(n, line, "more records than counted")
		}
		switch f[0] {
		case "S":
			closeService()
			services = append(services, Service{Prefix: f[1], Name: f[2], RCP: f[3] == "1"})
			svc, t0, k0, a0 = len(services)-1, len(types), len(keys), len(actions)
		case "T":
			types = append(types, ResourceType{Name: f[1], ARN: f[2], ConditionKeys: lists.split(f[3])})
		case "K":
			keys = append(keys, ConditionKey{Key: f[1], Type: f[2]})
		case "A":
			closeAction()
			actions = append(actions, Action{Name: f[1], Level: f[2], ConditionKeys: lists.split(f[3])})
			act, r0 = len(actions)-1, len(refs)
		case "R":
			refs = append(refs, ActionResRef{Type: f[1], Required: f[2] == "1", ConditionKeys: lists.split(f[3])})
		case "G":
			closeService()
			globals = append(globals, GlobalKey{Key: f[1], Type: f[2], Category: f[3], Sensitive: f[4] == "1", Availability: f[5]})
		}
	}
	closeService()
	if n == 0 {
		return nil, errors.New("empty file")
	}
	return &IAM{Services: services, GlobalKeys: globals}, nil
}

// tail returns the elements of s from start on, capped so that an append
// to the result cannot write into s, or nil if there are none.
func tail[T any](s []T, start int) []T {
	if start == len(s) {
		return nil
	}
	return s[start:len(s):len(s)]
}

// listArena hands out the comma-separated lists of a file as subslices of
// a few large arrays.
type listArena struct{ buf []string }

func (a *listArena) split(s string) []string {
	if s == "" {
		return nil
	}
	n := strings.Count(s, ",") + 1
	if cap(a.buf)-len(a.buf) < n {
		a.buf = make([]string, 0, max(n, 4096))
	}
	start := len(a.buf)
	for {
		item, rest, ok := strings.Cut(s, ",")
		a.buf = append(a.buf, item)
		if !ok {
			break
		}
		s = rest
	}
	return a.buf[start:len(a.buf):len(a.buf)]
}

// DecodeManaged decodes a file written by EncodeManaged. The documents
// share the memory of one decompressed buffer.
func DecodeManaged(data []byte) (*Managed, error) {
	raw, err := gunzip(data)
	if err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	m := &Managed{Policies: make([]Policy, 0, bytes.Count(raw, []byte{'\n'}))}
	n := 0
	for len(raw) > 0 {
		n++
		i := bytes.IndexByte(raw, '\n')
		if i < 0 {
			return nil, errFormat(n, string(raw), "no newline at the end")
		}
		line := raw[:i:i]
		raw = raw[i+1:]
		if n == 1 {
			if string(line) != managedHeader {
				return nil, errFormat(n, string(line), "not a managed policy file of this version")
			}
			continue
		}
		var f [4][]byte
		rest := line
		for j := 0; j < 3; j++ {
			k := bytes.IndexByte(rest, '\t')
			if k < 0 {
				return nil, errFormat(n, string(line), "wrong number of fields")
			}
			f[j], rest = rest[:k], rest[k+1:]
		}
		f[3] = rest
		m.Policies = append(m.Policies, Policy{Name: string(f[0]), Path: string(f[1]), Version: string(f[2]), Document: f[3]})
	}
	if n == 0 {
		return nil, errors.New("empty file")
	}
	return m, nil
}

// fieldCount returns the number of fields of a record kind, or 0.
func fieldCount(kind string) int {
	switch kind {
	case "S", "T", "A", "R":
		return 4
	case "K":
		return 3
	case "G":
		return 6
	}
	return 0
}

// split splits a line at tabs into f and returns the number of fields, or
// len(f)+1 if there are more.
func split(line string, f []string) int {
	for i := range f {
		var ok bool
		f[i], line, ok = strings.Cut(line, "\t")
		if !ok {
			return i + 1
		}
	}
	return len(f) + 1
}
