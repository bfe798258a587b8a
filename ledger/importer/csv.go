package importer

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

func init() {
	exts := []string{".csv", ".tsv", ".tab"}
	register(&FormatInfo{
		Format: CSV, Name: "CSV 文本表格（.csv/.tsv）", Help: ".csv/.tsv 文本表格（UTF-8 或 GBK）", Extensions: exts, Order: 30,
		detect: textByExtension(exts), encoded: true,
		openTable: func(in *input, _ *Options) (tableSource, error) { return openCSV(in) },
	})
}

// csvSource reads a delimited text file (.csv, .tsv) as a one-sheet table.
// The encoding is sniffed (UTF-8 with or without BOM, UTF-16 with BOM,
// else GB18030, which covers GBK and GB2312) and so is the delimiter
// (comma, tab, semicolon or |): the one that splits the first lines into
// the same number of fields, outside quotes. Records are read by csvReader
// (csvread.go). Rows are numbered by record, as a spreadsheet program shows
// them when it opens the file.
type csvSource struct {
	in    *input
	name  string
	enc   Encoding
	delim rune
}

func openCSV(in *input) (*csvSource, error) {
	r, enc, err := decodeReader(in.reader())
	if err != nil {
		return nil, fail(in.name, err, "无法读取文件")
	}
	br := bufio.NewReaderSize(r, sniffLen)
	head, _ := br.Peek(sniffLen)
	delim := sniffDelimiter(head, strings.ToLower(filepath.Ext(in.name)))
	return &csvSource{in: in, name: in.name, enc: enc, delim: delim}, nil
}

// sniffDelimiter picks the delimiter that gives the most lines with the
// same, largest number of fields among the first 20 lines.
func sniffDelimiter(head []byte, ext string) rune {
	if ext == ".tsv" || ext == ".tab" {
		return '\t'
	}
	best, bestScore := ',', -1
	for _, d := range []rune{',', '\t', ';', '|'} {
		counts := map[int]int{}
		lines := 0
		inQuote := false
		n := 0
		for _, r := range string(head) {
			switch {
			case r == '"':
				inQuote = !inQuote
			case r == d && !inQuote:
				n++
			case (r == '\n' || r == '\r') && !inQuote:
				if n > 0 {
					counts[n]++
				}
				n = 0
				lines++
			}
			if lines >= 20 {
				break
			}
		}
		if n > 0 && lines < 20 {
			counts[n]++
		}
		score := 0
		for fields, c := range counts {
			if s := c*100 + fields; c >= 1 && s > score {
				score = s
			}
		}
		if score > bestScore {
			best, bestScore = d, score
		}
	}
	return best
}

func (s *csvSource) sheetNames() []string { return []string{""} }

func (s *csvSource) fileName() string { return s.name }

func (s *csvSource) close() {}

func (s *csvSource) rowCount(string) int { return 0 }

func (s *csvSource) eachRow(ctx context.Context, _ string, fn func(row int, cells *rowCells) error) error {
	r, _, err := decodeReader(s.in.reader())
	if err != nil {
		return fail(s.name, err, "无法读取文件")
	}
	cr := newCSVReader(r, s.delim)
	var row rowCells
	for n := 1; ; n++ {
		if n&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return s.readError(n, err)
		}
		row.vals = rec
		if err := fn(n, &row); err != nil {
			return err
		}
	}
}

// readError explains a record the reader refused.
func (s *csvSource) readError(n int, err error) error {
	var ce *csvError
	if !errors.As(err, &ce) {
		return at(s.name, "", n, 0, err, "无法读取（"+osReason(err)+"）")
	}
	switch {
	case errors.Is(err, errLineTooLong):
		return at(s.name, "", ce.Record, 0, ErrTooLarge, fmt.Sprintf("这一行超过 %s（可能是引号不配对，把后面的内容都并进了一个单元格）", humanBytes(MaxLine)))
	case errors.Is(err, errQuoteEOF):
		return at(s.name, "", ce.Record, ce.Field, fmt.Errorf("%w: %v", ErrCorrupt, err),
			"这一格以英文双引号开头，但直到文件末尾都没有配对的结束引号，照此读取会把后面各行（连同提出人等列）都并进这一格。"+
				"请在 Excel 或 WPS 中打开核对这一格，补上结束的引号或把英文引号改成中文引号“”，另存后再导入")
	case errors.Is(err, errQuoteText):
		return at(s.name, "", ce.Record, ce.Field, fmt.Errorf("%w: %v", ErrCorrupt, err),
			"这一格以英文双引号开头，结束的引号后面却还有文字，引号不配对，无法确定各列的内容。"+
				"请在 Excel 或 WPS 中打开核对这一行，或把这一格里的英文引号改成中文引号“”，另存后再导入")
	}
	return at(s.name, "", ce.Record, ce.Field, fmt.Errorf("%w: %v", ErrCorrupt, err), "CSV 格式有误")
}
