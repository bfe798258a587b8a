package ledger

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"
)

// Error is an error a person can act on. Msg is Simplified Chinese and says
// what happened and what to do; Err is the underlying cause, if any.
//
// The convention, for every package: wrap causes with %w (or in an Error's
// Err) so errors.Is and errors.As see them; err.Error() is the whole chain,
// for a log; Message(err) is the one place that makes the text a person
// reads. A window's dialog and a command's stderr show Message(err) only.
type Error struct {
	Msg string
	Err error
}

// Error returns the message followed by the cause, for logs:
// 无法创建台账文件 x.taizhang：没有写入权限: open x.taizhang: permission denied.
// A person is shown Message(err), which is Msg alone.
func (e *Error) Error() string {
	if e.Err == nil {
		return e.Msg
	}
	cause := e.Err.Error()
	if cause == "" || strings.Contains(e.Msg, cause) {
		return e.Msg
	}
	return e.Msg + ": " + cause
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

func userErr(cause error, format string, args ...any) error {
	return &Error{Msg: fmt.Sprintf(format, args...), Err: cause}
}

// ErrNotFound is returned (wrapped) when an opinion, problem or leader does
// not exist.
var ErrNotFound = errors.New("not found")

// Message returns the Chinese text a person is shown for err: the message
// of the first *Error in its chain, else a Chinese message for the causes
// people meet (a file that cannot be read or written, a full disk, a ledger
// that another program holds, a damaged file, a cancelled operation), else
// a general one that says what to do. Message never returns English: the
// causes (search: build index…, a driver's text) stay in err for the log.
func Message(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Msg
	}
	if msg := knownCause(err); msg != "" {
		return msg
	}
	return "操作未能完成（程序内部出错）。台账未受影响，请重试；如果一再出现，请把出错的时间和操作告诉技术支持。"
}

// knownCause translates the causes that come from outside the project's
// packages, or "" for one it does not know.
func knownCause(err error) string {
	var pe *fs.PathError
	switch {
	case errors.Is(err, context.Canceled):
		return "操作已取消。"
	case errors.Is(err, context.DeadlineExceeded):
		return "操作超时，已停止。请稍后重试。"
	case errors.As(err, &pe):
		return fmt.Sprintf("无法访问文件 %s：%s。", pe.Path, osReason(pe.Err))
	case errors.Is(err, syscall.ENOSPC):
		return "磁盘空间不足。请清理磁盘后重试。"
	}
	var coded interface{ Code() int }
	if errors.As(err, &coded) {
		return sqliteReason(coded.Code())
	}
	return ""
}

// sqliteReason translates SQLite's primary result codes that a person can
// do something about.
func sqliteReason(code int) string {
	switch code & 0xff {
	case 5, 6: // SQLITE_BUSY, SQLITE_LOCKED
		return "台账正被另一个程序（可能是另一个窗口或命令）使用。请稍后重试。"
	case 8: // SQLITE_READONLY
		return "台账文件不可写。请把它复制到可写的文件夹再打开。"
	case 10, 14: // SQLITE_IOERR, SQLITE_CANTOPEN
		return "读写台账文件时出错（磁盘、U 盘或网络盘可能已断开）。请检查后重试。"
	case 11, 26: // SQLITE_CORRUPT, SQLITE_NOTADB
		return "台账文件已损坏。请在“设置 → 备份”中恢复最近的备份。"
	case 13: // SQLITE_FULL
		return "磁盘空间不足。请清理磁盘后重试。"
	}
	return ""
}

// Reason returns the cause of a failed file operation in a few Chinese
// words (没有写入权限, 磁盘空间不足, 文件或文件夹不存在), for a message that says
// itself what failed: "无法写入 " + path + "：" + ledger.Reason(err). It never
// returns English.
func Reason(err error) string { return osReason(err) }

// osReason translates the common file system errors into Chinese.
func osReason(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "文件或文件夹不存在"
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return "没有写入权限"
	case errors.Is(err, syscall.ENOSPC):
		return "磁盘空间不足"
	case errors.Is(err, fs.ErrExist):
		return "已经存在"
	}
	return "系统拒绝了这次读写"
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
