package importer

import (
	"errors"
	"strconv"
	"strings"

	"taizhang/ledger"
)

// Sentinel causes. An import error wraps one of them (errors.Is works), so
// callers and tests can tell the kinds of refusal apart without reading the
// Chinese message.
var (
	ErrEmpty         = errors.New("importer: empty file")
	ErrUnsupported   = errors.New("importer: unsupported format")
	ErrCorrupt       = errors.New("importer: corrupt file")
	ErrNeedPassword  = errors.New("importer: workbook is encrypted")
	ErrWrongPassword = errors.New("importer: wrong password")
	ErrTooLarge      = errors.New("importer: file or cell too large")
	ErrBadText       = errors.New("importer: invalid bytes or NUL in text")
	ErrNoText        = errors.New("importer: no opinion column or content")
	ErrNoChannel     = errors.New("importer: channel required")
	ErrCancelled     = errors.New("importer: cancelled")
)

// Error is a refused import. It names the file and, where there is one, the
// sheet, row and column; Reason is the Chinese explanation without the
// position. Error() is the whole Chinese sentence, for example
//
//	导入 意见箱.xlsx 失败：Sheet1 第17行第3列：单元格内容过长（3.0 MB，上限 1 MB）。台账未改动。
//
// An *Error unwraps to its cause, and errors.As to *ledger.Error succeeds
// with the same message, so ledger.Message(err) shows it.
type Error struct {
	File   string // base name of the file
	Sheet  string // sheet name, if any
	Row    int    // 1-based row, line, item or record; 0 if none
	Column int    // 1-based column; 0 if none
	Reason string // Chinese, without the position
	Err    error  // the cause (one of the sentinels above, or an underlying error)
}

// Position renders the sheet, row and column the way a person reads them:
// "Sheet1 第17行第3列", or "" when the error concerns the whole file.
func (e *Error) Position() string {
	var b strings.Builder
	if e.Sheet != "" {
		b.WriteString(e.Sheet)
		if e.Row > 0 {
			b.WriteString(" ")
		}
	}
	if e.Row > 0 {
		b.WriteString("第" + strconv.Itoa(e.Row) + "行")
		if e.Column > 0 {
			b.WriteString("第" + strconv.Itoa(e.Column) + "列")
		}
	}
	return b.String()
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("导入 " + e.File + " 失败：")
	if p := e.Position(); p != "" {
		b.WriteString(p + "：")
	}
	r := strings.TrimRight(e.Reason, "。")
	b.WriteString(r + "。台账未改动。")
	return b.String()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// As lets errors.As(err, **ledger.Error) find an import error, so that
// ledger.Message(err) prints the Chinese sentence.
func (e *Error) As(target any) bool {
	if t, ok := target.(**ledger.Error); ok {
		*t = &ledger.Error{Msg: e.Error(), Err: e}
		return true
	}
	return false
}

// fail makes a file-level error.
func fail(file string, cause error, reason string) *Error {
	return &Error{File: file, Reason: reason, Err: cause}
}

// at makes a positioned error.
func at(file, sheet string, row, col int, cause error, reason string) *Error {
	return &Error{File: file, Sheet: sheet, Row: row, Column: col, Reason: reason, Err: cause}
}

// reasonOf returns the Chinese reason of a cause coming from the ledger or
// elsewhere, without the ledger's own trailing advice.
func reasonOf(err error) string {
	var ie *Error
	if errors.As(err, &ie) && ie != nil {
		return ie.Reason
	}
	return ledger.Message(err)
}
