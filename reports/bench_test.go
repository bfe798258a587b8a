package reports

import (
	"context"
	"io"
	"testing"
)

// BenchmarkSituation makes the situation report for 10^3, 10^4 and 10^5
// opinions. The opinions are the 4,326 real messages, repeated (with new
// rows, channels and targets) past 4,326; six problems are made from title
// keywords. Reported: pages and bytes of the PDF.
func BenchmarkSituation(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		b.Run("n="+itoa(n), func(b *testing.B) {
			l, _ := newRealLedger(b, n)
			var res Result
			for b.Loop() {
				doc, _, err := Build(context.Background(), l, Request{Kind: Situation})
				if err != nil {
					b.Fatal(err)
				}
				if res, err = doc.WritePDF(context.Background(), io.Discard); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(res.Pages), "pages")
			b.ReportMetric(float64(res.Bytes), "bytes")
		})
	}
}

// BenchmarkWorkbook exports the ledger workbook for the same ledgers.
func BenchmarkWorkbook(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		b.Run("n="+itoa(n), func(b *testing.B) {
			l, _ := newRealLedger(b, n)
			var res WorkbookResult
			for b.Loop() {
				var err error
				if res, err = WriteWorkbook(context.Background(), l, io.Discard, Options{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(res.Bytes), "bytes")
		})
	}
}

// BenchmarkFeedback makes the feedback sheet of one member, which holds
// every opinion that concerns them (a fifth of the opinions target the
// four members in turn, plus the problems aimed at them): the longest
// document. Sizes 10^3 and 10^4 only (10^5 gives some ten thousand pages).
func BenchmarkFeedback(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run("n="+itoa(n), func(b *testing.B) {
			l, _ := newRealLedger(b, n)
			ms, _ := l.Leaders()
			var res Result
			for b.Loop() {
				doc, _, err := Build(context.Background(), l, Request{Kind: Feedback, Targets: []int64{ms[0].ID}})
				if err != nil {
					b.Fatal(err)
				}
				if res, err = doc.WritePDF(context.Background(), io.Discard); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(res.Pages), "pages")
			b.ReportMetric(float64(res.Bytes), "bytes")
		})
	}
}
