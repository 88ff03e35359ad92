// Package e2e runs iamc's bundles in the real OPA server: the OPA of the
// module's tool directive (`go tool opa`, the same version as the library),
// started as a sidecar on a loopback port, and the iamc command built from
// this tree. Nothing here is skipped: without a Go toolchain to build them
// the tests fail.
package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var (
	// opaBin is the real OPA server, built by `go tool -n opa`.
	opaBin string
	// iamcBin is the iamc command built from this tree.
	iamcBin string
)

func TestMain(m *testing.M) {
	tmp, err := os.MkdirTemp("", "iamc-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	err = buildTools(tmp)
	code := 1
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
	} else {
		code = m.Run()
	}
	os.RemoveAll(tmp)
	os.Exit(code)
}

// buildTools builds OPA (cached by the go command after the first time) and
// iamc.
func buildTools(tmp string) error {
	goCmd := "go"
	if _, err := exec.LookPath(goCmd); err != nil {
		return fmt.Errorf("the real OPA server is built with the go command, which is not on PATH: %w", err)
	}
	// `go tool -n opa` builds the tool of go.mod's tool directive and
	// prints the cached binary's path.
	out, err := exec.Command(goCmd, "tool", "-n", "opa").Output()
	if err != nil {
		return fmt.Errorf("go tool -n opa: %w%s", err, stderrOf(err))
	}
	opaBin = strings.TrimSpace(string(out))
	if _, err := os.Stat(opaBin); err != nil {
		return fmt.Errorf("go tool -n opa printed %q: %w", opaBin, err)
	}
	iamcBin = filepath.Join(tmp, "iamc")
	if out, err := exec.Command(goCmd, "build", "-o", iamcBin, "github.com/iamc/iamc/cmd/iamc").CombinedOutput(); err != nil {
		return fmt.Errorf("go build iamc: %w\n%s", err, out)
	}
	return nil
}

func stderrOf(err error) string {
	var ee *exec.ExitError
	if errors.As(err, &ee) && len(ee.Stderr) > 0 {
		return "\n" + string(ee.Stderr)
	}
	return ""
}

// ---------------------------------------------------------------- processes

// syncBuffer collects a process's output for the test to read while it runs.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// proc is a process started by a test; it is stopped when the test ends,
// however it ends.
type proc struct {
	name string
	cmd  *exec.Cmd
	out  *syncBuffer
	done chan struct{}
	err  error // the exit status, once done is closed
}

func startProc(t testing.TB, name, bin string, args ...string) *proc {
	t.Helper()
	p := &proc{name: name, cmd: exec.Command(bin, args...), out: &syncBuffer{}, done: make(chan struct{})}
	p.cmd.Stdout = p.out
	p.cmd.Stderr = p.out
	dieWithParent(p.cmd)
	if err := p.cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", name, err)
	}
	go func() {
		p.err = p.cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		if err := p.stop(); err != nil && !p.exited() {
			t.Logf("stop %s: %v", name, err)
		}
	})
	return p
}

func (p *proc) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// stop sends SIGTERM, waits up to 10 seconds, then kills. It returns the
// exit status.
func (p *proc) stop() error {
	if p.exited() {
		return p.err
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.done
	}
	return p.err
}

// freePort returns a loopback port that was free a moment ago.
func freePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// sidecar is a running OPA server.
type sidecar struct {
	*proc
	url string // http://127.0.0.1:port
}

// startOPA starts `opa run --server` on a free loopback port with args and
// waits until its bundles are active (/health?bundles answers 200).
func startOPA(t testing.TB, name string, args ...string) *sidecar {
	t.Helper()
	var last *proc
	for attempt := 0; attempt < 3; attempt++ {
		addr := "127.0.0.1:" + strconv.Itoa(freePort(t))
		full := append([]string{"run", "--server", "--addr", addr, "--skip-version-check",
			"--log-level", "error", "--shutdown-grace-period", "1"}, args...)
		p := startProc(t, name, opaBin, full...)
		s := &sidecar{proc: p, url: "http://" + addr}
		err := s.waitHealthy(60 * time.Second)
		if err == nil {
			return s
		}
		last = p
		_ = p.stop()
		if !strings.Contains(p.out.String(), "address already in use") {
			t.Fatalf("%s did not become healthy: %v\n%s", name, err, p.out.String())
		}
	}
	t.Fatalf("%s could not get a port:\n%s", name, last.out.String())
	return nil
}

func (s *sidecar) waitHealthy(timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if s.exited() {
			return fmt.Errorf("exited: %v", s.err)
		}
		resp, err := http.Get(s.url + "/health?bundles")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	return errors.New("timed out")
}

// client is shared by the tests: keep-alive connections to the sidecars.
var client = &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 16}}

// query POSTs {"input": input} to /v1/data/<path> and returns the result;
// ok is false when the document is undefined.
func (s *sidecar) query(ctx context.Context, path string, input any) (result any, ok bool, err error) {
	body, err := json.Marshal(map[string]any{"input": input})
	if err != nil {
		return nil, false, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.url+"/v1/data/"+path, bytes.NewReader(body))
	if err != nil {
		return nil, false, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return nil, false, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, false, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, false, fmt.Errorf("POST /v1/data/%s: %s: %s", path, resp.Status, b)
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, false, err
	}
	result, ok = out["result"]
	return result, ok, nil
}

// revision is the revision of the sidecar's bundle named name, from
// data.system.bundles.
func (s *sidecar) revision(ctx context.Context, name string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.url+"/v1/data/system/bundles", nil)
	if err != nil {
		return "", err
	}
	resp, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out struct {
		Result map[string]struct {
			Manifest struct {
				Revision string `json:"revision"`
			} `json:"manifest"`
		} `json:"result"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return "", err
	}
	return out.Result[name].Manifest.Revision, nil
}

// runTool runs a command to completion and returns its combined output.
func runTool(t testing.TB, bin string, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, args...).CombinedOutput()
	return string(out), err
}

// toJSONValue turns v into its JSON form (maps, slices, strings, float64,
// bools) so that values from Go structs and from HTTP answers compare.
// It may run on any goroutine.
func toJSONValue(t testing.TB, v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		t.Errorf("marshal %T: %v", v, err)
		return nil
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Errorf("unmarshal %T: %v", v, err)
	}
	return out
}
