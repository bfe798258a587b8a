package app

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"taizhang/ledger"
)

const (
	allChannels = "全部渠道"
	allTargets  = "全部对象"
)

// opinionsScreen lists the opinions (virtualised), filters them, shows one
// in full with its provenance, and takes quick entry of slips and calls.
type opinionsScreen struct {
	u *UI

	rows     []ledger.Opinion
	names    map[int64]string
	selected int64
	loadSeq  int

	channel  *widget.Select
	target   *widget.Select
	contains *widget.Entry
	count    *widget.Label
	table    *widget.Table

	detailText   *widget.Label
	detailMeta   *widget.Label
	showSub      *widget.Check
	detailHeader *widget.Label

	entryChannel *widget.Select
	entryDate    *widget.Entry
	entryTarget  *widget.Select
	entryText    *submitEntry
	entryCount   int
}

var opinionColumns = []struct {
	title string
	width float32
}{
	{"编号", 60}, {"渠道", 86}, {"日期", 100}, {"对象", 110}, {"来源", 200}, {"内容", 560},
}

func newOpinionsScreen(u *UI) fyne.CanvasObject {
	s := &opinionsScreen{u: u}
	u.opinions = s
	u.OnLedgerOpened(s.reloadAll)
	u.OnChanged(s.reload)
	u.OnShow("意见", s.showOpinion)
	return s.buildUI()
}

func (s *opinionsScreen) buildUI() fyne.CanvasObject {
	s.channel = &widget.Select{Options: []string{allChannels}, Selected: allChannels, OnChanged: func(string) { s.reload() }}
	s.target = &widget.Select{Options: []string{allTargets}, Selected: allTargets, OnChanged: func(string) { s.reload() }}
	s.contains = widget.NewEntry()
	s.contains.SetPlaceHolder("按文字筛选（包含这些字）")
	s.contains.OnChanged = func(string) { s.reload() }
	s.count = widget.NewLabel("")
	filters := container.NewBorder(nil, nil,
		container.NewHBox(widget.NewLabel("筛选："), fixedWidth(120, s.channel), fixedWidth(140, s.target)), s.count, s.contains)

	s.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(s.rows), len(opinionColumns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		s.updateCell)
	s.table.ShowHeaderColumn = false
	s.table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 {
			o.(*widget.Label).SetText(opinionColumns[id.Col].title)
		}
	}
	for i, c := range opinionColumns {
		s.table.SetColumnWidth(i, c.width)
	}
	s.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(s.rows) {
			s.selected = s.rows[id.Row].ID
			s.showDetail(s.rows[id.Row])
			// Selecting the wide text cell scrolls it into view; keep the
			// channel, date and target columns visible instead.
			s.table.ScrollToLeading()
		}
	}

	s.detailHeader = widget.NewLabelWithStyle("选择一条意见查看全文", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.detailText = widget.NewLabel("")
	s.detailText.Wrapping = fyne.TextWrapWord
	s.detailText.Selectable = true
	s.detailMeta = widget.NewLabel("")
	s.detailMeta.Wrapping = fyne.TextWrapWord
	s.showSub = widget.NewCheck("显示提出人信息（仅限工作人员）", func(bool) { s.refreshDetail() })
	detail := container.NewBorder(s.detailHeader, nil, nil, nil,
		container.NewVScroll(container.NewVBox(s.detailText, widget.NewSeparator(), s.detailMeta, s.showSub)))

	split := container.NewHSplit(s.table, detail)
	split.Offset = 0.68
	return container.NewBorder(filters, s.buildEntry(), nil, nil, split)
}

func (s *opinionsScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if id.Row >= len(s.rows) {
		l.SetText("")
		return
	}
	op := &s.rows[id.Row]
	switch id.Col {
	case 0:
		l.SetText(fmt.Sprint(op.ID))
	case 1:
		l.SetText(op.Channel)
	case 2:
		l.SetText(op.Date)
	case 3:
		l.SetText(targetNames(op.Targets, s.names))
	case 4:
		src := op.Source.File
		switch {
		case src == "":
			src = "手工录入"
		case op.Source.Row > 0:
			src += " 第" + itoa(op.Source.Row) + "行"
		}
		l.SetText(src)
	case 5:
		l.SetText(op.FirstLine())
	}
}

func targetNames(ids []int64, names map[int64]string) string {
	var out []string
	for _, id := range ids {
		if n, ok := names[id]; ok {
			out = append(out, n)
		}
	}
	return strings.Join(out, "、")
}

// reloadAll refreshes the filter choices, then the rows.
func (s *opinionsScreen) reloadAll() {
	s.selected = 0
	s.showDetailEmpty()
	s.reload()
}

// reload reads the opinions the filters select, in a goroutine.
func (s *opinionsScreen) reload() {
	l := s.u.Ledger()
	if l == nil {
		return
	}
	s.loadSeq++
	seq := s.loadSeq
	f := ledger.Filter{Contains: strings.TrimSpace(s.contains.Text)}
	if s.channel.Selected != allChannels {
		f.Channel = s.channel.Selected
	}
	targetSel := s.target.Selected
	go func() {
		names, err := l.TargetNames()
		if err != nil {
			fyne.Do(func() { s.u.ShowError(err) })
			return
		}
		if targetSel != allTargets {
			for id, n := range names {
				if n == targetSel {
					id := id
					f.Target = &id
				}
			}
		}
		rows, err := l.Opinions(f)
		stats, _ := l.Stats()
		fyne.Do(func() {
			if seq != s.loadSeq {
				return // a newer reload is on its way
			}
			if err != nil {
				s.u.ShowError(err)
				return
			}
			s.names, s.rows = names, rows
			s.updateChoices(stats, names)
			s.count.SetText(fmt.Sprintf("%d 条", len(rows)))
			s.table.Refresh()
			s.refreshDetail()
		})
	}()
}

// updateChoices fills the channel and target selects (keeping the choice).
func (s *opinionsScreen) updateChoices(stats ledger.Stats, names map[int64]string) {
	used := ledger.SortedChannels(stats.ByChannel)
	s.channel.Options = append([]string{allChannels}, used...)
	s.channel.Refresh()
	var extra []string // channels of the ledger beyond the standard eight
	for _, c := range used {
		if !slices.Contains(ledger.Channels, c) {
			extra = append(extra, c)
		}
	}

	targets := []string{allTargets, ledger.TeamName}
	s.entryTarget.Options = []string{"（不指定）", ledger.TeamName}
	l := s.u.Ledger()
	if ms, err := l.Leaders(); err == nil {
		for _, m := range ms {
			targets = append(targets, m.Name)
			s.entryTarget.Options = append(s.entryTarget.Options, m.Name)
		}
	}
	s.target.Options = targets
	s.target.Refresh()
	s.entryTarget.Refresh()
	opts := append([]string{}, ledger.Channels...)
	opts = append(opts, extra...)
	s.entryChannel.Options = opts
	s.entryChannel.Refresh()
	_ = names
}

func (s *opinionsScreen) showOpinion(id int64) {
	for i, o := range s.rows {
		if o.ID == id {
			s.table.Select(widget.TableCellID{Row: i, Col: 5})
			s.table.ScrollTo(widget.TableCellID{Row: i, Col: 0})
			return
		}
	}
	// Not in the filtered rows: clear the filters and show it anyway.
	if o, err := s.u.Ledger().Opinion(id); err == nil {
		s.selected = id
		s.showDetail(o)
	}
}

func (s *opinionsScreen) refreshDetail() {
	if s.selected == 0 {
		return
	}
	if o, err := s.u.Ledger().Opinion(s.selected); err == nil {
		s.showDetail(o)
	} else {
		s.showDetailEmpty()
	}
}

func (s *opinionsScreen) showDetailEmpty() {
	s.detailHeader.SetText("选择一条意见查看全文")
	s.detailText.SetText("")
	s.detailMeta.SetText("")
}

// showDetail shows o, read through the public view; with 显示提出人信息
// ticked it reads the opinion again through the internal view, the one place
// the window does.
func (s *opinionsScreen) showDetail(o ledger.Opinion) {
	internal := s.showSub.Checked
	if internal {
		full, err := s.u.Ledger().Internal().Opinion(o.ID)
		if err != nil {
			s.u.ShowError(err)
			return
		}
		o = full
	}
	title := fmt.Sprintf("意见 %d", o.ID)
	if o.Title != "" {
		title += "：" + o.Title
	}
	s.detailHeader.SetText(title)
	s.detailText.SetText(o.Text)
	var b strings.Builder
	fmt.Fprintf(&b, "渠道：%s\n", o.Channel)
	if o.Date != "" {
		fmt.Fprintf(&b, "日期：%s %s\n", o.Date, o.Time)
	}
	if t := targetNames(o.Targets, s.names); t != "" {
		fmt.Fprintf(&b, "反映对象：%s\n", t)
	}
	fmt.Fprintf(&b, "来源：%s\n", o.Source.String())
	if o.Source.Field != "" {
		fmt.Fprintf(&b, "所在列/题目：%s\n", o.Source.Field)
	}
	if o.Source.Batch != 0 {
		fmt.Fprintf(&b, "导入批次：%d（文件校验值 %.12s…）\n", o.Source.Batch, o.Source.Hash)
	}
	if o.ProblemID != 0 {
		if p, err := s.u.Ledger().Problem(o.ProblemID); err == nil {
			fmt.Fprintf(&b, "归入问题：%s（%s）\n", p.Title, p.Category)
		}
	} else {
		b.WriteString("归入问题：未归类\n")
	}
	keys := make([]string, 0, len(o.Attrs))
	for k := range o.Attrs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "%s：%s\n", k, o.Attrs[k])
	}
	if internal {
		fmt.Fprintf(&b, "提出人：%s\n", o.Submitter.String())
	}
	fmt.Fprintf(&b, "录入时间：%s", o.Created.Local().Format("2006-01-02 15:04"))
	s.detailMeta.SetText(b.String())
}

// --- quick entry -------------------------------------------------------------

// submitEntry is an Entry where Enter saves (OnSubmitted) and Shift+Enter
// starts a new line, so a clerk types slip after slip without the mouse.
type submitEntry struct {
	widget.Entry
	shift bool
}

func newSubmitEntry() *submitEntry {
	e := &submitEntry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

var _ desktop.Keyable = (*submitEntry)(nil)

func (e *submitEntry) KeyDown(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		e.shift = true
	}
	e.Entry.KeyDown(k)
}

func (e *submitEntry) KeyUp(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		e.shift = false
	}
	e.Entry.KeyUp(k)
}

func (e *submitEntry) TypedKey(k *fyne.KeyEvent) {
	if (k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter) && !e.shift {
		if e.OnSubmitted != nil {
			e.OnSubmitted(e.Text)
		}
		return
	}
	e.Entry.TypedKey(k)
}

func (s *opinionsScreen) buildEntry() fyne.CanvasObject {
	s.entryChannel = &widget.Select{Options: ledger.Channels, Selected: "意见箱", PlaceHolder: "渠道"}
	s.entryDate = widget.NewEntry()
	s.entryDate.SetText(time.Now().Format("2006-01-02"))
	s.entryTarget = &widget.Select{Options: []string{"（不指定）", ledger.TeamName}, Selected: "（不指定）"}
	s.entryText = newSubmitEntry()
	s.entryText.SetPlaceHolder("在此录入意见原文，回车保存并清空，Shift+回车换行")
	s.entryText.SetMinRowsVisible(2)
	s.entryText.OnSubmitted = func(string) { s.saveEntry() }
	save := widget.NewButton("保存（回车）", s.saveEntry)
	save.Importance = widget.HighImportance
	head := container.NewHBox(
		widget.NewLabelWithStyle("快速录入", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabel("渠道"), fixedWidth(120, s.entryChannel),
		widget.NewLabel("日期"), fixedWidth(120, s.entryDate),
		widget.NewLabel("对象"), fixedWidth(140, s.entryTarget))
	return container.NewVBox(widget.NewSeparator(), head, container.NewBorder(nil, nil, nil, save, s.entryText))
}

// saveEntry stores the typed opinion, clears the text and keeps the focus
// there with channel, date and target kept for the next slip.
func (s *opinionsScreen) saveEntry() {
	l := s.u.Ledger()
	if l == nil {
		return
	}
	if strings.TrimSpace(s.entryText.Text) == "" {
		s.u.Notify("意见内容为空，未保存")
		return
	}
	o := ledger.Opinion{Text: s.entryText.Text, Channel: s.entryChannel.Selected, Date: s.entryDate.Text}
	if t := s.entryTarget.Selected; t != "" && t != "（不指定）" {
		id, err := l.ResolveTarget(t)
		if err != nil {
			s.u.ShowError(err)
			return
		}
		o.Targets = []int64{id}
	}
	id, err := l.AddOpinion(o)
	if err != nil {
		s.u.ShowError(err)
		return
	}
	s.entryCount++
	s.entryText.SetText("")
	s.u.Win.Canvas().Focus(s.entryText)
	s.u.Notify(fmt.Sprintf("已保存意见 %d（本次录入第 %d 条）", id, s.entryCount))
}

// fixedWidth gives o a fixed width (Select and Entry shrink to their text).
func fixedWidth(w float32, o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
}
