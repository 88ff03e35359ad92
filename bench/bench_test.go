package bench_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/internal/gen"
	"github.com/iamc/iamc/internal/latency"
	"github.com/iamc/iamc/rego"
)

var (
	sizesFlag    = flag.String("sizes", "100,1000,10000,100000", "organization sizes, in statements, comma-separated")
	seedFlag     = flag.Uint64("seed", 1, "the generator's seed")
	requestsFlag = flag.Int("requests", 256, "designed requests per pool; each is checked before timing")
	batchesFlag  = flag.Int("batches", 16, "batches of 100 requests (one principal each) that BenchmarkDecideBatch cycles through")
)

// rssEnv names the bundle a child process loads to measure the resident
// memory of a loaded engine alone (see BenchmarkLoad).
const rssEnv = "IAMC_BENCH_RSS_BUNDLE"

// tmpRoot holds the generated projects of this run.
var tmpRoot string

func TestMain(m *testing.M) {
	flag.Parse()
	if path := os.Getenv(rssEnv); path != "" {
		os.Exit(measureRSS(path))
	}
	var err error
	if tmpRoot, err = os.MkdirTemp("", "iamc-bench-"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(tmpRoot)
	os.Exit(code)
}

func sizes(b *testing.B) []int {
	var out []int
	for _, s := range strings.Split(*sizesFlag, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			b.Fatalf("-sizes: %v", err)
		}
		out = append(out, n)
	}
	return out
}

// ---------------------------------------------------------------- fixtures

// fixture is one generated organization, written as HCL and compiled.
type fixture struct {
	n      int
	org    *gen.Org
	dir    string
	bundle []byte
	mem    *memory // measured once, by BenchmarkLoad
}

// memory is what a loaded engine holds, in MB.
type memory struct{ heap, rss, peak float64 }

// Benchmarks run one after another: the fixtures of every size are kept
// (a bundle is a few MB), but only one engine is loaded at a time.
var (
	fixtures = map[int]*fixture{}
	loaded   struct {
		n   int
		eng *rego.Engine
	}
)

func fixtureFor(b testing.TB, n int) *fixture {
	if f := fixtures[n]; f != nil {
		return f
	}
	org, err := gen.New(gen.Config{Statements: n, Seed: *seedFlag})
	if err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join(tmpRoot, fmt.Sprintf("org%d", n))
	if err := org.WriteDir(dir); err != nil {
		b.Fatal(err)
	}
	bundle := build(b, dir)
	f := &fixture{n: n, org: org, dir: dir, bundle: bundle}
	fixtures[n] = f
	return f
}

// build does what `iamc build` does: compile the project directory and
// pack the bundle.
func build(b testing.TB, dir string) []byte {
	out, _, diags := compiler.Build(dir)
	if diags.HasErrors() {
		b.Fatalf("compile %s: %s", dir, diags.Error())
	}
	bundle, err := out.BundleBytes()
	if err != nil {
		b.Fatal(err)
	}
	return bundle
}

func engineFor(b testing.TB, f *fixture) *rego.Engine {
	if loaded.eng != nil && loaded.n == f.n {
		return loaded.eng
	}
	loaded.eng = nil
	runtime.GC()
	eng, err := rego.Load(context.Background(), rego.FromBytes(f.bundle))
	if err != nil {
		b.Fatal(err)
	}
	loaded.n, loaded.eng = f.n, eng
	return eng
}

// ---------------------------------------------------------------- requests

// prepared is a designed request as the engine takes it.
type prepared struct {
	design gen.Request
	req    rego.Request
}

// prepare turns designed requests into engine requests, assuming each role
// once per caller, and checks every decision against its design, so that a
// fast wrong engine cannot look good.
func prepare(b testing.TB, eng *rego.Engine, reqs []gen.Request) []prepared {
	ctx := context.Background()
	sessions := map[[2]string]*rego.Session{}
	out := make([]prepared, len(reqs))
	for i, r := range reqs {
		req := rego.Request{Principal: r.Principal.ARN(), Action: r.Action, Resource: r.Resource, Context: r.Context()}
		if r.Role != nil {
			key := [2]string{r.Principal.ARN(), r.Role.ARN()}
			sess := sessions[key]
			if sess == nil {
				var err error
				sess, err = eng.AssumeRole(ctx, rego.AssumeRoleRequest{Principal: key[0], Role: key[1], Duration: 12 * time.Hour})
				if err != nil {
					b.Fatalf("%s: %v", r, err)
				}
				sessions[key] = sess
			}
			req.Session = sess
		}
		out[i] = prepared{design: r, req: req}
	}
	check(b, eng, out)
	return out
}

func check(b testing.TB, eng *rego.Engine, ps []prepared) {
	ctx := context.Background()
	for _, p := range ps {
		dec, err := eng.Decide(ctx, p.req)
		if err != nil {
			b.Fatalf("%s: %v", p.design, err)
		}
		verify(b, p.design, dec)
	}
}

// verify fails b unless the decision is the designed one: the same outcome,
// and reasons of the matching effect.
func verify(b testing.TB, r gen.Request, dec rego.Decision) {
	if string(dec.Decision) != r.Expect || len(dec.Errors) > 0 {
		b.Fatalf("%s: got %s %v", r, dec.Decision, dec.Errors)
	}
	want := map[string]rego.Effect{gen.Allow: rego.EffectAllow, gen.ExpectExplicit: rego.EffectDeny}[r.Expect]
	if want == "" {
		return
	}
	if len(dec.Reasons) == 0 {
		b.Fatalf("%s: %s without a reason", r, dec.Decision)
	}
	for _, why := range dec.Reasons {
		if why.Effect != want && r.Expect == gen.Allow {
			b.Fatalf("%s: allowed, with reason %+v", r, why)
		}
	}
	if r.Expect == gen.ExpectExplicit && dec.Reasons[0].Effect != rego.EffectDeny {
		b.Fatalf("%s: explicit deny, with reasons %+v", r, dec.Reasons)
	}
}

// ---------------------------------------------------------------- benchmarks

// TestHarness runs everything the benchmarks do but the timing, on a small
// organization, so that a change to the engine that breaks the harness (or
// a wrong decision) shows in make test rather than in make bench.
func TestHarness(t *testing.T) {
	f := fixtureFor(t, 100)
	eng := engineFor(t, f)
	for _, kind := range gen.Kinds {
		designed, err := f.org.Requests(kind, 8, *seedFlag)
		if err != nil {
			t.Fatal(err)
		}
		if got := prepare(t, eng, designed); len(got) != len(designed) {
			t.Fatalf("%s: %d requests prepared of %d", kind, len(got), len(designed))
		}
	}
	prepareBatches(t, f, eng, 100, 1)
	rss, peak := childRSS(t, f)
	if rss <= 0 || peak < rss {
		t.Fatalf("resident memory %.1f MB, peak %.1f MB", rss, peak)
	}
	if heap := heapDelta(t, f.bundle); heap <= 0 {
		t.Fatalf("a loaded engine holds %.1f MB of heap", heap)
	}
	w := wideFor(t, 100)
	weng, err := rego.Load(context.Background(), rego.FromBytes(w.bundle))
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range []gen.Kind{gen.UserAllow, gen.ImplicitDeny} {
		designed, err := w.org.WideRequests(kind, 100, 8, *seedFlag)
		if err != nil {
			t.Fatal(err)
		}
		prepare(t, weng, designed)
	}
}

// BenchmarkDecide times single decisions (Engine.Decide) of every kind of
// designed request. Each iteration takes the next request of a pool of
// -requests different ones (different principals, actions and resources),
// all checked beforehand.
func BenchmarkDecide(b *testing.B) {
	for _, n := range sizes(b) {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			f := fixtureFor(b, n)
			eng := engineFor(b, f)
			for _, kind := range gen.Kinds {
				designed, err := f.org.Requests(kind, *requestsFlag, *seedFlag)
				if err != nil {
					b.Logf("no %s benchmark: %v", kind, err)
					continue
				}
				pool := prepare(b, eng, designed)
				b.Run("kind="+string(kind), func(b *testing.B) {
					ctx := context.Background()
					b.ReportAllocs()
					latency.Loop(b, func(i int) {
						if _, err := eng.Decide(ctx, pool[i%len(pool)].req); err != nil {
							b.Fatal(err)
						}
					})
				})
			}
		})
	}
}

// BenchmarkDecideBatch times Engine.DecideBatch of 100 requests of one
// principal (about 60% allows, 20% explicit and 20% implicit denies), and
// reports the cost per decision.
func BenchmarkDecideBatch(b *testing.B) {
	const size = 100
	for _, n := range sizes(b) {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			f := fixtureFor(b, n)
			eng := engineFor(b, f)
			ctx := context.Background()
			pool := prepareBatches(b, f, eng, size, *batchesFlag)
			b.Run(fmt.Sprintf("batch=%d", size), func(b *testing.B) {
				b.ReportAllocs()
				latency.LoopBatch(b, size, func(i int) {
					if _, err := eng.DecideBatch(ctx, pool[i%len(pool)]); err != nil {
						b.Fatal(err)
					}
				})
			})
		})
	}
}

// prepareBatches designs batches of size requests, each of one principal,
// and checks their decisions one by one and through DecideBatch.
func prepareBatches(tb testing.TB, f *fixture, eng *rego.Engine, size, batches int) [][]rego.Request {
	ctx := context.Background()
	var pool [][]rego.Request
	for i := range batches {
		designed, err := f.org.Batch(size, *seedFlag+uint64(i))
		if err != nil {
			tb.Fatal(err)
		}
		ps := prepare(tb, eng, designed)
		reqs := make([]rego.Request, len(ps))
		for j, p := range ps {
			reqs[j] = p.req
		}
		decs, err := eng.DecideBatch(ctx, reqs)
		if err != nil || len(decs) != len(reqs) {
			tb.Fatalf("DecideBatch: %d decisions for %d requests, %v", len(decs), len(reqs), err)
		}
		for j, d := range decs {
			verify(tb, designed[j], d)
		}
		pool = append(pool, reqs)
	}
	return pool
}

// BenchmarkBuild times `iamc build`: decoding the HCL files, validating,
// lowering and packing the bundle.
func BenchmarkBuild(b *testing.B) {
	for _, n := range sizes(b) {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			f := fixtureFor(b, n)
			loaded.eng = nil // the build has the memory to itself
			runtime.GC()
			b.ReportAllocs()
			var size int
			for b.Loop() {
				size = len(build(b, f.dir))
			}
			b.ReportMetric(float64(size)/(1<<20), "bundle-MB")
		})
	}
}

// BenchmarkLoad times rego.Load of a bundle (reading, compiling the Rego,
// storing the data, preparing the queries) and reports the memory a loaded
// engine holds (measured once per size and run): heap-MB, the Go heap in use
// after a collection, less what it was before the load; rss-MB and
// peak-rss-MB, the resident set of a fresh process that loaded the bundle
// and made one decision, after a collection that returns freed memory to the
// system, and at its peak.
func BenchmarkLoad(b *testing.B) {
	for _, n := range sizes(b) {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			f := fixtureFor(b, n)
			loaded.eng = nil
			if f.mem == nil {
				rss, peak := childRSS(b, f)
				f.mem = &memory{heap: heapDelta(b, f.bundle), rss: rss, peak: peak}
			}
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := rego.Load(ctx, rego.FromBytes(f.bundle)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(f.mem.heap, "heap-MB")
			b.ReportMetric(f.mem.rss, "rss-MB")
			b.ReportMetric(f.mem.peak, "peak-rss-MB")
		})
	}
}

func heapDelta(b testing.TB, bundle []byte) float64 {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	eng, err := rego.Load(context.Background(), rego.FromBytes(bundle))
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(eng)
	return float64(int64(after.HeapInuse)-int64(before.HeapInuse)) / (1 << 20)
}

// childRSS runs this test binary again to load the fixture's bundle in a
// process of its own (see measureRSS), and returns its resident and peak
// resident memory in MB.
func childRSS(b testing.TB, f *fixture) (rss, peak float64) {
	path := filepath.Join(tmpRoot, fmt.Sprintf("org%d.tar.gz", f.n))
	if err := os.WriteFile(path, f.bundle, 0o644); err != nil {
		b.Fatal(err)
	}
	designed, err := f.org.Requests(gen.UserAllow, 1, *seedFlag)
	if err != nil {
		b.Fatal(err)
	}
	reqJSON, err := json.Marshal(map[string]any{"principal": designed[0].Principal.ARN(),
		"action": designed[0].Action, "resource": designed[0].Resource, "context": designed[0].Context(),
		"expect": designed[0].Expect})
	if err != nil {
		b.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), rssEnv+"="+path, "IAMC_BENCH_RSS_REQUEST="+string(reqJSON))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		b.Fatalf("measure resident memory: %v\n%s", err, stderr.Bytes())
	}
	var got struct{ RSS, Peak float64 }
	if err := json.Unmarshal(out, &got); err != nil {
		b.Fatalf("measure resident memory: %v: %q", err, out)
	}
	return got.RSS, got.Peak
}

// measureRSS is the child process of childRSS: load the bundle, make the
// designed decision, collect, and print the resident memory.
func measureRSS(path string) int {
	fail := func(err error) int { fmt.Fprintln(os.Stderr, err); return 1 }
	var r struct {
		Principal, Action, Resource, Expect string
		Context                             map[string]any
	}
	if err := json.Unmarshal([]byte(os.Getenv("IAMC_BENCH_RSS_REQUEST")), &r); err != nil {
		return fail(err)
	}
	ctx := context.Background()
	eng, err := rego.Load(ctx, rego.FromFile(path))
	if err != nil {
		return fail(err)
	}
	dec, err := eng.Decide(ctx, rego.Request{Principal: r.Principal, Action: r.Action, Resource: r.Resource, Context: r.Context})
	if err != nil {
		return fail(err)
	}
	if string(dec.Decision) != r.Expect {
		return fail(fmt.Errorf("%s %s on %s: got %s, want %s", r.Principal, r.Action, r.Resource, dec.Decision, r.Expect))
	}
	runtime.GC()
	debug.FreeOSMemory()
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return fail(err)
	}
	runtime.KeepAlive(eng)
	kb := func(field string) float64 {
		for _, line := range strings.Split(string(status), "\n") {
			if rest, ok := strings.CutPrefix(line, field+":"); ok {
				v, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
				return v
			}
		}
		return 0
	}
	if err := json.NewEncoder(os.Stdout).Encode(map[string]float64{"RSS": kb("VmRSS") / 1024, "Peak": kb("VmHWM") / 1024}); err != nil {
		return fail(err)
	}
	return 0
}

// ---------------------------------------------------------------- a principal whose own policies grow

// wideFixtures are the wide organizations (gen.Wide), by size.
var wideFixtures = map[int]*fixture{}

func wideFor(b testing.TB, n int) *fixture {
	if f := wideFixtures[n]; f != nil {
		return f
	}
	org, err := gen.Wide(n, *seedFlag)
	if err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join(tmpRoot, fmt.Sprintf("wide%d", n))
	if err := org.WriteDir(dir); err != nil {
		b.Fatal(err)
	}
	f := &fixture{n: n, org: org, dir: dir, bundle: build(b, dir)}
	wideFixtures[n] = f
	return f
}

// BenchmarkWide times single decisions of a user whose own policies hold n
// statements, each on a bucket of its own (gen.Wide): a read of a bucket one
// statement allows, and of a bucket none names. Its cost must not grow with
// n: the resource index narrows the candidates to the statements of the
// requested bucket.
func BenchmarkWide(b *testing.B) {
	for _, n := range sizes(b) {
		if n < 100 || n%100 != 0 {
			continue
		}
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			f := wideFor(b, n)
			loaded.eng = nil
			runtime.GC()
			eng, err := rego.Load(context.Background(), rego.FromBytes(f.bundle))
			if err != nil {
				b.Fatal(err)
			}
			for _, kind := range []gen.Kind{gen.UserAllow, gen.ImplicitDeny} {
				designed, err := f.org.WideRequests(kind, n, *requestsFlag, *seedFlag)
				if err != nil {
					b.Fatal(err)
				}
				pool := prepare(b, eng, designed)
				b.Run("kind="+string(kind), func(b *testing.B) {
					ctx := context.Background()
					b.ReportAllocs()
					latency.Loop(b, func(i int) {
						if _, err := eng.Decide(ctx, pool[i%len(pool)].req); err != nil {
							b.Fatal(err)
						}
					})
				})
			}
		})
	}
}
