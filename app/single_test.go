package app

import (
	"path/filepath"
	"strings"
	"testing"

	"taizhang/app/instance"
	"taizhang/assets"
	"taizhang/ledger"
)

// secondStart is a later start of the program asking the running window
// for req, as a second process would; its reply arrives through the channel.
func secondStart(dir string, req instance.Request) <-chan *instance.Reply {
	out := make(chan *instance.Reply, 1)
	go func() {
		_, reply, _ := instance.Claim(dir, req)
		out <- reply
	}()
	return out
}

func TestSecondStartOpensItsLedgerInTheRunningWindow(t *testing.T) {
	u, _ := newTestUI(t)
	dir := t.TempDir()
	srv, reply, err := instance.Claim(dir, instance.Request{})
	if srv == nil || reply != nil || err != nil {
		t.Fatalf("the first window could not claim the socket: %v %v", reply, err)
	}
	defer srv.Close()
	u.serveSecondStarts(srv)

	other := filepath.Join(t.TempDir(), "另一个"+ledger.Extension)
	l, err := ledger.CreateFromSeed(other, assets.DemoLedger, ledger.Options{NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	l.Close()

	var got *instance.Reply
	replies := secondStart(dir, instance.Request{Open: other})
	waitFor(t, "the running window's answer", func() bool {
		select {
		case got = <-replies:
			return true
		default:
			return false
		}
	})
	if got == nil || !strings.Contains(got.Message, "已在它的窗口中打开") {
		t.Errorf("the second start was told %v", got)
	}
	waitFor(t, "the window to switch to the second start's ledger", func() bool {
		l := u.Ledger()
		return l != nil && l.Path() == other
	})

	replies = secondStart(dir, instance.Request{Open: other})
	waitFor(t, "the answer to the same ledger again", func() bool {
		select {
		case got = <-replies:
			return true
		default:
			return false
		}
	})
	if got == nil || !strings.Contains(got.Message, "已经在意见台账的窗口中打开") {
		t.Errorf("a second start with the open ledger was told %v", got)
	}
	if !strings.Contains(u.status.Text, "这个台账已经打开") {
		t.Errorf("the window does not say the ledger is open: status %q", u.status.Text)
	}
	if l := u.Ledger(); l == nil || l.Path() != other {
		t.Errorf("asking for the open ledger again changed the window's ledger")
	}
}
