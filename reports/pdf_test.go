package reports

import (
	"context"
	"testing"

	"github.com/go-pdf/fpdf"

	"taizhang/assets"
)

// After a page break (which runs the header and footer), the font the
// renderer measures with is the font fpdf draws with.
func TestFontAfterPageBreak(t *testing.T) {
	for _, internal := range []bool{false, true} {
		p := fpdf.New("P", "mm", "A4", "")
		p.AddUTF8FontFromBytes("sans", "", assets.SansRegular)
		p.AddUTF8FontFromBytes("sans", "B", assets.SansBold)
		p.AddUTF8FontFromBytes("serif", "", assets.SerifRegular)
		r := &renderer{ctx: context.Background(), p: p, internal: internal, widths: map[string]map[rune]float64{}}
		p.SetHeaderFunc(r.header)
		p.SetFooterFunc(r.footer)
		r.newPage()
		for _, size := range []float64{sizeBody, sizeTable, sizeQuote} {
			r.setFont("serif", "", size)
			r.newPage()
			if got, _ := p.GetFontSize(); got != size || r.size != size {
				t.Errorf("internal %v: after a page break fpdf draws at %v pt, the renderer measures at %v pt, want %v", internal, got, r.size, size)
			}
			if w := r.measure('中'); w != p.GetStringWidth("中") {
				t.Errorf("internal %v: measured width %v, fpdf's %v", internal, w, p.GetStringWidth("中"))
			}
		}
	}
}
