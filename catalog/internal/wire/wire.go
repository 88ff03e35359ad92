// Package wire defines the layout of the files under catalog/data and the one
// encoder that writes them, shared by the generator (which writes them) and
// package catalog (which reads them and checks that they are in canonical
// form).
//
// Each file is JSON compressed with gzip. The JSON is written by
// encoding/json from the structs below (fields in declaration order, lists
// sorted by the generator), without HTML escaping so that the policy
// documents keep their original bytes; the gzip header carries no name, no
// modification time and OS "unknown". The same content therefore always
// encodes to the same bytes with a given Go toolchain.
package wire

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
)

// File names under catalog/data.
const (
	IAMFile      = "iam.json.gz"
	ManagedFile  = "managed-policies.json.gz"
	VersionsFile = "VERSIONS"
)

// IAM is the content of IAMFile: the service authorization reference.
type IAM struct {
	Services   []Service   `json:"services"`   // sorted by Prefix
	GlobalKeys []GlobalKey `json:"globalKeys"` // sorted by lower-cased Key
}

// Service is one service prefix.
type Service struct {
	Prefix        string         `json:"prefix"`
	Name          string         `json:"name"`
	RCP           bool           `json:"rcp,omitempty"`
	Actions       []Action       `json:"actions"`       // sorted by Name
	ResourceTypes []ResourceType `json:"resourceTypes"` // sorted by Name
	ConditionKeys []ConditionKey `json:"conditionKeys"` // sorted by lower-cased Key
}

// Action is one action of a service. Name has no service prefix.
type Action struct {
	Name          string         `json:"name"`
	Level         string         `json:"level"`
	Resources     []ActionResRef `json:"resources,omitempty"`
	ConditionKeys []string       `json:"conditionKeys,omitempty"`
}

// ActionResRef names a resource type of the action's service.
type ActionResRef struct {
	Type          string   `json:"type"`
	Required      bool     `json:"required,omitempty"`
	ConditionKeys []string `json:"conditionKeys,omitempty"`
}

// ResourceType is a resource type of a service with its ARN format.
type ResourceType struct {
	Name          string   `json:"name"`
	ARN           string   `json:"arn"`
	ConditionKeys []string `json:"conditionKeys,omitempty"`
}

// ConditionKey is a condition key as a service's table lists it.
type ConditionKey struct {
	Key  string `json:"key"`
	Type string `json:"type"`
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
	Policies []Policy `json:"policies"` // sorted by ARN
}

// Policy is the default version of one AWS managed policy.
type Policy struct {
	Name     string          `json:"name"`
	Path     string          `json:"path"`
	Version  string          `json:"version"`
	Document json.RawMessage `json:"document"`
}

// Encode returns v as gzip-compressed JSON in the canonical form described
// in the package documentation.
func Encode(v any) ([]byte, error) {
	var js bytes.Buffer
	enc := json.NewEncoder(&js)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw, err := gzip.NewWriterLevel(&out, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	zw.Header.OS = 255 // unknown: the same bytes on every platform
	if _, err := zw.Write(js.Bytes()); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// Decode decompresses data and decodes its JSON into v.
func Decode(data []byte, v any) error {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("gzip: %w", err)
	}
	js, err := io.ReadAll(zr)
	if err != nil {
		return fmt.Errorf("gzip: %w", err)
	}
	if err := json.Unmarshal(js, v); err != nil {
		return fmt.Errorf("json: %w", err)
	}
	return nil
}
