package importer

import (
	"context"
	"fmt"
	"os"

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

func openXLS(path, name string) (src *xlsSource, err error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fail(name, err, "无法读取文件")
	}
	if st.Size() > MaxXLS {
		return nil, fail(name, ErrTooLarge, fmt.Sprintf(".xls 文件有 %s，超过上限 %s。请另存为 .xlsx 再导入", humanBytes(st.Size()), humanBytes(MaxXLS)))
	}
	defer func() {
		if p := recover(); p != nil {
			src, err = nil, fail(name, fmt.Errorf("%w: %v", ErrCorrupt, p), "旧版 Excel 文件（.xls）已损坏或无法识别。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入")
		}
	}()
	wb, err := xls.OpenFile(path)
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

func (s *xlsSource) eachRow(ctx context.Context, sheet string, fn func(row int, cells []string) error) (err error) {
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
			if err := fn(r+1, cells); err != nil {
				return err
			}
		}
		return nil
	}
	return at(s.name, sheet, 0, 0, ErrCorrupt, "找不到这个工作表")
}
