package reports

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"taizhang/ledger"
)

// TestWriteSamples writes every report of the demo ledger, as PDF and as
// Word, and the workbook, into the folder named by TZ_REPORTS_OUT, for a
// person to look at (pdftoppm, soffice --convert-to pdf). Without the
// variable it does nothing.
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("TZ_REPORTS_OUT")
	if dir == "" {
		t.Skip("TZ_REPORTS_OUT 未设置：不写样稿")
	}
	l := newDemoLedger(t)
	writeSamples(t, l, dir, "demo")
}

func writeSamples(t *testing.T, lg *ledger.Ledger, dir, prefix string) {
	t.Helper()

	ctx := context.Background()
	for _, req := range []Request{{Kind: Situation}, {Kind: Situation, Split: true}, {Kind: FourWinds}, {Kind: FourWinds, Split: true},
		{Kind: Feedback, Split: true}} {
		for _, f := range Formats {
			out := filepath.Join(dir, prefix+"-"+string(req.Kind)+f.Ext())
			if req.Split {
				out = filepath.Join(dir, prefix+"-"+string(req.Kind)+"-"+string(f))
			}
			req.Format = f
			if req.Split {
				req.Format = f
			} else {
				req.Format = ""
			}
			plan, err := NewPlan(lg, req, out)
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range plan.Outputs {
				w, err := Write(ctx, lg, o)
				if err != nil {
					t.Fatal(err)
				}
				t.Logf("%s: %d pages, %d bytes %v", w.Path, w.Pages, w.Bytes, w.Warnings)
			}
		}
	}
	f, err := os.Create(filepath.Join(dir, prefix+"-workbook.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := WriteWorkbook(ctx, lg, f, Options{}); err != nil {
		t.Fatal(err)
	}
}
