package ledger

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
)

// english finds a run of Latin letters: what a person must never be shown
// (file names aside).
var english = regexp.MustCompile(`[A-Za-z]{3,}`)

// codedErr stands for a driver error that carries a result code, as
// modernc.org/sqlite's *sqlite.Error does.
type codedErr struct{ code int }

func (e codedErr) Error() string { return fmt.Sprintf("database is locked (%d)", e.code) }
func (e codedErr) Code() int     { return e.code }

func TestMessageIsChineseAndKeepsTheCause(t *testing.T) {
	bolt := errors.New("bolt: timeout")
	for _, c := range []struct {
		name string
		err  error
		want string // part of the Chinese message
	}{
		{"search's English wrap", fmt.Errorf("search: build index: %w", bolt), "请重试"},
		{"a bare English error", errors.New("sql: database is closed"), "请重试"},
		{"cancelled", fmt.Errorf("search: sync: %w", context.Canceled), "已取消"},
		{"deadline", fmt.Errorf("report: %w", context.DeadlineExceeded), "超时"},
		{"busy ledger", fmt.Errorf("ledger: write: %w", codedErr{5}), "另一个程序"},
		{"busy with an extended code", codedErr{5 | 2<<8}, "另一个程序"},
		{"damaged file", codedErr{11}, "备份"},
		{"disk full", fmt.Errorf("write: %w", syscall.ENOSPC), "磁盘空间不足"},
		{"unknown driver code", codedErr{1}, "请重试"},
	} {
		msg := Message(c.err)
		if !strings.Contains(msg, c.want) || english.MatchString(msg) {
			t.Errorf("%s: Message = %q; want Chinese containing %q", c.name, msg, c.want)
		}
	}
	wrapped := fmt.Errorf("search: build index: %w", bolt)
	if !errors.Is(wrapped, bolt) || !strings.Contains(wrapped.Error(), "bolt: timeout") {
		t.Errorf("the cause is not kept: %v", wrapped)
	}
	if Message(nil) != "" {
		t.Errorf("Message(nil) = %q", Message(nil))
	}
}

func TestErrorKeepsItsCauseForLogs(t *testing.T) {
	cause := &fs.PathError{Op: "open", Path: "x.taizhang", Err: fs.ErrPermission}
	e := &Error{Msg: "无法创建台账文件 x.taizhang：没有写入权限", Err: cause}
	if Message(e) != e.Msg {
		t.Errorf("Message = %q, want the Msg alone", Message(e))
	}
	if got := e.Error(); !strings.HasPrefix(got, e.Msg) || !strings.Contains(got, "permission denied") {
		t.Errorf("Error() = %q: the cause is dropped", got)
	}
	if !errors.Is(e, fs.ErrPermission) {
		t.Error("errors.Is does not reach the cause")
	}
	// The first *Error in a chain gives the message, however deep.
	if got := Message(fmt.Errorf("cli: add: %w", e)); got != e.Msg {
		t.Errorf("wrapped: Message = %q", got)
	}
	// No cause, or a cause the message already quotes: no repetition.
	if got := (&Error{Msg: "意见内容为空"}).Error(); got != "意见内容为空" {
		t.Errorf("Error() = %q", got)
	}
	if got := (&Error{Msg: "失败：boom", Err: errors.New("boom")}).Error(); got != "失败：boom" {
		t.Errorf("Error() = %q", got)
	}
}

// TestLedgerErrorsReachAPersonInChinese: errors the ledger returns from a
// failing file system carry a Chinese message and the cause.
func TestLedgerErrorsReachAPersonInChinese(t *testing.T) {
	dir := t.TempDir()
	_, err := Create(filepath.Join(dir, "没有这个文件夹", "a"+Extension), Info{Unit: "单位"})
	if err == nil {
		t.Fatal("created a ledger in a missing folder")
	}
	if msg := Message(err); english.MatchString(strings.ReplaceAll(msg, filepath.Join(dir, "没有这个文件夹", "a"+Extension), "")) || !strings.Contains(msg, "不存在") {
		t.Errorf("Message = %q", msg)
	}
	if !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("cause lost: %v", err)
	}
}
