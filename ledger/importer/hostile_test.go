package importer

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/png"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"taizhang/ledger"
)

// hostile files: each is refused with a Chinese message that names the
// file (and the sheet and row where there is one), and leaves the ledger's
// counts, generation and integrity exactly as they were.
func TestHostileFiles(t *testing.T) {
	good, err := os.ReadFile(testdata("wjx.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name     string
		make     func(t *testing.T) string
		opts     Options
		cause    error
		contains []string
	}{
		{"empty file", func(t *testing.T) string { return write(t, "意见箱.xlsx", nil) }, Options{}, ErrEmpty, []string{"意见箱.xlsx", "空"}},
		{"empty csv", func(t *testing.T) string { return write(t, "意见箱.csv", nil) }, Options{}, ErrEmpty, []string{"意见箱.csv"}},
		{"picture renamed .xlsx", func(t *testing.T) string { return write(t, "意见箱.xlsx", pngBytes(t)) }, Options{}, ErrUnsupported, []string{"意见箱.xlsx", "图片"}},
		{"truncated zip", func(t *testing.T) string { return write(t, "意见箱.xlsx", good[:len(good)/2]) }, Options{}, ErrCorrupt, []string{"意见箱.xlsx", "损坏"}},
		{"corrupt data in the zip", func(t *testing.T) string {
			return write(t, "意见箱.xlsx", corruptMember(t, good, "xl/worksheets/sheet1.xml"))
		}, Options{}, ErrCorrupt, []string{"意见箱.xlsx"}},
		{"text renamed .xlsx", func(t *testing.T) string { return write(t, "意见箱.xlsx", []byte("会议太多")) }, Options{}, ErrCorrupt, []string{"意见箱.xlsx"}},
		{"zip that is not a workbook", func(t *testing.T) string {
			return write(t, "意见箱.xlsx", zipOf(t, map[string]string{"a.txt": "x"}))
		}, Options{}, ErrUnsupported, []string{"意见箱.xlsx"}},
		{"encrypted, no password", func(t *testing.T) string { return encrypted(t, "123456") }, Options{}, ErrNeedPassword, []string{"加密.xlsx", "密码", "--password"}},
		{"encrypted, wrong password", func(t *testing.T) string { return encrypted(t, "123456") }, Options{Password: "654321"}, ErrWrongPassword, []string{"加密.xlsx", "密码不正确"}},
		{"zip bomb", func(t *testing.T) string { return write(t, "炸弹.xlsx", zipBomb(t, 64<<20, 0)) }, Options{}, ErrTooLarge, []string{"炸弹.xlsx", "压缩炸弹"}},
		{"zip bomb declaring a small size", func(t *testing.T) string { return write(t, "炸弹.xlsx", zipBomb(t, 64<<20, 1000)) }, Options{}, ErrCorrupt, []string{"炸弹.xlsx"}},
		{"3 MB cell", func(t *testing.T) string { return bigCell(t) }, Options{Channel: "意见箱"}, ErrTooLarge, []string{"意见箱.xlsx", "Sheet1 第17行第3列", "过长"}},
		{"3 MB csv field", func(t *testing.T) string {
			return write(t, "意见箱.csv", []byte("序号,意见\n1,会议太多\n2,"+strings.Repeat("长", 1<<20)+"\n"))
		}, Options{Channel: "意见箱"}, ErrTooLarge, []string{"意见箱.csv", "第3行第2列"}},
		{"unclosed quote", func(t *testing.T) string {
			return write(t, "意见箱.csv", []byte("序号,意见\n1,\"会议太多\n"+strings.Repeat("很长的一行\n", 800000)))
		}, Options{Channel: "意见箱"}, ErrTooLarge, []string{"意见箱.csv", "第2行"}},
		{"NUL in csv", func(t *testing.T) string {
			return write(t, "意见箱.csv", []byte("序号,意见\n1,会议太多\n2,会议\x00太多\n"))
		}, Options{Channel: "意见箱"}, ErrBadText, []string{"第3行第2列", "空字符"}},
		{"invalid UTF-8 after a valid start", func(t *testing.T) string {
			return write(t, "意见箱.csv", append([]byte("序号,意见\n"+strings.Repeat("1,会议太多\n", 8000)), []byte("2,会议\xff\xfe太多\n")...))
		}, Options{Channel: "意见箱"}, ErrBadText, []string{"第8002行第2列", "无效的字节"}},
		{"invalid GBK", func(t *testing.T) string {
			return write(t, "意见箱.csv", append(gbk("序号,意见\n1,会议太多\n2,"), 0x81, 0x20, 0xFF, '\n'))
		}, Options{Channel: "意见箱"}, ErrBadText, []string{"第3行第2列", "GBK"}},
		{"UTF-16 without BOM", func(t *testing.T) string {
			return write(t, "意见箱.csv", utf16le("意见\n会议太多\n")[2:])
		}, Options{Channel: "意见箱"}, ErrBadText, []string{"意见箱.csv", "空字符"}},
		{"PDF", func(t *testing.T) string { return write(t, "纪要.docx", []byte("%PDF-1.4\n...")) }, Options{}, ErrUnsupported, []string{"纪要.docx", "PDF"}},
		{"unknown extension", func(t *testing.T) string { return write(t, "意见.pptx", []byte("abc")) }, Options{}, ErrUnsupported, []string{"意见.pptx"}},
		{"no opinion column", func(t *testing.T) string {
			return xlsxFile(t, "意见箱.xlsx", [][]any{{"编号", "数量"}, {1, 2}, {3, 4}})
		}, Options{Channel: "意见箱"}, ErrNoText, []string{"意见箱.xlsx", "--text-col"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := newLedger(t)
			mustImport(t, l, testdata("gbk.csv"), Options{Channel: "意见箱"}) // something to lose
			before := snapshot(t, l)
			path := c.make(t)
			_, err := Import(context.Background(), l, path, c.opts)
			if err == nil {
				t.Fatal("imported; want refused")
			}
			if !errors.Is(err, c.cause) {
				t.Errorf("cause: %v, want %v", err, c.cause)
			}
			msg := ledger.Message(err)
			if msg != err.Error() || !strings.HasPrefix(msg, "导入 ") || !strings.HasSuffix(msg, "台账未改动。") {
				t.Errorf("ledger.Message = %q", msg)
			}
			for _, s := range c.contains {
				if !strings.Contains(msg, s) {
					t.Errorf("message %q lacks %q", msg, s)
				}
			}
			if after := snapshot(t, l); !reflect.DeepEqual(after, before) {
				t.Errorf("ledger changed:\n%+v\n%+v", before, after)
			}
		})
	}
}

func TestEncryptedWithPassword(t *testing.T) {
	l := newLedger(t)
	res := mustImport(t, l, encrypted(t, "123456"), Options{Password: "123456", Channel: "意见箱"})
	if res.Imported != 2 {
		t.Fatalf("imported %d", res.Imported)
	}
}

// 60,000 blank but formatted rows after the data are not counted (their
// speed is measured by the benchmarks, not here).
func TestManyBlankFormattedRows(t *testing.T) {
	p := xlsxWithBlankRows(t, 60000)
	l := newLedger(t)
	start := time.Now()
	res := mustImport(t, l, p, Options{Channel: "意见箱"})
	took := time.Since(start)
	t.Logf("60,000 blank formatted rows: %v", took)
	if res.Imported != 3 || res.Blank != 0 {
		t.Errorf("imported %d blank %d, want 3 0", res.Imported, res.Blank)
	}
}

// Cancelling leaves the ledger as it was.
func TestCancel(t *testing.T) {
	rows := [][]any{{"意见", "日期"}}
	for i := 0; i < 5000; i++ {
		rows = append(rows, []any{"会议太多，第" + string(rune('一'+i%20)) + "条", "2026-11-01"})
	}
	p := xlsxFile(t, "意见箱.xlsx", rows)
	l := newLedger(t)
	before := snapshot(t, l)
	ctx, cancel := context.WithCancel(context.Background())
	_, err := Import(ctx, l, p, Options{Channel: "意见箱", Progress: func(done, total int) {
		if done >= 1000 {
			cancel()
		}
	}})
	if !errors.Is(err, ErrCancelled) || !strings.Contains(err.Error(), "已取消") {
		t.Fatalf("err = %v", err)
	}
	if after := snapshot(t, l); !reflect.DeepEqual(after, before) {
		t.Errorf("ledger changed")
	}
}

func pngBytes(t *testing.T) []byte {
	var b bytes.Buffer
	png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 4, 4)))
	return b.Bytes()
}

func zipOf(t *testing.T, files map[string]string) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for n, c := range files {
		w, _ := zw.Create(n)
		w.Write([]byte(c))
	}
	zw.Close()
	return b.Bytes()
}

// corruptMember flips bytes inside one member's compressed data, leaving
// the zip directory intact.
func corruptMember(t *testing.T, data []byte, name string) []byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			off, err := f.DataOffset()
			if err != nil {
				t.Fatal(err)
			}
			out := append([]byte(nil), data...)
			for i := int64(0); i < int64(f.CompressedSize64) && i < 64; i++ {
				out[off+i] ^= 0x5A
			}
			return out
		}
	}
	t.Fatalf("no %s", name)
	return nil
}

// zipBomb is an .xlsx-looking zip whose sheet inflates to size bytes. With
// declared 0 the header tells the truth (a ratio of about 1000); otherwise
// it lies and declares that many bytes.
func zipBomb(t *testing.T, size int, declared uint64) []byte {
	var raw bytes.Buffer
	fw, _ := flate.NewWriter(&raw, flate.BestCompression)
	chunk := bytes.Repeat([]byte{' '}, 1<<20)
	crc := crc32.NewIEEE()
	for i := 0; i < size>>20; i++ {
		fw.Write(chunk)
		crc.Write(chunk)
	}
	fw.Close()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, n := range []string{"[Content_Types].xml", "xl/workbook.xml"} {
		w, _ := zw.Create(n)
		w.Write([]byte(`<?xml version="1.0"?><x/>`))
	}
	us := uint64(size)
	if declared > 0 {
		us = declared
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate,
		CRC32: crc.Sum32(), CompressedSize64: uint64(raw.Len()), UncompressedSize64: us})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(raw.Bytes())
	zw.Close()
	return b.Bytes()
}

// encrypted writes a two-opinion workbook protected by password.
func encrypted(t *testing.T, password string) string {
	p := t.TempDir() + "/加密.xlsx"
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A1", &[]any{"序号", "意见"})
	f.SetSheetRow("Sheet1", "A2", &[]any{1, "会议太多"})
	f.SetSheetRow("Sheet1", "A3", &[]any{2, "文件太多"})
	if err := f.SaveAs(p, excelize.Options{Password: password}); err != nil {
		t.Fatal(err)
	}
	return p
}

// bigCell is a workbook whose row 17, column C holds 3 MB of text. It is
// written by hand: excelize cuts cells at Excel's 32,767 characters, but a
// hostile or foreign file need not.
func bigCell(t *testing.T) string {
	var sheet strings.Builder
	sheet.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	row := func(n int, a, b, c string) {
		fmt.Fprintf(&sheet, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c><c r="B%d" t="inlineStr"><is><t>%s</t></is></c><c r="C%d" t="inlineStr"><is><t>%s</t></is></c></row>`, n, n, a, n, b, n, c)
	}
	row(1, "序号", "提出人", "意见")
	for i := 2; i < 17; i++ {
		row(i, fmt.Sprint(i-1), "张三", "会议太多")
	}
	row(17, "16", "李四", strings.Repeat("长", 1<<20))
	sheet.WriteString(`</sheetData></worksheet>`)
	return write(t, "意见箱.xlsx", zipOf(t, minimalXLSX(sheet.String())))
}

// minimalXLSX is the smallest package excelize opens, around one sheet.
func minimalXLSX(sheet string) map[string]string {
	return map[string]string{
		"[Content_Types].xml":        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
		"_rels/.rels":                `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml":   sheet,
	}
}

func xlsxWithBlankRows(t *testing.T, blank int) string {
	p := t.TempDir() + "/格式.xlsx"
	f := excelize.NewFile()
	defer f.Close()
	style, _ := f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Color: []string{"FFFF00"}, Pattern: 1}})
	sw, _ := f.NewStreamWriter("Sheet1")
	sw.SetRow("A1", []any{"序号", "意见"})
	sw.SetRow("A2", []any{1, "会议太多"})
	sw.SetRow("A3", []any{2, "文件太多"})
	sw.SetRow("A4", []any{3, "检查太多"})
	empty := []any{excelize.Cell{StyleID: style}, excelize.Cell{StyleID: style}}
	for r := 5; r < 5+blank; r++ {
		cell, _ := excelize.CoordinatesToCellName(1, r)
		sw.SetRow(cell, empty, excelize.RowOpts{StyleID: style})
	}
	sw.Flush()
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}
