package suggest

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"taizhang/ledger"
)

// dataDir is ../shared/data beside the repository.
var dataDir = filepath.Join("..", "..", "..", "shared", "data")

// message is one row of tipdm2020-messages-4326.xlsx.
type message struct {
	Row         int
	Title, Text string
}

var (
	messagesOnce sync.Once
	messagesList []message
	messagesErr  error
)

// loadMessages reads the 4,326 real messages, skipping when the shared
// data folder is missing.
func loadMessages(tb testing.TB) []message {
	tb.Helper()
	path := filepath.Join(dataDir, "tipdm2020-messages-4326.xlsx")
	if _, err := os.Stat(path); err != nil {
		tb.Skipf("真实数据不在 %s（%v），跳过", path, err)
	}
	messagesOnce.Do(func() { messagesList, messagesErr = readMessages(path) })
	if messagesErr != nil {
		tb.Fatal(messagesErr)
	}
	return messagesList
}

func readMessages(path string) ([]message, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := f.Rows(f.GetSheetName(0))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []message
	row := 0
	for rows.Next() {
		row++
		cells, err := rows.Columns()
		if err != nil {
			return nil, err
		}
		if row == 1 || len(cells) < 5 {
			continue
		}
		out = append(out, message{Row: row, Title: ledger.TrimText(cells[2]), Text: ledger.TrimText(cells[4])})
	}
	return out, rows.Error()
}

// shortTexts reads the review column of waimai-10k.csv (median 17
// characters): the shape of questionnaire answers.
func shortTexts(tb testing.TB) []string {
	path := filepath.Join(dataDir, "waimai-10k.csv")
	f, err := os.Open(path)
	if err != nil {
		tb.Skipf("真实数据不在 %s（%v），跳过", path, err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, r := range recs[1:] {
		if len(r) > 1 && strings.TrimSpace(r[1]) != "" {
			out = append(out, r[1])
		}
	}
	return out
}
