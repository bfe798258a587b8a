package reports

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"taizhang/ledger"
	"taizhang/ledger/importer"
	"taizhang/ledger/ledgertest"
)

// TestRealMessages makes every report from the 4,326 real messages and
// checks, through pdftotext, that each opinion a feedback sheet must hold
// comes back character for character, and that no submitter id is printed.
func TestRealMessages(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the 4,326 real messages")
	}
	l, msgs := newRealLedger(t, 0)
	users := map[string]bool{}
	for _, m := range msgs {
		if len([]rune(m.User)) >= 5 {
			users[m.User] = true
		}
	}
	checkUsers := func(t *testing.T, text string) {
		sq := squeeze(text)
		n := 0
		for u := range users {
			if strings.Contains(sq, u) {
				n++
				if n < 5 {
					t.Errorf("submitter %q is printed", u)
				}
			}
		}
	}
	for _, req := range []Request{{Kind: Situation}, {Kind: Situation, Split: true}, {Kind: FourWinds}} {
		t.Run(string(req.Kind), func(t *testing.T) {
			pdf, doc, res := render(t, l, req)
			qpdfCheck(t, pdf)
			text := pdfText(t, pdf)
			checkUsers(t, text)
			word := docxText(t, writeDocx(t, doc))
			checkUsers(t, word)
			sq, wsq := pageNumber.ReplaceAllString(squeeze(text), ""), squeeze(word)
			for _, s := range blockTexts(doc) {
				if s = squeeze(s); !strings.Contains(sq, s) || !strings.Contains(wsq, s) {
					t.Errorf("%q is not in both the PDF and the Word document", s)
					break
				}
			}
			t.Logf("%s: %d pages, %d bytes", req.Kind, res.Pages, res.Bytes)
		})
	}
	leaders, _ := l.Leaders()
	for _, m := range append([]ledger.Leader{{ID: ledger.TeamID, Name: ledger.TeamName}}, leaders...) {
		t.Run("feedback/"+m.Name, func(t *testing.T) {
			pdf, _, res := render(t, l, Request{Kind: Feedback, Targets: []int64{m.ID}})
			qpdfCheck(t, pdf)
			text := pdfText(t, pdf)
			sq := feedbackColumn(t, pdf)
			in, _ := concernsFor(t, l, m.ID)
			missing := 0
			for _, o := range in {
				if !strings.Contains(sq, squeeze(o.Text)) {
					missing++
					if missing <= 3 {
						t.Errorf("opinion %d (row %d) is missing or altered: %s", o.ID, o.Source.Row, divergence(sq, squeeze(o.Text)))
					}
				}
			}
			if missing > 0 {
				t.Errorf("%d of %d opinions concerning %s not found verbatim", missing, len(in), m.Name)
			}
			checkUsers(t, text)
			checkTypeArea(t, "feedback "+m.Name, pdf)
			_, doc, _ := render(t, l, Request{Kind: Feedback, Targets: []int64{m.ID}})
			word := docxText(t, writeDocx(t, doc))
			wsq := squeeze(word)
			for _, o := range in {
				if !strings.Contains(wsq, squeeze(o.Text)) {
					t.Errorf("opinion %d (row %d) is missing from the Word sheet", o.ID, o.Source.Row)
					break
				}
			}
			checkUsers(t, word)
			t.Logf("feedback %s: %d opinions, %d pages, %d bytes", m.Name, len(in), res.Pages, res.Bytes)
		})
	}
}

// TestRealImport imports the real messages with the product's importer (as
// a user would) and checks the feedback sheets and the workbook against
// what the importer stored.
func TestRealImport(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the 4,326 real messages")
	}
	readRealMessages(t) // skips without the data
	l := ledgertest.New(t, ledger.Info{Unit: "A市人民政府办公室"}, ledger.Options{Now: fixedNow})
	var leaders []int64
	for _, name := range []string{"张卫东", "李红梅", "王建设", "赵志刚"} {
		id, err := l.AddLeader(ledger.Leader{Name: name, Post: "副市长"})
		if err != nil {
			t.Fatal(err)
		}
		leaders = append(leaders, id)
	}
	res, err := importer.Import(context.Background(), l, realDataPath, importer.Options{Channel: "网络征集"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Imported < 4000 {
		t.Fatalf("importer stored %d opinions", res.Imported)
	}
	makeKeywordProblems(t, l, leaders)
	all, _ := l.Opinions(ledger.Filter{})
	var names []string
	for _, o := range all {
		if len([]rune(o.Submitter.Name)) >= 5 {
			names = append(names, o.Submitter.Name)
		}
	}
	for _, id := range leaders[2:3] {
		pdf, _, res := render(t, l, Request{Kind: Feedback, Targets: []int64{id}})
		col := feedbackColumn(t, pdf)
		in, _ := concernsFor(t, l, id)
		for _, o := range in {
			if !strings.Contains(col, squeeze(o.Text)) {
				t.Errorf("imported opinion %d (row %d) not verbatim: %s", o.ID, o.Source.Row, divergence(col, squeeze(o.Text)))
			}
		}
		sq := squeeze(pdfText(t, pdf))
		for _, n := range names {
			if strings.Contains(sq, n) {
				t.Errorf("submitter %q printed", n)
				break
			}
		}
		t.Logf("feedback: %d opinions, %d pages", len(in), res.Pages)
	}
	var buf bytes.Buffer
	if _, err := WriteWorkbook(context.Background(), l, &buf, Options{}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("意见明细")
	if len(rows)-1 != len(all) {
		t.Fatalf("workbook has %d opinions, ledger %d", len(rows)-1, len(all))
	}
	for i, o := range all {
		if rows[i+1][5] != o.Text {
			t.Errorf("workbook row %d differs from opinion %d", i+2, o.ID)
			break
		}
	}
}
