package importer

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// testdata/excelize-rows-xml-error.xlsx is the minimal file of the bug
// reported upstream (issue 17, item 1): three rows, an invalid character
// (&#1;) in row 2. excelize v2.11.1's Rows.Next discards the XML decoder's
// error (rows.go: "token, _ := rows.decoder.Token()"), and so does
// Rows.Columns, so iterating gives row 1, then row 2 without its cell, and
// stops: row 3 is dropped, and Rows.Error() and Rows.Close() return nil.
//
// This test records that behaviour; when it fails, excelize reports the
// error itself, and the note in xlsx.go can say so.
func TestExcelizeRowsDropsTheXMLError(t *testing.T) {
	f, err := excelize.OpenFile(testdata("excelize-rows-xml-error.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.Rows("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	var got [][]string
	for rows.Next() {
		cells, err := rows.Columns()
		if err != nil {
			t.Logf("excelize reports the error now: %v", err)
			return
		}
		got = append(got, cells)
	}
	n := len(got)
	t.Logf("excelize read %q", got)
	if rows.Error() != nil || rows.Close() != nil || n != 2 || len(got[1]) != 0 {
		t.Errorf("excelize now reports the broken sheet (rows %d, Error %v): update the note in xlsx.go", n, rows.Error())
	}
	// Our reader refuses the file, naming row 2.
	l := newLedger(t)
	_, err = Import(context.Background(), l, testdata("excelize-rows-xml-error.xlsx"), Options{Channel: "意见箱"})
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "第2行") {
		t.Errorf("err = %v", err)
	}
}
