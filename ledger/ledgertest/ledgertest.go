// Package ledgertest makes ledgers for tests and benchmarks, in one place:
// an empty one (Empty, New), the demo (Demo), n generated opinions
// (Generated, Generate), the real citizen messages of ../shared/data
// (Messages; the test is skipped when the folder is absent), and a ledger
// whose opinions carry distinctive personal details for the privacy tests
// (Personal).
//
// Every ledger lives in the test's temporary folder, makes no daily backup
// and is closed when the test ends. Only tests import this package (package
// main's TestImports checks it); the ledger package's own internal tests
// cannot (it imports ledger) and keep their one helper, newTestLedger.
package ledgertest

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"taizhang/assets"
	"taizhang/ledger"
)

// Unit is the unit of the ledgers Empty makes.
const Unit = "某县委办公室"

// Empty returns a new, empty ledger (unit 某县委办公室, title 征求意见台账).
func Empty(tb testing.TB) *ledger.Ledger {
	tb.Helper()
	return New(tb, ledger.Info{Unit: Unit, Title: "征求意见台账"}, ledger.Options{})
}

// New returns a new ledger with info, made with opts; NoDailyBackup is
// always set, and backups go to the temporary folder unless opts names one.
func New(tb testing.TB, info ledger.Info, opts ledger.Options) *ledger.Ledger {
	tb.Helper()
	l, err := ledger.Create(Path(tb), info, options(tb, opts))
	if err != nil {
		tb.Fatal(ledger.Message(err), err)
	}
	tb.Cleanup(func() { l.Close() })
	return l
}

// Path returns a path for a new ledger file in a new temporary folder.
func Path(tb testing.TB) string {
	return filepath.Join(tb.TempDir(), "测试"+ledger.Extension)
}

func options(tb testing.TB, opts ledger.Options) ledger.Options {
	opts.NoDailyBackup = true
	if opts.BackupDir == "" {
		opts.BackupDir = filepath.Join(tb.TempDir(), "备份")
	}
	return opts
}

// Demo returns a new ledger holding the demo ledger (assets.DemoLedger: the
// 示例县财政局 team and its 35 opinions), made with opts.
func Demo(tb testing.TB, opts ledger.Options) *ledger.Ledger {
	tb.Helper()
	l, err := ledger.CreateFromSeed(Path(tb), assets.DemoLedger, options(tb, opts))
	if err != nil {
		tb.Fatal(ledger.Message(err), err)
	}
	tb.Cleanup(func() { l.Close() })
	return l
}

// Generated returns a new ledger holding n generated opinions (see
// Generate).
func Generated(tb testing.TB, n int) *ledger.Ledger {
	tb.Helper()
	l := New(tb, ledger.Info{Unit: "基准单位"}, ledger.Options{})
	Generate(tb, l, n)
	return l
}

// GeneratedTexts are the texts Generate cycles through: real-looking
// opinions of varied lengths.
var GeneratedTexts = []string{
	"会议太多，文件太多，基层疲于应付。",
	"个别领导干部下基层调研走马观花，听汇报多，解决实际问题少，群众反映的问题长期得不到解决。",
	"办事窗口服务态度生硬，门难进、脸难看、事难办的现象仍然存在，希望加强作风建设。",
	"公务用车管理不规范，节假日公车私用的情况时有发生。",
	"建议领导班子多深入一线，倾听群众呼声，切实解决群众反映强烈的突出问题。",
}

// Generate imports n opinions into l in one transaction, as an import of a
// file 生成.xlsx would: the texts of GeneratedTexts in turn, every channel in
// turn, dates through 2026, every other opinion aimed at the team, row i+2
// of Sheet1, and 997 distinct named submitters.
func Generate(tb testing.TB, l *ledger.Ledger, n int) {
	tb.Helper()
	_, err := l.Import(context.Background(), "生成.xlsx", fmt.Sprintf("generated-%d", n), "问卷调查", func(tx *ledger.ImportTx) error {
		for i := 0; i < n; i++ {
			o := ledger.Opinion{
				Text:      GeneratedTexts[i%len(GeneratedTexts)],
				Channel:   ledger.Channels[i%len(ledger.Channels)],
				Date:      fmt.Sprintf("2026-%02d-%02d", 1+i%12, 1+i%28),
				Submitter: ledger.Submitter{Name: fmt.Sprint("提出人", i%997)},
				Source:    ledger.Source{Sheet: "Sheet1", Row: i + 2, Column: 7},
			}
			if i%2 == 0 {
				o.Targets = []int64{ledger.TeamID}
			}
			if _, err := tx.Add(&o); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(ledger.Message(err), err)
	}
}
