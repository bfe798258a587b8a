package reports

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"taizhang/ledger"
)

func writeWorkbook(t *testing.T, l *ledger.Ledger, opt Options) (*excelize.File, WorkbookResult) {
	t.Helper()
	var buf bytes.Buffer
	res, err := WriteWorkbook(context.Background(), l, &buf, opt)
	if err != nil {
		t.Fatal(err)
	}
	if res.Bytes != int64(buf.Len()) {
		t.Errorf("Bytes = %d, wrote %d", res.Bytes, buf.Len())
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f, res
}

func TestWorkbook(t *testing.T) {
	l := newDemoLedger(t)
	f, res := writeWorkbook(t, l, Options{})
	if got := f.GetSheetList(); !slices.Equal(got, Sheets) {
		t.Fatalf("sheets %q, want %q", got, Sheets)
	}
	all, _ := l.Opinions(ledger.Filter{})
	rows, err := f.GetRows("意见明细")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows)-1 != len(all) || res.Opinions != len(all) {
		t.Fatalf("%d opinion rows (result %d), want %d", len(rows)-1, res.Opinions, len(all))
	}
	if !slices.Equal(rows[0], opinionSheet.header) {
		t.Errorf("header %q", rows[0])
	}
	col := slices.Index(rows[0], "原始意见")
	for i, o := range all {
		if rows[i+1][col] != o.Text {
			t.Errorf("row %d: text %q, want %q", i+2, rows[i+1][col], o.Text)
		}
	}
	for _, s := range demoSubmitters {
		for _, sheet := range Sheets {
			rs, _ := f.GetRows(sheet)
			for _, r := range rs {
				if slices.Contains(r, s.Name) || slices.Contains(r, s.Contact) {
					t.Errorf("submitter %s in sheet %s", s.Name, sheet)
				}
			}
		}
	}
	// Frozen header and autofilter on every sheet.
	for _, sheet := range Sheets {
		p, err := f.GetPanes(sheet)
		if err != nil || !p.Freeze || p.YSplit != 1 {
			t.Errorf("sheet %s: panes %+v %v", sheet, p, err)
		}
		tables, err := f.GetTables(sheet)
		if err != nil || len(tables) != 1 || !strings.HasPrefix(tables[0].Range, "A1:") {
			t.Errorf("sheet %s: tables %+v %v", sheet, tables, err)
		}
	}
	probs, _ := f.GetRows("问题清单")
	ps, _ := l.Problems()
	if len(probs)-1 != len(ps) {
		t.Errorf("问题清单 has %d rows, want %d", len(probs)-1, len(ps))
	}
	rect, _ := f.GetRows("整改清单")
	if !slices.Contains(rect[0], "整改措施") || !slices.Contains(rect[0], "是否销号") || len(rect)-1 != len(ps) {
		t.Errorf("整改清单 header %q, %d rows", rect[0], len(rect)-1)
	}
	stats, _ := f.GetRows("统计")
	found := false
	for _, r := range stats {
		if len(r) >= 3 && r[0] == "意见总数" && r[2] == itoa(len(all)) {
			found = true
		}
	}
	if !found {
		t.Errorf("统计 lacks 意见总数 %d: %q", len(all), stats)
	}
}

func TestWorkbookInternal(t *testing.T) {
	l := newDemoLedger(t)
	f, _ := writeWorkbook(t, l, Options{Internal: true})
	rows, _ := f.GetRows("意见明细")
	c := slices.Index(rows[0], "提出人")
	if c < 0 {
		t.Fatalf("internal workbook lacks 提出人: %q", rows[0])
	}
	var names []string
	for _, r := range rows[1:] {
		if c < len(r) && r[c] != "" {
			names = append(names, r[c])
		}
	}
	for _, s := range demoSubmitters {
		if !slices.Contains(names, s.Name) {
			t.Errorf("internal workbook lacks submitter %s", s.Name)
		}
	}
}

func TestWorkbookSameBytes(t *testing.T) {
	l := newDemoLedger(t)
	var a, b bytes.Buffer
	if _, err := WriteWorkbook(context.Background(), l, &a, Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteWorkbook(context.Background(), l, &b, Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Errorf("two workbooks of the same ledger differ")
	}
}

// Every sheet prints as offices print a ledger (A4 landscape, fitted to the
// width, the header row on every page, 「— 1 —」 in the footer), and its XML
// is what Excel opens without repair: <col> entries ascending, the
// dimension the used range.
func TestWorkbookPrintSetupAndXML(t *testing.T) {
	l := newDemoLedger(t)
	var buf bytes.Buffer
	if _, err := WriteWorkbook(context.Background(), l, &buf, Options{}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	names := f.GetDefinedName()
	for i, sheet := range Sheets {
		pl, err := f.GetPageLayout(sheet)
		if err != nil || pl.Orientation == nil || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 ||
			pl.FitToHeight == nil || *pl.FitToHeight != 0 || pl.Size == nil || *pl.Size != 9 {
			t.Errorf("%s: page layout %+v %v", sheet, pl, err)
		}
		props, _ := f.GetSheetProps(sheet)
		if props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s: not fitted to the page", sheet)
		}
		hf, _ := f.GetHeaderFooter(sheet)
		if hf.OddFooter != "&C— &P —" {
			t.Errorf("%s: footer %q", sheet, hf.OddFooter)
		}
		titles := false
		for _, dn := range names {
			if dn.Name == "_xlnm.Print_Titles" && dn.Scope == sheet && strings.HasSuffix(dn.RefersTo, "!$1:$1") {
				titles = true
			}
		}
		if !titles {
			t.Errorf("%s: the header row is not repeated on every page: %+v", sheet, names)
		}
		xml := zipEntry(t, buf.Bytes(), "xl/worksheets/sheet"+itoa(i+1)+".xml")
		rows, _ := f.GetRows(sheet)
		wantDim := "A1:" + colName(len(rows[0])) + itoa(len(rows))
		if !strings.Contains(xml, `<dimension ref="`+wantDim+`"`) {
			t.Errorf("%s: dimension %q, want %s", sheet, regexp.MustCompile(`<dimension ref="[^"]*"`).FindString(xml), wantDim)
		}
		prev := 0
		for _, m := range regexp.MustCompile(`<col min="(\d+)"`).FindAllStringSubmatch(xml, -1) {
			n, _ := strconv.Atoi(m[1])
			if n <= prev {
				t.Errorf("%s: <col> entries not ascending (%d after %d)", sheet, n, prev)
				break
			}
			prev = n
		}
	}
}

func colName(n int) string {
	s, _ := excelize.ColumnNumberToName(n)
	return s
}

// zipEntry returns one file of a zip archive as text.
func zipEntry(t *testing.T, data []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatalf("%s not in the archive", name)
	return ""
}
