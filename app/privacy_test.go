package app

import (
	"bytes"
	"context"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"taizhang/cli"
	"taizhang/ledger"
	"taizhang/ledger/ledgertest"
	"taizhang/reports"
	"taizhang/search"
)

// output is what one output path showed of a ledger.
type output struct {
	path  string // e.g. "taizhang opinions --json", "窗口：意见详情"
	text  string
	shows bool   // it shows opinions' texts: one of them must be there
	want  string // else, if set, what it must show
}

// openings are the first ten characters of each opinion: a table in a PDF
// may break a text across its lines.
func openings() []string {
	var out []string
	for _, s := range ledgertest.PersonalTexts {
		out = append(out, string([]rune(s)[:10]))
	}
	return out
}

// TestNothingPersonalLeavesWithoutTheInternalView walks every output path
// with a ledger whose opinions carry distinctive submitters, contacts and
// identifying attributes (ledgertest.Personal): the commands, the reports
// (feedback sheets included, even when an internal copy is asked for), the
// workbook, the search index and the window's opinion table, detail pane and
// board. None may show a secret; each must show the opinions themselves,
// so that a path that shows nothing cannot pass. The internal view, asked
// for in its one way, does show them.
func TestNothingPersonalLeavesWithoutTheInternalView(t *testing.T) {
	l := ledgertest.Personal(t)
	var outs []output
	outs = append(outs, commandOutputs(t, l.Path())...)
	outs = append(outs, reportOutputs(t, l)...)
	outs = append(outs, indexOutputs(t, l)...)
	outs = append(outs, windowOutputs(t, l, false)...)
	for _, o := range outs {
		for _, s := range ledgertest.Secrets {
			if strings.Contains(o.text, s) {
				t.Errorf("%s shows %q without the internal view", o.path, s)
			}
		}
		if o.shows && !containsAny(o.text, openings()) || o.want != "" && !strings.Contains(o.text, o.want) {
			t.Errorf("%s shows none of the opinions: the check proves nothing\n%s", o.path, o.text)
		}
	}

	// The internal view, asked for, shows who said it.
	internal := []output{
		run(t, "opinions", l.Path(), "--json", "--with-submitter"),
		reportJSON(t, l, reports.Request{Kind: reports.Situation, Options: reports.Options{Internal: true}}),
	}
	internal = append(internal, windowOutputs(t, l, true)[0])
	for _, o := range internal {
		if !strings.Contains(o.text, ledgertest.Secrets[0]) {
			t.Errorf("%s (internal) does not show the submitter %s", o.path, ledgertest.Secrets[0])
		}
	}
}

func containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

// commandOutputs runs the headless commands on the ledger file.
func commandOutputs(t *testing.T, path string) []output {
	dir := t.TempDir()
	outs := []output{
		// A new opinion with a submitter, printed back.
		run(t, "add", path, "--channel", "意见箱", "--submitter", ledgertest.Secrets[0], "--contact", ledgertest.Secrets[2], "--json", ledgertest.PersonalTexts[0]+"（补充）"),
		run(t, "opinions", path),
		run(t, "opinions", path, "--json"),
		run(t, "problems", path, "--json"),
		run(t, "problems", path),
		run(t, "search", path, "窗口", "--json", "--index-dir", filepath.Join(dir, "index")),
		run(t, "search", path, ledgertest.Secrets[0], "--json", "--index-dir", filepath.Join(dir, "index")),
		run(t, "stats", path, "--json"),
	}
	outs[3].shows, outs[3].want = false, ledgertest.ProblemTitle // problems
	outs[4].shows, outs[4].want = false, ledgertest.ProblemTitle
	outs[6].shows = false // a search for a name finds nothing
	outs[7].shows = false // counts only
	for _, kind := range []string{"situation", "fourwinds", "feedback"} {
		args := []string{"report", path, "--kind", kind, "-o", filepath.Join(dir, kind+".pdf")}
		if kind == "feedback" {
			args = append(args, "--leader", "张明", "--internal") // never internal
		}
		run(t, args...)
		if o, ok := pdfText(t, filepath.Join(dir, kind+".pdf")); ok {
			outs = append(outs, output{path: "taizhang report --kind " + kind + "（PDF 文字）", text: o, shows: true})
		}
	}
	run(t, "export", path, "-o", filepath.Join(dir, "台账.xlsx"))
	outs = append(outs, output{path: "taizhang export（xlsx）", text: workbookText(t, filepath.Join(dir, "台账.xlsx")), shows: true})
	return outs
}

func run(t *testing.T, args ...string) output {
	t.Helper()
	var out, errb bytes.Buffer
	if code := cli.Main(args, strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("taizhang %s: exit %d: %s", strings.Join(args, " "), code, errb.String())
	}
	name := "taizhang " + args[0]
	for _, a := range args[2:] {
		if strings.HasPrefix(a, "--") {
			name += " " + a
		}
	}
	return output{path: name, text: out.String() + errb.String(), shows: true}
}

// pdfText is the text of a PDF as pdftotext reads it (false without
// poppler-utils: the reports are then checked as documents only).
func pdfText(t *testing.T, path string) (string, bool) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Logf("pdftotext not installed: %s checked as a document only", filepath.Base(path))
		return "", false
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	// The layout may break a text across lines; compare without breaks.
	return strings.Join(strings.Fields(string(out)), ""), true
}

// workbookText is every cell of every sheet.
func workbookText(t *testing.T, path string) string {
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			b.WriteString(strings.Join(r, "\t") + "\n")
		}
	}
	return b.String()
}

// reportOutputs builds every report as a document and the workbook.
func reportOutputs(t *testing.T, l *ledger.Ledger) []output {
	outs := []output{
		reportJSON(t, l, reports.Request{Kind: reports.Situation}),
		reportJSON(t, l, reports.Request{Kind: reports.FourWinds}),
		reportJSON(t, l, reports.Request{Kind: reports.Feedback}),
		// A feedback sheet is never an internal copy, even when asked.
		reportJSON(t, l, reports.Request{Kind: reports.Feedback, Options: reports.Options{Internal: true}}),
	}
	var buf bytes.Buffer
	if _, err := reports.WriteWorkbook(context.Background(), l, &buf, reports.Options{}); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "台账.xlsx")
	if err := reports.WriteFile(p, buf.Bytes()); err != nil {
		t.Fatal(err)
	}
	return append(outs, output{path: "reports.WriteWorkbook", text: workbookText(t, p), shows: true})
}

func reportJSON(t *testing.T, l *ledger.Ledger, req reports.Request) output {
	t.Helper()
	doc, _, err := reports.Build(context.Background(), l, req)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(doc.Parts) // the text, titles, tables and charts
	if err != nil {
		t.Fatal(err)
	}
	name := "reports.Build " + string(req.Kind)
	if req.Internal {
		name += "（Internal）"
	}
	return output{path: name, text: string(b), shows: true}
}

// indexOutputs are what the search index holds: every document, and the
// hits of a search for each secret.
func indexOutputs(t *testing.T, l *ledger.Ledger) []output {
	ix, err := search.Open(context.Background(), l, search.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	res, err := ix.Search(context.Background(), search.Request{Size: 1000, Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(res)
	outs := []output{{path: "search: every document", text: string(b), shows: true}}
	for _, s := range ledgertest.Secrets {
		res, err := ix.Search(context.Background(), search.Request{Query: `"` + s + `"`})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 0 {
			t.Errorf("the index finds %d documents for %q", res.Total, s)
		}
	}
	return outs
}

// windowOutputs opens the ledger in the window (Fyne's test driver) and
// reads every text drawn: the opinion table and its detail pane (with
// 显示提出人信息 ticked when internal), then the board with the problem's
// opinions and its detail dialog.
func windowOutputs(t *testing.T, l *ledger.Ledger, internal bool) []output {
	// The window gets its own handle on the file, as opening it does.
	wl, err := ledger.Open(l.Path(), ledger.Options{NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	u, w := newTestUIWith(t, wl)
	waitFor(t, "the opinion rows", func() bool { return len(u.opinions.rows) >= len(ledgertest.PersonalTexts) })
	if internal {
		check := find[*widget.Check](w, func(c *widget.Check) bool { return strings.HasPrefix(c.Text, "显示提出人信息") })
		if check == nil {
			t.Fatal("no 显示提出人信息 box")
		}
		check.SetChecked(true)
	}
	first := u.opinions.rows[0].ID
	u.Show("意见", first)
	waitFor(t, "the detail pane", func() bool { return strings.Contains(drawn(w), ledgertest.PersonalTexts[0]) })
	outs := []output{{path: "窗口：意见（表格与详情）", text: drawn(w), shows: true}}
	if !strings.Contains(outs[0].text, ledgertest.PublicAttr) {
		t.Errorf("the detail pane lost the public attribute %s", ledgertest.PublicAttr)
	}
	if internal {
		return outs
	}

	ps, err := wl.Problems()
	if err != nil || len(ps) == 0 {
		t.Fatal("no problem", err)
	}
	// The board loads in the background: show the problem once it can.
	waitFor(t, "the board strip", func() bool {
		u.Show("梳理", ps[0].ID)
		return containsAny(drawn(w), openings())
	})
	outs = append(outs, output{path: "窗口：梳理", text: drawn(w), shows: true})
	btn := find[*widget.Button](w, func(b *widget.Button) bool { return strings.HasPrefix(b.Text, "详情与拆分") })
	if btn == nil {
		t.Fatal("no 详情与拆分 button")
	}
	test.Tap(btn)
	waitFor(t, "the problem's detail", func() bool { return len(w.Canvas().Overlays().List()) > 0 })
	return append(outs, output{path: "窗口：梳理 → 详情与拆分", text: drawn(w), shows: true})
}

// drawn is every text the window draws, its dialogs included, run
// together: a wrapped label is drawn as one text per line.
func drawn(w fyne.Window) string {
	var b strings.Builder
	for _, o := range everything(w) {
		if t, ok := o.(*canvas.Text); ok {
			b.WriteString(t.Text)
		}
	}
	return b.String()
}

func everything(w fyne.Window) []fyne.CanvasObject {
	objs := test.LaidOutObjects(w.Canvas().Content())
	for _, ov := range w.Canvas().Overlays().List() {
		objs = append(objs, test.LaidOutObjects(ov)...)
	}
	return objs
}

// find returns the first object of type T that ok accepts, or the zero T.
func find[T fyne.CanvasObject](w fyne.Window, ok func(T) bool) T {
	var zero T
	i := slices.IndexFunc(everything(w), func(o fyne.CanvasObject) bool {
		x, is := o.(T)
		return is && ok(x)
	})
	if i < 0 {
		return zero
	}
	return everything(w)[i].(T)
}
