package reports

import (
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"taizhang/ledger"
)

// An opinion longer than Excel's 32,767 characters a cell is not cut: it
// goes on over continuation rows that say so (issue 17, item 7).
func TestWorkbookLongOpinion(t *testing.T) {
	l, err := ledger.Create(filepath.Join(t.TempDir(), "长.taizhang"), ledger.Info{Unit: "某县"}, ledger.Options{NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	long := strings.Repeat("会议太多文件太多𠮷", 8000) // 72,000 runes, 80,000 UTF-16 units
	for _, text := range []string{"短意见", long, "又一条"} {
		if _, err := l.AddOpinion(ledger.Opinion{Text: text, Channel: "意见箱", Date: "2026-11-20"}); err != nil {
			t.Fatal(err)
		}
	}
	f, res := writeWorkbook(t, l, Options{})
	if res.Opinions != 3 {
		t.Errorf("opinions %d", res.Opinions)
	}
	rows, err := f.GetRows("意见明细")
	if err != nil {
		t.Fatal(err)
	}
	idCol, textCol, noteCol := slices.Index(rows[0], "意见编号"), slices.Index(rows[0], "原始意见"), slices.Index(rows[0], "备注")
	var joined strings.Builder
	parts := 0
	for _, r := range rows[1:] {
		if len(r) > textCol && r[idCol] == "2" {
			joined.WriteString(r[textCol])
			parts++
			if n := len([]rune(r[textCol])); n > 32767 {
				t.Errorf("a cell of %d characters", n)
			}
		}
	}
	if joined.String() != long {
		t.Errorf("the long opinion comes back with %d of %d runes", len([]rune(joined.String())), len([]rune(long)))
	}
	note := func(i int) string {
		if i < len(rows) && noteCol < len(rows[i]) {
			return rows[i][noteCol]
		}
		return ""
	}
	if len(rows) != 6 {
		t.Fatalf("%d rows, want a header, 3 opinions and 2 continuation rows", len(rows))
	}
	if parts != 3 || !strings.Contains(note(2), "分 3 段") || !strings.Contains(note(3), "第 2 段") {
		t.Errorf("%d parts; notes %q / %q", parts, note(2), note(3))
	}
	if rows[4][0] != "" || rows[5][0] != strconv.Itoa(3) {
		t.Errorf("序号 of continuation %q, of the next opinion %q", rows[4][0], rows[5][0])
	}
}
