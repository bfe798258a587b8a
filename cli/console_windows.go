package cli

import (
	"os"
	"syscall"
)

// The Windows program is linked as a GUI program (-H windowsgui) so that no
// console window opens behind the window. Windows then gives it no standard
// streams, even when it is started from a console. attachConsole joins the
// console of the process that started it (cmd.exe, PowerShell) and opens
// the console for each stream that was not redirected, so the headless
// commands print where they were typed; a stream redirected to a file or a
// pipe (taizhang stats x.taizhang > 统计.txt) is kept as it is. Started from
// Explorer there is no parent console and nothing changes. The exit code is
// the command's either way.

var (
	kernel32          = syscall.NewLazyDLL("kernel32.dll")
	procAttachConsole = kernel32.NewProc("AttachConsole")
	procSetStdHandle  = kernel32.NewProc("SetStdHandle")
	procGetFileType   = kernel32.NewProc("GetFileType")
)

const attachParentProcess = ^uintptr(0) // ATTACH_PARENT_PROCESS, (DWORD)-1

func attachConsole() {
	streams := []struct {
		id   int
		file **os.File
		name string
		mode uint32
	}{
		{syscall.STD_INPUT_HANDLE, &os.Stdin, "CONIN$", syscall.GENERIC_READ},
		{syscall.STD_OUTPUT_HANDLE, &os.Stdout, "CONOUT$", syscall.GENERIC_WRITE},
		{syscall.STD_ERROR_HANDLE, &os.Stderr, "CONOUT$", syscall.GENERIC_WRITE},
	}
	missing := false
	for _, s := range streams {
		missing = missing || !usable(s.id)
	}
	if !missing {
		return
	}
	if r, _, _ := procAttachConsole.Call(attachParentProcess); r == 0 {
		return // no parent console (Explorer, a shortcut)
	}
	for _, s := range streams {
		if usable(s.id) {
			continue
		}
		name, _ := syscall.UTF16PtrFromString(s.name)
		h, err := syscall.CreateFile(name, s.mode|syscall.GENERIC_READ, syscall.FILE_SHARE_READ|syscall.FILE_SHARE_WRITE, nil, syscall.OPEN_EXISTING, 0, 0)
		if err != nil {
			continue
		}
		procSetStdHandle.Call(uintptr(s.id), uintptr(h))
		*s.file = os.NewFile(uintptr(h), s.name)
	}
}

// usable reports whether the standard stream id has a handle a program can
// use (a console, a file or a pipe).
func usable(id int) bool {
	h, err := syscall.GetStdHandle(id)
	if err != nil || h == 0 || h == syscall.InvalidHandle {
		return false
	}
	t, _, _ := procGetFileType.Call(uintptr(h))
	return t != 0 // FILE_TYPE_UNKNOWN: not a usable handle
}
