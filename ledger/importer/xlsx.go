package importer

import (
	"context"
	"errors"
	"fmt"

	"github.com/xuri/excelize/v2"
)

// xlsxSource streams the rows of an .xlsx workbook with excelize's row
// iterator: one row in memory at a time (large sheets spill to a temp file
// inside excelize, which Close removes).
type xlsxSource struct {
	name string
	f    *excelize.File
}

func openXLSX(path, name, password string) (*xlsxSource, error) {
	encrypted := isEncrypted(path)
	if encrypted && password == "" {
		return nil, fail(name, ErrNeedPassword, "工作簿设置了打开密码，请提供密码（命令行加 --password 密码）")
	}
	opts := excelize.Options{UnzipSizeLimit: MaxUnzipped}
	if encrypted {
		opts.Password = password
	}
	f, err := excelize.OpenFile(path, opts)
	if err != nil {
		if f != nil {
			f.Close()
		}
		switch {
		case encrypted && (errors.Is(err, excelize.ErrWorkbookPassword) || errors.Is(err, excelize.ErrWorkbookFileFormat)):
			return nil, fail(name, ErrWrongPassword, "工作簿的密码不正确，请核对后重试")
		case encrypted:
			return nil, fail(name, fmt.Errorf("%w: %v", ErrUnsupported, err), "工作簿的加密方式无法识别，请在 Excel 或 WPS 中取消密码后另存，再导入")
		case errors.Is(err, excelize.ErrOptionsUnzipSizeLimit) || isSizeLimit(err):
			return nil, fail(name, ErrTooLarge, "工作簿解压后超过上限，已拒绝")
		}
		return nil, fail(name, fmt.Errorf("%w: %v", ErrCorrupt, err), "工作簿已损坏，无法读取。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入")
	}
	return &xlsxSource{name: name, f: f}, nil
}

func isSizeLimit(err error) bool {
	return err != nil && err.Error() == excelize.ErrOptionsUnzipSizeLimit.Error()
}

func (s *xlsxSource) sheetNames() []string { return s.f.GetSheetList() }

func (s *xlsxSource) fileName() string { return s.name }

func (s *xlsxSource) close() { s.f.Close() }

// eachRow calls fn with every row of sheet, numbered from 1 as Excel shows
// them (rows missing from the file come as empty rows). Cell values are
// raw: dates as serial numbers, text verbatim.
//
// Parsing the sheet XML and storing opinions cost about the same, so the
// rows are parsed in a goroutine of their own and handed over through a
// small buffered channel: memory stays bounded by the buffer, and on two
// cores the import takes little longer than the bare read.
func (s *xlsxSource) eachRow(ctx context.Context, sheet string, fn func(row int, cells []string) error) (err error) {
	rows, err := s.f.Rows(sheet)
	if err != nil {
		return at(s.name, sheet, 0, 0, fmt.Errorf("%w: %v", ErrCorrupt, err), "工作表无法读取，文件可能已损坏")
	}
	defer rows.Close()
	type item struct {
		n     int
		cells []string
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
		n := 0
		raw := excelize.Options{RawCellValue: true}
		for rows.Next() {
			n++
			cells, err := rows.Columns(raw)
			if err != nil {
				readErr = at(s.name, sheet, n, 0, fmt.Errorf("%w: %v", ErrCorrupt, err), "这一行无法读取，文件可能已损坏")
				return
			}
			select {
			case ch <- item{n, cells}:
			case <-stop:
				return
			}
		}
		if err := rows.Error(); err != nil {
			readErr = at(s.name, sheet, n+1, 0, fmt.Errorf("%w: %v", ErrCorrupt, err), "工作表无法读取，文件可能已损坏")
		}
	}()
	defer func() {
		close(stop)
		for range ch { // let the reader finish before rows.Close
		}
	}()
	for it := range ch {
		if it.n&1023 == 0 {
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
