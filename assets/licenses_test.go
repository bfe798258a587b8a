package assets

import (
	"os/exec"
	"strings"
	"testing"
)

// TestLicensesAreCurrent regenerates the licence list from the module list
// and fails when licenses.json differs (a dependency was added, removed or
// upgraded without make licenses).
func TestLicensesAreCurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("needs the go command and the module cache")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	cmd := exec.Command("go", "run", "./.ci/licenses", "-check", "assets/licenses.json")
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
}

// TestLicensesCoverWhatIsLinked checks the embedded list as the About
// dialog reads it: the toolchain first, then the libraries the program is
// made of, each with a recognised licence and its text.
func TestLicensesCoverWhatIsLinked(t *testing.T) {
	list := Licenses()
	if len(list) < 10 || !strings.HasPrefix(list[0].Path, "Go") {
		t.Fatalf("licence list starts %v, want the Go toolchain then the modules", list[:min(len(list), 2)])
	}
	seen := map[string]bool{}
	for _, l := range list {
		seen[l.Path] = true
		if l.License == "" || len(l.Files) == 0 || strings.TrimSpace(l.Files[0].Text) == "" {
			t.Errorf("%s %s: licence %q with %d files", l.Path, l.Version, l.License, len(l.Files))
		}
	}
	for _, want := range []string{"fyne.io/fyne/v2", "github.com/blevesearch/bleve/v2", "github.com/xuri/excelize/v2", "github.com/go-pdf/fpdf", "modernc.org/sqlite"} {
		if !seen[want] {
			t.Errorf("%s is linked into the program but missing from the licence list", want)
		}
	}
}
