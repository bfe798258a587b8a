package importer

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// FuzzSheetXML: any worksheet XML is either read into rows whose numbers
// and columns increase within Excel's bounds, or refused with an *Error
// naming the file; never a panic or a hang. (The import of such sheets as
// a whole is covered by the hostile tests; this target stays off the disk
// so that it runs fast.)
func FuzzSheetXML(f *testing.F) {
	f.Add(inlineSheet(5, nil))
	f.Add(inlineSheet(5, map[int]string{3: "坏&#1;"}))
	f.Add(`<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>意见</t></is></c></row><row r="2"><c r="XFD2" t="inlineStr"><is><t>x</t></is></c><c r="A2" t="s"><v>0</v></c></row></sheetData></worksheet>`)
	f.Add(`<worksheet><sheetData><row><c><f>1+1</f></c><c t="b"><v>1</v></c></row><row r="1"></row></sheetData></worksheet>`)
	f.Add(`<worksheet><sheetData><row r="3"><c r="B3" t="s"><v>1</v></c><c t="inlineStr"><is><r><t>a</t></r><rPh><t>b</t></rPh></is></c></row></sheetData></worksheet>`)
	f.Fuzz(func(t *testing.T, sheet string) {
		done := make(chan struct{})
		defer close(done)
		go func() {
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				panic(fmt.Sprintf("stuck on %q", sheet))
			}
		}()
		src := &xlsxSource{name: "f.xlsx", sst: &sharedStrings{list: []string{"意见", "提出人"}}}
		r := strings.NewReader(sheet)
		sr := &sheetReader{src: src, sheet: "Sheet1", dec: newXMLDecoder(r), rc: r}
		last := 0
		err := sr.rows(func(n int, cells *rowCells) bool {
			if n <= last || n > maxSheetRows {
				t.Fatalf("row %d after %d", n, last)
			}
			last = n
			prev := 0
			for i := range cells.vals {
				c := cells.col(i)
				if c <= prev || c > maxSheetCols || cells.vals[i] == "" {
					t.Fatalf("row %d: cell %d at column %d after %d", n, i, c, prev)
				}
				prev = c
			}
			return true
		})
		if err != nil {
			var ie *Error
			if !errors.As(err, &ie) || ie.File != "f.xlsx" || ie.Row < 0 {
				t.Fatalf("not an *Error naming the file: %v", err)
			}
		}
	})
}

// Cells without a reference follow the cell before them, with a value or
// not; a reference that repeats a cell, even an empty one, is refused.
func TestSheetCellColumns(t *testing.T) {
	read := func(row string) (map[int]string, error) {
		sheet := `<worksheet><sheetData><row r="2">` + row + `</row></sheetData></worksheet>`
		r := strings.NewReader(sheet)
		sr := &sheetReader{src: &xlsxSource{name: "f.xlsx"}, sheet: "Sheet1", dec: newXMLDecoder(r), rc: r}
		got := map[int]string{}
		err := sr.rows(func(n int, cells *rowCells) bool {
			for i, v := range cells.vals {
				got[cells.col(i)] = v
			}
			return true
		})
		return got, err
	}
	got, err := read(`<c r="A2" s="1"/><c t="inlineStr"><is><t>x</t></is></c><c><v>7</v></c>`)
	if err != nil || got[2] != "x" || got[3] != "7" || len(got) != 2 {
		t.Errorf("got %v, %v; want x in column 2, 7 in column 3", got, err)
	}
	if _, err := read(`<c r="B2" s="1"/><c r="B2" t="inlineStr"><is><t>x</t></is></c>`); err == nil || !strings.Contains(err.Error(), "重复") {
		t.Errorf("a repeated cell: %v", err)
	}
}
