//go:build unix

package importer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Item 14: a FIFO is refused at once (opening it would wait for a writer
// forever), and a /proc file is not called "0 字节".
func TestNonRegularFiles(t *testing.T) {
	p := filepath.Join(t.TempDir(), "管道.csv")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skip("mkfifo:", err)
	}
	l := newLedger(t)
	done := make(chan error, 1)
	go func() {
		_, err := Import(context.Background(), l, p, Options{Channel: "意见箱"})
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), "管道") {
			t.Errorf("err = %v", err)
		}
	case <-time.After(10 * time.Second):
		// Let the stuck open return, then fail.
		if f, err := os.OpenFile(p, os.O_WRONLY, 0); err == nil {
			f.Close()
		}
		<-done
		t.Fatal("importing a FIFO hung")
	}

	if _, err := os.Stat("/proc/self/environ"); err != nil {
		t.Skip("no /proc")
	}
	_, err := Import(context.Background(), l, "/proc/self/environ", Options{Channel: "意见箱"})
	if err == nil || strings.Contains(err.Error(), "0 字节") || !strings.Contains(err.Error(), "虚拟文件") {
		t.Errorf("err = %v", err)
	}
}
