package importer

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/xuri/excelize/v2"
)

func init() {
	register(&FormatInfo{
		Format: XLSX, Name: "Excel 工作簿（.xlsx）", Help: "问卷星或 Excel 导出的 .xlsx", Extensions: []string{".xlsx", ".xlsm"}, Order: 10,
		detect: func(p *probe) int {
			if p.zipHas("xl/workbook.xml") || p.ole["EncryptedPackage"] {
				return byContent
			}
			return 0
		},
		whole:     true,
		openTable: func(in *input, opts *Options) (tableSource, error) { return openXLSX(in, opts.Password) },
	})
}

// xlsxSource reads an .xlsx workbook with the standard library: the
// workbook part lists the sheets, its relationships locate their parts and
// the shared strings, and each sheet's XML is streamed token by token, one
// row in memory at a time (sheetxml.go).
//
// excelize is not used for reading any more (only to decrypt a workbook
// with an opening password): its streaming reader drops errors. Rows.Next
// and Rows.Columns discard the XML decoder's error (rows.go, "token, _ :="),
// so a sheet whose XML breaks at row 502 reads as a sheet of 501 rows; a
// shared-string index that is not a number is read as index 0 (the header's
// text) and one out of range as an empty cell; and a row with one cell in
// column XFD is spread over 16,384 strings. Here every error of the zip,
// the XML and the shared strings refuses the file with the sheet, row and
// column, and a row holds only the cells present.
type xlsxSource struct {
	name   string
	zr     *zip.Reader
	sheets []xlsxSheet
	sst    *sharedStrings
}

type xlsxSheet struct {
	name string
	part string // zip member, e.g. xl/worksheets/sheet1.xml
}

func openXLSX(in *input, password string) (*xlsxSource, error) {
	name := in.name
	data, err := in.load()
	if err != nil {
		return nil, err
	}
	if bytes.HasPrefix(data, magicOLE) {
		if password == "" {
			return nil, fail(name, ErrNeedPassword, "工作簿设置了打开密码，请提供密码（命令行加 --password 密码）")
		}
		if data, err = decrypt(data, password); err != nil {
			return nil, fail(name, ErrWrongPassword, "工作簿的密码不正确，请核对后重试")
		}
	}
	zr, err := checkZip(bytes.NewReader(data), int64(len(data)), name)
	if err != nil {
		if password != "" && bytes.HasPrefix(in.data, magicOLE) {
			return nil, fail(name, ErrWrongPassword, "工作簿的密码不正确，请核对后重试")
		}
		return nil, err
	}
	s := &xlsxSource{name: name, zr: zr}
	if err := s.readWorkbook(); err != nil {
		return nil, err
	}
	return s, nil
}

// decrypt opens an encrypted OOXML package (ECMA-376 agile or standard
// encryption) with excelize, turning a panic on a hostile file into an
// error.
func decrypt(data []byte, password string) (out []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, fmt.Errorf("decrypt: %v", p)
		}
	}()
	return excelize.Decrypt(data, &excelize.Options{Password: password})
}

// member finds a zip member by name (Excel's names are case-insensitive).
func (s *xlsxSource) member(name string) *zip.File {
	name = strings.TrimPrefix(name, "/")
	for _, f := range s.zr.File {
		if f.Name == name {
			return f
		}
	}
	for _, f := range s.zr.File {
		if strings.EqualFold(f.Name, name) {
			return f
		}
	}
	return nil
}

// corrupt is the refusal of a workbook whose structure cannot be read.
func (s *xlsxSource) corrupt(err error, what string) error {
	return fail(s.name, fmt.Errorf("%w: %v", ErrCorrupt, err), what+"，工作簿已损坏，无法读取。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入")
}

// readWorkbook lists the worksheets in workbook order and locates their
// parts and the shared strings.
func (s *xlsxSource) readWorkbook() error {
	wbPart := "xl/workbook.xml"
	if rels, err := s.rels("_rels/.rels", ""); err == nil {
		for _, r := range rels {
			if strings.HasSuffix(r.typ, "/officeDocument") && s.member(r.target) != nil {
				wbPart = r.target
			}
		}
	}
	type sheetEl struct {
		Name string `xml:"name,attr"`
		ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		IDs  string `xml:"http://purl.oclc.org/ooxml/officeDocument/relationships id,attr"`
	}
	var wb struct {
		Sheets []sheetEl `xml:"sheets>sheet"`
	}
	if err := s.decodePart(wbPart, &wb); err != nil {
		return s.corrupt(err, "工作簿目录（"+wbPart+"）无法解析")
	}
	rels, err := s.rels(path.Join(path.Dir(wbPart), "_rels", path.Base(wbPart)+".rels"), path.Dir(wbPart))
	if err != nil {
		return s.corrupt(err, "工作簿的关系表无法解析")
	}
	byID := map[string]rel{}
	for _, r := range rels {
		byID[r.id] = r
		if strings.HasSuffix(r.typ, "/sharedStrings") && s.sst == nil {
			s.sst = &sharedStrings{part: r.target}
		}
	}
	if s.sst == nil && s.member("xl/sharedStrings.xml") != nil {
		s.sst = &sharedStrings{part: "xl/sharedStrings.xml"}
	}
	for _, sh := range wb.Sheets {
		id := sh.ID
		if id == "" {
			id = sh.IDs
		}
		r, ok := byID[id]
		if !ok || !strings.HasSuffix(r.typ, "/worksheet") {
			continue // a chart sheet, a dialog sheet: no rows
		}
		if s.member(r.target) == nil {
			return s.corrupt(errors.New("missing "+r.target), "工作表“"+sh.Name+"”的数据（"+r.target+"）不在文件中")
		}
		s.sheets = append(s.sheets, xlsxSheet{name: sh.Name, part: r.target})
	}
	return nil
}

type rel struct{ id, typ, target string }

// rels reads a relationships part; targets are resolved against base.
func (s *xlsxSource) rels(part, base string) ([]rel, error) {
	var doc struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
			Mode   string `xml:"TargetMode,attr"`
		} `xml:"Relationship"`
	}
	if err := s.decodePart(part, &doc); err != nil {
		return nil, err
	}
	var out []rel
	for _, r := range doc.Rels {
		if r.Mode == "External" {
			continue
		}
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join(base, t)
		}
		out = append(out, rel{r.ID, r.Type, t})
	}
	return out, nil
}

// maxPart bounds a workbook, relationships or shared-strings part decoded
// whole (the sheets are streamed).
const maxPart = 256 << 20

// decodePart unmarshals a small XML part.
func (s *xlsxSource) decodePart(part string, v any) error {
	f := s.member(part)
	if f == nil {
		return errors.New("missing " + part)
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	dec := newXMLDecoder(io.LimitReader(rc, maxPart))
	if err := dec.Decode(v); err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, rc) // the CRC is checked at the end
	return err
}

func (s *xlsxSource) sheetNames() []string {
	out := make([]string, len(s.sheets))
	for i, sh := range s.sheets {
		out[i] = sh.name
	}
	return out
}

func (s *xlsxSource) fileName() string { return s.name }

func (s *xlsxSource) close() {}

func (s *xlsxSource) rowCount(string) int { return 0 }

// eachRow streams the rows of a sheet. Parsing the XML and storing
// opinions cost about the same, so the rows are parsed in a goroutine of
// their own and handed over through a small buffered channel: memory stays
// bounded by the buffer, and on two cores the import takes little longer
// than the bare read.
func (s *xlsxSource) eachRow(ctx context.Context, sheet string, fn func(row int, cells *rowCells) error) error {
	var part string
	for _, sh := range s.sheets {
		if sh.name == sheet {
			part = sh.part
		}
	}
	if part == "" {
		return at(s.name, sheet, 0, 0, ErrCorrupt, "找不到这个工作表")
	}
	if s.sst != nil {
		if err := s.sst.load(s); err != nil {
			return err
		}
	}
	f := s.member(part)
	rc, err := f.Open()
	if err != nil {
		return at(s.name, sheet, 0, 0, fmt.Errorf("%w: %v", ErrCorrupt, err), "工作表无法读取，文件可能已损坏")
	}
	defer rc.Close()
	type item struct {
		n     int
		cells *rowCells
	}
	ch := make(chan item, 256)
	stop := make(chan struct{})
	var readErr error
	go func() {
		defer close(ch)
		defer func() {
			if p := recover(); p != nil {
				readErr = at(s.name, sheet, 0, 0, fmt.Errorf("%w: %v", ErrCorrupt, p), "工作表无法读取，文件可能已损坏")
			}
		}()
		sr := &sheetReader{src: s, sheet: sheet, dec: newXMLDecoder(rc), rc: rc}
		readErr = sr.rows(func(n int, cells *rowCells) bool {
			select {
			case ch <- item{n, cells}:
				return true
			case <-stop:
				return false
			}
		})
	}()
	defer func() {
		close(stop)
		for range ch { // let the reader finish before the part is closed
		}
	}()
	k := 0
	for it := range ch {
		if k++; k&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := fn(it.n, it.cells); err != nil {
			return err
		}
	}
	return readErr
}
