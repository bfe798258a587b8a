package suggest

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"
)

// messagesPath is the real messages' sheet in ../shared/data beside the
// repository. The texts are never copied into the repository: the labelled
// set refers to them by 留言编号 and row.
var messagesPath = filepath.Join("..", "..", "..", "shared", "data", "tipdm2020-messages-4326.xlsx")

var (
	messagesOnce sync.Once
	messagesRows map[int]Message
	messagesErr  error
)

// realMessages reads the sheet once, or skips the test when the shared data
// folder is absent.
func realMessages(tb testing.TB) map[int]Message {
	tb.Helper()
	if _, err := os.Stat(messagesPath); err != nil {
		tb.Skipf("真实数据不在 %s（%v），跳过", messagesPath, err)
	}
	messagesOnce.Do(func() { messagesRows, messagesErr = readMessageRows(messagesPath) })
	if messagesErr != nil {
		tb.Fatal(messagesErr)
	}
	return messagesRows
}

// readMessageRows returns the rows of the sheet by sheet row (the header is
// row 1): 留言编号, 留言主题 and 留言详情. 留言用户 is not read.
func readMessageRows(path string) (map[int]Message, error) {
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
	out := map[int]Message{}
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
		out[row] = Message{ID: strings.TrimSpace(cells[0]), Title: strings.TrimSpace(cells[2]), Text: cells[4]}
	}
	return out, rows.Error()
}

// labelledSet loads the labelled set with the real messages' texts when
// ../shared/data is present; without it the real items keep empty texts
// (use labelledSetWithMessages where they are needed).
func labelledSet(tb testing.TB) Set {
	tb.Helper()
	s, err := LoadLabelled(LabelledDir)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := os.Stat(messagesPath); err == nil {
		if err := s.AttachMessages(realMessages(tb)); err != nil {
			tb.Fatal(err)
		}
	}
	return s
}

// labelledSetWithMessages loads the labelled set with the real messages'
// texts, or skips when ../shared/data is absent.
func labelledSetWithMessages(tb testing.TB) Set {
	tb.Helper()
	rows := realMessages(tb)
	s, err := LoadLabelled(LabelledDir)
	if err != nil {
		tb.Fatal(err)
	}
	if err := s.AttachMessages(rows); err != nil {
		tb.Fatal(err)
	}
	return s
}
