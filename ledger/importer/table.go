package importer

import (
	"context"
	"errors"
	"sort"
	"strconv"
	"strings"

	"taizhang/ledger"
)

// tableSource is a workbook or delimited file read row by row.
type tableSource interface {
	sheetNames() []string
	// eachRow calls fn for every non-empty row of sheet in order, with its
	// 1-based row number. The row is only valid during the call. An error
	// from fn stops the walk and is returned.
	eachRow(ctx context.Context, sheet string, fn func(row int, cells *rowCells) error) error
	// rowCount is the number of rows of sheet when known cheaply (for
	// progress), else 0.
	rowCount(sheet string) int
	close()
	fileName() string
}

// rowCells is one row as read: its cells in column order. For a delimited
// file or an .xls every cell is there (cols is nil: vals[i] is column
// i+1); an .xlsx row holds only the cells present in the file, with their
// columns, so a lone cell in column XFD costs one cell, not 16,384.
type rowCells struct {
	vals []string
	cols []int // 1-based, increasing; nil: dense
	// noValue lists the columns whose cell holds a formula without a
	// cached result (a file written by a program and never recalculated).
	noValue []int
}

// col returns the 1-based column of the i-th cell.
func (r *rowCells) col(i int) int {
	if r.cols == nil {
		return i + 1
	}
	return r.cols[i]
}

// get returns the value of a 1-based column, "" when absent.
func (r *rowCells) get(col int) string {
	if col < 1 {
		return ""
	}
	if r.cols == nil {
		if col <= len(r.vals) {
			return r.vals[col-1]
		}
		return ""
	}
	i := sort.SearchInts(r.cols, col)
	if i < len(r.cols) && r.cols[i] == col {
		return r.vals[i]
	}
	return ""
}

// width is the last column present.
func (r *rowCells) width() int {
	if len(r.vals) == 0 {
		return 0
	}
	return r.col(len(r.vals) - 1)
}

// denseLimit bounds the columns a scanned row is spread over (preview,
// header search, question classification); importing reads every cell.
const denseLimit = 1024

// dense returns a copy of the row as one value per column, up to limit
// columns.
func (r *rowCells) dense(limit int) []string {
	out := make([]string, min(r.width(), limit))
	for i, v := range r.vals {
		if c := r.col(i); c <= len(out) {
			out[c-1] = v
		}
	}
	return out
}

// filled reports whether any cell holds more than white space.
func (r *rowCells) filled() bool { return filled(r.vals) }

var errStop = errors.New("stop")

const (
	headerScan = 30  // the header is looked for among the first 30 filled rows
	sampleRows = 200 // rows after the header used to classify questions and preview
)

// Table is how one sheet will be read: where its header is, what kind of
// sheet it is and which column plays which role.
type Table struct {
	Sheet     string     `json:"sheet"`
	Kind      Kind       `json:"kind"`
	HeaderRow int        `json:"header_row"`
	Header    []string   `json:"header"`
	Layout    string     `json:"layout"`
	Mapping   Mapping    `json:"mapping"`
	MappedBy  string     `json:"mapped_by"` // 猜测, 记住的, 指定的
	Sample    [][]string `json:"-"`         // the first rows after the header
	SampleRow []int      `json:"-"`         // their row numbers
	Note      string     `json:"note,omitempty"`
}

// Kind is what a file or sheet holds.
type Kind string

// The kinds of input.
const (
	KindWJX     Kind = "问卷星"    // a 问卷星 questionnaire export
	KindSheet   Kind = "表格"     // any other sheet with a header
	KindJSON    Kind = "网络征集数据" // online submissions
	KindMinutes Kind = "纪要"     // meeting minutes, talk notes
)

func filled(cells []string) bool {
	for _, c := range cells {
		if ledger.TrimText(c) != "" {
			return true
		}
	}
	return false
}

// scanTable reads the first rows of a sheet and decides its header, kind
// and mapping. forced, if not nil, is the user's mapping.
func scanTable(ctx context.Context, src tableSource, sheet string, forced *Mapping, l *ledger.Ledger) (Table, error) {
	t := Table{Sheet: sheet}
	var first []numberedRow
	headerRow := 0
	if forced != nil && forced.HeaderRow > 0 {
		headerRow = forced.HeaderRow
	}
	err := src.eachRow(ctx, sheet, func(n int, row *rowCells) error {
		if headerRow > 0 && n == headerRow {
			t.Header = row.dense(denseLimit)
			return nil
		}
		if !row.filled() {
			return nil
		}
		for i, c := range row.vals {
			// Refuse binary junk (a UTF-16 file without BOM, a renamed
			// binary) here, with its position, rather than "no header".
			if reason, cause := checkCell(c, false); reason != "" && n <= headerScan {
				return at(src.fileName(), sheet, n, row.col(i), cause, reason)
			}
		}
		cells := row.dense(denseLimit)
		if headerRow == 0 && len(first) < headerScan {
			first = append(first, numberedRow{n, cells})
			if len(first) < headerScan {
				return nil
			}
			headerRow = findHeader(first)
			if headerRow == 0 {
				return errStop
			}
			for _, r := range first {
				if r.n == headerRow {
					t.Header = r.cells
				} else if r.n > headerRow {
					t.Sample = append(t.Sample, r.cells)
					t.SampleRow = append(t.SampleRow, r.n)
				}
			}
			first = nil
			return nil
		}
		if headerRow > 0 && n > headerRow {
			t.Sample = append(t.Sample, cells)
			t.SampleRow = append(t.SampleRow, n)
			if len(t.Sample) >= sampleRows {
				return errStop
			}
		}
		return nil
	})
	if err != nil && err != errStop {
		return t, err
	}
	if headerRow == 0 && len(first) > 0 {
		headerRow = findHeader(first)
		for _, r := range first {
			if r.n == headerRow {
				t.Header = r.cells
			} else if headerRow > 0 && r.n > headerRow {
				t.Sample = append(t.Sample, r.cells)
				t.SampleRow = append(t.SampleRow, r.n)
			}
		}
	}
	t.HeaderRow = headerRow
	if headerRow == 0 {
		t.Note = "没有内容"
		if len(first) > 0 {
			t.Note = "找不到表头"
		}
		return t, nil
	}
	for i := range t.Header {
		t.Header[i] = ledger.TrimText(t.Header[i])
	}
	ncol := len(t.Header)
	for _, r := range t.Sample {
		ncol = max(ncol, len(r))
	}
	for len(t.Header) < ncol {
		t.Header = append(t.Header, "")
	}
	t.Layout = LayoutKey(t.Header)
	t.Kind = KindSheet
	if IsWJX(t.Header) {
		t.Kind = KindWJX
	}
	switch {
	case forced != nil && len(forced.Text) > 0:
		t.Mapping, t.MappedBy = *forced, "指定的"
		t.Mapping.HeaderRow = headerRow
	default:
		// No mapping, or only the header row given: remembered or guessed.
		if l != nil {
			if m, ok := RememberedMapping(l, t.Layout); ok && m.validate(ncol) {
				t.Mapping, t.MappedBy = m, "记住的"
				t.Mapping.HeaderRow = headerRow
				break
			}
		}
		t.MappedBy = "猜测"
		if t.Kind == KindWJX {
			t.Mapping = wjxMapping(t.Header, t.Sample)
		} else {
			t.Mapping = GuessMapping(t.Header)
			if len(t.Mapping.Text) == 0 {
				if c := guessTextByLength(t.Mapping, t.Sample, ncol); c > 0 {
					t.Mapping.Text = []int{c}
					t.Note = "表头中没有“意见/内容/建议”等字样，按内容长度猜测意见列为“" + colName(t.Header, c) + "”"
				}
			}
		}
		t.Mapping.HeaderRow = headerRow
	}
	if len(t.Mapping.Text) == 0 {
		if t.Kind == KindWJX {
			t.Note = "问卷中没有找到开放题（填空题）"
		} else {
			t.Note = "找不到意见列"
		}
	}
	return t, nil
}

// colName is how a column is named to a person: its header, or 第N列.
func colName(header []string, col int) string {
	if col >= 1 && col <= len(header) && header[col-1] != "" {
		return header[col-1]
	}
	return "第" + strconv.Itoa(col) + "列"
}

// tableRow turns one data row into records: one per non-empty text cell.
func (e *emitter) tableRow(t *Table, row int, cells *rowCells) error {
	if row <= t.HeaderRow {
		return nil
	}
	m := &t.Mapping
	for _, c := range cells.noValue {
		e.noValue(t, row, c)
	}
	if !cells.filled() {
		return nil
	}
	for i, c := range cells.vals {
		if reason, cause := checkCell(c, e.gb); reason != "" {
			return at(e.file, t.Sheet, row, cells.col(i), cause, reason)
		}
	}
	get := cells.get
	base := record{
		sheet:     t.Sheet,
		row:       row,
		title:     get(m.Title),
		date:      get(m.Date),
		dateField: colName(t.Header, m.Date),
		submitter: ledger.Submitter{Name: get(m.Submitter), Unit: get(m.Unit), Contact: get(m.Contact)},
		target:    get(m.Target),
		channel:   get(m.Channel),
	}
	for i, c := range cells.vals {
		col := cells.col(i)
		if m.roleOf(col) != "" {
			continue
		}
		v := ledger.TrimText(c)
		if v == "" {
			continue
		}
		if base.attrs == nil {
			base.attrs = map[string]string{}
		}
		key := colName(t.Header, col)
		if t.Kind == KindWJX {
			v = splitChoices(v)
		}
		base.attrs[key] = v
	}
	for _, col := range m.Text {
		r := base
		r.col, r.field, r.text = col, colName(t.Header, col), get(col)
		if err := e.record(&r); err != nil {
			return err
		}
	}
	return nil
}

// importTables plans every sheet, then (inside the ledger transaction)
// streams each planned sheet through the emitter.
func importTables(ctx context.Context, e *emitter, src tableSource, tables []Table) error {
	for i := range tables {
		t := &tables[i]
		if len(t.Mapping.Text) == 0 {
			continue
		}
		e.table = t
		err := src.eachRow(ctx, t.Sheet, func(row int, cells *rowCells) error {
			e.rows++
			if e.rows%500 == 0 {
				e.progress()
			}
			return e.tableRow(t, row, cells)
		})
		if err != nil {
			return err
		}
		e.flushNoValue(t)
	}
	return nil
}

// sheetsToRead returns the sheets a table import reads: the one asked for,
// or every sheet.
func sheetsToRead(src tableSource, file, sheet string) ([]string, error) {
	names := src.sheetNames()
	if sheet == "" {
		return names, nil
	}
	for _, n := range names {
		if n == sheet {
			return []string{n}, nil
		}
	}
	return nil, fail(file, ErrNoText, "工作簿中没有名为“"+sheet+"”的工作表（有："+strings.Join(names, "、")+"）")
}
