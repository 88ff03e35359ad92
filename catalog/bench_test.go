package catalog

import (
	"runtime"
	"testing"

	"github.com/iamc/iamc/catalog/internal/wire"
)

// go test -run '^$' -bench . -benchmem ./catalog/ on the 2-core development
// machine while other builds ran on it (load average 8), so read the
// figures as upper bounds:
//
//	LookupAction/exact                  153 ns/op        0 allocs/op
//	LookupAction/mixed-case             242 ns/op        0 allocs/op
//	ExpandAction/s3:Get*                7.3 µs/op        7 allocs/op
//	ExpandAction/ec2:Describe*           76 µs/op        9 allocs/op
//	ExpandAction/*                      790 µs/op        1 allocs/op (22,091 names)
//	LookupConditionKey/exact             99 ns/op        0 allocs/op
//	LookupConditionKey/family           1.0 µs/op        0 allocs/op
//	MatchResourceType/object            2.9 µs/op        6 allocs/op
//	SuggestAction                       8.0 µs/op       11 allocs/op
//	Load/iam                             32 ms/op    6,319,928 heap-B
//	Load/managed                         24 ms/op    3,869,336 heap-B
//
// With encoding/json instead of the tab-separated format, Load/iam took
// about 130 ms for decoding alone and kept 8.9 MB.

func BenchmarkLookupAction(b *testing.B) {
	for _, name := range []string{"s3:GetObject", "EC2:runinstances"} {
		label := map[string]string{"s3:GetObject": "exact", "EC2:runinstances": "mixed-case"}[name]
		b.Run(label, func(b *testing.B) {
			LookupAction(name) // load outside the loop
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, ok := LookupAction(name); !ok {
					b.Fatal(name)
				}
			}
		})
	}
}

func BenchmarkExpandAction(b *testing.B) {
	for _, pattern := range []string{"s3:Get*", "ec2:Describe*", "iam:*AccessKey*", "*"} {
		b.Run(pattern, func(b *testing.B) {
			ExpandAction(pattern)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if len(ExpandAction(pattern)) == 0 {
					b.Fatal(pattern)
				}
			}
		})
	}
}

func BenchmarkLookupConditionKey(b *testing.B) {
	for _, tc := range []struct{ label, key string }{
		{"exact", "aws:SourceIp"},
		{"service", "s3:x-amz-server-side-encryption"},
		{"family", "aws:RequestTag/CostCenter"},
		{"family-service", "s3:ExistingObjectTag/classification"},
	} {
		b.Run(tc.label, func(b *testing.B) {
			LookupConditionKey(tc.key)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, ok := LookupConditionKey(tc.key); !ok {
					b.Fatal(tc.key)
				}
			}
		})
	}
}

func BenchmarkMatchResourceType(b *testing.B) {
	for _, tc := range []struct{ label, action, arn string }{
		{"object", "s3:GetObject", "arn:aws:s3:::my-bucket/reports/2026/q1.csv"},
		{"pattern", "s3:GetObject", "arn:aws:s3:::my-bucket/*"},
		{"log-stream", "logs:PutLogEvents", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn:log-stream:*"},
	} {
		b.Run(tc.label, func(b *testing.B) {
			MatchResourceType(tc.action, tc.arn)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, ok := MatchResourceType(tc.action, tc.arn); !ok {
					b.Fatal(tc.arn)
				}
			}
		})
	}
}

func BenchmarkSuggestAction(b *testing.B) {
	SuggestAction("s3:GetObjct")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, ok := SuggestAction("s3:GetObjct"); !ok {
			b.Fatal()
		}
	}
}

// BenchmarkLoad measures the first use of each data file: decompressing and
// decoding it and building its index. heap-B is the heap the index keeps
// once garbage is collected.
func BenchmarkLoad(b *testing.B) {
	for _, tc := range []struct {
		label string
		load  func() (any, error)
	}{
		{"iam", func() (any, error) { return loadIAM(wire.IAMFile) }},
		{"managed", func() (any, error) { return loadManaged(wire.ManagedFile) }},
	} {
		b.Run(tc.label, func(b *testing.B) {
			heap := retainedHeap(b, tc.load)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, err := tc.load(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(heap), "heap-B")
		})
	}
}

// retainedHeap returns the live heap that the value load returns keeps.
func retainedHeap(b *testing.B, load func() (any, error)) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	v, err := load()
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(v)
	if after.HeapAlloc < before.HeapAlloc {
		return 0
	}
	return after.HeapAlloc - before.HeapAlloc
}
