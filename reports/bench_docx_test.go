package reports

import (
	"context"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// peakHeap runs fn and returns the highest heap in use seen while it ran,
// in MB (sampled every 2 ms).
func peakHeap(fn func()) float64 {
	runtime.GC()
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	fn()
	close(done)
	wg.Wait()
	return float64(peak.Load()) / (1 << 20)
}

// benchReport makes one report for n real opinions as PDF or Word and
// reports pages (PDF), bytes and the peak heap.
func benchReport(b *testing.B, n int, req Request, f Format) {
	l, _ := newRealLedger(b, n)
	if req.Kind == Feedback {
		ms, _ := l.Leaders()
		req.Targets = []int64{ms[0].ID}
	}
	var res Result
	var peak float64
	for b.Loop() {
		peak = max(peak, peakHeap(func() {
			doc, _, err := Build(context.Background(), l, req)
			if err != nil {
				b.Fatal(err)
			}
			if f == Word {
				res, err = doc.WriteDOCX(context.Background(), io.Discard)
			} else {
				res, err = doc.WritePDF(context.Background(), io.Discard)
			}
			if err != nil {
				b.Fatal(err)
			}
		}))
	}
	if f == PDF {
		b.ReportMetric(float64(res.Pages), "pages")
	}
	b.ReportMetric(float64(res.Bytes), "bytes")
	b.ReportMetric(peak, "peak-MB")
}

// BenchmarkReportFormats makes the situation report and one member's
// feedback sheet (every opinion that concerns them, the longest document)
// from 10^4 and 10^5 real opinions, as Word and as PDF side by side. The
// feedback sheet as PDF stops at 10^4 (10^5 gives some ten thousand pages).
func BenchmarkReportFormats(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		for _, k := range []Kind{Situation, Feedback} {
			for _, f := range Formats {
				if k == Feedback && f == PDF && n > 10000 {
					continue
				}
				b.Run(string(k)+"/"+string(f)+"/n="+itoa(n), func(b *testing.B) { benchReport(b, n, Request{Kind: k}, f) })
			}
		}
	}
}
