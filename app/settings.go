package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"taizhang/ledger"
)

// settingsScreen edits the ledger's unit, title and period, its team, and
// lists the rolling backups for restore.
type settingsScreen struct {
	u *UI

	unit, title, from, to *widget.Entry
	leaders               []ledger.Leader
	leaderList            *widget.List
	selLeader             int
	backups               []ledger.BackupInfo
	backupList            *widget.List
	backupDir             *widget.Label
	path                  *widget.Label
}

func newSettingsScreen(u *UI) fyne.CanvasObject {
	s := &settingsScreen{u: u, selLeader: -1}
	u.settings = s
	u.OnLedgerOpened(s.load)
	u.OnChanged(func() {
		s.loadLeaders()
		s.loadBackups() // an import just made one
	})
	return s.buildUI()
}

func (s *settingsScreen) buildUI() fyne.CanvasObject {
	s.unit, s.title, s.from, s.to = widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	s.from.SetPlaceHolder("2026-11-01")
	s.to.SetPlaceHolder("2026-11-30")
	s.path = widget.NewLabel("")
	s.path.Truncation = fyne.TextTruncateEllipsis
	info := &widget.Form{
		Items: []*widget.FormItem{
			{Text: "台账文件", Widget: s.path},
			{Text: "单位", Widget: s.unit},
			{Text: "标题", Widget: s.title},
			{Text: "征求意见开始", Widget: s.from},
			{Text: "征求意见结束", Widget: s.to},
		},
		SubmitText: "保存",
		OnSubmit:   s.saveInfo,
	}

	s.leaderList = widget.NewList(
		func() int { return len(s.leaders) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			m := s.leaders[i]
			text := fmt.Sprintf("%d. %s　%s", i+1, m.Name, m.Post)
			if m.Portfolio != "" {
				text += "　（" + m.Portfolio + "）"
			}
			o.(*widget.Label).SetText(text)
		})
	s.leaderList.OnSelected = func(i widget.ListItemID) { s.selLeader = i }
	s.leaderList.OnUnselected = func(widget.ListItemID) { s.selLeader = -1 }
	buttons := container.NewHBox(
		widget.NewButton("添加成员", func() { s.editLeader(ledger.Leader{}) }),
		widget.NewButton("编辑", func() {
			if s.selLeader >= 0 {
				s.editLeader(s.leaders[s.selLeader])
			}
		}),
		widget.NewButton("上移", func() { s.moveLeader(-1) }),
		widget.NewButton("下移", func() { s.moveLeader(1) }),
		widget.NewButton("删除", s.removeLeader),
	)
	team := container.NewBorder(
		container.NewVBox(widget.NewLabelWithStyle("领导班子成员（顺序即报告中的顺序）", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), buttons),
		nil, nil, nil, s.leaderList)

	s.backupDir = widget.NewLabel("")
	s.backupDir.Truncation = fyne.TextTruncateEllipsis
	s.backupList = widget.NewList(
		func() int { return len(s.backups) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, nil, widget.NewButton("恢复", nil), widget.NewLabel(""))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			b := s.backups[i]
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%s　%s　%.1f MB", b.Time.Format("2006-01-02 15:04:05"), b.Reason, float64(b.Size)/(1<<20)))
			c.Objects[1].(*widget.Button).OnTapped = func() { s.restore(b) }
		})
	backups := container.NewBorder(
		container.NewVBox(
			widget.NewLabelWithStyle("备份（导入前、升级前和每天首次打开时自动备份，保留最近 10 份）", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			s.backupDir,
			widget.NewButton("立即备份", s.backupNow)),
		nil, nil, nil, s.backupList)

	left := container.NewVSplit(
		container.NewVScroll(container.NewVBox(widget.NewLabelWithStyle("台账信息", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), info)),
		team)
	left.Offset = 0.5
	split := container.NewHSplit(left, backups)
	split.Offset = 0.55
	return split
}

func (s *settingsScreen) load() {
	l := s.u.Ledger()
	if l == nil {
		return
	}
	info, err := l.Info()
	if err != nil {
		s.u.ShowError(err)
		return
	}
	s.path.SetText(l.Path())
	s.unit.SetText(info.Unit)
	s.title.SetText(info.Title)
	s.from.SetText(info.PeriodStart)
	s.to.SetText(info.PeriodEnd)
	s.loadLeaders()
	s.loadBackups()
}

func (s *settingsScreen) loadLeaders() {
	l := s.u.Ledger()
	if l == nil {
		return
	}
	ms, err := l.Leaders()
	if err != nil {
		s.u.ShowError(err)
		return
	}
	s.leaders = ms
	s.leaderList.Refresh()
}

func (s *settingsScreen) loadBackups() {
	l := s.u.Ledger()
	s.backupDir.SetText("备份文件夹：" + l.BackupDir())
	bs, err := l.Backups()
	if err != nil {
		s.u.ShowError(err)
	}
	s.backups = bs
	s.backupList.Refresh()
}

func (s *settingsScreen) saveInfo() {
	l := s.u.Ledger()
	err := l.SetInfo(ledger.Info{Unit: s.unit.Text, Title: s.title.Text, PeriodStart: s.from.Text, PeriodEnd: s.to.Text})
	if err != nil {
		s.u.ShowError(err)
		return
	}
	s.u.Win.SetTitle("意见台账 — " + s.unit.Text)
	s.u.Notify("台账信息已保存")
}

func (s *settingsScreen) editLeader(m ledger.Leader) {
	name, post, portfolio := newEscEntry(s.u), newEscEntry(s.u), newEscEntry(s.u)
	name.SetText(m.Name)
	post.SetText(m.Post)
	portfolio.SetText(m.Portfolio)
	post.SetPlaceHolder("例如：党组书记、局长")
	portfolio.SetPlaceHolder("例如：分管办公室、人事")
	title := "添加班子成员"
	if m.ID != 0 {
		title = "编辑班子成员"
	}
	s.u.showDialog(dialog.NewForm(title, "保存", "取消", []*widget.FormItem{
		{Text: "姓名", Widget: name, HintText: "必填"},
		{Text: "职务", Widget: post},
		{Text: "分工", Widget: portfolio},
	}, func(ok bool) {
		if !ok {
			return
		}
		m.Name, m.Post, m.Portfolio = name.Text, post.Text, portfolio.Text
		var err error
		if m.ID == 0 {
			_, err = s.u.Ledger().AddLeader(m)
		} else {
			err = s.u.Ledger().UpdateLeader(m)
		}
		if err != nil {
			s.u.ShowError(err)
		}
	}, s.u.Win), nil)
}

func (s *settingsScreen) moveLeader(delta int) {
	i := s.selLeader
	if i < 0 || i+delta < 0 || i+delta >= len(s.leaders) {
		return
	}
	if err := s.u.Ledger().MoveLeader(s.leaders[i].ID, i+delta); err != nil {
		s.u.ShowError(err)
		return
	}
	s.loadLeaders()
	s.leaderList.Select(i + delta)
}

func (s *settingsScreen) removeLeader() {
	if s.selLeader < 0 {
		return
	}
	m := s.leaders[s.selLeader]
	s.u.showDialog(dialog.NewConfirm("删除班子成员", fmt.Sprintf("删除“%s”？\n反映该成员的意见和问题会保留，只是不再指向该成员。", m.Name), func(ok bool) {
		if !ok {
			return
		}
		if err := s.u.Ledger().RemoveLeader(m.ID); err != nil {
			s.u.ShowError(err)
			return
		}
		s.leaderList.UnselectAll()
	}, s.u.Win), nil)
}

func (s *settingsScreen) backupNow() {
	if _, err := s.u.Ledger().Backup("手动"); err != nil {
		s.u.ShowError(err)
		return
	}
	s.loadBackups()
	s.u.Notify("已备份")
}

func (s *settingsScreen) restore(b ledger.BackupInfo) {
	msg := fmt.Sprintf("把台账恢复到 %s（%s）时的状态？\n恢复前会先备份当前台账，可以再恢复回来。", b.Time.Format("2006-01-02 15:04:05"), b.Reason)
	s.u.showDialog(dialog.NewConfirm("从备份恢复", msg, func(ok bool) {
		if !ok {
			return
		}
		l := s.u.Ledger()
		path := l.Path()
		l.Close()
		r, err := ledger.Restore(path, b.Path)
		if err != nil {
			s.u.ShowError(err)
			if r2, err2 := ledger.Open(path); err2 == nil {
				s.u.setLedger(r2)
			}
			return
		}
		s.u.setLedger(r)
		s.u.Notify("已从备份恢复")
	}, s.u.Win), nil)
}
