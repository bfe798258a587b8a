package app

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"fyne.io/fyne/v2"

	"taizhang/app/instance"
)

// One window per user (package instance): a second start — the Start menu
// again, a double-click on another ledger — hands its ledger to the window
// that runs, which opens it (or says it is open) and comes to the front;
// the second program then exits without a window of its own.

// configDir is the user's folder of 意见台账 (settings, the demo ledger).
func configDir() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "taizhang")
}

// socketDir is where the running window's socket lives: the configuration
// folder, except on Windows, where that folder (%APPDATA%) roams with the
// user's profile and the local one (%LOCALAPPDATA%) is the right place.
func socketDir() string {
	if runtime.GOOS == "windows" {
		if dir, err := os.UserCacheDir(); err == nil {
			return filepath.Join(dir, "taizhang")
		}
	}
	return configDir()
}

// claimWindow makes this program the user's window, or hands what args ask
// for to the window already running and reports true (the caller exits). If
// neither works (no socket can be made) this program goes on as a window of
// its own: srv is then nil.
func claimWindow(args []string) (srv *instance.Server, handed bool) {
	var req instance.Request
	switch {
	case len(args) > 0 && args[0] == "--demo":
		req.Demo = true
	case len(args) > 0:
		req.Open = args[0]
		if abs, err := filepath.Abs(args[0]); err == nil {
			req.Open = abs
		}
	}
	srv, reply, err := instance.Claim(socketDir(), req)
	if reply != nil {
		if isTerminal(os.Stderr) { // a desktop launcher has no one to tell
			fmt.Fprintln(os.Stderr, reply.Message)
		}
		return nil, true
	}
	if err != nil {
		return nil, false
	}
	return srv, false
}

// isTerminal reports whether f is a terminal (a person typed the command).
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// serveSecondStarts answers the later starts' requests on the window's
// goroutine. A window too busy to answer within ten seconds says so.
func (u *UI) serveSecondStarts(srv *instance.Server) {
	if srv == nil {
		return
	}
	srv.Serve(func(r instance.Request) instance.Reply {
		reply := make(chan instance.Reply, 1)
		fyne.Do(func() { reply <- u.takeSecondStart(r) })
		select {
		case rep := <-reply:
			return rep
		case <-time.After(10 * time.Second):
			return instance.Reply{Message: "意见台账已在运行，但窗口正忙，请稍后再试。"}
		}
	})
}

// takeSecondStart does what a second start asked for and says what it did.
func (u *UI) takeSecondStart(r instance.Request) instance.Reply {
	u.Win.RequestFocus()
	switch {
	case r.Demo:
		u.openDemo()
		return instance.Reply{Message: "意见台账已在运行，已在它的窗口中打开示例台账。"}
	case r.Open == "":
		return instance.Reply{Message: "意见台账已在运行，已切换到它的窗口。"}
	}
	if cur := u.Ledger(); cur != nil && cur.Path() == r.Open {
		u.Notify("这个台账已经打开：" + filepath.Base(r.Open))
		return instance.Reply{Message: "这个台账已经在意见台账的窗口中打开：" + r.Open}
	}
	u.openPath(r.Open)
	return instance.Reply{Message: "意见台账已在运行，已在它的窗口中打开：" + r.Open}
}
