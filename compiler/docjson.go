package compiler

import (
	"bytes"
	"encoding/json"

	"github.com/iamc/iamc/schema"
)

// DocumentJSON renders a policy document as AWS JSON: what IAM would store
// for it. HCL statements and JSON documents alike come out in one form.
func DocumentJSON(d *schema.Document) []byte {
	type principal map[string]any
	type stmt struct {
		Sid          string                    `json:"Sid,omitempty"`
		Effect       string                    `json:"Effect"`
		Principal    any                       `json:"Principal,omitempty"`
		NotPrincipal any                       `json:"NotPrincipal,omitempty"`
		Action       any                       `json:"Action,omitempty"`
		NotAction    any                       `json:"NotAction,omitempty"`
		Resource     any                       `json:"Resource,omitempty"`
		NotResource  any                       `json:"NotResource,omitempty"`
		Condition    map[string]map[string]any `json:"Condition,omitempty"`
	}
	type doc struct {
		Version   string `json:"Version,omitempty"`
		ID        string `json:"Id,omitempty"`
		Statement []stmt `json:"Statement"`
	}
	list := func(ss []schema.String) any {
		if ss == nil {
			return nil
		}
		if len(ss) == 1 {
			return ss[0].Value
		}
		out := make([]string, len(ss))
		for i, s := range ss {
			out[i] = s.Value
		}
		return out
	}
	prin := func(ps []schema.Principal) any {
		if ps == nil {
			return nil
		}
		m := principal{}
		for _, p := range ps {
			if p.Type == "*" {
				return "*"
			}
			var ids []string
			if prev, ok := m[p.Type].([]string); ok {
				ids = prev
			}
			for _, id := range p.Identifiers {
				ids = append(ids, id.Value)
			}
			m[p.Type] = ids
		}
		for k, v := range m {
			if ids := v.([]string); len(ids) == 1 {
				m[k] = ids[0]
			}
		}
		return m
	}
	out := doc{Version: d.Version, ID: d.ID, Statement: []stmt{}}
	for _, st := range d.Statements {
		s := stmt{
			Sid: st.Sid, Effect: string(st.Effect),
			Principal: prin(st.Principals), NotPrincipal: prin(st.NotPrincipals),
			Action: list(st.Actions), NotAction: list(st.NotActions),
			Resource: list(st.Resources), NotResource: list(st.NotResources),
		}
		for _, c := range st.Conditions {
			if s.Condition == nil {
				s.Condition = map[string]map[string]any{}
			}
			if s.Condition[c.Operator.Value] == nil {
				s.Condition[c.Operator.Value] = map[string]any{}
			}
			s.Condition[c.Operator.Value][c.Key.Value] = list(c.Values)
		}
		out.Statement = append(out.Statement, s)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(out)
	return bytes.TrimRight(b.Bytes(), "\n")
}
