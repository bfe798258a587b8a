// Command licenses writes the licences of everything linked into taizhang —
// the Go toolchain's standard library and runtime, and every module whose
// packages the program imports on Linux or Windows — as the JSON file the
// About dialog shows (assets/licenses.json), or as plain text for the
// packages (the .deb's copyright file, LICENSES.txt in the Windows install).
//
// It reads the module list from `go list -deps -json` (for GOOS=linux and
// GOOS=windows, so the file is the same on either build machine) and each
// module's licence files (LICENSE*, LICENCE*, COPYING*, PATENTS*, NOTICE*)
// from the module cache: at the package's folder, the folders above it up to
// the module root, and folders below it that hold no Go package (bundled C
// sources such as GLFW's). Nothing is typed by hand: a module without a
// licence file, or with a licence it does not recognise or that offices may
// not use freely (GPL, LGPL, AGPL), stops it with a message.
//
//	go run ./.ci/licenses -o assets/licenses.json   # write
//	go run ./.ci/licenses -check assets/licenses.json
//	go run ./.ci/licenses -text -o out/LICENSES.txt
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
)

func main() {
	out := flag.String("o", "", "write to this file (default: standard output)")
	check := flag.String("check", "", "compare with this file and fail if it is stale")
	text := flag.Bool("text", false, "plain text instead of JSON")
	flag.Parse()
	mods, err := collect(".")
	if err != nil {
		fail(err)
	}
	var data []byte
	if *text {
		data = renderText(mods)
	} else if data, err = renderJSON(mods); err != nil {
		fail(err)
	}
	switch {
	case *check != "":
		old, err := os.ReadFile(*check)
		if err != nil {
			fail(err)
		}
		if !bytes.Equal(old, data) {
			fail(fmt.Errorf("%s 已过期（go.mod 或依赖变了）：请运行 make licenses 重新生成", *check))
		}
	case *out != "":
		if err := os.WriteFile(*out, data, 0o644); err != nil {
			fail(err)
		}
	default:
		os.Stdout.Write(data)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "licenses:", err)
	os.Exit(1)
}
