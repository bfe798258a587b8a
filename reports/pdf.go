package reports

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/sfnt"
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

// Result describes a written PDF or Word document.
type Result struct {
	Pages int   // number of pages (0 for Word, which paginates the document itself)
	Bytes int64 // size of the file
	// Warnings say what the reader should know: characters no font could
	// draw, printed as [表情] or [缺字].
	Warnings []string
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

	faces      *faces
	role       role    // what the text being set is
	size       float64 // its size in points
	widths     map[measureKey]float64
	faceOf     map[faceKey]*face
	registered map[string]bool
	buf        sfnt.Buffer
	missing    int      // characters printed as a marker
	quiet      bool     // measuring ahead: do not count markers
	samples    []string // a few of them, for the warning

	partStart int // the page the current part starts on (numbers restart per part)
	progress  func(float64)
	units     int // blocks and table rows to draw
	drawn     int
}

// step counts one block or table row drawn and reports progress.
func (r *renderer) step() {
	r.drawn++
	if r.progress != nil && r.drawn%32 == 0 && r.units > 0 {
		r.progress(0.5 + 0.5*float64(r.drawn)/float64(r.units))
	}
}

// WritePDF draws the document as an A4 PDF into w. The bytes depend only on
// the document and the fonts of the machine (the creation date is the
// report date), so a report can be kept as a golden file. The official faces
// (仿宋, 黑体, 楷体, 小标宋) are used where the machine has them, the bundled
// Noto faces otherwise and for every character they lack.
func (d *Document) WritePDF(ctx context.Context, w io.Writer) (Result, error) {
	return d.writePDF(ctx, w, systemFaces())
}

func (d *Document) writePDF(ctx context.Context, w io.Writer, fs *faces) (Result, error) {
	p := fpdf.New("P", "mm", "A4", "")
	p.SetCatalogSort(true)
	p.SetCompression(true)
	t := reportTime(d.Date)
	p.SetCreationDate(t)
	p.SetModificationDate(t)
	p.SetCreator("意见台账 taizhang", true)
	if len(d.Parts) > 0 {
		p.SetTitle(bmpOnly(strings.ReplaceAll(d.Parts[0].Title, "\n", "")), true)
	}
	p.SetMargins(marginL, marginT, pageW-textRight)
	p.SetAutoPageBreak(false, 0)
	p.SetCellMargin(0)
	r := &renderer{ctx: ctx, p: p, internal: d.Internal, faces: fs, widths: map[measureKey]float64{},
		faceOf: map[faceKey]*face{}, registered: map[string]bool{}, progress: d.Progress}
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
	if err := p.Error(); err != nil {
		return Result{}, fmt.Errorf("报告字体无法加载或绘制失败：%w", err)
	}
	cw := &countWriter{w: w}
	pages := p.PageNo()
	if r.progress != nil {
		defer r.progress(1)
	}
	if err := p.Output(cw); err != nil {
		return Result{}, fmt.Errorf("写出 PDF 失败：%w", err)
	}
	return Result{Pages: pages, Bytes: cw.n, Warnings: r.warnings()}, nil
}

// warnings says how many characters no font could draw.
func (r *renderer) warnings() []string {
	if r.missing == 0 {
		return nil
	}
	return []string{fmt.Sprintf("有 %d 个字符（如 %s）字体中没有字形，PDF 中印作%s或%s；台账、工作簿和 Word 文档中保留原字。",
		r.missing, strings.Join(r.samples, "、"), emojiMarker, missingMarker)}
}

// bmpOnly drops what a PDF's metadata strings cannot hold in fpdf:
// characters outside the Basic Multilingual Plane.
func bmpOnly(s string) string {
	return strings.Map(func(c rune) rune {
		if c > 0xFFFF {
			return -1
		}
		return c
	}, s)
}

// setRole sets what the next text is set as, and its size in points.
func (r *renderer) setRole(ro role, size float64) { r.role, r.size = ro, size }

func (r *renderer) wrap(text string, width, first float64) []string {
	br := Breaker{Measure: r.measure, Width: width, FirstWidth: first}
	return br.Wrap(r.prepare(text))
}

func (r *renderer) wrapLines(text string, width, first float64) []Line {
	br := Breaker{Measure: r.measure, Width: width, FirstWidth: first, Squeeze: r.grid()}
	return br.Lines(r.prepare(text))
}

func (r *renderer) header() {
	if !r.internal {
		return
	}
	ro, size := r.role, r.size
	cr, cg, cb := r.p.GetTextColor()
	r.p.SetTextColor(180, 0, 0)
	r.setRole(roleH1, 12)
	r.drawLine(marginL, 18, textW, 7, internalMark, "R", false)
	r.p.SetTextColor(cr, cg, cb)
	r.setRole(ro, size)
}

// footer draws the page number 「— 1 —」 7 mm under the text area: on the
// right of odd pages and the left of even pages, one character in (GB/T
// 9704). Numbers restart with every part, as each part is handed in alone.
func (r *renderer) footer() {
	ro, size := r.role, r.size
	cr, cg, cb := r.p.GetTextColor() // a page may break inside a marked (coloured) text
	r.p.SetTextColor(0, 0, 0)
	defer r.p.SetTextColor(cr, cg, cb)
	r.setRole(roleBody, sizePage)
	n := r.p.PageNo() - r.partStart + 1
	align := "L"
	if n%2 == 1 {
		align = "R"
	}
	r.drawLine(marginL+5, textBottom+4, textW-10, 7, "— "+strconv.Itoa(n)+" —", align, false)
	r.setRole(ro, size)
}

// newPage starts a page.
func (r *renderer) newPage() {
	r.p.AddPage()
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
	r.drawLine(x, r.y, w, lh, s, align, false)
	r.y += lh
}

func (r *renderer) part(pt Part) error {
	r.newPage() // draws the footer of the page before, with its part's numbers
	r.partStart = r.p.PageNo()
	r.setRole(roleTitle, sizeTitle)
	for _, s := range r.titleLines(pt.Title) {
		r.line(marginL, textW, lhTitle, s, "C")
	}
	if len(pt.Subtitle) > 0 {
		r.y += 3
		r.setRole(roleBody, sizeBody)
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

// titleLines breaks the title into balanced lines at word boundaries
// (balanceTitle); a chosen break (\n) is kept.
func (r *renderer) titleLines(title string) []string {
	var out []string
	for _, para := range strings.Split(r.prepare(title), "\n") {
		if strings.TrimSpace(para) != "" {
			out = append(out, balanceTitle(para, r.measure, textW)...)
		}
	}
	return out
}

// block draws b; rest are the blocks after it, which a heading is kept with.
func (r *renderer) block(b Block, rest []Block) error {
	indent := 2 * gridPitch
	switch b.Kind {
	case Heading1, Heading2:
		ro := roleH1
		if b.Kind == Heading2 {
			ro = roleH2
		}
		r.setRole(ro, sizeBody)
		lines := r.wrapLines(b.Text, textW, textW-indent)
		keep := r.keepNext(rest)
		r.setRole(ro, sizeBody)
		r.room(float64(len(lines))*lhBody + keep)
		r.paragraph(lines, marginL, textW, lhBody, indent, false)
	case Paragraph, Placeholder:
		r.setRole(roleBody, sizeBody)
		lines := r.wrapLines(b.Text, textW, textW-indent)
		if len(rest) > 0 && rest[0].Kind == Quote && len(lines) <= 4 {
			r.room(float64(len(lines))*lhBody + r.keepNext(rest))
		} else {
			r.room(min(2, float64(len(lines))) * lhBody) // no single first line at a page foot
		}
		if b.Kind == Placeholder {
			r.p.SetTextColor(40, 70, 150)
		}
		r.paragraph(lines, marginL, textW, lhBody, indent, true)
		r.p.SetTextColor(0, 0, 0)
	case Addressee, Plain:
		r.setRole(roleBody, sizeBody)
		for _, s := range r.wrap(b.Text, textW, 0) {
			r.line(marginL, textW, lhBody, s, "L")
		}
	case Quote:
		r.setRole(roleBody, sizeQuote)
		in := 2 * gridPitch
		r.paragraph(r.wrapLines(b.Text, textW-in, 0), marginL+in, textW-in, lhQuote, 0, false)
		r.y += 1.5
	case Signature:
		r.y += lhBody
		r.setRole(roleBody, sizeBody)
		right := 2 * gridPitch
		r.room(lhBody * float64(strings.Count(b.Text, "\n")+1))
		for _, s := range strings.Split(b.Text, "\n") {
			r.line(marginL, textW-right, lhBody, r.prepare(s), "R")
		}
	case ResponseBox:
		r.responseBox(b)
	case TableBlock:
		return r.table(b.Table)
	case ChartBlock:
		r.chart(b.Chart)
	}
	return nil
}

// keepNext is the height of the start of the next blocks, which a heading
// (or a paragraph introducing a quote) is kept with on one page: the first
// two lines of a paragraph, the header and first row of a table, the title
// and first bars of a chart. A heading followed by a heading keeps with
// what follows that one too.
func (r *renderer) keepNext(rest []Block) float64 {
	if len(rest) == 0 {
		return 0
	}
	next := &rest[0]
	switch next.Kind {
	case Heading1, Heading2:
		return lhBody + r.keepNext(rest[1:])
	case ChartBlock:
		return 8 + 2*chartRowH
	case TableBlock:
		return 3*lhTable + 4*cellPad
	case Quote:
		return 2 * lhQuote
	case Addressee, Plain, Signature:
		return lhBody
	case Paragraph, Placeholder:
		// as the paragraph keeps itself: with its quote when it is short
		r.setRole(roleBody, sizeBody)
		r.quiet = true
		n := float64(len(r.wrapLines(next.Text, textW, textW-2*gridPitch)))
		r.quiet = false
		if len(rest) > 1 && rest[1].Kind == Quote && n <= 4 {
			return n*lhBody + 2*lhQuote
		}
		return min(2, n) * lhBody
	}
	return 2 * lhBody
}

// paragraph draws wrapped lines: the first line of each paragraph is
// indented by indent; with justify every line but a paragraph's last is
// set to the full width.
func (r *renderer) paragraph(lines []Line, x, w, lh, indent float64, justify bool) {
	for _, l := range lines {
		if l.Text == "" {
			continue
		}
		in := 0.0
		if l.First {
			in = indent
		}
		r.room(lh)
		r.drawLine(x+in, r.y, w-in, lh, l.Text, "L", justify && !l.Last)
		r.y += lh
	}
}

// responseBox draws a framed space to write in by hand, its label on top.
func (r *renderer) responseBox(b Block) {
	r.setRole(roleH2, sizeTable)
	h := float64(b.Lines+1)*lhBody*0.8 + 2*cellPad
	r.room(h)
	r.p.SetLineWidth(0.25)
	r.p.Rect(marginL, r.y, textW, h, "D")
	r.drawLine(marginL+cellPad, r.y+cellPad, textW-2*cellPad, lhTable, r.prepare(b.Text), "L", false)
	r.y += h + lhBody/2
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
	r.setRole(roleH1, sizeTable)
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
				a := align(c)
				if fill {
					a = "C"
				}
				r.drawLine(x+cellPad, r.y+cellPad+float64(j)*lhTable, w-2*cellPad, lhTable, cells[c][from+j], a, false)
			}
			x += w
		}
		r.y += h
	}
	header := func() {
		r.setRole(roleH1, sizeTable)
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
		r.setRole(roleBody, sizeTable)
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
				r.setRole(roleBody, sizeTable)
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
				r.setRole(roleBody, sizeTable)
				fresh = true
			}
		}
	}
	r.y += lhBody / 2
	return r.p.Error()
}

const chartRowH = 7.0

// chart draws a horizontal bar chart: the label, a bar proportional to the
// count, and the count.
func (r *renderer) chart(c *Chart) {
	const (
		rowH   = chartRowH
		barH   = 4.6
		labelW = 40.0
		barMax = 96.0
	)
	r.room(8 + min(float64(len(c.Bars)), 3)*rowH)
	r.setRole(roleH1, sizeTable)
	r.line(marginL, textW, 8, r.prepare(c.Title), "C")
	maxV := 1
	for _, b := range c.Bars {
		maxV = max(maxV, b.Value)
	}
	x0 := marginL + labelW + 2
	for _, b := range c.Bars {
		r.room(rowH)
		size := sizeTable
		r.setRole(roleBody, size)
		label := r.prepare(b.Label)
		for size > 7 && r.width(label) > labelW {
			size--
			r.setRole(roleBody, size)
		}
		r.drawLine(marginL, r.y, labelW, rowH, label, "R", false)
		w := float64(b.Value) / float64(maxV) * barMax
		if b.Value > 0 && w < 0.6 {
			w = 0.6
		}
		if w > 0 {
			r.p.SetFillColor(70, 96, 140)
			r.p.Rect(x0, r.y+(rowH-barH)/2, w, barH, "F")
		}
		r.setRole(roleBody, sizeTable)
		r.drawLine(x0+w+1.5, r.y, 30, rowH, strconv.Itoa(b.Value)+c.Unit, "L", false)
		r.y += rowH
	}
	r.p.SetDrawColor(0, 0, 0)
	r.y += 4
}

// width is the width of s as set in the current role and size.
func (r *renderer) width(s string) float64 {
	w := 0.0
	for _, c := range s {
		w += r.measure(c)
	}
	return w
}
