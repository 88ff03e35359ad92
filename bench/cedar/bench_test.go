package cedar

import (
	"flag"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"testing"

	cedar "github.com/cedar-policy/cedar-go"

	"github.com/iamc/iamc/internal/gen"
	"github.com/iamc/iamc/internal/latency"
)

// The same flags, defaults, seeds and benchmark names as iamc's benchmarks
// in bench/, so that both measure the same organizations and requests and
// benchstat can set them side by side.
var (
	sizesFlag    = flag.String("sizes", "100,1000,10000,100000", "organization sizes, in statements, comma-separated")
	seedFlag     = flag.Uint64("seed", 1, "the generator's seed")
	requestsFlag = flag.Int("requests", 256, "designed requests per pool, at most; each is checked before timing")
	batchesFlag  = flag.Int("batches", 4, "batches of 100 requests (one principal each) that BenchmarkDecideBatch cycles through")
	batchMaxFlag = flag.Int("batch-max", 10000, "the largest size BenchmarkDecideBatch runs at")
)

// poolSize bounds the pools of large organizations: cedar-go takes about a
// second per decision at 100,000 statements, and every request of a pool is
// checked before timing. Pools keep at least 16 different requests.
func poolSize(n int) int {
	return max(16, min(*requestsFlag, *requestsFlag*1000/n))
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

type fixture struct {
	org *gen.Org
	tr  *Translation
}

var fixtures = map[int]*fixture{}

func fixtureFor(b *testing.B, n int) *fixture {
	if f := fixtures[n]; f != nil {
		return f
	}
	org, err := gen.New(gen.Config{Statements: n, Seed: *seedFlag})
	if err != nil {
		b.Fatal(err)
	}
	tr, err := Translate(org)
	if err != nil {
		b.Fatal(err)
	}
	f := &fixture{org: org, tr: tr}
	fixtures[n] = f
	return f
}

// prepare translates designed requests and checks that cedar-go decides
// each as designed.
func prepare(b *testing.B, tr *Translation, reqs []gen.Request) []Request {
	out := make([]Request, len(reqs))
	for i, r := range reqs {
		cr, err := tr.Request(r)
		if err != nil {
			b.Fatal(err)
		}
		dec, diag := cedar.Authorize(tr.Policies, cr.Entities, cr.Request)
		if len(diag.Errors) > 0 {
			b.Fatalf("%s: %v", r, diag.Errors)
		}
		if got := tr.Outcome(dec, diag); got != r.Expect {
			b.Fatalf("%s: got %s", r, got)
		}
		out[i] = cr
	}
	return out
}

// BenchmarkDecide is iamc's BenchmarkDecide with cedar.Authorize. The pools
// are the first requests of iamc's (the same seed), fewer at large sizes
// (poolSize).
func BenchmarkDecide(b *testing.B) {
	for _, n := range sizes(b) {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			f := fixtureFor(b, n)
			for _, kind := range gen.Kinds {
				designed, err := f.org.Requests(kind, poolSize(n), *seedFlag)
				if err != nil {
					b.Logf("no %s benchmark: %v", kind, err)
					continue
				}
				pool := prepare(b, f.tr, designed)
				b.Run("kind="+string(kind), func(b *testing.B) {
					b.ReportAllocs()
					latency.Loop(b, func(i int) {
						r := pool[i%len(pool)]
						cedar.Authorize(f.tr.Policies, r.Entities, r.Request)
					})
				})
			}
		})
	}
}

// BenchmarkDecideBatch is iamc's BenchmarkDecideBatch with 100 calls of
// cedar.Authorize (cedar-go has no batch of its own for complete requests).
func BenchmarkDecideBatch(b *testing.B) {
	const size = 100
	for _, n := range sizes(b) {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			if n > *batchMaxFlag {
				b.Skipf("a batch of 100 takes over half a minute at %d statements (-batch-max %d)", n, *batchMaxFlag)
			}
			f := fixtureFor(b, n)
			var pool [][]Request
			for i := range *batchesFlag {
				designed, err := f.org.Batch(size, *seedFlag+uint64(i))
				if err != nil {
					b.Fatal(err)
				}
				pool = append(pool, prepare(b, f.tr, designed))
			}
			b.Run(fmt.Sprintf("batch=%d", size), func(b *testing.B) {
				b.ReportAllocs()
				latency.LoopBatch(b, size, func(i int) {
					for _, r := range pool[i%len(pool)] {
						cedar.Authorize(f.tr.Policies, r.Entities, r.Request)
					}
				})
			})
		})
	}
}

// BenchmarkLoad parses the translated policies (cedar-go's counterpart of
// loading a bundle; the entities are built once, outside the loop) and
// reports heap-MB, the Go heap that the parsed policy set and the entities
// hold.
func BenchmarkLoad(b *testing.B) {
	for _, n := range sizes(b) {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			f := fixtureFor(b, n)
			text := f.tr.Text
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			tr, err := Translate(f.org)
			if err != nil {
				b.Fatal(err)
			}
			runtime.GC()
			runtime.ReadMemStats(&after)
			runtime.KeepAlive(tr)
			heap := float64(int64(after.HeapInuse)-int64(before.HeapInuse)) / (1 << 20)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := cedar.NewPolicyListFromBytes("org.cedar", text); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(heap, "heap-MB")
		})
	}
}

// wideFixtures are the wide organizations (gen.Wide), by size.
var wideFixtures = map[int]*fixture{}

// BenchmarkWide is iamc's BenchmarkWide with cedar.Authorize: a user whose
// own policies hold n statements, each on a bucket of its own.
func BenchmarkWide(b *testing.B) {
	for _, n := range sizes(b) {
		if n < 100 || n%100 != 0 {
			continue
		}
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			f := wideFixtures[n]
			if f == nil {
				org, err := gen.Wide(n, *seedFlag)
				if err != nil {
					b.Fatal(err)
				}
				tr, err := Translate(org)
				if err != nil {
					b.Fatal(err)
				}
				f = &fixture{org: org, tr: tr}
				wideFixtures[n] = f
			}
			for _, kind := range []gen.Kind{gen.UserAllow, gen.ImplicitDeny} {
				designed, err := f.org.WideRequests(kind, n, poolSize(n), *seedFlag)
				if err != nil {
					b.Fatal(err)
				}
				pool := prepare(b, f.tr, designed)
				b.Run("kind="+string(kind), func(b *testing.B) {
					b.ReportAllocs()
					latency.Loop(b, func(i int) {
						r := pool[i%len(pool)]
						cedar.Authorize(f.tr.Policies, r.Entities, r.Request)
					})
				})
			}
		})
	}
}
