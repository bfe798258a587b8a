package reports

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"taizhang/assets"
)

// internalMark is printed on every page of a copy that carries submitter
// names and contacts.
const internalMark = "内部材料 含提出人信息"

// Page geometry, in millimetres, close to GB/T 9704-2012 (党政机关公文格式):
// A4, top margin 37, left margin 28, a text area of 156 × 225.
const (
	pageW      = 210.0
	pageH      = 297.0
	marginL    = 28.0
	marginT    = 37.0
	textW      = 156.0
	textH      = 225.0
	textBottom = marginT + textH
	textRight  = marginL + textW
)

// Type sizes in points: title 二号 22, body 三号 16, quotes 四号 14,
// tables and charts 小四 12.
const (
	sizeTitle = 22.0
	sizeBody  = 16.0
	sizeQuote = 14.0
	sizeTable = 12.0
	sizePage  = 14.0
)

// Line pitches in millimetres. The body pitch gives GB/T 9704's 22 lines a page.
const (
	lhTitle = 11.5
	lhSub   = 9.0
	lhBody  = textH / 22
	lhQuote = 7.6
	lhTable = 6.2
	cellPad = 1.6
)

// Result describes a written PDF.
type Result struct {
	Pages int   // number of pages
	Bytes int64 // size of the file
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}

// reportTime turns the report date into the fixed creation time of the PDF,
// so the same ledger and options give the same bytes.
func reportTime(date string) time.Time {
	if t, err := time.ParseInLocation("2006-01-02", date, time.FixedZone("CST", 8*3600)); err == nil {
		return t.Add(9 * time.Hour)
	}
	return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
}

type renderer struct {
	ctx      context.Context
	p        *fpdf.Fpdf
	internal bool
	y        float64
	font     string // current font key, e.g. "serif|16"
	widths   map[string]map[rune]float64
	cur      map[rune]float64
	size     float64
	progress func(float64)
	units    int // blocks and table rows to draw
	drawn    int
}

// step counts one block or table row drawn and reports progress.
func (r *renderer) step() {
	r.drawn++
	if r.progress != nil && r.drawn%32 == 0 && r.units > 0 {
		r.progress(0.5 + 0.5*float64(r.drawn)/float64(r.units))
	}
}

// WritePDF draws the document as an A4 PDF into w. The bytes depend only on
// the document (the creation date is the report date), so a report can be
// kept as a golden file.
func (d *Document) WritePDF(ctx context.Context, w io.Writer) (Result, error) {
	p := fpdf.New("P", "mm", "A4", "")
	p.SetCatalogSort(true)
	p.SetCompression(true)
	t := reportTime(d.Date)
	p.SetCreationDate(t)
	p.SetModificationDate(t)
	p.SetCreator("意见台账 taizhang", true)
	if len(d.Parts) > 0 {
		p.SetTitle(drawable(strings.ReplaceAll(d.Parts[0].Title, "\n", "")), true)
	}
	p.AddUTF8FontFromBytes("sans", "", assets.SansRegular)
	p.AddUTF8FontFromBytes("sans", "B", assets.SansBold)
	p.AddUTF8FontFromBytes("serif", "", assets.SerifRegular)
	if err := p.Error(); err != nil {
		return Result{}, fmt.Errorf("报告字体无法加载：%w", err)
	}
	p.SetMargins(marginL, marginT, pageW-textRight)
	p.SetAutoPageBreak(false, 0)
	p.SetCellMargin(0) // lines are measured to the full width; fpdf would pad them by 1 mm
	r := &renderer{ctx: ctx, p: p, internal: d.Internal, widths: map[string]map[rune]float64{}, progress: d.Progress}
	for _, part := range d.Parts {
		for _, b := range part.Blocks {
			r.units++
			if b.Table != nil {
				r.units += len(b.Table.Rows)
			}
		}
	}
	p.SetHeaderFunc(r.header)
	p.SetFooterFunc(r.footer)
	for _, part := range d.Parts {
		if err := r.part(part); err != nil {
			return Result{}, err
		}
	}
	if p.PageNo() == 0 {
		r.newPage()
	}
	cw := &countWriter{w: w}
	pages := p.PageNo()
	if r.progress != nil {
		defer r.progress(1)
	}
	if err := p.Output(cw); err != nil {
		return Result{}, fmt.Errorf("写出 PDF 失败：%w", err)
	}
	return Result{Pages: pages, Bytes: cw.n}, nil
}

func (r *renderer) setFont(family, style string, size float64) {
	key := family + "|" + style + "|" + strconv.FormatFloat(size, 'f', 1, 64)
	if key == r.font {
		return
	}
	r.p.SetFont(family, style, size)
	r.font, r.size = key, size
	if r.widths[key] == nil {
		r.widths[key] = map[rune]float64{}
	}
	r.cur = r.widths[key]
}

// measure returns the width of r in the current font, in millimetres.
func (r *renderer) measure(c rune) float64 {
	if w, ok := r.cur[c]; ok {
		return w
	}
	w := r.p.GetStringWidth(string(c))
	r.cur[c] = w
	return w
}

func (r *renderer) wrap(text string, width, first float64) []string {
	br := Breaker{Measure: r.measure, Width: width, FirstWidth: first}
	return br.Wrap(drawable(text))
}

// missingGlyph stands in for a character the PDF cannot draw: 〓, the
// geta mark Chinese typesetting has long used for a missing character.
const missingGlyph = '〓'

// drawable replaces what fpdf cannot draw: characters outside the Basic
// Multilingual Plane (rare Han characters in extension B and later, emoji)
// make fpdf v0.9.0 panic, so they are printed as 〓. The ledger and the
// workbook keep them.
func drawable(s string) string {
	for _, c := range s {
		if c > 0xFFFF {
			return strings.Map(func(c rune) rune {
				if c > 0xFFFF {
					return missingGlyph
				}
				return c
			}, s)
		}
	}
	return s
}

func (r *renderer) header() {
	if !r.internal {
		return
	}
	font := r.font
	r.p.SetTextColor(180, 0, 0)
	r.setFont("sans", "B", 12)
	r.p.SetXY(marginL, 18)
	r.p.CellFormat(textW, 7, internalMark, "", 0, "R", false, 0, "")
	r.p.SetTextColor(0, 0, 0)
	r.restore(font)
}

// footer draws the page number 「— 1 —」 7 mm under the text area: on the
// right of odd pages and the left of even pages, one character in (GB/T 9704).
func (r *renderer) footer() {
	font := r.font
	r.setFont("serif", "", sizePage)
	n := r.p.PageNo()
	s := "— " + strconv.Itoa(n) + " —"
	r.p.SetXY(marginL+5, textBottom+4)
	align := "L"
	if n%2 == 1 {
		align = "R"
	}
	r.p.CellFormat(textW-10, 7, s, "", 0, align, false, 0, "")
	r.restore(font)
}

func (r *renderer) restore(key string) {
	if key == "" {
		return
	}
	f := strings.Split(key, "|")
	size, _ := strconv.ParseFloat(f[2], 64)
	r.setFont(f[0], f[1], size)
}

// newPage starts a page. fpdf's AddPage puts back the font it had before
// the header and footer ran; the renderer's idea of the current font (and
// its width cache) is set to match.
func (r *renderer) newPage() {
	font := r.font
	r.p.AddPage()
	r.font = ""
	r.restore(font)
	r.y = marginT
}

// room makes sure h millimetres are left on the page, else starts a new one.
func (r *renderer) room(h float64) {
	if r.p.PageNo() == 0 || r.y+h > textBottom+1e-6 {
		r.newPage()
	}
}

func (r *renderer) line(x, w, lh float64, s, align string) {
	r.room(lh)
	r.p.SetXY(x, r.y)
	r.p.CellFormat(w, lh, drawable(s), "", 0, align, false, 0, "")
	r.y += lh
}

func (r *renderer) part(pt Part) error {
	r.newPage()
	r.setFont("sans", "B", sizeTitle)
	for _, s := range r.wrap(pt.Title, textW, 0) {
		if s != "" {
			r.line(marginL, textW, lhTitle, s, "C")
		}
	}
	if len(pt.Subtitle) > 0 {
		r.y += 3
		r.setFont("serif", "", sizeBody)
		for _, sub := range pt.Subtitle {
			for _, s := range r.wrap(sub, textW, 0) {
				r.line(marginL, textW, lhSub, s, "C")
			}
		}
	}
	r.y += lhBody / 2
	for i, b := range pt.Blocks {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		if err := r.block(b, pt.Blocks[i+1:]); err != nil {
			return err
		}
		r.step()
	}
	return r.p.Error()
}

// block draws b; rest are the blocks after it, which a heading is kept with.
func (r *renderer) block(b Block, rest []Block) error {
	switch b.Kind {
	case Heading1, Heading2:
		style := "B"
		if b.Kind == Heading2 {
			style = ""
		}
		r.setFont("sans", style, sizeBody)
		lines := r.wrap(b.Text, textW, textW-2*r.measure('中'))
		r.room(float64(len(lines))*lhBody + r.keepNext(rest))
		r.lines(lines, marginL, textW, lhBody, 2*r.measure('中'))
	case Paragraph:
		r.setFont("serif", "", sizeBody)
		indent := 2 * r.measure('中')
		lines := r.wrap(b.Text, textW, textW-indent)
		if len(rest) > 0 && rest[0].Kind == Quote && len(lines) <= 4 {
			r.room(float64(len(lines))*lhBody + r.keepNext(rest))
		}
		r.lines(lines, marginL, textW, lhBody, indent)
	case Quote:
		r.setFont("serif", "", sizeQuote)
		in := 2 * r.measure('中')
		r.lines(r.wrap(b.Text, textW-in, 0), marginL+in, textW-in, lhQuote, 0)
		r.y += 1.5
	case Signature:
		r.y += lhBody
		r.setFont("serif", "", sizeBody)
		right := 2 * r.measure('中')
		for _, s := range strings.Split(b.Text, "\n") {
			r.line(marginL, textW-right, lhBody, s, "R")
		}
	case TableBlock:
		return r.table(b.Table)
	case ChartBlock:
		r.chart(b.Chart)
	}
	return nil
}

// keepNext is the height of the start of the next blocks, which a heading
// (or a paragraph introducing a quote) is kept with on one page: a heading
// followed by a heading keeps with what follows that one too.
func (r *renderer) keepNext(rest []Block) float64 {
	if len(rest) == 0 {
		return 0
	}
	next := &rest[0]
	switch {
	case next.Kind == Heading1 || next.Kind == Heading2:
		return lhBody + r.keepNext(rest[1:])
	case next.Kind == ChartBlock:
		return min(chartHeight(next.Chart), textH/2)
	case next.Kind == TableBlock:
		return 4*lhTable + 4*cellPad
	case next.Kind == Quote:
		return 2 * lhQuote
	}
	return lhBody
}

// lines draws wrapped lines; the first line of each paragraph (the first
// line after an empty one) is indented by indent.
func (r *renderer) lines(lines []string, x, w, lh, indent float64) {
	first := true
	for _, s := range lines {
		if s == "" {
			first = true
			continue
		}
		in := 0.0
		if first {
			in = indent
		}
		r.line(x+in, w-in, lh, s, "L")
		first = false
	}
}

// table draws t with its header; a row that does not fit is split across
// pages and the header is drawn again at the top of each page.
func (r *renderer) table(t *Table) error {
	total := 0.0
	for _, w := range t.Widths {
		total += w
	}
	cols := make([]float64, len(t.Widths))
	for i, w := range t.Widths {
		cols[i] = w / total * textW
	}
	align := func(c int) string {
		if c < len(t.Align) && t.Align[c] != "" {
			return t.Align[c]
		}
		return "L"
	}
	wrapCells := func(row []string) [][]string {
		out := make([][]string, len(cols))
		for c := range cols {
			if c < len(row) {
				for _, s := range r.wrap(row[c], cols[c]-2*cellPad, 0) {
					if s != "" {
						out[c] = append(out[c], s)
					}
				}
			}
		}
		return out
	}
	r.setFont("sans", "B", sizeTable)
	head := wrapCells(t.Header)
	headN := 1
	for _, c := range head {
		headN = max(headN, len(c))
	}
	headH := float64(headN)*lhTable + 2*cellPad
	drawRow := func(cells [][]string, from, n int, fill bool) {
		h := float64(n)*lhTable + 2*cellPad
		x := marginL
		if fill {
			r.p.SetFillColor(232, 232, 232)
		}
		for c, w := range cols {
			style := "D"
			if fill {
				style = "FD"
			}
			r.p.Rect(x, r.y, w, h, style)
			for j := 0; j < n && from+j < len(cells[c]); j++ {
				r.p.SetXY(x+cellPad, r.y+cellPad+float64(j)*lhTable)
				a := align(c)
				if fill {
					a = "C"
				}
				r.p.CellFormat(w-2*cellPad, lhTable, cells[c][from+j], "", 0, a, false, 0, "")
			}
			x += w
		}
		r.y += h
	}
	header := func() {
		r.setFont("sans", "B", sizeTable)
		r.p.SetLineWidth(0.25)
		drawRow(head, 0, headN, true)
	}
	r.room(headH + 2*lhTable + 2*cellPad)
	header()
	fresh := true
	for i, row := range t.Rows {
		if i%64 == 0 {
			if err := r.ctx.Err(); err != nil {
				return err
			}
		}
		r.step()
		r.setFont("serif", "", sizeTable)
		cells := wrapCells(row)
		n := 1
		for _, c := range cells {
			n = max(n, len(c))
		}
		done := 0
		for done < n {
			avail := int((textBottom - r.y - 2*cellPad + 1e-6) / lhTable)
			left := n - done
			if avail < left && !fresh && (avail < 2 || (done == 0 && left <= 6)) {
				r.newPage()
				header()
				r.setFont("serif", "", sizeTable)
				fresh = true
				continue
			}
			k := min(avail, left)
			if k < left && left-k < 2 && k >= 4 {
				k = left - 2 // carry at least two lines over, not one
			}
			drawRow(cells, done, k, false)
			fresh = false
			done += k
			if done < n {
				r.newPage()
				header()
				r.setFont("serif", "", sizeTable)
				fresh = true
			}
		}
	}
	r.y += lhBody / 2
	return r.p.Error()
}

const chartRowH = 7.0

func chartHeight(c *Chart) float64 { return chartRowH*float64(len(c.Bars)) + 12 }

// chart draws a horizontal bar chart: the label, a bar proportional to the
// count, and the count.
func (r *renderer) chart(c *Chart) {
	const (
		rowH   = chartRowH
		barH   = 4.6
		labelW = 40.0
		barMax = 96.0
	)
	r.room(min(chartHeight(c), textH))
	r.setFont("sans", "B", sizeTable)
	r.line(marginL, textW, 8, drawable(c.Title), "C")
	maxV := 1
	for _, b := range c.Bars {
		maxV = max(maxV, b.Value)
	}
	x0 := marginL + labelW + 2
	for _, b := range c.Bars {
		r.room(rowH)
		size := sizeTable
		r.setFont("sans", "", size)
		label := drawable(b.Label)
		for size > 7 && r.p.GetStringWidth(label) > labelW {
			size--
			r.setFont("sans", "", size)
		}
		r.p.SetXY(marginL, r.y)
		r.p.CellFormat(labelW, rowH, label, "", 0, "R", false, 0, "")
		w := float64(b.Value) / float64(maxV) * barMax
		if b.Value > 0 && w < 0.6 {
			w = 0.6
		}
		if w > 0 {
			r.p.SetFillColor(70, 96, 140)
			r.p.Rect(x0, r.y+(rowH-barH)/2, w, barH, "F")
		}
		r.setFont("sans", "", sizeTable)
		r.p.SetXY(x0+w+1.5, r.y)
		r.p.CellFormat(30, rowH, strconv.Itoa(b.Value)+c.Unit, "", 0, "L", false, 0, "")
		r.y += rowH
	}
	r.p.SetDrawColor(0, 0, 0)
	r.y += 4
}
