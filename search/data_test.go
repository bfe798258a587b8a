package search

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"taizhang/ledger"
)

// The real messages used by the tests and the judged query set.
const messagesFile = "tipdm2020-messages-4326.xlsx"

// dataDir is ../shared/data beside the repository.
var dataDir = filepath.Join("..", "..", "shared", "data")

// message is one row of tipdm2020-messages-4326.xlsx.
type message struct {
	Row   int // 1-based sheet row; the header is row 1
	ID    string
	Title string
	Date  string
	Text  string
}

var (
	messagesOnce sync.Once
	messagesList []message
	messagesHash string
	messagesErr  error
)

// loadMessages reads the real messages, skipping the test when the shared
// data folder is missing. The rows are read with excelize (the ledger's own
// importer is not used so that these tests depend on nothing but the ledger).
func loadMessages(tb testing.TB) ([]message, string) {
	tb.Helper()
	path := filepath.Join(dataDir, messagesFile)
	if _, err := os.Stat(path); err != nil {
		tb.Skipf("真实数据不在 %s（%v），跳过", path, err)
	}
	messagesOnce.Do(func() { messagesList, messagesHash, messagesErr = readMessages(path) })
	if messagesErr != nil {
		tb.Fatal(messagesErr)
	}
	return messagesList, messagesHash
}

func readMessages(path string) ([]message, string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, "", err
	}
	sum := sha256.Sum256(raw)
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()
	var out []message
	row := 0
	for rows.Next() {
		row++
		cells, err := rows.Columns()
		if err != nil {
			return nil, "", err
		}
		if row == 1 {
			if len(cells) < 5 || cells[2] != "留言主题" || cells[4] != "留言详情" {
				return nil, "", fmt.Errorf("%s: unexpected header %q", path, cells)
			}
			continue
		}
		for len(cells) < 5 {
			cells = append(cells, "")
		}
		m := message{Row: row, ID: strings.TrimSpace(cells[0]), Title: ledger.TrimText(cells[2]), Text: ledger.TrimText(cells[4])}
		if d, _, ok := ledger.ParseDateTime(cells[3]); ok {
			m.Date = d
		}
		if m.Text == "" && m.Title == "" {
			continue
		}
		out = append(out, m)
	}
	return out, hex.EncodeToString(sum[:]), rows.Error()
}

// opinionOf turns a message into the opinion an import would store.
func (m message) opinion() ledger.Opinion {
	o := ledger.Opinion{Title: m.Title, Text: m.Text, Date: m.Date, Channel: "网络征集",
		Source: ledger.Source{Sheet: "Sheet1", Row: m.Row, Column: 5, Field: "留言详情"}}
	if o.Text == "" {
		o.Text = o.Title
	}
	return o
}

// newLedger creates an empty ledger in a temporary folder.
func newLedger(tb testing.TB) *ledger.Ledger {
	tb.Helper()
	l, err := ledger.Create(filepath.Join(tb.TempDir(), "测试.taizhang"), ledger.Info{Unit: "测试单位"}, ledger.Options{NoDailyBackup: true})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { l.Close() })
	return l
}

// importMessages imports msgs as one batch of file name; edit, if not nil,
// may change each opinion first.
func importMessages(tb testing.TB, l *ledger.Ledger, file, hash string, msgs []message, edit func(i int, o *ledger.Opinion)) {
	tb.Helper()
	_, err := l.Import(context.Background(), file, hash, "网络征集", func(tx *ledger.ImportTx) error {
		for i, m := range msgs {
			o := m.opinion()
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
func realLedger(tb testing.TB) (*ledger.Ledger, []message) {
	msgs, hash := loadMessages(tb)
	l := newLedger(tb)
	importMessages(tb, l, messagesFile, hash, msgs, nil)
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
