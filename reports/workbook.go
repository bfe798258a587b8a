package reports

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"taizhang/ledger"
)

// WorkbookResult describes a written workbook.
type WorkbookResult struct {
	Opinions int   // opinions in 意见明细 (a long one may take continuation rows)
	Problems int   // rows in 问题清单
	Bytes    int64 // size of the file
}

// Sheets of the ledger workbook, in order.
var Sheets = []string{"意见明细", "问题清单", "整改清单", "制度清单", "统计"}

type sheetSpec struct {
	header []string
	widths []float64
}

var (
	opinionSheet = sheetSpec{
		header: []string{"序号", "意见编号", "征求渠道", "征求时间", "意见标题", "原始意见", "指向对象", "四风类别", "个性/共性",
			"归并问题编号", "归并问题", "同类意见数", "来源文件", "来源位置", "回应情况", "备注"},
		widths: []float64{7, 9, 11, 18, 24, 60, 16, 12, 9, 12, 28, 10, 24, 22, 20, 14},
	}
	internalCols   = []string{"提出人", "提出人单位", "联系方式", "匿名"}
	internalWidths = []float64{12, 18, 16, 6}
	problemSheet   = sheetSpec{
		header: []string{"问题编号", "问题", "四风类别", "个性/共性", "指向对象", "同类意见数", "意见来源渠道", "最早意见", "最近意见", "问题描述", "备注"},
		widths: []float64{10, 34, 12, 9, 20, 11, 36, 12, 12, 40, 20},
	}
	rectifySheet = sheetSpec{
		header: []string{"序号", "问题编号", "问题", "四风类别", "整改措施", "责任领导", "责任单位", "立行立改", "完成时限", "整改进展", "是否销号"},
		widths: []float64{7, 10, 34, 12, 40, 16, 18, 9, 12, 30, 9},
	}
	ruleSheet = sheetSpec{
		header: []string{"序号", "制度名称", "针对问题", "制定或修订", "责任领导", "责任单位", "完成时限", "进展情况", "备注"},
		widths: []float64{7, 30, 30, 11, 16, 18, 12, 30, 20},
	}
	statsSheet = sheetSpec{
		header: []string{"统计项目", "分类", "数量", "说明"},
		widths: []float64{18, 24, 10, 40},
	}
)

type workbook struct {
	f      *excelize.File
	dims   []string // each sheet's used range, in sheet order
	head   int      // header style
	body   int      // wrapped text, top aligned
	number int      // right-aligned number
}

// WriteWorkbook writes the ledger workbook (xlsx) into w: every opinion
// with its provenance and problem (意见明细), the problems (问题清单), the
// rectification and rule lists (整改清单 prefilled with one row per problem,
// its measures left for the tracking to fill; 制度清单 headers only), and the
// counts (统计). Submitter columns are written only in an internal copy
// (opt.Internal; snapshot.submitterCells).
// Each sheet has a styled, frozen header row with an autofilter.
func WriteWorkbook(ctx context.Context, l *ledger.Ledger, w io.Writer, opt Options) (WorkbookResult, error) {
	var res WorkbookResult
	s, err := load(ctx, l, opt, nil)
	if err != nil {
		return res, err
	}
	f := excelize.NewFile()
	defer f.Close()
	wb := &workbook{f: f}
	if err := wb.styles(); err != nil {
		return res, err
	}
	f.SetSheetName("Sheet1", Sheets[0])
	for _, name := range Sheets[1:] {
		if _, err := f.NewSheet(name); err != nil {
			return res, err
		}
	}
	f.SetActiveSheet(0)

	// 意见明细
	spec := opinionSheet
	if s.internal {
		spec.header = append(append([]string{}, spec.header...), internalCols...)
		spec.widths = append(append([]float64{}, spec.widths...), internalWidths...)
	}
	sw, err := wb.start(Sheets[0], spec)
	if err != nil {
		return res, err
	}
	row := 1
	opinions := 0
	// Excel keeps at most 32,767 characters in a cell (and excelize cuts
	// longer text without a word): a longer opinion goes on over
	// continuation rows below it, each saying which part it is.
	const cellMax = 32000 // runes; a character outside the BMP counts twice
	chunks := func(text string) []string {
		var out []string
		for text != "" {
			n, units := 0, 0
			for i, r := range text {
				units++
				if r > 0xFFFF {
					units++
				}
				if units > cellMax {
					break
				}
				n = i + len(string(r))
			}
			out = append(out, text[:n])
			text = text[n:]
		}
		return out
	}
	err = opinionView(l, opt).EachOpinion(ledger.Filter{}, func(o ledger.Opinion) error {
		row++
		opinions++
		if row%512 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if opt.Progress != nil && s.opinions > 0 {
				opt.Progress(0.5 + 0.45*float64(min(row-1, s.opinions))/float64(s.opinions))
			}
		}
		when := strings.TrimSpace(o.Date + " " + o.Time)
		var pid, count any
		cat, kind, title := "", "", ""
		if p := s.byID[o.ProblemID]; p != nil {
			pid, count, cat, kind, title = p.ID, p.count, p.Category, p.Kind, p.Title
		}
		loc := []string{}
		if o.Source.Sheet != "" {
			loc = append(loc, o.Source.Sheet)
		}
		if o.Source.Row > 0 {
			loc = append(loc, fmt.Sprintf("第%d行", o.Source.Row))
		}
		if o.Source.Column > 0 {
			loc = append(loc, fmt.Sprintf("第%d列", o.Source.Column))
		}
		if o.Source.Field != "" {
			loc = append(loc, o.Source.Field)
		}
		file := o.Source.File
		if file == "" {
			file = "手工录入"
		}
		parts := chunks(o.Text)
		if len(parts) == 0 {
			parts = []string{""}
		}
		note := ""
		if len(parts) > 1 {
			note = fmt.Sprintf("原始意见超过单元格上限，分 %d 段，续见下 %d 行", len(parts), len(parts)-1)
		}
		vals := []any{opinions, o.ID, o.Channel, when, o.Title, parts[0], s.targetNames(o.Targets), cat, kind, pid, title, count,
			file, strings.Join(loc, " · "), "", note}
		vals = append(vals, s.submitterCells(&o)...)
		if err := wb.rowW(sw, row, vals, spec.widths); err != nil {
			return err
		}
		for k, part := range parts[1:] {
			row++
			cont := make([]any, len(vals))
			for i := range cont {
				cont[i] = ""
			}
			cont[1], cont[5] = o.ID, part
			cont[15] = fmt.Sprintf("续上：意见 %d 的第 %d 段（共 %d 段）", o.ID, k+2, len(parts))
			if err := wb.rowW(sw, row, cont, spec.widths); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return res, err
	}
	if err := wb.finish(sw, Sheets[0], spec, row); err != nil {
		return res, err
	}
	res.Opinions = opinions

	// 问题清单
	if sw, err = wb.start(Sheets[1], problemSheet); err != nil {
		return res, err
	}
	for i, p := range s.problems {
		if err := wb.rowW(sw, i+2, []any{p.ID, p.Title, p.Category, p.Kind, s.targetList(p.Targets), p.count,
			channelSummary(p.byChannel), p.firstDate, p.lastDate, p.Description, p.Notes}, problemSheet.widths); err != nil {
			return res, err
		}
	}
	if err := wb.finish(sw, Sheets[1], problemSheet, len(s.problems)+1); err != nil {
		return res, err
	}
	res.Problems = len(s.problems)

	// 整改清单: one row per problem; the rectification columns stay empty
	// until the tracking fills them.
	if sw, err = wb.start(Sheets[2], rectifySheet); err != nil {
		return res, err
	}
	n := 1
	for _, p := range s.problems {
		n++
		lead := s.targetList(p.Targets)
		if len(p.Targets) == 0 || (len(p.Targets) == 1 && p.Targets[0] == ledger.TeamID) {
			lead = ledger.TeamName
		}
		if err := wb.row(sw, n, []any{n - 1, p.ID, p.Title, p.Category, "", lead, "", "", "", "", ""}); err != nil {
			return res, err
		}
	}
	if err := wb.finish(sw, Sheets[2], rectifySheet, n); err != nil {
		return res, err
	}

	// 制度清单: headers only.
	if sw, err = wb.start(Sheets[3], ruleSheet); err != nil {
		return res, err
	}
	if err := wb.finish(sw, Sheets[3], ruleSheet, 1); err != nil {
		return res, err
	}

	// 统计
	if sw, err = wb.start(Sheets[4], statsSheet); err != nil {
		return res, err
	}
	var stats [][]any
	add := func(item, class string, v int, note string) { stats = append(stats, []any{item, class, v, note}) }
	add("意见总数", "全部", s.opinions, "")
	add("问题总数", "全部", len(s.problems), "")
	add("未归类意见", "全部", s.unsorted, "尚未归并到问题的意见")
	for _, c := range s.channels {
		add("按征求渠道", c, s.byChannel[c], "意见条数")
	}
	add("按反映对象", ledger.TeamName, s.targetOpinions[ledger.TeamID], "涉及的意见条数（含所归并问题指向的对象）")
	for _, m := range s.leaders {
		add("按反映对象", m.Name, s.targetOpinions[m.ID], "涉及的意见条数")
	}
	add("按反映对象", "未指明对象", s.noTarget, "")
	catOps, catProbs := map[string]int{}, map[string]int{}
	kinds := map[string]int{}
	for _, p := range s.problems {
		catOps[p.Category] += p.count
		catProbs[p.Category]++
		kinds[p.Kind]++
	}
	for _, c := range ledger.Categories {
		add("按四风类别（问题）", c, catProbs[c], "问题个数")
	}
	for _, c := range ledger.Categories {
		add("按四风类别（意见）", c, catOps[c], "归并到该类问题的意见条数")
	}
	for _, k := range []string{ledger.Shared, ledger.Individual} {
		add("按问题性质", k+"问题", kinds[k], "")
	}
	for i, r := range stats {
		if err := wb.row(sw, i+2, r); err != nil {
			return res, err
		}
	}
	if err := wb.finish(sw, Sheets[4], statsSheet, len(stats)+1); err != nil {
		return res, err
	}

	subject := "征求意见台账"
	if s.internal {
		subject += "（" + internalMark + "）"
	}
	f.SetDocProps(&excelize.DocProperties{Title: s.info.Title, Subject: subject, Creator: "意见台账 taizhang",
		Created: reportTime(s.info.PeriodEnd).UTC().Format("2006-01-02T15:04:05Z"), Modified: reportTime(s.info.PeriodEnd).UTC().Format("2006-01-02T15:04:05Z")})
	var raw bytes.Buffer
	if err := f.Write(&raw); err != nil {
		return res, fmt.Errorf("写出表格失败：%w", err)
	}
	cw := &countWriter{w: w}
	if err := sortedZip(raw.Bytes(), cw, wb.dims); err != nil {
		return res, fmt.Errorf("写出表格失败：%w", err)
	}
	res.Bytes = cw.n
	if opt.Progress != nil {
		opt.Progress(1)
	}
	return res, nil
}

// sortedZip copies a zip archive with its entries in name order (excelize
// writes them in map order), so the same ledger gives the same bytes, and
// writes each sheet's used range (dims, in sheet order) into its
// <dimension>, which the stream writer leaves at A1.
func sortedZip(data []byte, w io.Writer, dims []string) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	files := slices.Clone(zr.File)
	sort.SliceStable(files, func(i, j int) bool {
		// [Content_Types].xml first, as Office writes it.
		a, b := files[i].Name, files[j].Name
		if (a == "[Content_Types].xml") != (b == "[Content_Types].xml") {
			return a == "[Content_Types].xml"
		}
		return a < b
	})
	zw := zip.NewWriter(w)
	for _, f := range files {
		var n int
		if _, err := fmt.Sscanf(f.Name, "xl/worksheets/sheet%d.xml", &n); err == nil && n >= 1 && n <= len(dims) {
			if err := copyWithDimension(zw, f, dims[n-1]); err != nil {
				return err
			}
			continue
		}
		hdr := f.FileHeader
		out, err := zw.CreateRaw(&hdr)
		if err != nil {
			return err
		}
		in, err := f.OpenRaw()
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, in); err != nil {
			return err
		}
	}
	return zw.Close()
}

// copyWithDimension copies a sheet, its <dimension ref="A1"/> set to ref.
func copyWithDimension(zw *zip.Writer, f *zip.File, ref string) error {
	in, err := f.Open()
	if err != nil {
		return err
	}
	data, err := io.ReadAll(in)
	in.Close()
	if err != nil {
		return err
	}
	data = bytes.Replace(data, []byte(`<dimension ref="A1"`), []byte(`<dimension ref="`+ref+`"`), 1)
	hdr := f.FileHeader
	hdr.CompressedSize64, hdr.UncompressedSize64, hdr.CRC32 = 0, 0, 0
	out, err := zw.CreateHeader(&hdr)
	if err != nil {
		return err
	}
	_, err = out.Write(data)
	return err
}

func (s *snapshot) targetNames(ids []int64) string {
	var names []string
	for _, id := range ids {
		if n, ok := s.names[id]; ok {
			names = append(names, n)
		}
	}
	return strings.Join(names, "、")
}

func (wb *workbook) styles() error {
	var err error
	border := []excelize.Border{{Type: "left", Color: "A0A0A0", Style: 1}, {Type: "right", Color: "A0A0A0", Style: 1},
		{Type: "top", Color: "A0A0A0", Style: 1}, {Type: "bottom", Color: "A0A0A0", Style: 1}}
	if wb.head, err = wb.f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Family: "宋体", Size: 11},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Border:    border,
	}); err != nil {
		return err
	}
	if wb.body, err = wb.f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Family: "宋体", Size: 11},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
		Border:    border,
	}); err != nil {
		return err
	}
	wb.number, err = wb.f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Family: "宋体", Size: 11},
		Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "top"},
		Border:    border,
	})
	return err
}

// start opens a sheet for streaming: column widths, the frozen header row.
func (wb *workbook) start(name string, spec sheetSpec) (*excelize.StreamWriter, error) {
	// the sheet properties and page set-up must be in place before the
	// stream writer writes the sheet's head
	if err := wb.printSetup(name); err != nil {
		return nil, err
	}
	sw, err := wb.f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	// The stream writer puts each column before the ones set earlier:
	// set them from the last, so the <col> entries come out ascending, as
	// Excel requires.
	for i := len(spec.widths) - 1; i >= 0; i-- {
		if err := sw.SetColWidth(i+1, i+1, spec.widths[i]); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return nil, err
	}
	head := make([]any, len(spec.header))
	for i, h := range spec.header {
		head[i] = excelize.Cell{StyleID: wb.head, Value: h}
	}
	return sw, sw.SetRow("A1", head, excelize.RowOpts{Height: 30})
}

func (wb *workbook) row(sw *excelize.StreamWriter, n int, vals []any) error {
	return wb.rowW(sw, n, vals, nil)
}

// rowW writes a row; with the column widths it sets the row height to fit
// the wrapped text (spreadsheets do not grow rows written with a stream).
func (wb *workbook) rowW(sw *excelize.StreamWriter, n int, vals []any, widths []float64) error {
	lines := 1
	cells := make([]any, len(vals))
	for i, v := range vals {
		if s, ok := v.(string); ok && i < len(widths) {
			lines = max(lines, cellLines(s, widths[i]))
		}
		style := wb.body
		switch v.(type) {
		case int, int64:
			style = wb.number
		}
		cells[i] = excelize.Cell{StyleID: style, Value: v}
	}
	cell, _ := excelize.CoordinatesToCellName(1, n)
	if lines > 1 {
		return sw.SetRow(cell, cells, excelize.RowOpts{Height: min(409, float64(lines)*14.3+4)})
	}
	return sw.SetRow(cell, cells)
}

// cellLines estimates how many lines s takes in a column of the given
// width (in characters of the default font: a Han character takes two).
func cellLines(s string, width float64) int {
	per := max(width-1.5, 2)
	n := 0
	for _, para := range strings.Split(s, "\n") {
		w := 0.0
		for _, r := range para {
			if isWide(r) {
				w += 2.1
			} else {
				w += 1.1
			}
		}
		n += max(1, int(w/per)+1)
		if w > 0 && w/per == float64(int(w/per)) {
			n--
		}
	}
	return n
}

// finish makes the header and rows a table (which gives the autofilter
// that Excel, WPS and LibreOffice show), notes the sheet's dimension (the
// stream writer leaves it at A1: sortedZip puts it right) and flushes.
func (wb *workbook) finish(sw *excelize.StreamWriter, name string, spec sheetSpec, lastRow int) error {
	last, _ := excelize.CoordinatesToCellName(len(spec.header), max(lastRow, 2))
	disable := false
	if err := sw.AddTable(&excelize.Table{Range: "A1:" + last, Name: "", StyleName: "", ShowRowStripes: &disable}); err != nil {
		return err
	}
	used, _ := excelize.CoordinatesToCellName(len(spec.header), lastRow)
	wb.dims = append(wb.dims, "A1:"+used)
	return sw.Flush()
}

// printSetup makes a sheet print as offices print a ledger: A4 landscape,
// fitted to the page width (as many pages down as it takes), the header
// row repeated on every page, and the page number 「— 1 —」 in the footer.
func (wb *workbook) printSetup(name string) error {
	landscape, a4, one, any := "landscape", 9, 1, 0
	if err := wb.f.SetPageLayout(name, &excelize.PageLayoutOptions{Orientation: &landscape, Size: &a4, FitToWidth: &one, FitToHeight: &any}); err != nil {
		return err
	}
	fit := true
	if err := wb.f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := wb.f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{OddFooter: "&C— &P —"}); err != nil {
		return err
	}
	return wb.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + name + "'!$1:$1", Scope: name})
}
