// Command taizhang is 意见台账: with no arguments (or a ledger file) it opens
// the window; with a command (taizhang import …, taizhang report …) it works
// headless for scripts, batch work and tests.
package main

import (
	// First: sets the locale before Fyne's packages read it.
	_ "taizhang/app/locale"

	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	"taizhang/app"
	"taizhang/cli"
	"taizhang/ledger"
)

func main() {
	args := os.Args[1:]
	if !wantsWindow(args) {
		// A command, help, or a word that is neither: cli.Main answers an
		// unknown word with the list of commands and exit code 2.
		cli.Exit(args)
	}
	if !hasDisplay(os.Getenv) {
		os.Exit(noDisplay(os.Stderr))
	}
	app.Main(args)
}

// windowFlags are the flags app.Main understands.
var windowFlags = []string{"--demo"}

// wantsWindow decides what the arguments ask for: the window when there are
// none, when the first is one of the window's flags, a ledger path
// (name.taizhang, existing or not: the window says what is wrong with it) or an
// existing file (the window refuses a foreign file with a message); anything
// else goes to the commands, a registered command word first.
func wantsWindow(args []string) bool {
	if len(args) == 0 {
		return true
	}
	a := args[0]
	switch {
	case cli.IsCommand(a):
		return false
	case strings.HasPrefix(a, "-"):
		for _, f := range windowFlags {
			if a == f {
				return true
			}
		}
		return false
	case strings.HasSuffix(strings.ToLower(a), ledger.Extension):
		return true
	}
	st, err := os.Stat(a)
	return err == nil && st.Mode().IsRegular()
}

// hasDisplay reports whether a window can be opened. On Linux and the BSDs a
// window needs an X11 or Wayland display; elsewhere there always is one.
func hasDisplay(getenv func(string) string) bool {
	switch runtime.GOOS {
	case "windows", "darwin", "android", "ios", "js":
		return true
	}
	return getenv("DISPLAY") != "" || getenv("WAYLAND_DISPLAY") != ""
}

// noDisplay says, in Chinese, why the window cannot open and what to do
// instead, and returns the exit code.
func noDisplay(w io.Writer) int {
	fmt.Fprint(w, "taizhang：没有可用的图形显示（未设置 DISPLAY 或 WAYLAND_DISPLAY），无法打开窗口。\n"+
		"请在桌面环境中运行；在服务器或脚本中请使用命令，例如 taizhang opinions 台账.taizhang。\n"+
		"taizhang help 列出全部命令。\n")
	return 1
}
