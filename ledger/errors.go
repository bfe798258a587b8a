package ledger

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
)

// Error is an error a person can act on. Msg is Simplified Chinese and says
// what happened and what to do; Err is the underlying cause, if any.
type Error struct {
	Msg string
	Err error
}

func (e *Error) Error() string { return e.Msg }

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

func userErr(cause error, format string, args ...any) error {
	return &Error{Msg: fmt.Sprintf(format, args...), Err: cause}
}

// ErrNotFound is returned (wrapped) when an opinion, problem or leader does
// not exist.
var ErrNotFound = errors.New("not found")

// Message returns the Chinese message of err if it carries one, and a
// generic message with the error text otherwise.
func Message(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Msg
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Sprintf("无法访问文件 %s：%s", pe.Path, osReason(pe.Err))
	}
	return "操作失败：" + err.Error()
}

// osReason translates the common file system errors into Chinese.
func osReason(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "文件或文件夹不存在"
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return "没有写入权限"
	case errors.Is(err, syscall.ENOSPC):
		return "磁盘空间不足"
	}
	return err.Error()
}
