package ledger

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

var benchSizes = []int{10_000, 100_000}

// benchFill names what fillLedger puts in a ledger (v2: with submitters
// and attributes).
const benchFill = "v2"

// benchTexts are varied lengths of real-looking opinions; the benchmark
// repeats them with varied channels, dates and rows.
var benchTexts = []string{
	"会议太多，文件太多，基层疲于应付。",
	"个别领导干部下基层调研走马观花，听汇报多，解决实际问题少，群众反映的问题长期得不到解决。",
	"办事窗口服务态度生硬，门难进、脸难看、事难办的现象仍然存在，希望加强作风建设。",
	"公务用车管理不规范，节假日公车私用的情况时有发生。",
	"建议领导班子多深入一线，倾听群众呼声，切实解决群众反映强烈的突出问题。",
}

// fillLedger imports n opinions in one transaction, as an import would.
// openFilled keeps the file between runs: change benchFill's version when
// changing what it holds.
func fillLedger(tb testing.TB, l *Ledger, n int) {
	tb.Helper()
	_, err := l.Import(context.Background(), "基准.xlsx", fmt.Sprintf("bench-%d", n), "问卷调查", func(tx *ImportTx) error {
		for i := 0; i < n; i++ {
			o := Opinion{
				Text:    benchTexts[i%len(benchTexts)],
				Channel: Channels[i%len(Channels)],
				Date:    fmt.Sprintf("2026-%02d-%02d", 1+i%12, 1+i%28),
				Targets: []int64{int64(i % 4)},
				Source:  Source{Sheet: "Sheet1", Row: i + 2, Column: 7},
				// As a questionnaire gives them: a respondent, an IP (removed
				// by the public view), a choice answer (kept).
				Submitter: Submitter{Name: fmt.Sprint("提出人", i%997)},
				Attrs:     map[string]string{"来自IP": fmt.Sprintf("10.0.%d.%d", i/256%256, i%256), "1、您的年龄段": "36至45岁"},
			}
			if _, err := tx.Add(&o); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkCreate: a new ledger filled with n opinions in one import.
func BenchmarkCreate(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			var size int64
			for b.Loop() {
				dir := b.TempDir()
				p := filepath.Join(dir, "b.taizhang")
				l, err := Create(p, Info{Unit: "基准单位"}, Options{NoDailyBackup: true})
				if err != nil {
					b.Fatal(err)
				}
				fillLedger(b, l, n)
				l.Close()
				st, _ := os.Stat(p)
				size = st.Size()
			}
			b.ReportMetric(float64(size)/(1<<20), "file-MiB")
			b.ReportMetric(float64(n)/(b.Elapsed().Seconds()/float64(b.N)), "opinions/s")
		})
	}
}

// openFilled returns the path of a ledger with n opinions, made once.
func openFilled(b *testing.B, n int) string {
	p := filepath.Join(os.TempDir(), fmt.Sprintf("taizhang-bench-%s-%d.taizhang", benchFill, n))
	if l, err := Open(p, Options{NoDailyBackup: true}); err == nil {
		s, _ := l.Stats()
		l.Close()
		if s.Opinions == n {
			return p
		}
	}
	os.Remove(p)
	os.RemoveAll(p[:len(p)-len(Extension)] + ".备份")
	l, err := Create(p, Info{Unit: "基准单位"}, Options{NoDailyBackup: true})
	if err != nil {
		b.Fatal(err)
	}
	fillLedger(b, l, n)
	l.Close()
	return p
}

// openBenchLedger opens a filled ledger of n opinions until the benchmark
// ends.
func openBenchLedger(b *testing.B, n int) *Ledger {
	l, err := Open(openFilled(b, n), Options{NoDailyBackup: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { l.Close() })
	return l
}

// BenchmarkList: read every opinion of a ledger of n opinions through the
// public view (what every output reads: submitters and identifying
// attributes removed, the text masked).
func BenchmarkList(b *testing.B) {
	benchList(b, func(l *Ledger) OpinionReader { return l })
}

// BenchmarkListInternal: the same through the internal view, to show what
// the public view's redaction costs.
func BenchmarkListInternal(b *testing.B) {
	benchList(b, func(l *Ledger) OpinionReader { return l.Internal() })
}

func benchList(b *testing.B, view func(*Ledger) OpinionReader) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			l := openBenchLedger(b, n)
			var ms runtime.MemStats
			b.ResetTimer()
			for b.Loop() {
				os, err := view(l).Opinions(Filter{})
				if err != nil || len(os) != n {
					b.Fatalf("%d opinions, %v", len(os), err)
				}
				runtime.ReadMemStats(&ms)
			}
			b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MiB")
		})
	}
}

// BenchmarkOpen: open a ledger of n opinions and read its counts (what the
// window does first).
func BenchmarkOpen(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			p := openFilled(b, n)
			b.ResetTimer()
			for b.Loop() {
				l, err := Open(p, Options{NoDailyBackup: true})
				if err != nil {
					b.Fatal(err)
				}
				if s, err := l.Stats(); err != nil || s.Opinions != n {
					b.Fatal(s, err)
				}
				l.Close()
			}
		})
	}
}

// BenchmarkCounts: the status bar's counts after a change (Counts), and
// all of Stats for comparison.
func BenchmarkCounts(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			l := openBenchLedger(b, n)
			var stats time.Duration
			for b.Loop() {
				c, err := l.Counts()
				if err != nil || c.Opinions != n {
					b.Fatal(c, err)
				}
				b.StopTimer()
				start := time.Now()
				s, err := l.Stats()
				stats = time.Since(start)
				if err != nil || s.Opinions != c.Opinions || s.Unsorted != c.Unsorted || s.Problems != c.Problems {
					b.Fatalf("Counts %+v, Stats %+v, %v", c, s, err)
				}
				b.StartTimer()
			}
			b.ReportMetric(float64(stats.Microseconds())/1000, "stats-ms")
		})
	}
}

// BenchmarkAddOne: one typed-in opinion into a ledger of n (one transaction,
// fsync'd: the cost of Enter in quick entry).
func BenchmarkAddOne(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			l := openBenchLedger(b, n)
			for b.Loop() {
				if _, err := l.AddOpinion(Opinion{Text: "意见箱纸条", Channel: "意见箱"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
