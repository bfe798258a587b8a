package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// TestMain lets the tests run the real main in a child process: the test
// binary is taizhang when TAIZHANG_RUN_MAIN is set.
func TestMain(m *testing.M) {
	if os.Getenv("TAIZHANG_RUN_MAIN") == "1" {
		os.Args = append([]string{"taizhang"}, os.Args[1:]...)
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// runMain runs main with args and env (added to a copy of the environment
// without any display) and returns the exit code and output.
func runMain(t *testing.T, env []string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "DISPLAY=") && !strings.HasPrefix(kv, "WAYLAND_DISPLAY=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "TAIZHANG_RUN_MAIN=1")
	cmd.Env = append(cmd.Env, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, out.String(), errb.String()
}

func TestWantsWindow(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "别的文件.xlsx")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want bool
	}{
		{nil, true},
		{[]string{"--demo"}, true},
		{[]string{filepath.Join(dir, "台账.taizhang")}, true}, // missing: the window says so
		{[]string{filepath.Join(dir, "台账.TAIZHANG")}, true},
		{[]string{file}, true}, // the window refuses a foreign file with a message
		{[]string{"opinions", "x.taizhang"}, false},
		{[]string{"help"}, false},
		{[]string{"--help"}, false},
		{[]string{"opinion", "x.taizhang"}, false}, // a typo is a usage error, not the window
		{[]string{"--demoo"}, false},
		{[]string{dir}, false}, // a folder is not a ledger
		{[]string{filepath.Join(dir, "nothing.xlsx")}, false},
	} {
		if got := wantsWindow(c.args); got != c.want {
			t.Errorf("wantsWindow(%q) = %v, want %v", c.args, got, c.want)
		}
	}
}

// TestUnknownCommandIsAUsageError: a typo used to open the window (and panic
// without a display); now it exits 2 with the list of commands.
func TestUnknownCommandIsAUsageError(t *testing.T) {
	code, out, errs := runMain(t, nil, "opinion", "x.taizhang")
	if code != 2 {
		t.Fatalf("exit %d, want 2; stdout %q stderr %q", code, out, errs)
	}
	for _, want := range []string{"没有“opinion”这个命令", "taizhang opinions", "taizhang import"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if strings.Contains(errs, "goroutine") || strings.Contains(errs, "panic") {
		t.Errorf("a Go stack trace:\n%s", errs)
	}
}

// TestNoDisplaySaysSoInChinese: the window on a machine without a display
// says so and exits 1 instead of panicking in GLFW.
func TestNoDisplaySaysSoInChinese(t *testing.T) {
	for _, args := range [][]string{nil, {"--demo"}, {filepath.Join(t.TempDir(), "a.taizhang")}} {
		code, _, errs := runMain(t, []string{"HOME=" + t.TempDir()}, args...)
		if code != 1 || !strings.Contains(errs, "没有可用的图形显示") || strings.Contains(errs, "goroutine") {
			t.Errorf("taizhang %q without a display: exit %d, stderr:\n%s", args, code, errs)
		}
	}
}

func TestHasDisplay(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("only Linux and the BSDs need DISPLAY or WAYLAND_DISPLAY")
	}
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	if hasDisplay(env(nil)) {
		t.Error("no DISPLAY, no WAYLAND_DISPLAY: a display?")
	}
	if !hasDisplay(env(map[string]string{"DISPLAY": ":99"})) || !hasDisplay(env(map[string]string{"WAYLAND_DISPLAY": "wayland-0"})) {
		t.Error("a display not seen")
	}
}

// goPackage is what go list says of a package.
type goPackage struct {
	ImportPath string
	Name       string
	Imports    []string
	Deps       []string
}

// TestImports checks the layout's rules with go list: only app (and main,
// through app) depends on Fyne, and no package outside the tests depends on
// testing, except the test-helper packages (…test), which only tests import.
func TestImports(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go not in PATH")
	}
	out, err := exec.Command("go", "list", "-json=ImportPath,Name,Imports,Deps", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var pkgs []goPackage
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var p goPackage
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) < 8 {
		t.Fatalf("go list found %d packages", len(pkgs))
	}
	helper := func(p goPackage) bool { return strings.HasSuffix(p.ImportPath, "test") }
	for _, p := range pkgs {
		fyne := p.ImportPath == "taizhang/app" || p.ImportPath == "taizhang"
		for _, d := range p.Deps {
			if strings.HasPrefix(d, "fyne.io/") && !fyne {
				t.Errorf("%s depends on %s: only taizhang/app may use Fyne", p.ImportPath, d)
				break
			}
		}
		for _, d := range p.Deps {
			if !helper(p) && strings.HasSuffix(d, "test") && strings.HasPrefix(d, "taizhang/") {
				t.Errorf("%s imports the test helper %s outside its tests", p.ImportPath, d)
			}
		}
		if helper(p) {
			continue
		}
		imports := slices.Contains(p.Imports, "testing")
		switch known := knownTestingImport[p.ImportPath]; {
		case imports && !known:
			t.Errorf("%s imports testing outside its tests", p.ImportPath)
		case known && !imports:
			t.Errorf("%s no longer imports testing: delete its entry in knownTestingImport (main_test.go)", p.ImportPath)
		}
	}
}

// knownTestingImport lists the packages that still import testing in
// production code, each with the change that removes it.
var knownTestingImport = map[string]bool{
	"taizhang/app": true, // app/search.go: testing.Testing(); the window's background-job change removes it
}
