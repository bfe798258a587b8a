package importer

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"taizhang/ledger"
	"taizhang/ledger/ledgertest"
)

// newLedger creates an empty ledger with two team members.
func newLedger(t testing.TB) *ledger.Ledger {
	t.Helper()
	l := ledgertest.New(t, ledger.Info{Unit: "某县委办公室"}, ledger.Options{})
	for _, n := range []string{"张明", "李红"} {
		if _, err := l.AddLeader(ledger.Leader{Name: n, Post: "副局长"}); err != nil {
			t.Fatal(err)
		}
	}
	return l
}

// write writes data to a file named name in a temporary folder.
func write(t testing.TB, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// xlsxFile writes rows (row 1 first) to Sheet1 of a new workbook with
// excelize's StreamWriter.
func xlsxFile(t testing.TB, name string, rows [][]any) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

func testdata(name string) string { return filepath.Join("testdata", name) }

// state is what must not change when an import is refused.
type state struct {
	Stats     ledger.Stats
	Integrity string
	Gen       int64
	Batches   int
	Texts     int
}

func snapshot(t testing.TB, l *ledger.Ledger) state {
	t.Helper()
	s, err := l.Stats()
	if err != nil {
		t.Fatal(err)
	}
	ic, err := l.IntegrityCheck()
	if err != nil {
		t.Fatal(err)
	}
	g, _ := l.Generation()
	b, _ := l.Batches()
	var texts int
	l.DB().QueryRow(`SELECT COUNT(*) FROM texts`).Scan(&texts)
	return state{s, ic, g, len(b), texts}
}

func mustImport(t testing.TB, l *ledger.Ledger, path string, opts Options) *Result {
	t.Helper()
	res, err := Import(context.Background(), l, path, opts)
	if err != nil {
		t.Fatalf("import %s: %v", filepath.Base(path), err)
	}
	return res
}

// opinionsOf returns the opinions of one file, in id order, whole (the
// internal view: what the import stored, submitters included).
func opinionsOf(t testing.TB, l *ledger.Ledger, file string) []ledger.Opinion {
	t.Helper()
	all, err := l.Internal().Opinions(ledger.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var out []ledger.Opinion
	for _, o := range all {
		if o.Source.File == file {
			out = append(out, o)
		}
	}
	return out
}

// comparable strips what differs between two imports of the same content
// in different files (ids, file, hash, batch, times).
type opinionView struct {
	Text, Title, Channel, Date, Time string
	Sheet, Field                     string
	Row, Col                         int
	Attrs                            string
	Targets                          string
	Submitter                        ledger.Submitter
}

func views(os []ledger.Opinion) []opinionView {
	var out []opinionView
	for _, o := range os {
		var kv []string
		for k, v := range o.Attrs {
			kv = append(kv, k+"="+v)
		}
		sort.Strings(kv)
		var ts []string
		for _, id := range o.Targets {
			ts = append(ts, string(rune('0'+id)))
		}
		out = append(out, opinionView{o.Text, o.Title, o.Channel, o.Date, o.Time, o.Source.Sheet, o.Source.Field,
			o.Source.Row, o.Source.Column, strings.Join(kv, ";"), strings.Join(ts, ","), o.Submitter})
	}
	return out
}

func sameViews(t *testing.T, a, b []opinionView) {
	t.Helper()
	if len(a) != len(b) {
		t.Fatalf("%d opinions against %d", len(a), len(b))
	}
	for i := range a {
		if !reflect.DeepEqual(a[i], b[i]) {
			t.Errorf("opinion %d differs:\n%+v\n%+v", i, a[i], b[i])
		}
	}
}

// sharedData is the folder of real test material beside the repository.
func sharedData(t testing.TB, name string) string {
	t.Helper()
	return ledgertest.DataFile(t, name)
}
