package search

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"taizhang/ledger"
	"taizhang/ledger/ledgertest"
)

// Benchmarks at 10^4 and 10^5 opinions. The opinions are the 4,326 real
// messages of tipdm2020-messages-4326.xlsx repeated until there are n of
// them, each copy with its own source row, a date shifted by the copy
// number, a channel taken in turn from ledger.Channels and a target taken
// in turn from three members and the team. The texts repeat; nothing else
// does. One iteration each (make bench): run with -benchtime 3x for
// steadier figures.

var benchSizes = []int{10000, 100000}

// scaleFixture is a ledger of n generated opinions and its index, shared by
// the benchmarks of one size and removed when the test binary exits.
type scaleFixture struct {
	dir string
	l   *ledger.Ledger
	ix  *Index
}

var scaleFixtures = map[int]*scaleFixture{}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, f := range scaleFixtures {
		if f.ix != nil {
			f.ix.Close()
		}
		f.l.Close()
		os.RemoveAll(f.dir)
	}
	os.Exit(code)
}

func scaleLedger(b *testing.B, n int) *scaleFixture {
	if f, ok := scaleFixtures[n]; ok {
		return f
	}
	msgs, hash := ledgertest.Messages(b)
	dir, err := os.MkdirTemp("", "taizhang-bench-*")
	if err != nil {
		b.Fatal(err)
	}
	l, err := ledger.Create(filepath.Join(dir, "bench.taizhang"), ledger.Info{Unit: "基准测试"}, ledger.Options{NoDailyBackup: true})
	if err != nil {
		b.Fatal(err)
	}
	var members []int64
	for _, name := range []string{"张三", "李四", "王五"} {
		id, err := l.AddLeader(ledger.Leader{Name: name, Portfolio: "分管城市建设、交通、教育"})
		if err != nil {
			b.Fatal(err)
		}
		members = append(members, id)
	}
	targets := append(members, ledger.TeamID)
	base, _ := time.Parse("2006-01-02", "2019-01-01")
	for copyN := 0; copyN*len(msgs) < n; copyN++ {
		part := msgs[:min(len(msgs), n-copyN*len(msgs))]
		importMessages(b, l, fmt.Sprintf("copy%02d-%s", copyN, ledgertest.MessagesFile), hash+strconv.Itoa(copyN), part, func(i int, o *ledger.Opinion) {
			k := copyN*len(msgs) + i
			o.Channel = ledger.Channels[k%len(ledger.Channels)]
			o.Targets = []int64{targets[k%len(targets)]}
			if d, err := time.Parse("2006-01-02", o.Date); err == nil {
				o.Date = d.AddDate(0, 0, copyN*7).Format("2006-01-02")
			} else {
				o.Date = base.AddDate(0, 0, k%700).Format("2006-01-02")
			}
		})
	}
	f := &scaleFixture{dir: dir, l: l}
	scaleFixtures[n] = f
	return f
}

func dirSize(path string) int64 {
	var n int64
	filepath.Walk(path, func(_ string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			n += info.Size()
		}
		return nil
	})
	return n
}

// BenchmarkRebuild: a full rebuild of the index from the ledger.
func BenchmarkRebuild(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			f := scaleLedger(b, n)
			idxDir := filepath.Join(f.dir, "index")
			for b.Loop() {
				b.StopTimer()
				if f.ix != nil {
					f.ix.Close()
				}
				os.RemoveAll(idxDir)
				b.StartTimer()
				ix, err := Open(context.Background(), f.l, Options{Dir: idxDir, Synonyms: true})
				if err != nil {
					b.Fatal(err)
				}
				f.ix = ix
			}
			b.ReportMetric(float64(n)/(b.Elapsed().Seconds()/float64(b.N)), "docs/s")
			b.ReportMetric(float64(dirSize(idxDir))/(1<<20), "MB-index")
		})
	}
}

// typedQueries are the judged queries as they are typed, one character
// more at a time (噪, 噪音, 噪音 施 …), plus a few with an excluded word.
func typedQueries(b *testing.B) []string {
	var out []string
	for _, j := range readJudged(b) {
		rs := []rune(j.Query)
		for i := 1; i <= len(rs); i++ {
			if rs[i-1] != ' ' {
				out = append(out, string(rs[:i]))
			}
		}
	}
	return append(out, "噪音 -广场舞", "物业 -维修 收费", `"噪音 扰民"`)
}

func percentile(d []time.Duration, p float64) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[min(len(s)-1, int(float64(len(s))*p))]
}

func scaleIndex(b *testing.B, n int) *scaleFixture {
	f := scaleLedger(b, n)
	if f.ix == nil {
		ix, err := Open(context.Background(), f.l, Options{Dir: filepath.Join(f.dir, "index"), Synonyms: true})
		if err != nil {
			b.Fatal(err)
		}
		f.ix = ix
	}
	return f
}

// BenchmarkQuery: the typed queries as the window asks for them: 20 hits
// with highlighted snippets and facet counts (counted when at most
// DefaultFacetLimit documents match). One op runs the typed queries five
// times over; p50 and p99 are over all the runs. The window then asks again
// for what the first answer left out, and those requests are timed apart:
// the facets of larger results (ms-…-facets-later) and, when a query has
// fewer than 20 exact hits, related results (ms-…-related).
func BenchmarkQuery(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			f := scaleIndex(b, n)
			qs := typedQueries(b)
			var lat, rel, full []time.Duration
			ctx := context.Background()
			// Warm up once (first reads of the segments).
			for _, q := range qs {
				f.ix.Search(ctx, Request{Query: q, Size: 20, Facets: true})
			}
			b.ResetTimer()
			i := 0
			for b.Loop() {
				for range 5 * len(qs) {
					q := qs[i%len(qs)]
					i++
					start := time.Now()
					res, err := f.ix.Search(ctx, Request{Query: q, Size: 20, Facets: true})
					if err != nil {
						b.Fatal(err)
					}
					lat = append(lat, time.Since(start))
					if res.FacetsOmitted {
						start := time.Now()
						if _, err := f.ix.Search(ctx, Request{Query: q, Size: 1, Facets: true, FacetLimit: -1}); err != nil {
							b.Fatal(err)
						}
						full = append(full, time.Since(start))
					}
					if res.Total < 20 {
						start := time.Now()
						if _, err := f.ix.Search(ctx, Request{Query: q, Size: 20, Related: 20}); err != nil {
							b.Fatal(err)
						}
						rel = append(rel, time.Since(start))
					}
				}
			}
			b.ReportMetric(float64(percentile(lat, 0.5).Microseconds())/1000, "ms-p50")
			b.ReportMetric(float64(percentile(lat, 0.99).Microseconds())/1000, "ms-p99")
			b.ReportMetric(float64(len(lat)), "queries")
			if len(full) > 0 {
				b.ReportMetric(float64(percentile(full, 0.5).Microseconds())/1000, "ms-p50-facets-later")
				b.ReportMetric(float64(percentile(full, 0.99).Microseconds())/1000, "ms-p99-facets-later")
			}
			if len(rel) > 0 {
				b.ReportMetric(float64(percentile(rel, 0.5).Microseconds())/1000, "ms-p50-related")
				b.ReportMetric(float64(percentile(rel, 0.99).Microseconds())/1000, "ms-p99-related")
			}
		})
	}
}

// BenchmarkChangeVisible: from a ledger change (an opinion added) to the
// moment a search finds it, through OnChange and Sync.
func BenchmarkChangeVisible(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			f := scaleIndex(b, n)
			ctx := context.Background()
			var lat []time.Duration
			k := 0
			for b.Loop() {
				for range 10 {
					k++
					word := fmt.Sprintf("基准词%d号", k)
					start := time.Now()
					if _, err := f.l.AddOpinion(ledger.Opinion{Text: "新意见：" + word, Channel: "意见箱"}); err != nil {
						b.Fatal(err)
					}
					for {
						res, err := f.ix.Search(ctx, Request{Query: word, Size: 1})
						if err != nil {
							b.Fatal(err)
						}
						if res.Total == 1 {
							break
						}
						if time.Since(start) > 10*time.Second {
							b.Fatalf("%s not visible after 10 s", word)
						}
						time.Sleep(time.Millisecond)
					}
					lat = append(lat, time.Since(start))
				}
			}
			b.ReportMetric(float64(percentile(lat, 0.5).Microseconds())/1000, "ms-p50")
			b.ReportMetric(float64(slices.Max(lat).Microseconds())/1000, "ms-max")
		})
	}
}

// BenchmarkJudged reports the judged-set figures (see TestJudgedQueries)
// for the search as the window and the command use it (synonyms on,
// related results after the exact ones) and without synonyms and related
// results.
func BenchmarkJudged(b *testing.B) {
	b.Run(fmt.Sprintf("n=%d", 4326), func(b *testing.B) {
		judged := readJudged(b)
		f := newJudgedFixture(b)
		var plain, full scores
		for b.Loop() {
			plain = evaluate(b, judged, f.ranker(b, f.ix, false))
			full = evaluate(b, judged, f.ranker(b, f.syn, true))
		}
		b.ReportMetric(full.RecallAt10, "recall@10")
		b.ReportMetric(full.MRR, "MRR")
		b.ReportMetric(plain.RecallAt10, "recall@10-plain")
		b.ReportMetric(plain.MRR, "MRR-plain")
	})
}
