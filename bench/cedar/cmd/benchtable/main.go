// Command benchtable reads the `go test -bench` output of iamc's benchmarks
// (bench/) and of cedar-go's (bench/cedar) and prints the Markdown tables of
// README.md's performance section: for each size and kind of request, the
// median decision latency of each engine and their ratio; then build, load
// and memory by size.
//
// Each benchmark run reports p50-ns, the median of its per-decision
// latencies (internal/latency); with -count runs, the table shows the median
// of those medians (golang.org/x/perf/benchmath, no distributional
// assumption), so that a run disturbed by other work on the machine moves it
// little.
//
//	go run ./cmd/benchtable -iamc ../iamc.txt -cedar ../cedar.txt
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/perf/benchfmt"
	"golang.org/x/perf/benchmath"
)

// key identifies a benchmark across runs: its base name (without
// "Benchmark", as benchfmt gives it) and sub-benchmark
// keys (n=100, kind=user-allow, batch=100).
type key struct {
	bench, n, kind string
}

// results maps a benchmark and a unit to the values of its runs.
type results map[key]map[string][]float64

func read(path string) (results, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := results{}
	r := benchfmt.NewReader(f, path)
	for r.Scan() {
		res, ok := r.Result().(*benchfmt.Result)
		if !ok {
			continue
		}
		base, parts := res.Name.Parts()
		k := key{bench: string(base)}
		for _, p := range parts {
			kv, found := strings.CutPrefix(string(p), "/")
			if !found {
				continue // -GOMAXPROCS
			}
			name, val, isKV := strings.Cut(kv, "=")
			switch {
			case !isKV:
				k.kind = name // BenchmarkFloor/decide
			case name == "n":
				k.n = val
			case name == "kind" || name == "batch" || name == "k":
				k.kind = name + "=" + val
			}
		}
		if out[k] == nil {
			out[k] = map[string][]float64{}
		}
		for _, v := range res.Values {
			unit, val := v.Unit, v.Value
			if v.OrigUnit != "" {
				unit, val = v.OrigUnit, v.OrigValue
			}
			out[k][unit] = append(out[k][unit], val)
		}
	}
	return out, r.Err()
}

// median is the median of a unit's values over runs, and whether there are
// any.
func (rs results) median(k key, unit string) (float64, bool) {
	vals := rs[k][unit]
	if len(vals) == 0 {
		return 0, false
	}
	s := benchmath.NewSample(slices.Clone(vals), &benchmath.DefaultThresholds)
	return benchmath.AssumeNothing.Summary(s, 0.95).Center, true
}

func (rs results) sizes() []string {
	seen := map[string]bool{}
	for k := range rs {
		if k.n != "" {
			seen[k.n] = true
		}
	}
	var out []string
	for n := range seen {
		out = append(out, n)
	}
	slices.SortFunc(out, func(a, b string) int { x, _ := strconv.Atoi(a); y, _ := strconv.Atoi(b); return x - y })
	return out
}

func duration(ns float64) string {
	switch {
	case ns >= 1e9:
		return fmt.Sprintf("%.3g s", ns/1e9)
	case ns >= 1e6:
		return fmt.Sprintf("%.3g ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.3g µs", ns/1e3)
	}
	return fmt.Sprintf("%.3g ns", ns)
}

func ratio(r float64) string {
	if r >= 10 {
		return fmt.Sprintf("%.0f×", r)
	}
	return fmt.Sprintf("%.2g×", r)
}

// versus says how iamc compares, given cedar-go's time over iamc's.
func versus(r float64) string {
	if r >= 1 {
		return ratio(r) + " faster"
	}
	return ratio(1/r) + " slower"
}

func thousands(n string) string {
	v, err := strconv.Atoi(n)
	if err != nil || v < 1000 {
		return n
	}
	s := strconv.Itoa(v)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

var kinds = []string{"kind=user-allow", "kind=explicit-deny", "kind=implicit-deny", "kind=session-allow", "kind=groups-allow", "batch=100"}

func main() {
	iamcPath := flag.String("iamc", "", "go test -bench output of ./bench/ (iamc)")
	cedarPath := flag.String("cedar", "", "go test -bench output of ./bench/cedar (cedar-go); optional")
	floorPath := flag.String("floor", "", "go test -bench output of ./bench/floor (the coffee shop against OPA's floor); optional")
	flag.Parse()
	if *iamcPath == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: benchtable -iamc FILE [-cedar FILE]")
		os.Exit(2)
	}
	iamc, err := read(*iamcPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	cedar := results{}
	if *cedarPath != "" {
		if cedar, err = read(*cedarPath); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	floor := results{}
	if *floorPath != "" {
		if floor, err = read(*floorPath); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	if err := write(os.Stdout, iamc, cedar); err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
	writeFloor(os.Stdout, floor)
}

// writeFloor writes the table of bench/floor, when there are results: the
// coffee shop owner's refund decided by OPA's cheapest prepared query, the
// hand-written floor, Decide and Allowed, each alone (BenchmarkFloor) and
// in turn within each iteration (BenchmarkRatio, whose ratios a shared
// machine's load moves least); and a DecideBatch of 100 against 100
// single decisions (BenchmarkBatch).
func writeFloor(w io.Writer, floor results) {
	if _, ok := floor.median(key{bench: "Floor", kind: "trivial"}, "ns/op"); !ok {
		return
	}
	ratios := key{bench: "Ratio"}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "The coffee shop's owner refunding (an identity allow, bench/floor), medians: each query alone, and the ratios measured with the four in turn within each iteration.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| query | latency | allocations | ratio to the trivial query | ratio to the floor |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|")
	rows := []struct{ name, kind, vsTrivial, vsFloor string }{
		{"OPA's cheapest prepared query (`input.principal`)", "trivial", "", ""},
		{"hand-written minimal Rego of the decision (the floor)", "floor", "", ""},
		{"iamc `Decide`", "decide", "decide/trivial", "decide/floor"},
		{"iamc `Allowed`", "allowed", "allowed/trivial", ""},
	}
	for _, r := range rows {
		cells := []string{r.name, "—", "—", "—", "—"}
		k := key{bench: "Floor", kind: r.kind}
		if v, ok := floor.median(k, "ns/op"); ok {
			cells[1] = duration(v)
		}
		if v, ok := floor.median(k, "allocs/op"); ok {
			cells[2] = fmt.Sprintf("%.0f", v)
		}
		for i, unit := range []string{r.vsTrivial, r.vsFloor} {
			if v, ok := floor.median(ratios, unit); ok && unit != "" {
				cells[3+i] = fmt.Sprintf("%.1f×", v)
			}
		}
		fmt.Fprintln(w, "| "+strings.Join(cells, " | ")+" |")
	}
	batch := key{bench: "Batch"}
	if single, ok := floor.median(batch, "single-ns/decision"); ok {
		inBatch, _ := floor.median(batch, "batch-ns/decision")
		ratio, _ := floor.median(batch, "batch/single")
		fmt.Fprintln(w)
		fmt.Fprintf(w, "A DecideBatch of 100 of the coffee shop's requests: %s per decision, against %s for single decisions (%.2f×).\n",
			duration(inBatch), duration(single), ratio)
	}
}

func write(w io.Writer, iamc, cedar results) error {
	sizes := iamc.sizes()
	if len(sizes) == 0 {
		return fmt.Errorf("no benchmark result with a size (n=…) in the iamc results")
	}
	fmt.Fprintln(w, "Median latency of one decision (batch=100: per decision of a DecideBatch of 100), median of the runs' medians.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| statements | request | iamc | cedar-go | iamc vs cedar-go | iamc ÷ iamc at "+thousands(firstOr(sizes, "?"))+" |")
	fmt.Fprintln(w, "|---:|---|---:|---:|---:|---:|")
	for _, n := range sizes {
		for _, kind := range kinds {
			bench, unit := "Decide", "p50-ns"
			if strings.HasPrefix(kind, "batch=") {
				bench, unit = "DecideBatch", "p50-ns/decision"
			}
			k := key{bench, n, kind}
			mi, ok := iamc.median(k, unit)
			if !ok {
				continue
			}
			cells := []string{thousands(n), strings.SplitN(kind, "=", 2)[1], duration(mi), "—", "—", "—"}
			if kind == "batch=100" {
				cells[1] = "batch of 100"
			}
			if mc, ok := cedar.median(k, unit); ok {
				cells[3], cells[4] = duration(mc), versus(mc/mi)
			}
			if m0, ok := iamc.median(key{bench, sizes[0], kind}, unit); ok {
				cells[5] = ratio(mi / m0)
			}
			fmt.Fprintln(w, "| "+strings.Join(cells, " | ")+" |")
		}
	}
	writeWide(w, iamc, cedar)
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Build (`iamc build`: HCL to bundle) and load (`rego.Load` of the bundle), medians; memory of a loaded engine; cedar-go parsing the translated policies, for reference.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| statements | build | bundle | load | heap | resident | peak resident | cedar-go parse | cedar-go heap |")
	fmt.Fprintln(w, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, n := range sizes {
		cell := func(rs results, bench, unit string, format func(float64) string) string {
			if v, ok := rs.median(key{bench, n, ""}, unit); ok {
				return format(v)
			}
			return "—"
		}
		mb := func(v float64) string { return fmt.Sprintf("%.3g MB", v) }
		fmt.Fprintln(w, "| "+strings.Join([]string{thousands(n),
			cell(iamc, "Build", "ns/op", duration),
			cell(iamc, "Build", "bundle-MB", mb),
			cell(iamc, "Load", "ns/op", duration),
			cell(iamc, "Load", "heap-MB", mb),
			cell(iamc, "Load", "rss-MB", mb),
			cell(iamc, "Load", "peak-rss-MB", mb),
			cell(cedar, "Load", "ns/op", duration),
			cell(cedar, "Load", "heap-MB", mb),
		}, " | ")+" |")
	}
	writeAnalyses(w, iamc, sizes)
	return nil
}

// writeAnalyses prints the table of the analyses (bench/analysis_test.go),
// when the results have them.
func writeAnalyses(w io.Writer, iamc results, sizes []string) {
	if _, ok := iamc.median(key{"WhoCan", firstOr(sizes, ""), ""}, "ns/op"); !ok {
		return
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Analyses, medians: `who-can` of a user's allowed request, and `diff` of two revisions that differ by one statement, on projects loaded beforehand; loading a bundle for them (the engine and the model). `iamc who-can` on a bundle costs a load and a question, `iamc diff` two loads and a question.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| statements | who-can | candidates | requests decided | diff | principals compared | requests decided | load |")
	fmt.Fprintln(w, "|---:|---:|---:|---:|---:|---:|---:|---:|")
	count := func(v float64) string { return fmt.Sprintf("%.0f", v) }
	for _, n := range sizes {
		cell := func(bench, unit string, format func(float64) string) string {
			if v, ok := iamc.median(key{bench, n, ""}, unit); ok {
				return format(v)
			}
			return "—"
		}
		fmt.Fprintln(w, "| "+strings.Join([]string{thousands(n),
			cell("WhoCan", "ns/op", duration), cell("WhoCan", "candidates", count), cell("WhoCan", "asked", count),
			cell("Diff", "ns/op", duration), cell("Diff", "principals", count), cell("Diff", "asked", count),
			cell("AnalysisLoad", "ns/op", duration),
		}, " | ")+" |")
	}
}

// writeWide writes the table of BenchmarkWide (a user whose own policies
// hold n statements, each on its own bucket), when the results have it.
func writeWide(w io.Writer, iamc, cedar results) {
	var sizes []string
	for _, n := range iamc.sizes() {
		if _, ok := iamc.median(key{"Wide", n, "kind=user-allow"}, "p50-ns"); ok {
			sizes = append(sizes, n)
		}
	}
	if len(sizes) == 0 {
		return
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "A user whose own policies hold n statements, each on a bucket of its own: median latency of one decision, median of the runs' medians.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| statements | request | iamc | cedar-go | iamc vs cedar-go | iamc ÷ iamc at "+thousands(sizes[0])+" |")
	fmt.Fprintln(w, "|---:|---|---:|---:|---:|---:|")
	for _, n := range sizes {
		for _, kind := range []string{"kind=user-allow", "kind=implicit-deny"} {
			k := key{"Wide", n, kind}
			mi, ok := iamc.median(k, "p50-ns")
			if !ok {
				continue
			}
			cells := []string{thousands(n), strings.TrimPrefix(kind, "kind="), duration(mi), "—", "—", "—"}
			if mc, ok := cedar.median(k, "p50-ns"); ok {
				cells[3], cells[4] = duration(mc), versus(mc/mi)
			}
			if m0, ok := iamc.median(key{"Wide", sizes[0], kind}, "p50-ns"); ok {
				cells[5] = ratio(mi / m0)
			}
			fmt.Fprintln(w, "| "+strings.Join(cells, " | ")+" |")
		}
	}
}

func firstOr(xs []string, def string) string {
	if len(xs) == 0 {
		return def
	}
	return xs[0]
}
