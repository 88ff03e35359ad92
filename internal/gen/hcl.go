package gen

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
)

// policiesPerFile and statementsPerFile bound the size of one generated
// policies file.
const (
	policiesPerFile   = 500
	statementsPerFile = 10000
)

// Files renders the organization as an iamc project: file name to HCL.
// hclwrite does the quoting and the layout, so the files read like
// hand-written ones and always parse.
func (o *Org) Files() map[string][]byte {
	files := map[string][]byte{}
	put := func(name, comment string, fill func(*hclwrite.Body)) {
		f := hclwrite.NewEmptyFile()
		body := f.Body()
		body.AppendUnstructuredTokens(hclwrite.Tokens{{Type: hclsyntax.TokenComment, Bytes: []byte("# " + comment + "\n")}, {Type: hclsyntax.TokenNewline, Bytes: []byte("\n")}})
		fill(body)
		files[name] = f.Bytes()
	}

	put("org.hcl", fmt.Sprintf("A synthetic organization of %d statements (seed %d), made by internal/gen.", o.Config.Statements, o.Config.Seed), func(b *hclwrite.Body) {
		org := b.AppendNewBlock("organization", []string{"org"}).Body()
		org.SetAttributeTraversal("management_account", traversal("account", "hq"))
		b.AppendNewline()
		unit := b.AppendNewBlock("unit", []string{"workloads"}).Body()
		unit.SetAttributeTraversal("parent", traversal("organization", "org"))
		unit.SetAttributeRaw("policies", refs("scp", names(o.SCPs)))
		b.AppendNewline()
		hq := b.AppendNewBlock("account", []string{"hq"}).Body()
		hq.SetAttributeValue("id", cty.StringVal(HQAccount))
		hq.SetAttributeTraversal("parent", traversal("organization", "org"))
		b.AppendNewline()
		acct := b.AppendNewBlock("account", []string{"prod"}).Body()
		acct.SetAttributeValue("id", cty.StringVal(MemberAccount))
		acct.SetAttributeTraversal("parent", traversal("unit", "workloads"))
		for _, p := range o.SCPs {
			b.AppendNewline()
			writeStatements(b.AppendNewBlock("scp", []string{p.Name}).Body(), p.Statements)
		}
		for _, p := range o.Boundaries {
			b.AppendNewline()
			writePolicy(b, p)
		}
	})

	put("groups.hcl", "Groups: one per team.", func(b *hclwrite.Body) {
		for i, g := range o.Groups {
			if i > 0 {
				b.AppendNewline()
			}
			gb := b.AppendNewBlock("group", []string{g.Name}).Body()
			gb.SetAttributeTraversal("account", traversal("account", "prod"))
			gb.SetAttributeRaw("policies", refs("policy", names(g.Policies)))
		}
	})

	put("users.hcl", "Users.", func(b *hclwrite.Body) {
		for i, u := range o.Users {
			if i > 0 {
				b.AppendNewline()
			}
			ub := b.AppendNewBlock("user", []string{u.Name}).Body()
			ub.SetAttributeTraversal("account", traversal("account", "prod"))
			var groups []string
			for _, g := range u.Groups {
				groups = append(groups, g.Name)
			}
			ub.SetAttributeRaw("groups", refs("group", groups))
			if len(u.Policies) > 0 {
				ub.SetAttributeRaw("policies", refs("policy", names(u.Policies)))
			}
			if u.Boundary != nil {
				ub.SetAttributeTraversal("permissions_boundary", traversal("policy", u.Boundary.Name))
			}
		}
	})

	put("roles.hcl", "Roles, each trusted by one to three users.", func(b *hclwrite.Body) {
		for i, r := range o.Roles {
			if i > 0 {
				b.AppendNewline()
			}
			rb := b.AppendNewBlock("role", []string{r.Name}).Body()
			rb.SetAttributeTraversal("account", traversal("account", "prod"))
			rb.SetAttributeRaw("policies", refs("policy", names(r.Policies)))
			if r.Boundary != nil {
				rb.SetAttributeTraversal("permissions_boundary", traversal("policy", r.Boundary.Name))
			}
			rb.SetAttributeValue("max_session_duration", cty.StringVal("12h"))
			writeStatements(rb.AppendNewBlock("trust", nil).Body(), r.Trust.Statements)
		}
	})

	for file, start := 0, 0; start < len(o.Policies); file++ {
		end, stmts := start, 0
		for end < len(o.Policies) && end-start < policiesPerFile && (end == start || stmts+len(o.Policies[end].Statements) <= statementsPerFile) {
			stmts += len(o.Policies[end].Statements)
			end++
		}
		chunk := o.Policies[start:end]
		start = end
		put(fmt.Sprintf("policies-%03d.hcl", file), "Managed policies, each written by one team for its namespace.", func(b *hclwrite.Body) {
			for i, p := range chunk {
				if i > 0 {
					b.AppendNewline()
				}
				writePolicy(b, p)
			}
		})
	}
	return files
}

// WriteDir writes the organization's files into dir, which it creates.
func (o *Org) WriteDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	files := o.Files()
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), files[n], 0o644); err != nil {
			return err
		}
	}
	return nil
}

func writePolicy(b *hclwrite.Body, p *Policy) {
	pb := b.AppendNewBlock("policy", []string{p.Name}).Body()
	pb.SetAttributeTraversal("account", traversal("account", "prod"))
	writeStatements(pb, p.Statements)
}

func writeStatements(b *hclwrite.Body, sts []*Statement) {
	for _, s := range sts {
		sb := b.AppendNewBlock("statement", []string{s.Sid}).Body()
		if s.Effect != "Allow" {
			sb.SetAttributeValue("effect", cty.StringVal(s.Effect))
		}
		if len(s.NotActions) > 0 {
			sb.SetAttributeValue("not_actions", stringList(s.NotActions))
		} else {
			sb.SetAttributeValue("actions", stringList(s.Actions))
		}
		if len(s.Resources) > 0 {
			sb.SetAttributeValue("resources", stringList(s.Resources))
		}
		if len(s.Principals) > 0 {
			pb := sb.AppendNewBlock("principals", nil).Body()
			pb.SetAttributeValue("type", cty.StringVal("AWS"))
			var ids []hclwrite.Tokens
			for _, u := range s.Principals {
				ids = append(ids, hclwrite.TokensForTraversal(traversal("user", u.Name, "arn")))
			}
			pb.SetAttributeRaw("identifiers", hclwrite.TokensForTuple(ids))
		}
		for _, c := range s.Conditions {
			cb := sb.AppendNewBlock("condition", nil).Body()
			cb.SetAttributeValue("test", cty.StringVal(c.Test))
			cb.SetAttributeValue("variable", cty.StringVal(c.Variable))
			cb.SetAttributeValue("values", stringList(c.Values))
		}
	}
}

func traversal(parts ...string) hcl.Traversal {
	t := hcl.Traversal{hcl.TraverseRoot{Name: parts[0]}}
	for _, p := range parts[1:] {
		t = append(t, hcl.TraverseAttr{Name: p})
	}
	return t
}

func refs(kind string, names []string) hclwrite.Tokens {
	var elems []hclwrite.Tokens
	for _, n := range names {
		elems = append(elems, hclwrite.TokensForTraversal(traversal(kind, n)))
	}
	return hclwrite.TokensForTuple(elems)
}

func names(ps []*Policy) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Name
	}
	return out
}

func stringList(ss []string) cty.Value {
	vals := make([]cty.Value, len(ss))
	for i, s := range ss {
		vals[i] = cty.StringVal(s)
	}
	return cty.TupleVal(vals)
}
