package importer

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// csvSource reads a delimited text file (.csv, .tsv) as a one-sheet table.
// The encoding is sniffed (UTF-8 with or without BOM, UTF-16 with BOM,
// else GB18030, which covers GBK and GB2312) and so is the delimiter
// (comma, tab, semicolon or |): the one that splits the first lines into
// the same number of fields, outside quotes. Quoted fields may hold line
// breaks; they are kept. Rows are numbered by record, as a spreadsheet
// program shows them when it opens the file.
type csvSource struct {
	path, name string
	enc        Encoding
	delim      rune
}

func openCSV(path, name string) (*csvSource, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fail(name, err, "无法打开文件")
	}
	defer f.Close()
	r, enc, err := decodeReader(f)
	if err != nil {
		return nil, fail(name, err, "无法读取文件")
	}
	br := bufio.NewReaderSize(r, sniffLen)
	head, _ := br.Peek(sniffLen)
	delim := sniffDelimiter(head, strings.ToLower(filepath.Ext(name)))
	return &csvSource{path: path, name: name, enc: enc, delim: delim}, nil
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
			case r == '\n' && !inQuote:
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

func (s *csvSource) eachRow(ctx context.Context, _ string, fn func(row int, cells []string) error) error {
	f, err := os.Open(s.path)
	if err != nil {
		return fail(s.name, err, "无法打开文件")
	}
	defer f.Close()
	r, _, err := decodeReader(f)
	if err != nil {
		return fail(s.name, err, "无法读取文件")
	}
	lim := &recordLimiter{r: r}
	cr := csv.NewReader(lim)
	lim.done = cr.InputOffset
	cr.Comma = s.delim
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
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
			var pe *csv.ParseError
			switch {
			case errors.Is(err, errLineTooLong):
				return at(s.name, "", n, 0, ErrTooLarge, fmt.Sprintf("这一行超过 %s（可能是引号不配对，把后面的内容都并进了一个单元格）", humanBytes(MaxLine)))
			case errors.As(err, &pe):
				return at(s.name, "", n, pe.Column, fmt.Errorf("%w: %v", ErrCorrupt, err), "CSV 格式有误（第 "+fmt.Sprint(pe.Line)+" 行）")
			}
			return at(s.name, "", n, 0, err, "无法读取（"+osReason(err)+"）")
		}
		if err := fn(n, rec); err != nil {
			return err
		}
	}
}

var errLineTooLong = errors.New("record too long")

// recordLimiter stops a single record from growing beyond MaxLine bytes
// (an unclosed quote would otherwise pull the rest of the file into one
// field): it compares the bytes handed to the CSV reader with the offset
// of the last record the reader finished.
type recordLimiter struct {
	r     io.Reader
	total int64
	done  func() int64
}

func (l *recordLimiter) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	l.total += int64(n)
	if l.done != nil && l.total-l.done() > MaxLine+(64<<10) {
		return n, errLineTooLong
	}
	return n, err
}
