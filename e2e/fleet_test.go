package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/rego"
	"github.com/iamc/iamc/server"
)

// Polling of the fleet's sidecars, in seconds (examples/sidecar uses 10 to
// 20; the test shortens it).
const (
	fleetMinDelay = 1
	fleetMaxDelay = 2
)

// editMenu is the request the fleet test follows: the employee edits the
// menu. The staff group's policy allows only menu:ViewMenu, so it is an
// implicit deny (docs/semantics.md §1); once the test adds menu:EditMenu to that
// policy, the group's policy applies to its member (§3.1) and it is
// allowed.
var editMenu = map[string]any{
	"principal": "arn:aws:iam::111122223333:user/staff/employee",
	"action":    "menu:EditMenu",
	"resource":  "*",
}

// TestFleet runs `iamc serve` and three real OPA sidecars polling it with
// examples/sidecar/opa-config.yaml (signed bundles): all answer alike; a
// policy edit reaches all three within the polling interval; a change that
// does not compile leaves them on the last good bundle.
func TestFleet(t *testing.T) {
	ctx := context.Background()
	tmp := t.TempDir()
	proj := filepath.Join(tmp, "coffee-shop")
	copyDir(t, coffee, proj)
	kp := newKeyPair(t, tmp, "fleet", "RS256")

	serve := startProc(t, "iamc serve", iamcBin, "serve", proj, "--addr", "127.0.0.1:0", "--interval", "100ms",
		"--signing-key", kp.private, "--key-id", "iamc")
	base := waitServeURL(t, serve)
	status := func() server.Status {
		t.Helper()
		var st server.Status
		resp, err := client.Get(base + server.StatusPath)
		require.NoError(t, err)
		defer resp.Body.Close()
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&st))
		return st
	}
	first := status()
	require.True(t, first.LastBuild.OK)
	require.True(t, first.Signed)

	var fleet []*sidecar
	for i := 1; i <= 3; i++ {
		fleet = append(fleet, startOPA(t, fmt.Sprintf("sidecar %d", i),
			"-c", "../examples/sidecar/opa-config.yaml",
			"--set", "services.iamc.url="+base,
			"--set", fmt.Sprintf("bundles.iamc.polling.min_delay_seconds=%d", fleetMinDelay),
			"--set", fmt.Sprintf("bundles.iamc.polling.max_delay_seconds=%d", fleetMaxDelay),
			"--set-file", "keys.iamc.key="+kp.public))
	}

	// All three answer alike, as the embedded engine does, on the bundle
	// iamc serve built.
	before := fleetState(t, ctx, fleet)
	for i, s := range before {
		assert.Equal(t, first.Revision, s.revision, "sidecar %d revision", i+1)
		assert.Equal(t, embeddedDecision(t, proj), s.decision, "sidecar %d decision", i+1)
		assert.Equal(t, "implicit_deny", s.decision["decision"], "sidecar %d: the staff policy does not allow menu:EditMenu", i+1)
	}

	// Edit a policy: every sidecar converges to the new revision and the
	// new answer.
	policies := filepath.Join(proj, "policies.hcl")
	src := readFile(t, policies)
	edited := strings.Replace(src, `actions   = ["menu:ViewMenu"]`, `actions   = ["menu:ViewMenu", "menu:EditMenu"]`, 1)
	require.NotEqual(t, src, edited, "the edit must change policies.hcl")
	edit := time.Now()
	require.NoError(t, os.WriteFile(policies, []byte(edited), 0o644))
	want := embeddedDecision(t, proj)
	require.Equal(t, "allow", want["decision"])

	// Bounded: the server settles and builds (a few intervals of 100ms),
	// then each sidecar polls within max_delay_seconds; the rest is slack
	// for a loaded machine.
	deadline := edit.Add(time.Duration(fleetMaxDelay)*time.Second + 15*time.Second)
	var newRevision string
	converged := make([]time.Duration, len(fleet))
	for {
		st := status()
		if st.Revision != first.Revision {
			newRevision = st.Revision
		}
		done := newRevision != ""
		for i, s := range fleet {
			if converged[i] != 0 {
				continue
			}
			got := sidecarState(t, ctx, s)
			if newRevision != "" && got.revision == newRevision {
				assert.Equal(t, want, got.decision, "sidecar %d answers the new revision differently", i+1)
				converged[i] = time.Since(edit)
			} else {
				done = false
			}
		}
		if done {
			break
		}
		require.True(t, time.Now().Before(deadline), "the fleet did not converge: server revision %.12s, sidecars %v", newRevision, fleetState(t, ctx, fleet))
		time.Sleep(25 * time.Millisecond)
	}
	slowest := time.Duration(0)
	for _, d := range converged {
		slowest = max(slowest, d)
	}
	t.Logf("fleet converged to revision %.12s in %s after the edit (sidecars: %v; polling %d-%ds)",
		newRevision, slowest.Round(time.Millisecond), roundAll(converged), fleetMinDelay, fleetMaxDelay)

	// A change that does not compile: the server says why and keeps the
	// last good bundle; the sidecars, still polling, keep it too.
	good := status()
	broken := edited + "\npolicy \"oops\" {\n  statement {\n    actions = [\"menu:ViewMenu\"\n  }\n}\n"
	require.NoError(t, os.WriteFile(policies, []byte(broken), 0o644))
	failDeadline := time.Now().Add(15 * time.Second)
	var failed server.Status
	for {
		failed = status()
		if !failed.LastBuild.OK && failed.LastBuild.At.After(good.LastBuild.At) {
			break
		}
		require.True(t, time.Now().Before(failDeadline), "the server did not report the broken change: %+v", failed)
		time.Sleep(25 * time.Millisecond)
	}
	assert.Equal(t, good.Revision, failed.Revision, "the server still serves the last good revision")
	require.NotEmpty(t, failed.LastBuild.Errors)
	assert.Regexp(t, `^policies\.hcl:\d+:\d+: error: `, failed.LastBuild.Errors[0])
	// The status is set before the log line is written: wait for the log.
	assert.Eventually(t, func() bool {
		return strings.Contains(serve.out.String(), "does not compile; still serving revision "+good.Revision[:12])
	}, 5*time.Second, 25*time.Millisecond, "the server's log says why it keeps the last good bundle: %s", serve.out.String())
	assert.Regexp(t, regexp.MustCompile(`policies\.hcl:\d+:\d+: error: `), serve.out.String())

	// Wait for two full polling rounds, then check nothing moved.
	polled := failed.Requests
	time.Sleep(time.Duration(2*fleetMaxDelay)*time.Second + 500*time.Millisecond)
	after := status()
	assert.GreaterOrEqual(t, after.Requests-polled, int64(len(fleet)), "the sidecars kept polling")
	assert.Greater(t, after.NotModified, failed.NotModified, "polls answered 304 Not Modified")
	for i, s := range fleetState(t, ctx, fleet) {
		assert.Equal(t, good.Revision, s.revision, "sidecar %d keeps the last good revision", i+1)
		assert.Equal(t, want, s.decision, "sidecar %d keeps the last good answer", i+1)
	}

	// The bundle answers 304 to the good ETag, and serves the good bytes.
	req, err := http.NewRequest(http.MethodGet, base+server.BundlePath, nil)
	require.NoError(t, err)
	req.Header.Set("If-None-Match", good.ETag)
	resp, err := client.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusNotModified, resp.StatusCode)

	// SIGTERM stops the server cleanly.
	require.NoError(t, serve.stop(), "iamc serve exit status:\n%s", serve.out.String())
	assert.Contains(t, serve.out.String(), "iamc serve: stopped")
}

// waitServeURL reads the server's address from its first lines.
func waitServeURL(t *testing.T, p *proc) string {
	t.Helper()
	re := regexp.MustCompile(`at (http://127\.0\.0\.1:\d+)` + regexp.QuoteMeta(server.BundlePath))
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(p.out.String()); m != nil {
			return m[1]
		}
		if p.exited() {
			t.Fatalf("iamc serve exited: %v\n%s", p.err, p.out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("iamc serve did not start:\n%s", p.out.String())
	return ""
}

type sidecarView struct {
	revision string
	decision map[string]any
}

func (v sidecarView) String() string {
	return fmt.Sprintf("{%.12s %v}", v.revision, v.decision["decision"])
}

func sidecarState(t *testing.T, ctx context.Context, s *sidecar) sidecarView {
	t.Helper()
	rev, err := s.revision(ctx, "iamc")
	require.NoError(t, err)
	d, ok, err := s.query(ctx, "iamc/decision", editMenu)
	require.NoError(t, err)
	require.True(t, ok)
	m, _ := d.(map[string]any)
	return sidecarView{revision: rev, decision: m}
}

func fleetState(t *testing.T, ctx context.Context, fleet []*sidecar) []sidecarView {
	t.Helper()
	out := make([]sidecarView, len(fleet))
	var wg sync.WaitGroup
	for i, s := range fleet {
		wg.Go(func() {
			rev, _ := s.revision(ctx, "iamc")
			d, _, _ := s.query(ctx, "iamc/decision", editMenu)
			m, _ := d.(map[string]any)
			out[i] = sidecarView{revision: rev, decision: m}
		})
	}
	wg.Wait()
	return out
}

// embeddedDecision is the embedded engine's decision of editMenu on the
// project as it is now.
func embeddedDecision(t *testing.T, dir string) map[string]any {
	t.Helper()
	out, _, diags := compiler.Build(dir)
	require.False(t, diags.HasErrors(), "%v", diags)
	b, err := out.BundleBytes()
	require.NoError(t, err)
	eng, err := rego.Load(context.Background(), rego.FromBytes(b))
	require.NoError(t, err)
	in, err := json.Marshal(editMenu)
	require.NoError(t, err)
	d, err := eng.DecideInput(context.Background(), in)
	require.NoError(t, err)
	m, _ := toJSONValue(t, d).(map[string]any)
	return m
}

func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	require.NoError(t, err)
}

func roundAll(ds []time.Duration) []time.Duration {
	out := make([]time.Duration, len(ds))
	for i, d := range ds {
		out[i] = d.Round(time.Millisecond)
	}
	return out
}
