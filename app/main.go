// Package app is the window of 意见台账 (Fyne). It is the only package that
// imports Fyne; everything it shows comes from packages ledger, search and
// reports.
//
// Each screen is built by a newXScreen(u *UI) function in its own file
// (opinions.go, board.go, search.go, import.go, reports.go, settings.go)
// and talks to the rest of the window only through *UI.
package app

import (
	"strconv"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// AppID identifies the application to the desktop and for its preferences.
const AppID = "cn.gov.taizhang"

// Main opens the window. args may name a ledger file to open; without one
// the last ledger is opened, or the demo ledger the first time.
func Main(args []string) {
	srv, handed := claimWindow(args) // before Fyne starts: a second start is over in milliseconds
	if handed {
		return
	}
	defer srv.Close()
	a := fyneapp.NewWithID(AppID)
	a.Settings().SetTheme(newTheme())
	a.SetIcon(appIcon)
	w := a.NewWindow("意见台账")
	w.Resize(fyne.NewSize(1200, 760))
	u := newUI(a, w)
	w.SetContent(u.buildUI())
	w.SetMainMenu(u.mainMenu())
	w.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) {
		var paths []string
		for _, uri := range uris {
			paths = append(paths, uri.Path())
		}
		u.importFiles(paths)
	})
	u.serveSecondStarts(srv)
	u.openInitial(args)
	w.ShowAndRun()
	if l := u.Ledger(); l != nil {
		l.Close()
	}
}

func newUI(a fyne.App, w fyne.Window) *UI {
	return &UI{App: a, Win: w, status: widget.NewLabel(""),
		screens: map[string]*container.TabItem{}, navigate: map[string]func(int64){}}
}

// buildUI makes the tabs and the status bar.
func (u *UI) buildUI() fyne.CanvasObject {
	items := []*container.TabItem{
		container.NewTabItem("意见", newOpinionsScreen(u)),
		container.NewTabItem("梳理", newBoardScreen(u)),
		container.NewTabItem("检索", newSearchScreen(u)),
		container.NewTabItem("导入", newImportScreen(u)),
		container.NewTabItem("报告", newReportsScreen(u)),
		container.NewTabItem("设置", newSettingsScreen(u)),
	}
	for _, it := range items {
		u.screens[it.Text] = it
	}
	u.tabs = container.NewAppTabs(items...)
	u.status.TextStyle = fyne.TextStyle{Bold: true}
	if c := u.Win.Canvas(); c != nil {
		c.SetOnTypedKey(func(k *fyne.KeyEvent) { u.escape(k) }) // nothing has focus
	}
	return container.NewBorder(nil, container.NewPadded(u.status), nil, nil, u.tabs)
}

func itoa(n int) string { return strconv.Itoa(n) }
