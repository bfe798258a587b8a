package search

import (
	"context"
	"fmt"
	"testing"

	"taizhang/ledger"
	"taizhang/ledger/ledgertest"
)

// importMessages imports msgs as one batch of file name; edit, if not nil,
// may change each opinion first.
func importMessages(tb testing.TB, l *ledger.Ledger, file, hash string, msgs []ledgertest.Message, edit func(i int, o *ledger.Opinion)) {
	tb.Helper()
	_, err := l.Import(context.Background(), file, hash, "网络征集", func(tx *ledger.ImportTx) error {
		for i, m := range msgs {
			o := m.Opinion()
			if edit != nil {
				edit(i, &o)
			}
			if _, err := tx.Add(&o); err != nil {
				return fmt.Errorf("row %d: %w", m.Row, err)
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
}

// realLedger is a ledger holding the 4,326 real messages.
func realLedger(tb testing.TB) (*ledger.Ledger, []ledgertest.Message) {
	msgs, hash := ledgertest.Messages(tb)
	l := ledgertest.Empty(tb)
	importMessages(tb, l, ledgertest.MessagesFile, hash, msgs, nil)
	return l, msgs
}

// openIndex opens l's index in a temporary folder.
func openIndex(tb testing.TB, l *ledger.Ledger, opts Options) *Index {
	tb.Helper()
	if opts.Dir == "" {
		opts.Dir = tb.TempDir()
	}
	ix, err := Open(context.Background(), l, opts)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	return ix
}
