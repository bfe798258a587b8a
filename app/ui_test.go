package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"taizhang/ledger"
	"taizhang/ledger/ledgertest"
)

// newTestUI builds the whole window on the test driver with the demo ledger.
func newTestUI(t *testing.T) (*UI, fyne.Window) {
	t.Helper()
	return newTestUIWith(t, ledgertest.Demo(t, ledger.Options{}))
}

// newTestUIWith builds the whole window on the test driver with l open.
func newTestUIWith(t *testing.T, l *ledger.Ledger) (*UI, fyne.Window) {
	t.Helper()
	a := newSerialApp(t)
	a.Settings().SetTheme(newTheme())
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1200, 760))
	u := newUI(a, w)
	w.SetContent(u.buildUI())
	u.setLedger(l)
	t.Cleanup(func() {
		if l := u.Ledger(); l != nil {
			l.Close()
		}
	})
	return u, w
}

// waitFor polls cond (the screens load in goroutines).
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	waitWithin(t, 5*time.Second, what, cond)
}

// waitWithin is waitFor with its own time limit.
func waitWithin(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		back := letGo() // the queued callbacks run meanwhile
		time.Sleep(10 * time.Millisecond)
		back()
	}
}

func TestWindowFitsASmallScreen(t *testing.T) {
	u, w := newTestUI(t)
	for _, it := range u.tabs.Items {
		if h := it.Content.MinSize().Height; h > 640 {
			t.Errorf("tab %s needs %.0f px of height; it must fit a 1280×800 screen", it.Text, h)
		}
	}
	if min := w.Content().MinSize(); min.Height > 760 || min.Width > 1200 {
		t.Errorf("window content min size %v exceeds 1200×760", min)
	}
}

func TestStatusBarCounts(t *testing.T) {
	u, _ := newTestUI(t)
	want := "共征求意见 35 条，梳理归纳为 0 个问题，未归类 35 条"
	if got := u.status.Text; got != want {
		t.Errorf("status = %q, want %q", got, want)
	}
}

func TestQuickEntryEnterSavesAndClears(t *testing.T) {
	u, w := newTestUI(t)
	var s *opinionsScreen
	_ = s
	screen := findOpinionsScreen(t, u)
	waitFor(t, "the opinions to load", func() bool { return len(screen.rows) == 35 })
	screen.entryChannel.SetSelected("意见箱")
	screen.entryTarget.SetSelected("刘志强")
	slips := []string{"第一张纸条：食堂浪费严重", "第二张：会议通知太晚　", "第三张 𠮷"}
	for _, slip := range slips {
		w.Canvas().Focus(screen.entryText)
		test.Type(screen.entryText, slip)
		screen.entryText.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		if screen.entryText.Text != "" {
			t.Fatalf("text not cleared after Enter: %q", screen.entryText.Text)
		}
		if w.Canvas().Focused() != screen.entryText {
			t.Fatal("focus left the text entry after Enter")
		}
	}
	os, err := u.Ledger().Opinions(ledger.Filter{Channel: "意见箱"})
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, o := range os[len(os)-3:] {
		texts = append(texts, o.Text)
		if len(o.Targets) != 1 {
			t.Errorf("targets = %v", o.Targets)
		}
	}
	if got := strings.Join(texts, "|"); got != "第一张纸条：食堂浪费严重|第二张：会议通知太晚|第三张 𠮷" {
		t.Errorf("saved texts = %s", got)
	}
	waitFor(t, "the list to refresh", func() bool { return len(screen.rows) == 38 })
	waitFor(t, "the status bar", func() bool {
		return strings.Contains(u.status.Text, "共征求意见 38 条") || strings.Contains(u.status.Text, "已保存")
	})
}

func TestOpinionFilters(t *testing.T) {
	u, _ := newTestUI(t)
	s := findOpinionsScreen(t, u)
	waitFor(t, "the opinions to load", func() bool { return len(s.rows) == 35 })
	s.channel.SetSelected("座谈会")
	waitFor(t, "the channel filter", func() bool { return len(s.rows) == 6 })
	s.target.SetSelected("刘志强")
	waitFor(t, "the target filter", func() bool { return len(s.rows) == 1 })
	s.channel.SetSelected(allChannels)
	s.target.SetSelected(allTargets)
	s.contains.SetText("公车")
	waitFor(t, "the text filter", func() bool { return len(s.rows) == 1 && strings.Contains(s.rows[0].Text, "公车私用") })
}

func TestDetailHidesSubmitterUntilAsked(t *testing.T) {
	u, _ := newTestUI(t)
	s := findOpinionsScreen(t, u)
	id, _ := u.Ledger().AddOpinion(ledger.Opinion{Text: "有人反映", Channel: "专线电话", Submitter: ledger.Submitter{Name: "王小二", Contact: "13800000000"}})
	waitFor(t, "the new opinion", func() bool { return len(s.rows) == 36 })
	s.showOpinion(id)
	if strings.Contains(s.detailMeta.Text, "王小二") {
		t.Error("submitter shown without asking")
	}
	s.showSub.SetChecked(true)
	if !strings.Contains(s.detailMeta.Text, "王小二") {
		t.Errorf("submitter not shown when asked: %s", s.detailMeta.Text)
	}
}

func findOpinionsScreen(t *testing.T, u *UI) *opinionsScreen {
	t.Helper()
	if u.opinions == nil {
		t.Fatal("no opinions screen")
	}
	return u.opinions
}

func TestSettingsEditInfoAndTeam(t *testing.T) {
	u, _ := newTestUI(t)
	s := u.settings
	s.unit.SetText("示例县财政局机关")
	s.from.SetText("2026/11/2")
	s.saveInfo()
	info, _ := u.Ledger().Info()
	if info.Unit != "示例县财政局机关" || info.PeriodStart != "2026-11-02" {
		t.Errorf("info = %+v", info)
	}
	s.leaderList.Select(3)
	s.moveLeader(-1)
	ms, _ := u.Ledger().Leaders()
	if ms[2].Name != "孙晓明" || ms[3].Name != "刘志强" {
		t.Errorf("order after 上移: %v", ms)
	}
	if s.selLeader != 2 {
		t.Errorf("selection did not follow the moved member: %d", s.selLeader)
	}
	s.backupNow()
	if len(s.backups) == 0 || s.backups[0].Reason != "手动" {
		t.Errorf("backups after 立即备份: %+v", s.backups)
	}
}

// TestEscClosesDialogsWithoutFocus: with nothing focused (an error
// message), the window hears Esc and closes the dialog; in a form, the
// focused entry passes Esc on and nothing is saved.
func TestEscClosesDialogsWithoutFocus(t *testing.T) {
	u, w := newTestUI(t)
	c := w.Canvas()
	esc := &fyne.KeyEvent{Name: fyne.KeyEscape}
	u.ShowError(&ledger.Error{Msg: "测试用的错误"})
	if c.Overlays().Top() == nil {
		t.Fatal("no error dialog")
	}
	c.Unfocus()
	c.OnTypedKey()(esc)
	if c.Overlays().Top() != nil {
		t.Fatal("Esc left the error dialog open")
	}

	n := len(u.settings.leaders)
	u.settings.editLeader(ledger.Leader{})
	var name *escEntry
	boardWalk(c.Overlays().Top(), func(o fyne.CanvasObject) {
		if e, ok := o.(*escEntry); ok && name == nil {
			name = e
		}
	})
	if name == nil {
		t.Fatal("the leader form has no entry")
	}
	c.Focus(name)
	test.Type(name, "王某")
	c.Focused().TypedKey(esc)
	if c.Overlays().Top() != nil {
		t.Fatal("Esc left the leader form open")
	}
	if ms, _ := u.Ledger().Leaders(); len(ms) != n {
		t.Errorf("Esc added a leader: %d, had %d", len(ms), n)
	}
}
