// Package server serves the bundle of a project directory to a fleet of OPA
// sidecars: it compiles the directory, serves the bundle at a stable path
// with an ETag (so that OPA's polling gets 304 Not Modified until something
// changes), watches the directory and rebuilds on change, and keeps serving
// the last good bundle when a change does not compile.
//
//	srv, err := server.New(server.Config{Dir: "policies", Log: os.Stderr})
//	go srv.Watch(ctx)
//	http.Serve(ln, srv.Handler())
//
// Endpoints: BundlePath (GET, HEAD), StatusPath (JSON, see Status) and
// HealthPath. A Server is safe for concurrent use.
package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/internal/english"
	"github.com/iamc/iamc/schema"
)

// Paths the server answers.
const (
	// BundlePath is where the bundle is served; an OPA bundle service
	// names it as the resource "bundles/iamc.tar.gz".
	BundlePath = "/bundles/iamc.tar.gz"
	// StatusPath answers the Status as JSON.
	StatusPath = "/status"
	// HealthPath answers 200 while a bundle is served.
	HealthPath = "/health"
)

// DefaultInterval is how often the directory is checked for changes.
const DefaultInterval = time.Second

// Config configures a Server.
type Config struct {
	// Dir is the project directory.
	Dir string
	// Signing, when set, signs every bundle served.
	Signing *compiler.Signing
	// Interval is how often Watch looks for changes (default
	// DefaultInterval). A change is built once the directory has stayed
	// the same for one interval, so that a save of several files makes one
	// build.
	Interval time.Duration
	// Log receives a line per build, and the diagnostics of a change that
	// does not compile; nil discards them.
	Log io.Writer
}

// Status is what StatusPath answers: the bundle being served and how the
// last build went.
type Status struct {
	Dir string `json:"dir"`
	// OK says whether the bundle served is the project as it is now: false
	// when the last build failed or the directory cannot be read (it was
	// removed, or its permissions changed), and LastBuild says why. The
	// last good bundle is served all the same.
	OK bool `json:"ok"`
	// Revision is the served bundle's manifest revision.
	Revision   string    `json:"revision"`
	ETag       string    `json:"etag"`
	Signed     bool      `json:"signed"`
	Statements int       `json:"statements"`
	BuiltAt    time.Time `json:"built_at"`
	// Builds counts the bundles served since start, Failures the builds
	// that did not compile.
	Builds    int         `json:"builds"`
	Failures  int         `json:"failures"`
	LastBuild BuildResult `json:"last_build"`
	// Requests counts the bundle requests answered, NotModified those
	// answered 304 (the poller already had the bundle).
	Requests    int64 `json:"requests"`
	NotModified int64 `json:"not_modified"`
}

// BuildResult is the outcome of one build.
type BuildResult struct {
	OK       bool      `json:"ok"`
	At       time.Time `json:"at"`
	Revision string    `json:"revision,omitempty"`
	// Errors are the diagnostics of a build that failed, one line each
	// (file:line:col: error: message), or the signing or writing error.
	Errors []string `json:"errors"`
}

// BuildError is returned when the project does not compile.
type BuildError struct {
	Project     *schema.Project // nil when the directory could not be read
	Diagnostics hcl.Diagnostics
}

func (e *BuildError) Error() string {
	n := 0
	for _, d := range e.Diagnostics {
		if d.Severity == hcl.DiagError {
			n++
		}
	}
	return fmt.Sprintf("the project does not compile (%d errors)", n)
}

// Server serves one project's bundle.
type Server struct {
	cfg Config
	log *log.Logger

	mu     sync.RWMutex
	cur    *bundleFile
	status Status
	// stamp is the directory as it was when the last build started.
	stamp dirSnapshot

	requests, notModified atomic.Int64
}

// bundleFile is a built bundle.
type bundleFile struct {
	data       []byte
	etag       string
	revision   string
	statements int
	builtAt    time.Time
}

// New builds the project once and returns a server for it. When the project
// does not compile the error is a *BuildError and there is no server: a
// server always has a good bundle to serve.
func New(cfg Config) (*Server, error) {
	return NewContext(context.Background(), cfg)
}

// NewContext is New that gives up, with ctx's error, when ctx is done
// before the first build has finished.
func NewContext(ctx context.Context, cfg Config) (*Server, error) {
	if cfg.Interval <= 0 {
		cfg.Interval = DefaultInterval
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	s := &Server{cfg: cfg, log: log.New(cfg.Log, "iamc serve: ", log.LstdFlags)}
	s.status.Dir = cfg.Dir
	s.status.Signed = cfg.Signing != nil
	if _, err := s.RebuildContext(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// Rebuild compiles the directory now. A bundle whose revision differs from
// the one served replaces it, and changed reports that. When the project
// does not compile the error says why (a *BuildError) and the last good
// bundle is still served.
func (s *Server) Rebuild() (changed bool, err error) {
	return s.RebuildContext(context.Background())
}

// RebuildContext is Rebuild that gives up when ctx is done: nothing
// changes and the error is ctx's.
func (s *Server) RebuildContext(ctx context.Context) (changed bool, err error) {
	start := time.Now()
	stamp, serr := snapshot(s.cfg.Dir)
	b, proj, err := s.build(ctx)
	if cerr := ctx.Err(); cerr != nil {
		return false, cerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if serr == nil {
		s.stamp = stamp
	}
	s.status.LastBuild = BuildResult{OK: err == nil, At: start.UTC(), Errors: []string{}}
	s.status.OK = err == nil
	if err != nil {
		s.status.Failures++
		s.status.LastBuild.Errors = errorLines(proj, err)
		if s.cur != nil {
			s.log.Printf("%s does not compile; still serving revision %.12s:\n%s", s.cfg.Dir, s.cur.revision, renderError(s.cfg.Dir, proj, err))
		}
		return false, err
	}
	s.status.LastBuild.Revision = b.revision
	if s.cur != nil && s.cur.revision == b.revision {
		return false, nil
	}
	s.cur = b
	s.status.Builds++
	s.status.Revision, s.status.ETag, s.status.Statements, s.status.BuiltAt = b.revision, b.etag, b.statements, b.builtAt
	s.log.Printf("built revision %.12s: %s, %d bytes, in %s", b.revision, english.Count(b.statements, "statement", "statements"), len(b.data), time.Since(start).Round(time.Millisecond))
	return true, nil
}

func (s *Server) build(ctx context.Context) (*bundleFile, *schema.Project, error) {
	out, proj, diags, err := compiler.BuildContext(ctx, s.cfg.Dir)
	if err != nil {
		return nil, nil, err
	}
	if diags.HasErrors() || out == nil {
		return nil, proj, &BuildError{Project: proj, Diagnostics: diags}
	}
	if s.cfg.Signing != nil {
		if err := out.Sign(*s.cfg.Signing); err != nil {
			return nil, proj, err
		}
	}
	data, err := out.BundleBytes()
	if err != nil {
		return nil, proj, fmt.Errorf("write bundle: %w", err)
	}
	sum := sha256.Sum256(data)
	return &bundleFile{data: data, etag: `"` + hex.EncodeToString(sum[:16]) + `"`, revision: out.Revision,
		statements: out.ProjectStatements(), builtAt: time.Now().UTC()}, proj, nil
}

// errorLines is a failed build's reasons, one line each.
func errorLines(proj *schema.Project, err error) []string {
	be, ok := err.(*BuildError)
	if !ok {
		return []string{err.Error()}
	}
	var out []string
	w := schema.DiagWriter{}
	if proj != nil {
		w.Sources = proj.Sources
	}
	for _, d := range schema.SortDiagnostics(be.Diagnostics) {
		if d.Severity != hcl.DiagError {
			continue
		}
		line, _, _ := strings.Cut(w.Format(d), "\n")
		out = append(out, line)
	}
	if len(out) == 0 {
		out = append(out, err.Error())
	}
	return out
}

// renderError is a failed build's reasons with their source lines.
func renderError(dir string, proj *schema.Project, err error) string {
	be, ok := err.(*BuildError)
	if !ok {
		return err.Error()
	}
	w := schema.DiagWriter{Prefix: dir}
	if proj != nil {
		w.Sources = proj.Sources
	}
	var b strings.Builder
	_ = w.Write(&b, be.Diagnostics)
	return strings.TrimRight(b.String(), "\n")
}

// Status returns the current status.
func (s *Server) Status() Status {
	s.mu.RLock()
	defer s.mu.RUnlock()
	st := s.status
	st.LastBuild.Errors = append([]string{}, st.LastBuild.Errors...)
	st.Requests, st.NotModified = s.requests.Load(), s.notModified.Load()
	return st
}

func (s *Server) current() *bundleFile {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.cur
}

// Handler serves the bundle, the status and the health check.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc(BundlePath, s.serveBundle)
	mux.HandleFunc(StatusPath, func(w http.ResponseWriter, r *http.Request) {
		if !allowRead(w, r) {
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		_ = enc.Encode(s.Status())
	})
	mux.HandleFunc(HealthPath, func(w http.ResponseWriter, r *http.Request) {
		if !allowRead(w, r) {
			return
		}
		if s.current() == nil {
			http.Error(w, "no bundle", http.StatusServiceUnavailable)
			return
		}
		_, _ = io.WriteString(w, "ok\n")
	})
	return mux
}

// serveBundle answers GET and HEAD with the bundle. http.ServeContent
// answers 304 Not Modified when If-None-Match names the current ETag, which
// is what OPA sends when it polls.
func (s *Server) serveBundle(w http.ResponseWriter, r *http.Request) {
	if !allowRead(w, r) {
		return
	}
	b := s.current()
	if b == nil {
		http.Error(w, "no bundle", http.StatusServiceUnavailable)
		return
	}
	h := w.Header()
	h.Set("ETag", b.etag)
	h.Set("Content-Type", "application/gzip")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Iamc-Revision", b.revision)
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	http.ServeContent(rec, r, "iamc.tar.gz", b.builtAt, bytes.NewReader(b.data))
	s.requests.Add(1)
	if rec.status == http.StatusNotModified {
		s.notModified.Add(1)
	}
}

// statusRecorder remembers the status code written.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func allowRead(w http.ResponseWriter, r *http.Request) bool {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return true
	}
	w.Header().Set("Allow", "GET, HEAD")
	http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	return false
}

// Watch polls the directory every Interval and rebuilds once a change has
// settled (the directory looked the same twice in a row), until ctx is
// done. A change is measured against the directory as it was when the
// served bundle was built, so nothing made before Watch started is missed.
func (s *Server) Watch(ctx context.Context) {
	t := time.NewTicker(s.cfg.Interval)
	defer t.Stop()
	var prev dirSnapshot
	lastErr := ""
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		now, err := snapshot(s.cfg.Dir)
		if err != nil {
			// Said once, not at every interval.
			if err.Error() != lastErr {
				s.unreadable(err)
				lastErr = err.Error()
			}
			prev = nil
			continue
		}
		if lastErr != "" {
			// Readable again: build what is there now, whether or not it
			// changed, so that the status says how it is.
			lastErr, prev = "", nil
			_, _ = s.RebuildContext(ctx)
			continue
		}
		s.mu.RLock()
		built := s.stamp
		s.mu.RUnlock()
		if now.equal(built) {
			prev = nil
			continue
		}
		if prev == nil || !now.equal(prev) {
			// Changed: wait one interval for it to settle.
			prev = now
			continue
		}
		prev = nil
		_, _ = s.RebuildContext(ctx)
	}
}

// unreadable records that the directory cannot be read: the status is not
// OK and says why, and the last good bundle is still served.
func (s *Server) unreadable(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	msg := fmt.Sprintf("cannot read the project directory: %v", err)
	s.status.OK = false
	s.status.Failures++
	s.status.LastBuild = BuildResult{OK: false, At: time.Now().UTC(), Errors: []string{msg}}
	s.log.Printf("%s; still serving revision %.12s", msg, s.status.Revision)
}
