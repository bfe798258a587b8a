package suggest

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"taizhang/ledger"
)

// dataDir is ../shared/data beside the repository.
var dataDir = filepath.Join("..", "..", "..", "shared", "data")

// message is one row of tipdm2020-messages-4326.xlsx, with its sheet row.
type message struct {
	Row         int
	ID          string // 留言编号
	Title, Text string
}

// loadMessages returns the 4,326 real messages in sheet order (read by
// realMessages), skipping when the shared data folder is missing.
func loadMessages(tb testing.TB) []message {
	tb.Helper()
	rows := realMessages(tb)
	out := make([]message, 0, len(rows))
	for row, m := range rows {
		out = append(out, message{Row: row, ID: m.ID, Title: ledger.TrimText(m.Title), Text: ledger.TrimText(m.Text)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Row < out[j].Row })
	return out
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
