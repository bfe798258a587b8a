package app

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"taizhang/ledger"
	"taizhang/ledger/ledgertest"
)

// benchBoardProblems is how many problems the window benchmark's ledger
// holds (each made by NewProblem, one step each, as a person would).
const benchBoardProblems = 5000

// benchLedger makes a ledger of n opinions and 5,000 problems of ten
// opinions each (half the opinions sorted when n = 10^5).
func benchLedger(b *testing.B, n int) *ledger.Ledger {
	b.Helper()
	l := ledgertest.New(b, ledger.Info{Unit: "基准单位"}, ledger.Options{})
	texts := []string{"会议太多，文件太多，基层疲于应付。", "调研走马观花，听汇报多，解决问题少。", "公务用车管理不规范，节假日公车私用。", "办事窗口门难进、脸难看、事难办。"}
	_, err := l.Import(context.Background(), "基准.xlsx", fmt.Sprint("bench-", n), "问卷调查", func(tx *ledger.ImportTx) error {
		for i := 0; i < n; i++ {
			o := ledger.Opinion{Text: texts[i%len(texts)], Channel: ledger.Channels[i%8], Targets: []int64{int64(i % 2)},
				Submitter: ledger.Submitter{Name: fmt.Sprint("提出人", i%997)}, Source: ledger.Source{Row: i + 2}}
			if _, err := tx.Add(&o); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := l.AddLeader(ledger.Leader{Name: "张明"}); err != nil {
		b.Fatal(err)
	}
	per := min(10, n/2/benchBoardProblems)
	for p := 0; p < benchBoardProblems; p++ {
		var ids []int64
		for k := 0; k < per; k++ {
			ids = append(ids, int64(1+2*(p*per+k))) // odd ids: every other opinion stays unsorted
		}
		if _, err := l.NewProblem(ledger.Problem{Title: fmt.Sprint("问题 ", p), Category: ledger.Categories[p%5]}, ids...); err != nil {
			b.Fatal(err)
		}
	}
	return l
}

// BenchmarkBoardWindow measures the 梳理 screen in Fyne's test driver
// (layout and list refresh, no painting): opening it on a ledger of n
// opinions and 5,000 problems, filtering the unsorted list by text, and a
// drop from the list onto a problem card — DragEnd to the board showing the
// result, through Assign, the incremental model update and the list
// refresh. The drop's median is the figure to hold under one frame (16 ms).
func BenchmarkBoardWindow(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			l := benchLedger(b, n)
			a := test.NewTempApp(b)
			a.Settings().SetTheme(newTheme())
			w := test.NewTempWindow(b, nil)
			u := newUI(a, w)
			bs := newBoard(u)
			bs.notify = func(string) {}
			bs.showError = func(err error) { b.Fatal(err) }
			w.SetContent(bs.root)
			w.Resize(fyne.NewSize(1200, 760))
			u.led = l
			var open time.Duration
			for b.Loop() {
				start := time.Now()
				bs.open(l, true)
				w.Content().Refresh()
				open = time.Since(start)
			}
			b.ReportMetric(float64(open.Microseconds())/1000, "open-ms")

			start := time.Now()
			bs.search.SetText("公车")
			bs.search.SetText("")
			b.ReportMetric(float64(time.Since(start).Microseconds())/1000/2, "filter-ms")

			var times []time.Duration
			for i := 0; i < 21; i++ {
				var row *opinionRow
				for _, r := range bs.opinionRows {
					if r.list == bs.unsorted && r.id != 0 && r.idx == 0 {
						row = r
					}
				}
				var card *cardRow
				for _, r := range bs.cardRows {
					if r.list == bs.cols[i%5] && r.idx == 0 && r.id != 0 {
						card = r
					}
				}
				if row == nil || card == nil {
					b.Fatal("no row or card on screen")
				}
				oid, from, to := row.id, boardCenter(row), boardCenter(card)
				row.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: from}})
				row.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: to}})
				start := time.Now()
				row.DragEnd()
				times = append(times, time.Since(start))
				if o := bs.model.Opinion(oid); o.Problem != card.id {
					b.Fatalf("drop %d did not land: opinion %d in %d, want %d", i, oid, o.Problem, card.id)
				}
			}
			sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
			b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "drop-ms-median")
			b.ReportMetric(float64(times[len(times)*9/10].Microseconds())/1000, "drop-ms-p90")
		})
	}
}
