// Package locale makes the process speak Simplified Chinese before Fyne
// reads the locale.
//
// Fyne looks the locale up while its packages initialise: under LANG=C (a
// server, a script, CI) it logs "Error parsing user locale C" on every run,
// headless commands included, and on an English desktop its own dialogs
// (file chooser, buttons) come out in English. The product is Chinese only,
// so this package sets the message locale to zh_CN in its init. It imports
// nothing but os, so it is initialised before Fyne's lang package (a test of
// the binary, cli TestNoFyneLocaleNoise, guards that order). main
// imports it first.
package locale

import (
	"os"
	"strings"
)

func init() {
	os.Setenv("LANGUAGE", "zh_CN")
	os.Setenv("LC_MESSAGES", "zh_CN.UTF-8")
	if all := os.Getenv("LC_ALL"); all != "" && !strings.HasPrefix(all, "zh") {
		os.Setenv("LC_ALL", "zh_CN.UTF-8")
	}
}
