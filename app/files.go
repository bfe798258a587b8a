package app

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"taizhang/assets"
	"taizhang/ledger"
)

const (
	prefLast   = "ledger.last"
	prefRecent = "ledger.recent"
	maxRecent  = 8
)

// demoPath is where the demo ledger lives: in the user's configuration
// folder, made on first use.
func demoPath() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "taizhang", "示例台账"+ledger.Extension)
}

// openInitial opens the ledger named on the command line, else the last one,
// else the demo ledger. (TAIZHANG_TAB=梳理 selects a tab at start: see
// board.go.)
func (u *UI) openInitial(args []string) {
	path := ""
	if len(args) > 0 && args[0] == "--demo" {
		u.openDemo()
		args = nil
		path = "-"
	} else if len(args) > 0 {
		path = args[0]
	} else if last := u.App.Preferences().String(prefLast); last != "" {
		if _, err := os.Stat(last); err == nil {
			path = last
		}
	}
	switch path {
	case "-": // already open
	case "":
		u.openDemo()
	default:
		u.openPath(path)
	}
}

// openDemo opens the demo ledger, creating it the first time.
func (u *UI) openDemo() {
	p := demoPath()
	if _, err := os.Stat(p); errors.Is(err, os.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			u.ShowError(err)
			return
		}
		l, err := ledger.CreateFromSeed(p, assets.DemoLedger)
		if err != nil {
			u.ShowError(err)
			return
		}
		l.Close()
	}
	u.openPath(p)
}

// openPath opens a ledger file and makes it the window's ledger.
func (u *UI) openPath(path string) {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if cur := u.Ledger(); cur != nil && cur.Path() == path {
		return
	}
	l, err := ledger.Open(path)
	if err != nil {
		u.ShowError(err)
		return
	}
	u.setLedger(l)
	u.remember(path)
}

// remember puts path first in the recent-ledgers list.
func (u *UI) remember(path string) {
	p := u.App.Preferences()
	p.SetString(prefLast, path)
	recent := []string{path}
	for _, r := range u.recent() {
		if r != path && len(recent) < maxRecent {
			recent = append(recent, r)
		}
	}
	p.SetString(prefRecent, strings.Join(recent, "\n"))
	u.Win.SetMainMenu(u.mainMenu())
}

func (u *UI) recent() []string {
	var out []string
	for _, r := range strings.Split(u.App.Preferences().String(prefRecent), "\n") {
		if r != "" {
			out = append(out, r)
		}
	}
	return out
}

func (u *UI) mainMenu() *fyne.MainMenu {
	var recentItems []*fyne.MenuItem
	for _, r := range u.recent() {
		r := r
		recentItems = append(recentItems, fyne.NewMenuItem(filepath.Base(r)+"  ("+filepath.Dir(r)+")", func() { u.openPath(r) }))
	}
	recentMenu := fyne.NewMenuItem("最近打开", nil)
	if len(recentItems) == 0 {
		recentItems = []*fyne.MenuItem{{Label: "（无）", Disabled: true}}
	}
	recentMenu.ChildMenu = fyne.NewMenu("", recentItems...)
	file := fyne.NewMenu("文件",
		fyne.NewMenuItem("新建台账…", u.onNew),
		fyne.NewMenuItem("打开台账…", u.onOpen),
		recentMenu,
		fyne.NewMenuItem("打开示例台账", u.openDemo),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("导入文件…", func() { u.Show("导入", 0) }),
		fyne.NewMenuItem("备份与恢复…", func() { u.Show("设置", 0) }),
	)
	help := fyne.NewMenu("帮助",
		fyne.NewMenuItem("关于意见台账", u.onAbout),
	)
	return fyne.NewMainMenu(file, help)
}

// onNew asks for the unit and title, then where to save the new ledger.
func (u *UI) onNew() {
	unit := newEscEntry(u)
	unit.SetPlaceHolder("例如：某某县财政局")
	title := newEscEntry(u)
	title.SetPlaceHolder("例如：2026年度民主生活会征求意见台账")
	items := []*widget.FormItem{
		{Text: "单位", Widget: unit, HintText: "必填"},
		{Text: "标题", Widget: title},
	}
	u.showDialog(dialog.NewForm("新建台账", "下一步：选择保存位置", "取消", items, func(ok bool) {
		if !ok {
			return
		}
		if strings.TrimSpace(unit.Text) == "" {
			u.ShowError(&ledger.Error{Msg: "请填写单位名称后再新建台账"})
			return
		}
		save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
			if err != nil || w == nil {
				u.ShowError(err)
				return
			}
			path := w.URI().Path()
			w.Close()
			os.Remove(path) // the dialog created an empty file; Create refuses to overwrite
			if !strings.HasSuffix(path, ledger.Extension) {
				path += ledger.Extension
			}
			l, err := ledger.Create(path, ledger.Info{Unit: unit.Text, Title: title.Text})
			if err != nil {
				u.ShowError(err)
				return
			}
			l.Close()
			u.openPath(path)
			u.Show("设置", 0)
			u.Notify("已新建台账。请在“设置”中添加班子成员，然后导入或录入意见。")
		}, u.Win)
		save.SetFileName(strings.TrimSpace(unit.Text) + ledger.Extension)
		save.SetFilter(storage.NewExtensionFileFilter([]string{ledger.Extension}))
		save.Show()
	}, u.Win), nil)
}

func (u *UI) onOpen() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			u.ShowError(err)
			return
		}
		path := r.URI().Path()
		r.Close()
		u.openPath(path)
	}, u.Win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{ledger.Extension}))
	d.Show()
}
