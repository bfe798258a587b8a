package importer

import (
	"bytes"
	"context"
	"fmt"

	"github.com/shakinm/xlsReader/xls"
)

// xlsSource reads an Excel 97–2003 (.xls, BIFF8) workbook with xlsReader.
// The format is at most 65,536 rows a sheet and the library reads the
// whole file, so the file size is bounded (MaxXLS) instead of streamed.
// Dates come back as serial numbers; the date column turns them into dates.
type xlsSource struct {
	name string
	wb   xls.Workbook
}

func init() {
	register(&FormatInfo{
		Format: XLS, Name: "旧版 Excel 工作簿（.xls）", Help: "旧版 Excel 的 .xls", Extensions: []string{".xls"}, Order: 20,
		detect: func(p *probe) int {
			if (p.ole["Workbook"] || p.ole["Book"]) && !p.ole["EncryptedPackage"] {
				return byContent
			}
			return 0
		},
		whole:     true,
		openTable: func(in *input, _ *Options) (tableSource, error) { return openXLS(in) },
	})
}

func openXLS(in *input) (src *xlsSource, err error) {
	name := in.name
	if in.size > MaxXLS {
		return nil, fail(name, ErrTooLarge, fmt.Sprintf(".xls 文件有 %s，超过上限 %s。请另存为 .xlsx 再导入", humanBytes(in.size), humanBytes(MaxXLS)))
	}
	data, err := in.load()
	if err != nil {
		return nil, err
	}
	defer func() {
		if p := recover(); p != nil {
			src, err = nil, fail(name, fmt.Errorf("%w: %v", ErrCorrupt, p), "旧版 Excel 文件（.xls）已损坏或无法识别。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入")
		}
	}()
	wb, err := xls.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, fail(name, fmt.Errorf("%w: %v", ErrCorrupt, err), "旧版 Excel 文件（.xls）无法读取，文件可能不完整或已损坏。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入")
	}
	if wb.GetNumberSheets() == 0 {
		return nil, fail(name, ErrCorrupt, "旧版 Excel 文件（.xls）中没有可读的工作表（文件可能已损坏或加密）。请另存为 .xlsx 再导入")
	}
	return &xlsSource{name: name, wb: wb}, nil
}

func (s *xlsSource) sheetNames() []string {
	var out []string
	for i := 0; i < s.wb.GetNumberSheets(); i++ {
		sh, err := s.wb.GetSheet(i)
		if err == nil {
			out = append(out, sh.GetName())
		}
	}
	return out
}

func (s *xlsSource) fileName() string { return s.name }

func (s *xlsSource) close() {}

func (s *xlsSource) rowCount(sheet string) int {
	for i := 0; i < s.wb.GetNumberSheets(); i++ {
		if sh, err := s.wb.GetSheet(i); err == nil && sh.GetName() == sheet {
			return sh.GetNumberRows()
		}
	}
	return 0
}

func (s *xlsSource) eachRow(ctx context.Context, sheet string, fn func(row int, cells *rowCells) error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = at(s.name, sheet, 0, 0, fmt.Errorf("%w: %v", ErrCorrupt, p), "工作表无法读取，文件可能已损坏")
		}
	}()
	for i := 0; i < s.wb.GetNumberSheets(); i++ {
		sh, err := s.wb.GetSheet(i)
		if err != nil || sh.GetName() != sheet {
			continue
		}
		n := sh.GetNumberRows()
		var cells []string
		var rc rowCells
		for r := 0; r < n; r++ {
			if r&1023 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			row, err := sh.GetRow(r)
			if err != nil {
				return at(s.name, sheet, r+1, 0, ErrCorrupt, "这一行无法读取")
			}
			cells = cells[:0]
			for _, c := range row.GetCols() {
				cells = append(cells, c.GetString())
			}
			rc.vals = cells
			if !rc.filled() {
				continue
			}
			if err := fn(r+1, &rc); err != nil {
				return err
			}
		}
		return nil
	}
	return at(s.name, sheet, 0, 0, ErrCorrupt, "找不到这个工作表")
}
