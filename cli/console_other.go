//go:build !windows

package cli

// attachConsole is needed only on Windows (see console_windows.go): elsewhere
// a program always has the standard streams it was started with.
func attachConsole() {}
