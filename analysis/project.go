package analysis

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/catalog"
	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/rego"
	"github.com/iamc/iamc/schema"
)

// Project is what the analyses work on: a loaded engine and the model it
// decides with, and, when it was compiled from sources, the project.
type Project struct {
	Engine *rego.Engine
	Model  *Model
	// Source is the project's decoded sources; nil for a bundle.
	Source *schema.Project
	// Name says where it came from: a directory, a bundle, a revision.
	Name string
	// spelling maps a lower-case action to how the project writes it.
	spelling map[string]string
}

// CompileError is returned by Open when the project does not compile; the
// diagnostics say why.
type CompileError struct {
	Dir         string
	Project     *schema.Project
	Diagnostics hcl.Diagnostics
}

func (e *CompileError) Error() string { return e.Dir + ": the project does not compile" }

// Open loads what path names: a project directory (compiled in memory), a
// bundle tarball built by iamc build, or an unpacked bundle directory
// (iamc build --format dir). Warnings of a project that compiles are
// returned with it.
func Open(ctx context.Context, path string) (*Project, hcl.Diagnostics, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if !st.IsDir() {
		raw, err := os.ReadFile(path)
		if err != nil {
			return nil, nil, err
		}
		p, err := FromBundle(ctx, path, raw)
		return p, nil, err
	}
	if _, err := os.Stat(filepath.Join(path, ".manifest")); err == nil {
		p, err := fromBundleDir(ctx, path)
		return p, nil, err
	}
	out, proj, diags, err := compiler.BuildContext(ctx, path)
	if err != nil {
		return nil, nil, err
	}
	if out == nil || diags.HasErrors() {
		return nil, diags, &CompileError{Dir: path, Project: proj, Diagnostics: diags}
	}
	p, err := FromOutput(ctx, path, out)
	return p, diags, err
}

// FromOutput loads a compiled project.
func FromOutput(ctx context.Context, name string, out *compiler.Output) (*Project, error) {
	b, err := out.BundleBytes()
	if err != nil {
		return nil, err
	}
	eng, m, err := loadBoth(ctx, rego.FromBytes(b), func() ([]byte, error) { return out.Data, nil })
	if err != nil {
		return nil, err
	}
	p := &Project{Engine: eng, Model: m, Source: out.Project, Name: name}
	p.fromSources(out.Project)
	return p, nil
}

// FromBundle loads a bundle tarball held in memory: the engine and the
// model, each on its own goroutine.
func FromBundle(ctx context.Context, name string, raw []byte) (*Project, error) {
	eng, m, err := loadBoth(ctx, rego.FromBytes(raw), func() ([]byte, error) { return bundleModel(raw) })
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &Project{Engine: eng, Model: m, Name: name}, nil
}

// loadBoth loads an engine and reads the model at once, on two
// goroutines (both parse the model's data; on two cores the load costs the
// longer of the two). The model's data is bounded as Load bounds a bundle.
func loadBoth(ctx context.Context, src rego.Source, data func() ([]byte, error)) (*rego.Engine, *Model, error) {
	type read struct {
		m   *Model
		err error
	}
	done := make(chan read, 1)
	go func() {
		b, err := data()
		if err != nil {
			done <- read{nil, err}
			return
		}
		m, err := ReadModel(b)
		done <- read{m, err}
	}()
	eng, err := rego.Load(ctx, src, rego.WithRequestTime())
	r := <-done
	if err != nil {
		return nil, nil, err
	}
	if r.err != nil {
		return nil, nil, r.err
	}
	return eng, r.m, nil
}

func fromBundleDir(ctx context.Context, dir string) (*Project, error) {
	eng, m, err := loadBoth(ctx, rego.FromFS(os.DirFS(dir)), func() ([]byte, error) {
		return os.ReadFile(filepath.Join(dir, filepath.FromSlash(compiler.DataPath), "data.json"))
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	return &Project{Engine: eng, Model: m, Name: dir}, nil
}

// bundleModel reads the model's data.json out of a bundle tarball (which
// rego.Load has already checked and bounded).
func bundleModel(raw []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(zr)
	want := compiler.DataPath + "/data.json"
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("the bundle has no %s: not a bundle of iamc", want)
		}
		if err != nil {
			return nil, err
		}
		if strings.TrimPrefix(h.Name, "/") == want {
			return io.ReadAll(io.LimitReader(tr, rego.DefaultMaxBundleSize))
		}
	}
}

// fromSources adds what only the sources know: the groups and their
// members, and how the project spells its actions.
func (p *Project) fromSources(src *schema.Project) {
	p.spelling = map[string]string{}
	if src == nil {
		return
	}
	ids := map[string]string{}
	for _, a := range src.Accounts {
		ids[a.Name] = a.ID
	}
	m := p.Model
	for _, pol := range src.Policies {
		ref := compiler.PolicyRef(pol)
		m.Policies[ref] = &ManagedPolicy{Ref: ref, ARN: pol.ARN}
	}
	attach := func(refs []schema.Ref, arn string) {
		for _, r := range refs {
			if mp := m.Policies[r.String()]; mp != nil {
				mp.Attached = append(mp.Attached, arn)
			}
		}
	}
	groups := map[string]*schema.Group{}
	for _, g := range src.Groups {
		groups[g.Name] = g
		grp := &Group{Name: g.Name, ARN: g.ARN, Account: ids[g.Account]}
		for _, r := range g.Policies {
			grp.Refs = append(grp.Refs, r.String())
		}
		m.Groups[g.Name] = grp
	}
	for _, u := range src.Users {
		attach(u.Policies, u.ARN)
		for _, r := range u.Groups {
			if g := m.Groups[r.Name]; g != nil {
				g.Members = append(g.Members, u.ARN)
				attach(groups[r.Name].Policies, u.ARN)
			}
		}
	}
	for _, r := range src.Roles {
		attach(r.Policies, r.ARN)
	}
	for _, s := range src.Services {
		for _, a := range s.Actions {
			p.spelling[strings.ToLower(s.Name+":"+a.Value)] = s.Name + ":" + a.Value
		}
	}
	for _, pol := range compiler.AllPolicies(src) {
		if pol == nil || pol.Document == nil {
			continue
		}
		for _, st := range pol.Document.Statements {
			if st == nil {
				continue
			}
			for _, a := range append(append([]schema.String(nil), st.Actions...), st.NotActions...) {
				if !strings.ContainsAny(a.Value, "*?") {
					if _, ok := p.spelling[strings.ToLower(a.Value)]; !ok {
						p.spelling[strings.ToLower(a.Value)] = a.Value
					}
				}
			}
		}
	}
}

// ActionName writes a lower-case action as people do: as the AWS catalog
// names it, else as the project writes it.
func (p *Project) ActionName(a string) string {
	if act, ok := catalog.LookupAction(a); ok {
		return act.Name
	}
	if s, ok := p.spelling[a]; ok {
		return s
	}
	return a
}

// OpenRevision loads the project in dir as it is at git revision rev: the
// directory's files at that revision are exported into a temporary
// directory and compiled there.
func OpenRevision(ctx context.Context, dir, rev string) (*Project, hcl.Diagnostics, error) {
	tmp, err := os.MkdirTemp("", "iamc-rev-")
	if err != nil {
		return nil, nil, err
	}
	defer os.RemoveAll(tmp)
	prefix, err := gitOutput(ctx, dir, "rev-parse", "--show-prefix")
	if err != nil {
		return nil, nil, err
	}
	top, err := gitOutput(ctx, dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, nil, err
	}
	tree := rev + ":" + strings.TrimSpace(prefix)
	archive, err := gitOutput(ctx, strings.TrimSpace(top), "archive", "--format=tar", tree)
	if err != nil {
		return nil, nil, err
	}
	if err := untar(tmp, []byte(archive)); err != nil {
		return nil, nil, fmt.Errorf("git archive %s: %w", tree, err)
	}
	p, diags, err := Open(ctx, tmp)
	if p != nil {
		p.Name = rev
	}
	var ce *CompileError
	if errors.As(err, &ce) {
		ce.Dir = rev + ":" + dir
	}
	return p, diags, err
}

func gitOutput(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(errb.String())
		if msg == "" {
			msg = err.Error()
		}
		return "", fmt.Errorf("git %s: %s", strings.Join(args, " "), msg)
	}
	return out.String(), nil
}

// untar writes the regular files of a tar archive under dir, refusing any
// name that would leave it.
func untar(dir string, data []byte) error {
	tr := tar.NewReader(bytes.NewReader(data))
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		name := filepath.FromSlash(h.Name)
		if !filepath.IsLocal(name) {
			return fmt.Errorf("%q is outside the directory", h.Name)
		}
		target := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		body, err := io.ReadAll(io.LimitReader(tr, 64<<20))
		if err != nil {
			return err
		}
		if err := os.WriteFile(target, body, 0o644); err != nil {
			return err
		}
	}
}
