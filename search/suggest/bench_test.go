package suggest

import (
	"context"
	"fmt"
	"runtime"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// Benchmarks at 10^4 and 10^5 opinions. The long opinions are the 4,326
// real messages of tipdm2020-messages-4326.xlsx (title and text), the
// short ones the 11,987 reviews of waimai-10k.csv (median 17 characters),
// each repeated until there are n, every copy after the first varied: one
// character dropped at a position that moves with the copy, and the copy's
// number written at the end. So the texts repeat with small differences,
// as the same complaint sent again does. One iteration each (make bench).

var benchSizes = []int{10000, 100000}

func scaled(texts []string, titles []string, n int) []Opinion {
	out := make([]Opinion, n)
	for i := range out {
		k := i % len(texts)
		c := i / len(texts)
		text := texts[k]
		if c > 0 {
			rs := []rune(text)
			if len(rs) > 4 {
				at := (c * 7) % len(rs)
				rs = append(rs[:at:at], rs[at+1:]...)
			}
			text = string(rs) + fmt.Sprintf("（%d）", c)
		}
		out[i] = Opinion{ID: int64(i + 1), Text: text}
		if titles != nil {
			out[i].Title = titles[k]
		}
	}
	return out
}

func longOpinions(b *testing.B, n int) []Opinion {
	msgs := loadMessages(b)
	texts := make([]string, len(msgs))
	titles := make([]string, len(msgs))
	for i, m := range msgs {
		texts[i], titles[i] = m.Text, m.Title
	}
	return scaled(texts, titles, n)
}

// peakHeap samples the heap in use every 10 ms until stop is called and
// returns the largest sample in MB.
func peakHeap() (stop func() float64) {
	var peak atomic.Uint64
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}()
	return func() float64 {
		close(done)
		<-finished
		return float64(peak.Load()) / (1 << 20)
	}
}

// cpuSeconds is the CPU time this process has used (user and system): on
// a machine shared with other work it says more than the wall time.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}

// BenchmarkGroups: analyse every opinion and propose groups for all of
// them (none sorted yet): the work behind the 建议 panel and autosort.
func BenchmarkGroups(b *testing.B) {
	for _, kind := range []string{"long", "short"} {
		for _, n := range benchSizes {
			b.Run(fmt.Sprintf("%s/n=%d", kind, n), func(b *testing.B) {
				var ops []Opinion
				if kind == "long" {
					ops = longOpinions(b, n)
				} else {
					ops = scaled(shortTexts(b), nil, n)
				}
				runtime.GC()
				var groups, grouped int
				var peak, cpu float64
				for b.Loop() {
					stop := peakHeap()
					cpu0 := cpuSeconds()
					m, err := Build(context.Background(), nil, Input{Opinions: ops}, DefaultOptions())
					if err != nil {
						b.Fatal(err)
					}
					gs, err := m.Groups(context.Background())
					if err != nil {
						b.Fatal(err)
					}
					peak = stop()
					cpu += cpuSeconds() - cpu0
					groups, grouped = len(gs), 0
					for _, g := range gs {
						grouped += len(g.Opinions)
					}
				}
				b.ReportMetric(peak, "MB-peak")
				b.ReportMetric(cpu/float64(b.N), "cpu-s")
				b.ReportMetric(float64(groups), "groups")
				b.ReportMetric(float64(grouped)/float64(n), "grouped/op")
			})
		}
	}
}

// BenchmarkLikelyProblem: the likely problem of one unsorted opinion when
// every other copy of the messages is sorted, each into the problem of its
// message (the copies of one message make one problem: 4,326 problems,
// and the odd copies, varied, are the unsorted opinions asked); the model
// is built once, outside the timing. proposed/op is the share of opinions
// given a proposal, right/op the share given their own message's problem.
func BenchmarkLikelyProblem(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			ops := longOpinions(b, n)
			msgs := len(loadMessages(b))
			var in Input
			made := map[int64]bool{}
			var ask []int
			for i := range ops {
				if (i/msgs)%2 == 1 {
					ask = append(ask, i)
				} else {
					pid := int64(i%msgs + 1)
					ops[i].Problem = pid
					if !made[pid] {
						made[pid] = true
						in.Problems = append(in.Problems, Problem{ID: pid, Title: ops[i].Title})
					}
				}
			}
			in.Opinions = ops
			m, err := Build(context.Background(), nil, in, DefaultOptions())
			if err != nil {
				b.Fatal(err)
			}
			t0 := time.Now()
			m.LikelyProblem(ops[ask[len(ask)-1]].ID) // builds the problems' index, outside the timing
			first := time.Since(t0)
			k, found, right := 0, 0, 0
			for b.Loop() {
				i := ask[k%len(ask)]
				k++
				if p, ok := m.LikelyProblem(ops[i].ID); ok {
					found++
					if p.Problem == int64(i%msgs+1) {
						right++
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/opinion")
			// After a person's decision the problems' index is rebuilt
			// once, by the next proposal.
			b.StopTimer()
			m.Learn(ops[ask[0]].ID, Problem{ID: int64(ask[0]%msgs + 1)})
			t0 = time.Now()
			m.LikelyProblem(ops[ask[1]].ID)
			b.ReportMetric(float64(time.Since(t0).Microseconds())/1000, "ms-after-learn")
			b.ReportMetric(float64(first.Microseconds())/1000, "ms-first")
			b.ReportMetric(float64(len(in.Problems)), "problems")
			b.ReportMetric(float64(found)/float64(b.N), "proposed/op")
			b.ReportMetric(float64(right)/float64(b.N), "right/op")
		})
	}
}
