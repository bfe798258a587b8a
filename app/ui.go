package app

import (
	"log"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"taizhang/ledger"
)

// UI is the window's shared state. Every screen gets it when it is built.
//
// Threading: all methods must be called on the Fyne goroutine (inside
// fyne.Do when called from a worker goroutine), except Ledger, which is safe
// anywhere. Screens do long work (imports, reports, index builds) in
// goroutines and touch widgets only through fyne.Do.
type UI struct {
	App fyne.App
	Win fyne.Window

	mu  sync.Mutex
	led *ledger.Ledger

	tabs     *container.AppTabs
	status   *widget.Label
	opened   []func()
	changed  []func()
	pending  bool
	screens  map[string]*container.TabItem
	opinions *opinionsScreen // for tests
	settings *settingsScreen // for tests
	navigate map[string]func(id int64)
	dialogs  []closable // open dialogs, newest last (see showDialog)
}

// Ledger returns the open ledger (nil before one is open). Safe from any
// goroutine.
func (u *UI) Ledger() *ledger.Ledger {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.led
}

// OnLedgerOpened registers fn to run whenever a (new) ledger is opened, so a
// screen can reload everything.
func (u *UI) OnLedgerOpened(fn func()) { u.opened = append(u.opened, fn) }

// OnChanged registers fn to run after the ledger changed (through any
// screen or command of this process). Changes are coalesced: fn runs at most
// every 100 ms, on the Fyne goroutine.
func (u *UI) OnChanged(fn func()) { u.changed = append(u.changed, fn) }

// ShowError shows err as a Chinese message that says what to do.
func (u *UI) ShowError(err error) {
	if err == nil {
		return
	}
	log.Printf("taizhang: %v", err) // the whole chain, causes included
	u.showDialog(dialog.NewInformation("出错了", ledger.Message(err), u.Win), nil)
}

// Notify shows a short message in the status bar for a few seconds.
func (u *UI) Notify(msg string) {
	u.status.SetText(msg)
	go func() {
		time.Sleep(5 * time.Second)
		fyne.Do(u.refreshStatus)
	}()
}

// Show switches to the screen named name (see the tab titles in buildUI)
// and, if id is not 0, asks it to show that opinion or problem.
func (u *UI) Show(name string, id int64) {
	if t, ok := u.screens[name]; ok {
		u.tabs.Select(t)
	}
	if fn, ok := u.navigate[name]; ok && id != 0 {
		fn(id)
	}
}

// OnShow lets the screen named name be asked to show an item by id
// (u.Show("梳理", problemID) scrolls the board to that problem).
func (u *UI) OnShow(name string, fn func(id int64)) { u.navigate[name] = fn }

// setLedger switches the window to l (closing the previous ledger) and tells
// every screen.
func (u *UI) setLedger(l *ledger.Ledger) {
	u.mu.Lock()
	old := u.led
	u.led = l
	u.mu.Unlock()
	if old != nil && old != l {
		old.Close()
	}
	l.OnChange(func(ledger.Change) { u.changedSoon() })
	info, _ := l.Info()
	title := "意见台账"
	if info.Unit != "" {
		title += " — " + info.Unit
	}
	u.Win.SetTitle(title)
	for _, fn := range u.opened {
		fn()
	}
	u.refreshStatus()
}

// changedSoon coalesces change notifications from any goroutine.
func (u *UI) changedSoon() {
	u.mu.Lock()
	if u.pending {
		u.mu.Unlock()
		return
	}
	u.pending = true
	u.mu.Unlock()
	time.AfterFunc(100*time.Millisecond, func() {
		u.mu.Lock()
		u.pending = false
		u.mu.Unlock()
		fyne.Do(func() {
			for _, fn := range u.changed {
				fn()
			}
			u.refreshStatus()
		})
	})
}

// refreshStatus writes the counts into the status bar.
func (u *UI) refreshStatus() {
	l := u.Ledger()
	if l == nil {
		u.status.SetText("未打开台账")
		return
	}
	s, err := l.Counts()
	if err != nil {
		u.status.SetText("无法读取统计：" + ledger.Message(err))
		return
	}
	u.status.SetText(statusText(s))
}

func statusText(s ledger.Stats) string {
	return "共征求意见 " + itoa(s.Opinions) + " 条，梳理归纳为 " + itoa(s.Problems) + " 个问题，未归类 " + itoa(s.Unsorted) + " 条"
}
