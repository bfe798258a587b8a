package app

import (
	"fmt"
	"os"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/ledger"
)

// boardScreen is the 梳理 screen: the unsorted opinions on the left, the
// problems in five category columns on the right, and below them the
// opinions of the current problem. Everything is done by dragging, by the
// keyboard (board_keys.go) or by context menus; every change is one
// undoable step in the ledger.
//
// The data comes from a ledger.Board, which follows the ledger's change log
// incrementally: a drop commits one step and updates only what moved.
type boardScreen struct {
	u     *UI
	model *ledger.Board // nil until a ledger is open
	led   *ledger.Ledger
	root  fyne.CanvasObject

	unsorted *boardList
	cols     [5]*boardList
	members  *boardList

	// Drop zones and their highlight backgrounds.
	unsortedZone, membersZone fyne.CanvasObject
	colZones                  [5]fyne.CanvasObject
	unsortedBg, membersBg     *canvas.Rectangle
	colBg                     [5]*canvas.Rectangle
	colHeaders                [5]*widget.Label
	cardRows                  []*cardRow
	opinionRows               []*opinionRow
	lastMenu                  *fyne.Menu
	gen                       int // generation of the last refreshAll, for forgetting rows

	// notify and showError report to the person (the status bar and a
	// dialog); tests replace them to record what was said.
	notify    func(string)
	showError func(error)

	selUnsorted, selMembers map[int64]bool
	anchor                  map[listKind]int
	current                 int64 // the problem whose opinions show below the columns
	target                  int64 // the problem under the cursor of the last column used
	mergeFrom               int64 // a problem marked with M, waiting for its merge target
	lastOpinions            *boardList
	lastFocus               *boardList

	drag      *dragState
	dragLayer *fyne.Container
	floatBox  *fyne.Container
	floatText *canvas.Text

	search          *widget.Entry
	channel, whom   *widget.Select
	whomIDs         []int64
	count           *widget.Label
	hint            *widget.Label
	stripTitle      *widget.Label
	undoBtn         *widget.Button
	redoBtn         *widget.Button
	detailBtn       *widget.Button
	loading         bool
	busy            bool          // a big step runs in the background
	stepDone        chan struct{} // tests: told when a background step is done
	openedOnce      bool
	suppressFilters bool
}

// newBoardScreen builds the 梳理 screen.
func newBoardScreen(u *UI) fyne.CanvasObject { return newBoard(u).root }

func newBoard(u *UI) *boardScreen {
	b := &boardScreen{u: u, selUnsorted: map[int64]bool{}, selMembers: map[int64]bool{}, anchor: map[listKind]int{},
		notify: u.Notify, showError: u.ShowError}
	b.build()
	u.OnLedgerOpened(func() {
		if l := u.Ledger(); l != nil {
			b.open(l, false)
		}
		// TAIZHANG_TAB=梳理 opens the window on this tab (end-to-end tests,
		// and people who sort all day).
		if tab := os.Getenv("TAIZHANG_TAB"); tab != "" && !b.openedOnce {
			u.Show(tab, 0)
		}
		b.openedOnce = true
	})
	u.OnChanged(b.sync)
	u.OnShow("梳理", b.showProblem)
	b.addShortcuts()
	return b
}

func (b *boardScreen) build() {
	b.unsorted = newBoardList(b, unsortedList, 0, b.unsortedLen,
		func() fyne.CanvasObject { return b.newOpinionRow(b.unsorted) },
		func(i int, o fyne.CanvasObject) { o.(*opinionRow).bind(b.unsortedAt(i), i) })
	b.members = newBoardList(b, membersList, 0, b.membersLen,
		func() fyne.CanvasObject { return b.newOpinionRow(b.members) },
		func(i int, o fyne.CanvasObject) { o.(*opinionRow).bind(b.memberAt(i), i) })

	b.search = widget.NewEntry()
	b.search.SetPlaceHolder("筛选：意见中的文字")
	b.search.OnChanged = func(string) { b.filterChanged() }
	b.channel = widget.NewSelect(nil, func(string) { b.filterChanged() })
	b.channel.PlaceHolder = "全部渠道"
	b.whom = widget.NewSelect(nil, func(string) { b.filterChanged() })
	b.whom.PlaceHolder = "全部对象"
	b.count = widget.NewLabel("")
	b.count.Truncation = fyne.TextTruncateEllipsis
	leftTitle := widget.NewLabelWithStyle("未归类意见", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	filters := container.NewVBox(leftTitle, b.search, container.NewGridWithColumns(2, b.channel, b.whom), b.count)
	b.unsortedBg = canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	left := container.NewBorder(filters, nil, nil, nil, b.unsorted)
	b.unsortedZone = left
	leftPane := container.NewStack(b.unsortedBg, left)

	var colObjs []fyne.CanvasObject
	for i, cat := range ledger.Categories {
		b.cols[i] = newBoardList(b, columnList, i, func() int { return b.columnLen(i) },
			func() fyne.CanvasObject { return newCardRow(b, b.cols[i]) },
			func(j int, o fyne.CanvasObject) { o.(*cardRow).bind(b.columnAt(i, j), j) })
		b.cols[i].HideSeparators = true
		b.colHeaders[i] = widget.NewLabelWithStyle(cat, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
		b.colHeaders[i].Truncation = fyne.TextTruncateEllipsis
		b.colBg[i] = canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
		b.colBg[i].CornerRadius = 6
		zone := container.NewBorder(b.colHeaders[i], nil, nil, nil, b.cols[i])
		b.colZones[i] = zone
		colObjs = append(colObjs, container.NewStack(b.colBg[i], zone))
	}
	columns := container.NewGridWithColumns(5, colObjs...)

	b.stripTitle = widget.NewLabelWithStyle("点一下问题卡片（或在栏中按空格），这里显示它的意见", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	b.stripTitle.Truncation = fyne.TextTruncateEllipsis
	b.detailBtn = widget.NewButtonWithIcon("详情与拆分…", theme.DocumentIcon(), func() {
		if b.current != 0 {
			b.showDetail(b.current)
		}
	})
	b.detailBtn.Disable()
	b.membersBg = canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	strip := container.NewBorder(container.NewBorder(nil, nil, nil, b.detailBtn, b.stripTitle), nil, nil, nil, b.members)
	b.membersZone = strip
	right := container.NewVSplit(columns, container.NewStack(b.membersBg, strip))
	right.Offset = 0.66

	split := container.NewHSplit(leftPane, right)
	split.Offset = 0.27

	b.undoBtn = widget.NewButtonWithIcon("撤销", theme.ContentUndoIcon(), b.undo)
	b.redoBtn = widget.NewButtonWithIcon("重做", theme.ContentRedoIcon(), b.redo)
	help := widget.NewButtonWithIcon("操作说明（F1）", theme.HelpIcon(), b.showHelp)
	toolbar := container.NewHBox(b.undoBtn, b.redoBtn, layout.NewSpacer(), help)
	b.hint = widget.NewLabel("")
	b.hint.Truncation = fyne.TextTruncateEllipsis

	b.floatText = canvas.NewText("", theme.Color(theme.ColorNameForegroundOnPrimary))
	b.floatText.TextStyle = fyne.TextStyle{Bold: true}
	floatBg := canvas.NewRectangle(withAlpha(theme.Color(theme.ColorNamePrimary), 0xE8))
	floatBg.CornerRadius = 6
	b.floatBox = container.NewStack(floatBg, container.NewPadded(b.floatText))
	b.floatBox.Hide()
	b.dragLayer = container.NewWithoutLayout(b.floatBox)

	main := container.NewBorder(toolbar, b.hint, nil, nil, split)
	b.root = container.NewStack(main, b.dragLayer)
	b.refreshChrome()
}

func (b *boardScreen) newOpinionRow(l *boardList) fyne.CanvasObject { return newOpinionRow(b, l) }

// Rows register themselves with the board when a list binds them (so that
// drops can be hit-tested against the cards on screen); refreshAll forgets
// the rows a list no longer shows. (widget.List makes a throwaway row on
// every refresh to measure, and drops pooled rows: registering at creation
// would keep them all.)
func (b *boardScreen) listed(r *opinionRow) {
	r.gen = b.gen
	if !r.listed {
		r.listed = true
		b.opinionRows = append(b.opinionRows, r)
	}
}

func (b *boardScreen) listedCard(r *cardRow) {
	r.gen = b.gen
	if !r.listed {
		r.listed = true
		b.cardRows = append(b.cardRows, r)
	}
}

// forgetHidden drops rows not bound by the refresh of generation b.gen.
func (b *boardScreen) forgetHidden() {
	b.opinionRows = slices.DeleteFunc(b.opinionRows, func(r *opinionRow) bool {
		gone := r.gen != b.gen
		r.listed = !gone
		return gone
	})
	b.cardRows = slices.DeleteFunc(b.cardRows, func(r *cardRow) bool {
		gone := r.gen != b.gen
		r.listed = !gone
		return gone
	})
}

// --- the model ------------------------------------------------------------

// open loads the board of l: in the background for a large ledger (the
// window stays responsive), at once when sync is set (tests).
func (b *boardScreen) open(l *ledger.Ledger, sync bool) {
	b.led, b.model = l, nil
	b.current, b.target, b.mergeFrom = 0, 0, 0
	clear(b.selUnsorted)
	clear(b.selMembers)
	if sync {
		m, err := ledger.NewBoard(l)
		b.install(l, m, err)
		return
	}
	b.loading = true
	b.refreshAll()
	go func() {
		m, err := ledger.NewBoard(l)
		fyne.Do(func() { b.install(l, m, err) })
	}()
}

func (b *boardScreen) install(l *ledger.Ledger, m *ledger.Board, err error) {
	if b.led != l {
		return // another ledger was opened meanwhile
	}
	b.loading = false
	if err != nil {
		b.showError(err)
		return
	}
	b.model = m
	b.fillFilterChoices()
	b.refreshAll()
	// Ready for the keyboard: the unsorted list takes the focus when
	// nothing else has it.
	if c := b.u.Win.Canvas(); c != nil && b.root.Visible() && c.Focused() == nil {
		c.Focus(b.unsorted)
	}
}

func (b *boardScreen) fillFilterChoices() {
	b.suppressFilters = true
	defer func() { b.suppressFilters = false }()
	b.channel.Options = append([]string{"全部渠道"}, b.model.ChannelNames()...)
	b.channel.ClearSelected()
	b.channel.Refresh()
	b.whomIDs = []int64{-1, ledger.TeamID}
	opts := []string{"全部对象", ledger.TeamName}
	if ms, err := b.led.Leaders(); err == nil {
		for _, m := range ms {
			b.whomIDs = append(b.whomIDs, m.ID)
			opts = append(opts, m.Name)
		}
	}
	b.whom.Options = opts
	b.whom.ClearSelected()
	b.whom.Refresh()
}

func (b *boardScreen) filterChanged() {
	if b.model == nil || b.suppressFilters {
		return
	}
	f := ledger.BoardFilter{Text: b.search.Text}
	if b.channel.SelectedIndex() > 0 {
		f.Channel = b.channel.Selected
	}
	if i := b.whom.SelectedIndex(); i > 0 && i < len(b.whomIDs) {
		f.HasTarget, f.Target = true, b.whomIDs[i]
	}
	b.model.SetFilter(f)
	clear(b.selUnsorted)
	b.unsorted.cursor = 0
	b.unsorted.ScrollToTop()
	b.refreshAll()
}

// sync applies the ledger's changes to the board and redraws.
func (b *boardScreen) sync() {
	if b.model == nil {
		b.refreshChrome()
		return
	}
	if _, err := b.model.Sync(); err != nil {
		b.showError(err)
	}
	b.refreshAll()
}

// refreshAll redraws the lists after the model changed, keeping cursors and
// selections on what still exists.
func (b *boardScreen) refreshAll() {
	if m := b.model; m != nil {
		for id := range b.selUnsorted {
			if o := m.Opinion(id); o == nil || o.Problem != 0 {
				delete(b.selUnsorted, id)
			}
		}
		if b.current != 0 && m.Card(b.current) == nil {
			b.current = 0
		}
		if b.target != 0 && m.Card(b.target) == nil {
			b.target = 0
		}
		if b.mergeFrom != 0 && m.Card(b.mergeFrom) == nil {
			b.mergeFrom = 0
		}
		for id := range b.selMembers {
			if o := m.Opinion(id); o == nil || o.Problem != b.current || b.current == 0 {
				delete(b.selMembers, id)
			}
		}
	}
	b.gen++
	for _, l := range b.allLists() {
		if n := l.length(); l.cursor >= n {
			l.cursor = max(0, n-1)
		}
		l.Refresh()
	}
	// A visible, laid-out list rebinds every row it shows on Refresh.
	if b.root.Visible() && b.unsorted.Size().Height > 0 {
		b.forgetHidden()
	}
	b.refreshChrome()
}

// refreshChrome updates the labels and buttons around the lists.
func (b *boardScreen) refreshChrome() {
	m := b.model
	if m == nil {
		if b.loading {
			setLabel(b.count, "正在载入…")
		} else {
			setLabel(b.count, "未打开台账")
		}
		b.undoBtn.Disable()
		b.redoBtn.Disable()
		return
	}
	count := fmt.Sprintf("未归类 %d 条", m.UnsortedTotal())
	if len(m.Unsorted()) != m.UnsortedTotal() {
		count = fmt.Sprintf("筛选出 %d 条（未归类共 %d 条）", len(m.Unsorted()), m.UnsortedTotal())
	}
	if n := len(b.selUnsorted); n > 0 {
		count += fmt.Sprintf("，已选 %d 条", n)
	}
	setLabel(b.count, count)
	for i, cat := range ledger.Categories {
		setLabel(b.colHeaders[i], cat+"（"+strconv.Itoa(len(m.Column(cat)))+"）")
	}
	if c := m.Card(b.current); c != nil {
		setLabel(b.stripTitle, "“"+c.Title+"”的 "+strconv.Itoa(c.Opinions)+" 条意见（拖回左侧即移回未归类）")
		b.detailBtn.Enable()
	} else {
		setLabel(b.stripTitle, "点一下问题卡片（或在栏中按空格），这里显示它的意见")
		b.detailBtn.Disable()
	}
	setStepButton(b.undoBtn, "撤销", b.led.UndoLabel())
	setStepButton(b.redoBtn, "重做", b.led.RedoLabel())
	b.refreshHint()
}

// setLabel changes a label's text only when it differs (setting the same
// text again would shape and lay it out again).
func setLabel(l *widget.Label, s string) {
	if l.Text != s {
		l.SetText(s)
	}
}

func setButton(btn *widget.Button, s string) {
	if btn.Text != s {
		btn.SetText(s)
	}
}

func (b *boardScreen) allLists() []*boardList {
	return []*boardList{b.unsorted, b.cols[0], b.cols[1], b.cols[2], b.cols[3], b.cols[4], b.members}
}

func (b *boardScreen) unsortedLen() int {
	if b.model == nil {
		return 0
	}
	return len(b.model.Unsorted())
}

func (b *boardScreen) unsortedAt(i int) int64 {
	if v := b.model.Unsorted(); i >= 0 && i < len(v) {
		return v[i]
	}
	return 0
}

func (b *boardScreen) membersLen() int {
	if b.model == nil {
		return 0
	}
	if c := b.model.Card(b.current); c != nil {
		return len(c.Members())
	}
	return 0
}

func (b *boardScreen) memberAt(i int) int64 {
	if c := b.model.Card(b.current); c != nil && i >= 0 && i < len(c.Members()) {
		return c.Members()[i]
	}
	return 0
}

func (b *boardScreen) columnLen(i int) int {
	if b.model == nil {
		return 0
	}
	return len(b.model.Column(ledger.Categories[i]))
}

func (b *boardScreen) columnAt(i, j int) int64 {
	if col := b.model.Column(ledger.Categories[i]); j >= 0 && j < len(col) {
		return col[j]
	}
	return 0
}

// idAt returns the opinion or problem id at row i of list l.
func (b *boardScreen) idAt(l *boardList, i int) int64 {
	if b.model == nil {
		return 0
	}
	switch l.kind {
	case unsortedList:
		return b.unsortedAt(i)
	case membersList:
		return b.memberAt(i)
	}
	return b.columnAt(l.col, i)
}

func (b *boardScreen) selectionOf(k listKind) map[int64]bool {
	if k == membersList {
		return b.selMembers
	}
	return b.selUnsorted
}

// selectedOpinions returns the opinions an action applies to: the selection
// of the opinion list used last, in list order; with no selection, the
// opinion under its cursor.
func (b *boardScreen) selectedOpinions() []int64 {
	l := b.lastOpinions
	if l == nil || b.model == nil {
		return nil
	}
	sel := b.selectionOf(l.kind)
	var ids []int64
	if len(sel) > 0 {
		var all []int64
		if l.kind == unsortedList {
			all = b.model.Unsorted()
		} else if c := b.model.Card(b.current); c != nil {
			all = c.Members()
		}
		for _, id := range all {
			if sel[id] {
				ids = append(ids, id)
			}
		}
		return ids
	}
	if id := b.idAt(l, l.cursor); id != 0 && l.length() > 0 {
		return []int64{id}
	}
	return nil
}

// --- selection and focus ----------------------------------------------------

func (b *boardScreen) focusList(l *boardList) {
	if c := b.u.Win.Canvas(); c != nil && c.Focused() != l {
		c.Focus(l)
	}
	b.focusChanged(l)
}

func (b *boardScreen) focusChanged(l *boardList) {
	b.lastFocus = l
	switch l.kind {
	case unsortedList, membersList:
		if b.lastOpinions != l {
			b.lastOpinions = l
			// One selection at a time: choosing in the other list clears this one.
			other := b.selMembers
			if l.kind == membersList {
				other = b.selUnsorted
			}
			if len(other) > 0 {
				clear(other)
				b.unsorted.Refresh()
				b.members.Refresh()
			}
		}
	case columnList:
		b.target = b.idAt(l, l.cursor)
		b.repaintCards()
	}
	b.refreshHint()
}

// clickOpinion selects with the mouse: alone, Ctrl toggles, Shift extends.
func (b *boardScreen) clickOpinion(l *boardList, idx int, mods fyne.KeyModifier) {
	b.focusChanged(l)
	sel := b.selectionOf(l.kind)
	id := b.idAt(l, idx)
	switch {
	case mods&fyne.KeyModifierShift != 0:
		b.selectRange(l, b.anchor[l.kind], idx, mods&fyne.KeyModifierControl != 0)
	case mods&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0:
		if sel[id] {
			delete(sel, id)
		} else {
			sel[id] = true
		}
		b.anchor[l.kind] = idx
	default:
		clear(sel)
		sel[id] = true
		b.anchor[l.kind] = idx
	}
	l.cursor = idx
	l.Refresh()
	b.refreshChrome()
}

// selectRange selects rows from..to of l (adding to the selection when add).
func (b *boardScreen) selectRange(l *boardList, from, to int, add bool) {
	sel := b.selectionOf(l.kind)
	if !add {
		clear(sel)
	}
	if from > to {
		from, to = to, from
	}
	for i := max(0, from); i <= to && i < l.length(); i++ {
		sel[b.idAt(l, i)] = true
	}
}

// clickCard makes the problem at row idx of a column the current one and
// the target of keyboard actions.
func (b *boardScreen) clickCard(l *boardList, idx int) {
	l.cursor = idx
	b.focusChanged(l)
	b.setCurrent(b.idAt(l, idx))
}

func (b *boardScreen) setCurrent(id int64) {
	if b.current != id {
		clear(b.selMembers)
		b.members.cursor = 0
		b.members.ScrollToTop()
	}
	b.current, b.target = id, id
	b.members.Refresh()
	b.repaintCards()
	b.refreshChrome()
}

func (b *boardScreen) repaintCards() {
	for _, r := range b.cardRows {
		r.paint()
	}
}

// showProblem scrolls the board to a problem and makes it current
// (u.Show("梳理", id)).
func (b *boardScreen) showProblem(id int64) {
	if b.model == nil || b.model.Card(id) == nil {
		return
	}
	c := b.model.Card(id)
	i := slices.Index(ledger.Categories, c.Category)
	if i < 0 {
		return
	}
	l := b.cols[i]
	if j := slices.Index(b.model.Column(c.Category), id); j >= 0 {
		l.setCursor(j)
	}
	b.focusList(l)
	b.setCurrent(id)
}

// --- actions (each one undoable step) --------------------------------------

// done refreshes the board right after a step (the coalesced OnChanged
// comes later and finds nothing new).
func (b *boardScreen) done(err error, msg string) bool {
	b.sync()
	if err != nil {
		b.showError(err)
		return false
	}
	if msg != "" {
		b.notify(msg)
	}
	return true
}

func (b *boardScreen) assign(problem int64, ids []int64) {
	c := b.model.Card(problem)
	if c == nil || len(ids) == 0 {
		return
	}
	title := c.Title
	b.step(len(ids), func() error { return b.led.Assign(problem, ids...) }, func(err error) {
		b.done(err, fmt.Sprintf("已将 %d 条意见归入“%s”", len(ids), title))
	})
}

// bigStep is how many opinions a step may move on the window's goroutine;
// a larger one (Ctrl+A on tens of thousands, then a drop) runs in the
// background so the window keeps drawing.
const bigStep = 2000

// step runs do, a ledger step moving n opinions, then then with its error
// on the window's goroutine.
func (b *boardScreen) step(n int, do func() error, then func(error)) {
	if n <= bigStep {
		then(do())
		return
	}
	b.busy = true
	b.notify(fmt.Sprintf("正在处理 %d 条意见，请稍候…", n))
	go func() {
		err := do()
		fyne.Do(func() {
			b.busy = false
			then(err)
			if b.stepDone != nil {
				b.stepDone <- struct{}{}
			}
		})
	}()
}

func (b *boardScreen) unassign(ids []int64) {
	if len(ids) == 0 {
		return
	}
	b.step(len(ids), func() error { return b.led.Unassign(ids...) }, func(err error) {
		b.done(err, fmt.Sprintf("已将 %d 条意见移回未归类", len(ids)))
	})
}

// newProblem makes a problem in category col from the opinions (possibly
// none); its title is proposed from the first opinion and can be edited at
// once.
func (b *boardScreen) newProblem(col int, ids []int64) {
	if b.model == nil || col < 0 || col >= len(ledger.Categories) {
		return
	}
	p := ledger.Problem{Title: b.model.ProposedTitle(ids), Category: ledger.Categories[col]}
	var id int64
	back := b.lastFocus
	b.step(len(ids), func() (err error) { id, err = b.led.NewProblemFrom(p, ids...); return err }, func(err error) {
		if !b.done(err, "") {
			return
		}
		if j := slices.Index(b.model.Column(p.Category), id); j >= 0 {
			b.cols[col].setCursor(j)
		}
		b.setCurrent(id)
		b.notify(fmt.Sprintf("已新建问题“%s”（%s，%d 条意见）", p.Title, p.Category, len(ids)))
		b.editTitle(id, back)
	})
}

func (b *boardScreen) recategorise(problem int64, col int) {
	c := b.model.Card(problem)
	if c == nil || col < 0 || col >= len(ledger.Categories) || c.Category == ledger.Categories[col] {
		return
	}
	cat := ledger.Categories[col]
	err := b.led.MoveProblem(problem, cat, len(b.model.Column(cat)))
	if b.done(err, fmt.Sprintf("已将“%s”改为%s", c.Title, cat)) {
		b.showProblem(problem)
	}
}

// askMerge asks, showing both problems, before merging from into into.
func (b *boardScreen) askMerge(from, into int64) {
	f, t := b.model.Card(from), b.model.Card(into)
	if f == nil || t == nil || from == into {
		return
	}
	msg := widget.NewLabel(fmt.Sprintf("把问题\n    “%s”（%s，%d 条意见，%s）\n合并到\n    “%s”（%s，%d 条意见，%s）？\n\n"+
		"合并后前者的意见全部归入后者，前者删除；后者保留自己的标题和类别，反映对象、描述和备注合在一起。可以撤销。",
		f.Title, f.Category, f.Opinions, cardTargets(b.model, f), t.Title, t.Category, t.Opinions, cardTargets(b.model, t)))
	msg.Wrapping = fyne.TextWrapWord
	b.confirm("合并问题", "合并", msg, fyne.NewSize(520, 300), func() {
		b.mergeFrom = 0
		b.step(f.Opinions, func() error { return b.led.Merge(into, from) }, func(err error) {
			if b.done(err, fmt.Sprintf("已将“%s”合并到“%s”", f.Title, t.Title)) {
				b.showProblem(into)
			}
		})
	})
}

// confirm asks before a step, with the confirming button focused: Space
// confirms, Tab then Space (or Esc) cancels.
func (b *boardScreen) confirm(title, ok string, content fyne.CanvasObject, size fyne.Size, fn func()) {
	back := b.lastFocus
	var d *dialog.CustomDialog
	yes := newEscButton(b.u, ok, theme.ConfirmIcon(), func() {
		d.Hide()
		fn()
		b.refocus(back)
	})
	yes.Importance = widget.HighImportance
	no := newEscButton(b.u, "取消", theme.CancelIcon(), func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons(title, content, b.u.Win)
	d.SetButtons([]fyne.CanvasObject{no, yes})
	d.Resize(size)
	b.u.showDialog(d, func() { b.refocus(back) })
	b.u.Win.Canvas().Focus(yes)
}

func (b *boardScreen) askDelete(problem int64) {
	c := b.model.Card(problem)
	if c == nil {
		return
	}
	msg := widget.NewLabel(fmt.Sprintf("删除问题“%s”？\n它的 %d 条意见不会删除，而是移回未归类。可以撤销。", c.Title, c.Opinions))
	msg.Wrapping = fyne.TextWrapWord
	b.confirm("删除问题", "删除", msg, fyne.NewSize(460, 200), func() {
		b.done(b.led.DeleteProblem(problem), fmt.Sprintf("已删除问题“%s”", c.Title))
	})
}

func (b *boardScreen) undo() { b.replay(true) }
func (b *boardScreen) redo() { b.replay(false) }

// replay undoes or redoes a step, in the background when it is big.
func (b *boardScreen) replay(undo bool) {
	if b.busy {
		b.notify("上一步还在处理，请稍候")
		return
	}
	l := b.led
	verb, label, size, run := "重做", l.RedoLabel, l.RedoSize, l.Redo
	if undo {
		verb, label, size, run = "撤销", l.UndoLabel, l.UndoSize, l.Undo
	}
	if l == nil || label() == "" {
		b.notify("没有可以" + verb + "的梳理操作")
		return
	}
	var done string
	b.step(size(), func() (err error) { done, err = run(); return err }, func(err error) {
		b.done(err, "已"+verb+"："+done)
	})
}

// addShortcuts registers Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y on the window.
// They act only while the board is the visible tab (a text field keeps its
// own Ctrl+Z).
func (b *boardScreen) addShortcuts() {
	c := b.u.Win.Canvas()
	if c == nil {
		return
	}
	when := func(fn func()) func(fyne.Shortcut) {
		return func(fyne.Shortcut) {
			if b.root.Visible() && b.model != nil {
				fn()
			}
		}
	}
	c.AddShortcut(&fyne.ShortcutUndo{}, when(b.undo))
	c.AddShortcut(&fyne.ShortcutSelectAll{}, when(b.selectAll))
	c.AddShortcut(&fyne.ShortcutRedo{}, when(b.redo))
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift}, when(b.redo))
}

// selectAll selects every opinion of the focused opinion list (as
// filtered). Ctrl+A in a text field selects its text instead.
func (b *boardScreen) selectAll() {
	l, ok := b.u.Win.Canvas().Focused().(*boardList)
	if !ok || l.kind == columnList {
		return
	}
	b.focusChanged(l)
	b.selectRange(l, 0, l.length()-1, false)
	l.Refresh()
	b.refreshChrome()
}

// refocus gives the keyboard back to a list after a dialog.
func (b *boardScreen) refocus(l *boardList) {
	if l != nil {
		b.focusList(l)
	}
}

// setStepButton shows what undo or redo would do (撤销：合并问题), and disables
// the button when there is nothing to do.
func setStepButton(btn *widget.Button, verb, step string) {
	if step == "" {
		setButton(btn, verb)
		btn.Disable()
		return
	}
	setButton(btn, verb+"："+step)
	btn.Enable()
}
