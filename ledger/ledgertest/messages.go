package ledgertest

import (
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

// MessagesFile is the name of the 4,326 real citizen messages in
// ../shared/data (see its README): 留言编号, 留言用户, 留言主题, 留言时间, 留言详情.
const MessagesFile = "tipdm2020-messages-4326.xlsx"

// DataDir returns the shared test data folder, ../shared/data beside the
// repository (the folder holding go.mod), wherever the calling test's
// package sits in it.
func DataDir() string {
	dir, err := os.Getwd()
	if err != nil {
		return filepath.Join("..", "shared", "data")
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return filepath.Join(d, "..", "shared", "data")
		}
		if filepath.Dir(d) == d {
			return filepath.Join(dir, "..", "shared", "data")
		}
	}
}

// DataFile returns the path of a file of the shared test data, skipping the
// test when it is absent.
func DataFile(tb testing.TB, name string) string {
	tb.Helper()
	p := filepath.Join(DataDir(), name)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("%s 不在共享测试数据中（../shared/data，与仓库并列），跳过：%v", name, err)
	}
	return p
}

// Message is one row of the real messages, its cells trimmed.
type Message struct {
	Row   int // 1-based sheet row; the header is row 1
	ID    string
	User  string // 留言用户: a submitter, protected like a name
	Title string
	Date  string // YYYY-MM-DD, "" when the cell cannot be read
	Text  string
}

// Opinion is the opinion an import of the message would store (channel
// 网络征集, the row and the 留言详情 column as its source, no submitter: the
// caller adds one if it wants). A message without text takes its title.
func (m Message) Opinion() ledger.Opinion {
	o := ledger.Opinion{Title: m.Title, Text: m.Text, Date: m.Date, Channel: "网络征集",
		Source: ledger.Source{Sheet: "Sheet1", Row: m.Row, Column: 5, Field: "留言详情"}}
	if o.Text == "" {
		o.Text = o.Title
	}
	return o
}

var (
	messagesOnce sync.Once
	messagesList []Message
	messagesHash string
	messagesErr  error
)

// Messages returns the real messages that have a text or a title, in sheet
// order, and the file's SHA-256 (hex, for an import's hash). It skips the
// test when the shared data folder is missing. The rows are read with
// excelize, not the ledger's importer, so that tests using them depend on
// nothing but the ledger. The file is read once per test binary.
func Messages(tb testing.TB) ([]Message, string) {
	tb.Helper()
	path := DataFile(tb, MessagesFile)
	messagesOnce.Do(func() { messagesList, messagesHash, messagesErr = readMessages(path) })
	if messagesErr != nil {
		tb.Fatal(messagesErr)
	}
	return messagesList, messagesHash
}

func readMessages(path string) ([]Message, string, error) {
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
	rows, err := f.Rows(f.GetSheetName(0))
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()
	var out []Message
	col := map[string]int{}
	for row := 1; rows.Next(); row++ {
		cells, err := rows.Columns()
		if err != nil {
			return nil, "", err
		}
		if row == 1 {
			for i, c := range cells {
				col[strings.TrimSpace(c)] = i
			}
			for _, h := range []string{"留言编号", "留言用户", "留言主题", "留言时间", "留言详情"} {
				if _, ok := col[h]; !ok {
					return nil, "", fmt.Errorf("%s: no column %s in the header %q", path, h, cells)
				}
			}
			continue
		}
		get := func(name string) string {
			if i := col[name]; i < len(cells) {
				return ledger.TrimText(cells[i])
			}
			return ""
		}
		m := Message{Row: row, ID: get("留言编号"), User: get("留言用户"), Title: get("留言主题"), Text: get("留言详情")}
		if d, _, ok := ledger.ParseDateTime(get("留言时间")); ok {
			m.Date = d
		}
		if m.Text == "" && m.Title == "" {
			continue
		}
		out = append(out, m)
	}
	return out, hex.EncodeToString(sum[:]), rows.Error()
}
