// Command taizhang is 意见台账: with no arguments (or a ledger file) it opens
// the window; with a subcommand (taizhang import …, taizhang report …) it
// works headless for scripts, batch work and tests.
package main

import (
	// First: sets the locale before Fyne's packages read it.
	_ "taizhang/app/locale"

	"os"

	"taizhang/app"
	"taizhang/app/cli"
)

func main() {
	if len(os.Args) > 1 && cli.IsCommand(os.Args[1]) {
		cli.Exit(os.Args[1:])
	}
	app.Main(os.Args[1:])
}
