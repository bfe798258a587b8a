package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"taizhang/ledger"
	"taizhang/ledger/importer"
)

func importFixture(name string) string {
	p, _ := filepath.Abs(filepath.Join("..", "ledger", "importer", "testdata", name))
	return p
}

func newTestImportScreen(t *testing.T) (*UI, *importScreen) {
	t.Helper()
	u, _ := newTestUI(t)
	importScreensMu.Lock()
	s := importScreens[u]
	importScreensMu.Unlock()
	if s == nil {
		t.Fatal("no import screen")
	}
	return u, s
}

func opinionCount(t *testing.T, u *UI) int {
	t.Helper()
	st, err := u.Ledger().Stats()
	if err != nil {
		t.Fatal(err)
	}
	return st.Opinions
}

// A dropped 问卷星 workbook: preview, channel, open questions, import,
// summary, and the button that shows the new opinions.
func TestImportScreenQuestionnaire(t *testing.T) {
	u, s := newTestImportScreen(t)
	before := opinionCount(t, u)
	u.importFiles([]string{importFixture("wjx.xlsx")})
	if u.tabs.Selected().Text != "导入" {
		t.Errorf("dropping a file should show the 导入 tab, not %s", u.tabs.Selected().Text)
	}
	waitFor(t, "the preview", func() bool { return strings.Contains(s.formatLabel.Text, "问卷星") && !s.importBtn.Disabled() })
	if s.channel.Text != "问卷调查" || len(s.textCols.Selected) != 2 || len(s.preview.Rows) != 6 || s.importBtn.Disabled() {
		t.Fatalf("channel %q, text columns %v, rows %d, import disabled %v", s.channel.Text, s.textCols.Selected, len(s.preview.Rows), s.importBtn.Disabled())
	}
	rows, cols := s.tableSize()
	if rows != 7 || cols != 11 {
		t.Errorf("table %d×%d, want 7×11", rows, cols)
	}
	test.Tap(s.importBtn)
	waitFor(t, "the summary", func() bool { return strings.Contains(s.summary.Text, "新增 5 条") })
	if !strings.Contains(s.summary.Text, "空白或“无”等 7 条") {
		t.Errorf("summary %q", s.summary.Text)
	}
	if got := opinionCount(t, u); got != before+5 {
		t.Errorf("ledger has %d opinions, want %d", got, before+5)
	}
	if s.showBtn.Disabled() {
		t.Fatal("查看新导入的意见 is disabled")
	}
	test.Tap(s.showBtn)
	if u.tabs.Selected().Text != "意见" {
		t.Errorf("the button should show 意见, shows %s", u.tabs.Selected().Text)
	}

	// The same file again adds nothing and says so.
	u.importFiles([]string{importFixture("wjx.xlsx")})
	waitFor(t, "the second preview", func() bool { return !s.importBtn.Disabled() })
	test.Tap(s.importBtn)
	waitFor(t, "the second summary", func() bool { return strings.Contains(s.summary.Text, "已导入过：5 条") })
	if got := opinionCount(t, u); got != before+5 {
		t.Errorf("second import changed the count: %d", got)
	}
}

// A sheet whose header names no opinion column: the user ticks it, the
// import works, and the mapping is remembered for the layout.
func TestImportScreenCorrectMapping(t *testing.T) {
	u, s := newTestImportScreen(t)
	p := filepath.Join(t.TempDir(), "意见箱.csv")
	os.WriteFile(p, []byte("编号,话,时间\n1,会议太多,2026-11-01\n2,文件太多,2026-11-02\n"), 0o644)
	before := opinionCount(t, u)
	u.importFiles([]string{p})
	waitFor(t, "the preview", func() bool { return strings.Contains(s.status.Text, "勾选意见内容") })
	if !s.importBtn.Disabled() || !strings.Contains(s.status.Text, "勾选意见内容") {
		t.Fatalf("without an opinion column: import enabled %v, status %q", !s.importBtn.Disabled(), s.status.Text)
	}
	s.textCols.SetSelected([]string{"B · 话"})
	s.roleSel[importer.RoleDate].SetSelected("C · 时间")
	if s.importBtn.Disabled() {
		t.Fatal("import still disabled after choosing the column")
	}
	test.Tap(s.importBtn)
	waitFor(t, "the summary", func() bool { return strings.Contains(s.summary.Text, "新增 2 条") })
	if got := opinionCount(t, u); got != before+2 {
		t.Errorf("count %d, want %d", got, before+2)
	}
	m, ok := importer.RememberedMapping(u.Ledger(), importer.LayoutKey([]string{"编号", "话", "时间"}))
	if !ok || len(m.Text) != 1 || m.Text[0] != 2 || m.Date != 3 {
		t.Errorf("remembered %+v %v", m, ok)
	}
}

// A hostile file is refused: the summary names it and the ledger is unchanged.
func TestImportScreenRefusesEmptyFile(t *testing.T) {
	u, s := newTestImportScreen(t)
	p := filepath.Join(t.TempDir(), "空.xlsx")
	os.WriteFile(p, nil, 0o644)
	before, _ := u.Ledger().Stats()
	u.importFiles([]string{p})
	waitFor(t, "the refusal", func() bool { return strings.Contains(s.summary.Text, "空.xlsx") })
	if !strings.Contains(s.summary.Text, "✗") || !s.importBtn.Disabled() {
		t.Errorf("summary %q, import enabled %v", s.summary.Text, !s.importBtn.Disabled())
	}
	after, _ := u.Ledger().Stats()
	if after.Opinions != before.Opinions || after.Batches != before.Batches {
		t.Errorf("ledger changed")
	}
	_ = ledger.Channels
}

// Cancelling an import leaves the ledger as it was and says so.
func TestImportScreenCancel(t *testing.T) {
	u, s := newTestImportScreen(t)
	var b strings.Builder
	b.WriteString("意见,日期\n")
	for i := 0; i < 20000; i++ {
		b.WriteString("会议太多，文件太多，希望精简,2026-11-01\n")
	}
	p := filepath.Join(t.TempDir(), "意见箱.csv")
	os.WriteFile(p, []byte(b.String()), 0o644)
	before, _ := u.Ledger().Stats()
	u.importFiles([]string{p})
	waitFor(t, "the preview", func() bool { return !s.importBtn.Disabled() })
	test.Tap(s.importBtn)
	if s.cancelBtn.Disabled() {
		t.Fatal("取消导入 is disabled while importing")
	}
	test.Tap(s.cancelBtn)
	waitFor(t, "the cancel", func() bool { return strings.Contains(s.summary.Text, "已取消") })
	after, _ := u.Ledger().Stats()
	if after.Opinions != before.Opinions || after.Batches != before.Batches {
		t.Errorf("ledger changed: %d → %d opinions", before.Opinions, after.Opinions)
	}
	if s.importBtn.Disabled() {
		t.Error("the file can be imported again after a cancel")
	}
}

// An encrypted workbook asks for its password, then imports.
func TestImportScreenPassword(t *testing.T) {
	u, s := newTestImportScreen(t)
	p := filepath.Join(t.TempDir(), "加密.xlsx")
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"序号", "意见"})
	f.SetSheetRow("Sheet1", "A2", &[]any{1, "会议太多"})
	if err := f.SaveAs(p, excelize.Options{Password: "123456"}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	before := opinionCount(t, u)
	u.importFiles([]string{p})
	waitFor(t, "the password prompt", func() bool { return s.passRow.Visible() && strings.Contains(s.status.Text, "密码") })
	s.pass.SetText("654321")
	test.Tap(s.passBtn)
	waitFor(t, "the wrong password", func() bool { return strings.Contains(s.status.Text, "密码不正确") })
	s.pass.SetText("123456")
	test.Tap(s.passBtn)
	waitFor(t, "the preview", func() bool { return !s.importBtn.Disabled() })
	s.channel.SetText("意见箱")
	test.Tap(s.importBtn)
	waitFor(t, "the summary", func() bool { return strings.Contains(s.summary.Text, "新增 1 条") })
	if got := opinionCount(t, u); got != before+1 {
		t.Errorf("count %d", got)
	}
}
