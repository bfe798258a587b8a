package reports

import (
	"strings"
	"testing"

	"taizhang/ledger"
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
		if len([]rune(m.user)) >= 5 {
			users[m.user] = true
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
	for _, req := range []Request{{Kind: Situation}, {Kind: FourWinds}} {
		t.Run(string(req.Kind), func(t *testing.T) {
			pdf, _, res := render(t, l, req)
			qpdfCheck(t, pdf)
			text := pdfText(t, pdf)
			checkUsers(t, text)
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
			t.Logf("feedback %s: %d opinions, %d pages, %d bytes", m.Name, len(in), res.Pages, res.Bytes)
		})
	}
}
