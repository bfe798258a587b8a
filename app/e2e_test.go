package app

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2/theme"

	"taizhang/ledger"
	"taizhang/ledger/ledgertest"
)

// TestEndToEndDrag starts the real program in a real X window (Xvfb), drags
// an opinion onto a problem card with the mouse (xdotool), quits, and checks
// the ledger file — and that the headless command agrees.
//
// It needs Xvfb, xdotool and ImageMagick's import; without them it is
// skipped. Set TAIZHANG_E2E_SHOTS=dir to keep the screenshots, and
// TAIZHANG_BIN to use a program already built.
func TestEndToEndDrag(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped with -short")
	}
	for _, tool := range []string{"Xvfb", "xdotool", "import"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("end-to-end test skipped: %s is not installed (apt-get install -y xvfb xdotool imagemagick)", tool)
		}
	}
	tmp := t.TempDir()
	shots := os.Getenv("TAIZHANG_E2E_SHOTS")
	if shots == "" {
		shots = tmp
	}

	// The program, built from this module (or TAIZHANG_BIN, already built).
	bin := os.Getenv("TAIZHANG_BIN")
	if bin == "" {
		bin = filepath.Join(tmp, "taizhang")
		// The packages are compiled already (this test's own build); a cold
		// link still takes a while on a busy machine.
		bctx, bcancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer bcancel()
		build := exec.CommandContext(bctx, "go", "build", "-o", bin, "taizhang")
		build.Dir = ".."
		if out, err := build.CombinedOutput(); err != nil {
			t.Fatalf("go build: %v\n%s", err, out)
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()

	// A ledger: thirty unsorted opinions and one problem holding the first.
	l := ledgertest.New(t, ledger.Info{Unit: "端到端测试单位"}, ledger.Options{})
	path := l.Path()
	var ops []int64
	for i := 0; i < 30; i++ {
		id, err := l.AddOpinion(ledger.Opinion{Text: fmt.Sprintf("第 %d 条意见：会议太多，文件太多。", i+1), Channel: ledger.Channels[i%8]})
		if err != nil {
			t.Fatal(err)
		}
		ops = append(ops, id)
	}
	problem, err := l.NewProblem(ledger.Problem{Title: "文山会海", Category: ledger.Formalism}, ops[0])
	if err != nil {
		t.Fatal(err)
	}
	l.Close()

	display := e2eXvfb(t, ctx)
	env := append(os.Environ(), "DISPLAY="+display, "LANG=zh_CN.UTF-8", "TAIZHANG_TAB=梳理",
		"XDG_CONFIG_HOME="+filepath.Join(tmp, "config"), "HOME="+tmp)
	var appLog bytes.Buffer
	app := exec.Command(bin, path)
	app.Env, app.Stdout, app.Stderr = env, &appLog, &appLog
	app.WaitDelay = 5 * time.Second // never wait on a pipe a grandchild kept open
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{}) // closed when the program has exited
	go func() { app.Wait(); close(exited) }()
	defer func() {
		app.Process.Kill()
		<-exited
	}()
	xdo := func(args ...string) string {
		t.Helper()
		cmd := exec.CommandContext(ctx, "xdotool", args...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("xdotool %s: %v\n%s\napp log:\n%s", strings.Join(args, " "), err, out, appLog.String())
		}
		return string(out)
	}
	shot := func(name string) image.Image {
		t.Helper()
		file := filepath.Join(shots, name)
		cmd := exec.CommandContext(ctx, "import", "-window", "root", file)
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("import: %v\n%s", err, out)
		}
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		img, err := png.Decode(f)
		if err != nil {
			t.Fatal(err)
		}
		return img
	}

	// The window: wait until it is mapped, then until the board shows the card.
	var wid string
	for deadline := time.Now().Add(30 * time.Second); ; {
		cmd := exec.CommandContext(ctx, "xdotool", "search", "--onlyvisible", "--name", "意见台账")
		cmd.Env = env
		if out, err := cmd.Output(); err == nil && strings.TrimSpace(string(out)) != "" {
			wid = strings.Fields(string(out))[0]
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no window appeared\n%s", appLog.String())
		}
		time.Sleep(200 * time.Millisecond)
	}
	geo := map[string]int{}
	for _, line := range strings.Split(xdo("getwindowgeometry", "--shell", wid), "\n") {
		if k, v, ok := strings.Cut(strings.TrimSpace(line), "="); ok {
			geo[k], _ = strconv.Atoi(v)
		}
	}
	wx, wy, ww, wh := geo["X"], geo["Y"], geo["WIDTH"], geo["HEIGHT"]
	if ww < 800 || wh < 500 {
		t.Fatalf("window geometry %v", geo)
	}

	// The layout: the unsorted list takes the left 27% of the width and the
	// five columns share the rest; the 形式主义 card is the first box of the
	// card colour in the first column. The opinion dragged is whichever row
	// lies in the middle of the list.
	cardX := wx + int(float64(ww)*0.27) + int(float64(ww)*0.73/10)
	var cardY int
	var img image.Image
	for deadline := time.Now().Add(20 * time.Second); ; {
		img = shot("e2e-1-before.png")
		if cardY = e2eFindCard(img, cardX, wy+40, wy+wh/2); cardY > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the board with the problem card did not appear (see %s)\n%s", filepath.Join(shots, "e2e-1-before.png"), appLog.String())
		}
		time.Sleep(300 * time.Millisecond)
	}
	fromX, fromY := wx+int(float64(ww)*0.12), wy+int(float64(wh)*0.55)
	toX, toY := cardX, cardY+30

	// Drag like a person: press, move in steps, look, release.
	xdo("mousemove", strconv.Itoa(fromX), strconv.Itoa(fromY))
	time.Sleep(150 * time.Millisecond)
	xdo("mousedown", "1")
	for i := 1; i <= 10; i++ {
		time.Sleep(40 * time.Millisecond)
		xdo("mousemove", strconv.Itoa(fromX+(toX-fromX)*i/10), strconv.Itoa(fromY+(toY-fromY)*i/10))
	}
	time.Sleep(300 * time.Millisecond)
	during := shot("e2e-2-during.png")
	xdo("mouseup", "1")

	// The write is committed (WAL) when the reader sees it.
	var got []int64
	for deadline := time.Now().Add(15 * time.Second); ; {
		if got = e2eProblemOpinions(t, path, problem); len(got) == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the drop did not reach the ledger: problem has %v (see %s)\n%s", got, filepath.Join(shots, "e2e-2-during.png"), appLog.String())
		}
		time.Sleep(200 * time.Millisecond)
	}
	time.Sleep(400 * time.Millisecond) // let the window redraw
	shot("e2e-3-after.png")
	if !e2eChangedAround(img, during, toX, toY) {
		t.Errorf("nothing on screen marked the drop target while dragging (see %s)", filepath.Join(shots, "e2e-2-during.png"))
	}

	// The keyboard, in the same window: Space selects the opinion under the
	// cursor, 3 makes a 享乐主义 problem of it, Enter keeps the proposed
	// title; Ctrl+Z takes it back, Ctrl+Shift+Z brings it back.
	countIn := func(cat string) int {
		l, err := ledger.Open(path, ledger.Options{NoDailyBackup: true})
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		ps, _ := l.Problems()
		n := 0
		for _, p := range ps {
			if p.Category == cat {
				n++
			}
		}
		return n
	}
	waitFor := func(what string, ok func() bool) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); !ok(); time.Sleep(200 * time.Millisecond) {
			if time.Now().After(deadline) {
				shot("e2e-failed.png")
				t.Fatalf("%s did not happen (see %s)\n%s", what, filepath.Join(shots, "e2e-failed.png"), appLog.String())
			}
		}
	}
	xdo("key", "space")
	time.Sleep(200 * time.Millisecond)
	xdo("key", "3")
	time.Sleep(500 * time.Millisecond)
	xdo("key", "Return")
	waitFor("pressing 3 (a new 享乐主义 problem)", func() bool { return countIn(ledger.Hedonism) == 1 })
	time.Sleep(300 * time.Millisecond)
	shot("e2e-4-keyboard.png")
	xdo("key", "ctrl+z")
	waitFor("Ctrl+Z", func() bool { return countIn(ledger.Hedonism) == 0 })
	xdo("key", "ctrl+shift+z")
	waitFor("Ctrl+Shift+Z", func() bool { return countIn(ledger.Hedonism) == 1 })

	// Quit, then check the file.
	app.Process.Signal(syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(10 * time.Second):
		app.Process.Kill()
		t.Log("the program did not quit on SIGTERM within 10 s; killed")
	}
	got = e2eProblemOpinions(t, path, problem)
	if len(got) != 2 || got[0] != ops[0] || !slices.Contains(ops[1:], got[1]) {
		t.Fatalf("after quitting, the problem has %v; want the first opinion and one dragged one", got)
	}
	l2, err := ledger.Open(path, ledger.Options{NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	label := l2.UndoLabel()
	l2.Close()
	if !strings.HasPrefix(label, "新建问题") {
		t.Errorf("after a restart the undo step is %q, want the new problem", label)
	}

	// The headless command agrees with what the window did.
	cmd := exec.CommandContext(ctx, bin, "problems", path, "--json")
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	var listed []struct {
		ID       int64   `json:"id"`
		Opinions []int64 `json:"opinions"`
	}
	if err := json.Unmarshal(out, &listed); err != nil {
		t.Fatal(err)
	}
	if len(listed) != 2 || listed[0].ID != problem || !slices.Equal(listed[0].Opinions, got) || len(listed[1].Opinions) != 1 {
		t.Errorf("taizhang problems --json says %s", out)
	}
}

// e2eXvfb starts a virtual X server and returns its display name.
func e2eXvfb(t *testing.T, ctx context.Context) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	x := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	x.WaitDelay = 5 * time.Second
	x.ExtraFiles = []*os.File{w}
	if err := x.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	t.Cleanup(func() { x.Process.Kill(); x.Wait() })
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case s := <-line:
		if s == "" {
			t.Fatal("Xvfb did not start")
		}
		return ":" + s
	case <-time.After(10 * time.Second):
		t.Fatal("Xvfb did not start within 10 s")
	case <-ctx.Done():
		t.Fatal(ctx.Err())
	}
	return ""
}

// e2eFindCard returns the y of the top of the first card-coloured run at least
// 40 pixels tall in column x between y0 and y1, or 0.
func e2eFindCard(img image.Image, x, y0, y1 int) int {
	want := []color.Color{
		theme.DefaultTheme().Color(theme.ColorNameInputBackground, theme.VariantLight),
		theme.DefaultTheme().Color(theme.ColorNameInputBackground, theme.VariantDark),
	}
	run, start := 0, 0
	for y := y0; y < y1; y++ {
		if slices.ContainsFunc(want, func(c color.Color) bool { return e2eNear(img.At(x, y), c) }) {
			if run == 0 {
				start = y
			}
			if run++; run >= 40 {
				return start
			}
		} else {
			run = 0
		}
	}
	return 0
}

func e2eNear(a, b color.Color) bool {
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	d := func(x, y uint32) uint32 {
		if x > y {
			return x - y
		}
		return y - x
	}
	return d(ar, br)>>8 < 6 && d(ag, bg)>>8 < 6 && d(ab, bb)>>8 < 6
}

// e2eChangedAround reports whether the pixels around (x, y) differ between two
// screenshots (the highlight and the floating label).
func e2eChangedAround(a, b image.Image, x, y int) bool {
	diff := 0
	for dy := -20; dy <= 20; dy += 2 {
		for dx := -60; dx <= 60; dx += 2 {
			if !e2eNear(a.At(x+dx, y+dy), b.At(x+dx, y+dy)) {
				diff++
			}
		}
	}
	return diff > 50
}

// e2eProblemOpinions reads a problem's opinions from the file, as another
// process would.
func e2eProblemOpinions(t *testing.T, path string, problem int64) []int64 {
	t.Helper()
	l, err := ledger.Open(path, ledger.Options{NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	ids, err := l.ProblemOpinionIDs(problem)
	if err != nil {
		t.Fatal(err)
	}
	return ids
}
