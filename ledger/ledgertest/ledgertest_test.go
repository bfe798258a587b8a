package ledgertest_test

import (
	"os"
	"strings"
	"testing"

	"taizhang/ledger"
	"taizhang/ledger/ledgertest"
)

func TestLedgers(t *testing.T) {
	if s, _ := ledgertest.Empty(t).Stats(); s.Opinions != 0 {
		t.Errorf("Empty has %d opinions", s.Opinions)
	}
	if s, _ := ledgertest.Demo(t, ledger.Options{}).Stats(); s.Opinions != 35 {
		t.Errorf("Demo has %d opinions, want the demo's 35", s.Opinions)
	}
	l := ledgertest.Generated(t, 1000)
	s, _ := l.Stats()
	if s.Opinions != 1000 || len(s.ByChannel) != len(ledger.Channels) || s.ByTarget[ledger.TeamName] != 500 {
		t.Errorf("Generated(1000): %+v", s)
	}
}

// TestPersonalCarriesItsSecrets: the privacy fixture really holds what the
// privacy tests look for, in the internal view.
func TestPersonalCarriesItsSecrets(t *testing.T) {
	l := ledgertest.Personal(t)
	ops, err := l.Internal().Opinions(ledger.Filter{})
	if err != nil || len(ops) != len(ledgertest.PersonalTexts) {
		t.Fatalf("%d opinions, %v", len(ops), err)
	}
	var all strings.Builder
	for _, o := range ops {
		all.WriteString(o.Submitter.String() + o.Text)
		for k, v := range o.Attrs {
			all.WriteString(k + v)
		}
	}
	for _, s := range ledgertest.Secrets {
		if !strings.Contains(all.String(), s) {
			t.Errorf("no opinion carries %q", s)
		}
	}
}

func TestMessages(t *testing.T) {
	if _, err := os.Stat(ledgertest.DataDir()); err != nil {
		t.Skipf("no shared data: %v", err)
	}
	msgs, hash := ledgertest.Messages(t)
	if len(msgs) < 4000 || len(hash) != 64 || msgs[0].Row != 2 || msgs[0].Text == "" || msgs[0].User == "" {
		t.Errorf("%d messages, hash %q, first %+v", len(msgs), hash, msgs[0])
	}
}
