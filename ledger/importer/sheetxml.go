package importer

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/encoding/htmlindex"
)

// The limits of a worksheet (Excel's own).
const (
	maxSheetRows = 1 << 20 // 1,048,576
	maxSheetCols = 1 << 14 // 16,384: column XFD
)

func newXMLDecoder(r io.Reader) *xml.Decoder {
	dec := xml.NewDecoder(r)
	dec.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		enc, err := htmlindex.Get(label)
		if err != nil {
			return nil, err
		}
		return enc.NewDecoder().Reader(in), nil
	}
	return dec
}

// sharedStrings is a workbook's shared-string table, loaded once.
type sharedStrings struct {
	part string
	once sync.Once
	list []string
	err  error
}

func (t *sharedStrings) load(s *xlsxSource) error {
	t.once.Do(func() { t.err = t.read(s) })
	return t.err
}

// read decodes every <si>: its <t> text, or the <t> of its rich-text runs
// <r>, leaving out phonetic guides <rPh>.
func (t *sharedStrings) read(s *xlsxSource) error {
	f := s.member(t.part)
	if f == nil {
		return s.corrupt(errors.New("missing "+t.part), "共享字符串表（"+t.part+"）不在文件中")
	}
	rc, err := f.Open()
	if err != nil {
		return s.corrupt(err, "共享字符串表无法读取")
	}
	defer rc.Close()
	dec := newXMLDecoder(rc)
	var (
		cur      strings.Builder
		inSI     bool
		inT, rPh int
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return s.corrupt(err, fmt.Sprintf("共享字符串表（%s）在第 %d 项处出错（%s）", t.part, len(t.list)+1, xmlReason(err)))
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "si":
				inSI = true
				cur.Reset()
			case "t":
				inT++
			case "rPh":
				rPh++
			}
		case xml.EndElement:
			switch el.Name.Local {
			case "si":
				inSI = false
				t.list = append(t.list, cur.String())
			case "t":
				inT--
			case "rPh":
				rPh--
			}
		case xml.CharData:
			if inSI && inT > 0 && rPh == 0 {
				if cur.Len()+len(el) > maxPart {
					return fail(s.name, ErrTooLarge, "共享字符串表中的一项超过 "+humanBytes(maxPart))
				}
				cur.Write(el)
			}
		}
	}
	return nil
}

// sheetReader streams one worksheet's rows. Every XML, structure and value
// error refuses the file with the row (and column) where it happened.
type sheetReader struct {
	src   *xlsxSource
	sheet string
	dec   *xml.Decoder
	rc    io.Reader
	row   int // the row being read, or the last one read
}

// cell is the part of a <c> element being read.
type cell struct {
	col     int
	typ     string
	v       strings.Builder
	is      strings.Builder
	hasV    bool
	hasIS   bool
	formula bool
}

func (r *sheetReader) fail(col int, cause error, reason string) error {
	return at(r.src.name, r.sheet, r.row, col, cause, reason)
}

func (r *sheetReader) xmlError(err error) error {
	var se *xml.SyntaxError
	if errors.Is(err, io.ErrUnexpectedEOF) || err == io.EOF || errors.As(err, &se) && se.Msg == "unexpected EOF" {
		return r.fail(0, fmt.Errorf("%w: %v", ErrCorrupt, err), "工作表的数据在这一行中断了（文件不完整或已损坏）。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入")
	}
	return r.fail(0, fmt.Errorf("%w: %v", ErrCorrupt, err), "工作表的 XML 在这一行出错（"+xmlReason(err)+"），文件已损坏，这一行及以后的内容无法读取。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入")
}

// xmlReason describes an XML error briefly in Chinese (the English of
// encoding/xml stays in the wrapped cause).
func xmlReason(err error) string {
	var se *xml.SyntaxError
	switch {
	case errors.As(err, &se) && strings.HasPrefix(se.Msg, "illegal character code "):
		return "含有 XML 不允许的字符 " + strings.TrimPrefix(se.Msg, "illegal character code ")
	case errors.As(err, &se):
		return "XML 语法错误"
	case errors.Is(err, zip.ErrChecksum):
		return "压缩数据校验失败"
	case errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrAlgorithm):
		return "压缩数据无法解开"
	}
	return "数据无法解析"
}

// rows parses the sheet and hands each non-empty row to emit (which
// returns false to stop).
func (r *sheetReader) rows(emit func(n int, cells *rowCells) bool) error {
	var (
		inData, done, inRow, inCell bool
		cur                         *rowCells // allocated at the row's first value
		c                           cell      // the cell being read, reused
		lastCol                     int       // the row's last cell, with or without a value
		inV, inIS                   bool
		inT, rPh                    int
	)
	for !done {
		tok, err := r.dec.Token()
		if err == io.EOF {
			if inData {
				return r.xmlError(io.ErrUnexpectedEOF)
			}
			return nil // a sheet without data
		}
		if err != nil {
			return r.xmlError(err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "sheetData":
				inData = true
			case "row":
				if !inData {
					continue
				}
				n, err := rowNumber(el, r.row)
				if err != nil {
					r.row++
					return r.fail(0, fmt.Errorf("%w: %v", ErrCorrupt, err), "行号有误（"+err.Error()+"），文件已损坏")
				}
				r.row, inRow, cur, lastCol = n, true, nil, 0
			case "c":
				if !inRow {
					continue
				}
				col, err := r.cellColumn(el, lastCol)
				if err != nil {
					return err
				}
				lastCol, inCell = col, true
				c.col, c.typ, c.hasV, c.hasIS, c.formula = col, attr(el, "t"), false, false, false
				c.v.Reset()
				c.is.Reset()
			case "v":
				if inCell {
					inV, c.hasV = true, true
				}
			case "f":
				if inCell {
					c.formula = true
				}
			case "is":
				if inCell {
					inIS, c.hasIS = true, true
				}
			case "t":
				if inIS {
					inT++
				}
			case "rPh":
				if inIS {
					rPh++
				}
			}
		case xml.EndElement:
			switch el.Name.Local {
			case "sheetData":
				done = true
			case "row":
				if cur != nil && !emit(r.row, cur) {
					return nil
				}
				inRow, cur = false, nil
			case "c":
				if inCell {
					v, err := r.value(&c)
					if err != nil {
						return err
					}
					if v != "" || c.formula && !c.hasV {
						if cur == nil {
							cur = &rowCells{cols: []int{}}
						}
						if v != "" {
							cur.cols = append(cur.cols, c.col)
							cur.vals = append(cur.vals, v)
						} else {
							cur.noValue = append(cur.noValue, c.col)
						}
					}
				}
				inCell = false
			case "v":
				inV = false
			case "is":
				inIS = false
			case "t":
				if inIS {
					inT--
				}
			case "rPh":
				if inIS {
					rPh--
				}
			}
		case xml.CharData:
			switch {
			case !inCell:
			case inV:
				c.v.Write(el)
			case inIS && inT > 0 && rPh == 0:
				c.is.Write(el)
			}
			if inCell && c.v.Len()+c.is.Len() > maxPart {
				return r.fail(c.col, ErrTooLarge, "单元格内容过长（超过 "+humanBytes(maxPart)+"）")
			}
		}
	}
	// Read the rest of the part: the zip's checksum is verified at its end.
	if _, err := io.Copy(io.Discard, r.rc); err != nil {
		return r.xmlError(err)
	}
	return nil
}

func attr(el xml.StartElement, name string) string {
	for _, a := range el.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// rowNumber reads a row's r attribute: a number after the previous row,
// within Excel's 1,048,576 rows; a row without one follows the previous.
func rowNumber(el xml.StartElement, prev int) (int, error) {
	v := attr(el, "r")
	if v == "" {
		if prev >= maxSheetRows {
			return 0, errors.New("超过 1048576 行")
		}
		return prev + 1, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	switch {
	case err != nil:
		return 0, fmt.Errorf("“%s”不是数字", v)
	case n < 1 || n > maxSheetRows:
		return 0, fmt.Errorf("%d 超出 Excel 的范围", n)
	case n <= prev:
		return 0, fmt.Errorf("第%d行出现在第%d行之后", n, prev)
	}
	return n, nil
}

// cellColumn reads a cell's reference (C17): its row must be the row's,
// its column after the previous cell's; a cell without one follows it.
func (r *sheetReader) cellColumn(el xml.StartElement, last int) (int, error) {
	ref := attr(el, "r")
	if ref == "" {
		if last >= maxSheetCols {
			return 0, r.fail(last+1, ErrCorrupt, "单元格超出 Excel 的 16384 列，文件已损坏")
		}
		return last + 1, nil
	}
	col, row, ok := splitCellRef(ref)
	if !ok || col < 1 || col > maxSheetCols {
		return 0, r.fail(last+1, ErrCorrupt, "单元格地址“"+ref+"”有误，文件已损坏")
	}
	if row != 0 && row != r.row {
		return 0, r.fail(col, ErrCorrupt, fmt.Sprintf("单元格 %s 出现在第%d行里，文件已损坏", ref, r.row))
	}
	if col <= last {
		return 0, r.fail(col, ErrCorrupt, "单元格 "+ref+" 重复或顺序错乱，文件已损坏")
	}
	return col, nil
}

// splitCellRef reads "XFD17" as column 16384, row 17 (row 0 when absent).
func splitCellRef(ref string) (col, row int, ok bool) {
	i := 0
	for i < len(ref) && i < 4 {
		b := ref[i] &^ 0x20 // upper case
		if b < 'A' || b > 'Z' {
			break
		}
		col = col*26 + int(b-'A'+1)
		i++
	}
	if i == 0 {
		return 0, 0, false
	}
	if i < len(ref) {
		n, err := strconv.Atoi(ref[i:])
		if err != nil || n < 1 {
			return 0, 0, false
		}
		row = n
	}
	return col, row, true
}

// value is a cell's raw value: shared strings resolved (the index must be
// a number within the table), inline strings joined, numbers, dates as
// serial numbers, booleans as 1 and 0, errors (#N/A) as written, a
// formula's cached result.
func (r *sheetReader) value(c *cell) (string, error) {
	switch c.typ {
	case "s":
		if !c.hasV {
			return "", nil
		}
		v := strings.TrimSpace(c.v.String())
		i, err := strconv.Atoi(v)
		if err != nil {
			return "", r.fail(c.col, ErrCorrupt, "共享字符串编号“"+clip(v, 20)+"”不是数字，文件已损坏，这一格的内容无法确定。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入")
		}
		var n int
		if r.src.sst != nil {
			n = len(r.src.sst.list)
		}
		if i < 0 || i >= n {
			return "", r.fail(c.col, ErrCorrupt, fmt.Sprintf("共享字符串编号 %d 超出了共享字符串表（共 %d 项），文件已损坏，这一格的内容无法确定。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入", i, n))
		}
		return r.src.sst.list[i], nil
	case "inlineStr":
		if c.hasIS {
			return c.is.String(), nil
		}
	}
	return c.v.String(), nil
}

// clip shortens s to n runes for a message.
func clip(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n]) + "…"
}
