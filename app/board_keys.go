package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"taizhang/ledger"
)

// boardKeys documents the keyboard: every drag has a key.
var boardKeys = [][2]string{
	{"Tab / Shift+Tab", "在筛选框、未归类意见、五个类别栏、当前问题的意见之间切换"},
	{"← / →", "在未归类意见和各类别栏之间左右移动"},
	{"↑ / ↓，PageUp / PageDown，Home / End", "移动光标（意见或问题）"},
	{"空格", "意见：选中或取消选中光标处的意见；问题：设为当前问题，在下方显示它的意见"},
	{"Shift+↑ / Shift+↓", "意见：连续选中"},
	{"Ctrl+A", "意见：全选（按当前筛选）"},
	{"A 或 回车（在意见列表中）", "把选中的意见归入目标问题（最近一次在类别栏中光标所在的问题）"},
	{"A（在类别栏中）", "把选中的意见归入光标处的问题"},
	{"1 ～ 5", "用选中的意见新建问题：1 形式主义，2 官僚主义，3 享乐主义，4 奢靡之风，5 其他·工作问题；标题随即可改"},
	{"U / Delete（在当前问题的意见中）", "把选中的意见移回未归类"},
	{"M（在类别栏中）", "第一次：选定要合并的问题；把光标移到目标问题再按 M：确认后合并"},
	{"Shift+← / Shift+→（在类别栏中）", "把问题改到左边或右边的类别"},
	{"C（在类别栏中）", "改类别菜单"},
	{"回车 或 E（在类别栏中）", "打开问题详情：改标题、描述、类别、性质、对象、备注，查看原文，拆分"},
	{"F2", "改光标处问题的标题"},
	{"Delete（在类别栏中）", "删除问题（意见移回未归类）"},
	{"Shift+F10 或 K", "打开光标处的右键菜单"},
	{"Esc", "取消选中和待合并"},
	{"Ctrl+Z / Ctrl+Shift+Z（或 Ctrl+Y）", "撤销 / 重做（关闭软件后仍可撤销）"},
	{"F1 或 ?", "本说明"},
	{"对话框中", "Tab 移到按钮，空格或回车确认；标题框中回车即确定"},
}

var boardMouse = [][2]string{
	{"拖动意见到问题卡片", "归入该问题（可先用 Ctrl/Shift+单击 多选）"},
	{"拖动意见到类别栏空白处", "在该类别新建问题，标题取自第一条意见，随即可改"},
	{"拖动问题到另一个问题", "合并（先确认）"},
	{"拖动问题到另一栏", "改类别"},
	{"把下方的意见拖回左侧", "移回未归类"},
	{"右键", "归入问题…、新建问题、移回未归类、合并到…、改类别…"},
	{"双击问题卡片", "问题详情"},
}

func (b *boardScreen) showHelp() {
	grid := container.NewVBox()
	add := func(title string, rows [][2]string) {
		grid.Add(widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, r := range rows {
			k := widget.NewLabelWithStyle(r[0], fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			v := widget.NewLabel(r[1])
			v.Wrapping = fyne.TextWrapWord
			grid.Add(container.NewBorder(nil, nil, nil, nil, container.NewGridWithColumns(2, k, v)))
		}
	}
	add("鼠标", boardMouse)
	add("键盘（不用鼠标也能完成全部梳理）", boardKeys)
	back := b.lastFocus
	d := dialog.NewCustom("梳理：操作说明", "关闭", container.NewVScroll(grid), b.u.Win)
	d.Resize(fyne.NewSize(760, 560))
	b.u.showDialog(d, func() { b.refocus(back) })
}

// refreshHint says what the keys would do now.
func (b *boardScreen) refreshHint() {
	if b.model == nil {
		setLabel(b.hint, "")
		return
	}
	var parts []string
	if b.mergeFrom != 0 {
		if c := b.model.Card(b.mergeFrom); c != nil {
			parts = append(parts, "待合并：“"+c.Title+"”，把光标移到目标问题再按 M，Esc 取消")
		}
	}
	if ids := b.selectedOpinions(); len(ids) > 0 && b.lastOpinions != nil && len(b.selectionOf(b.lastOpinions.kind)) > 0 {
		s := fmt.Sprintf("已选 %d 条意见", len(ids))
		if c := b.model.Card(b.target); c != nil {
			s += "：A 归入“" + short(c.Title, 14) + "”"
		}
		parts = append(parts, s+"；1～5 新建问题")
	}
	parts = append(parts, "拖动或用键盘梳理，F1 查看操作说明")
	setLabel(b.hint, strings.Join(parts, "    "))
}

// typedKey handles the keys of every board list.
func (b *boardScreen) typedKey(l *boardList, ev *fyne.KeyEvent) {
	if b.model == nil {
		return
	}
	opinions := l.kind != columnList
	switch ev.Name {
	case fyne.KeyUp, fyne.KeyDown, fyne.KeyPageUp, fyne.KeyPageDown, fyne.KeyHome, fyne.KeyEnd:
		b.moveCursor(l, ev.Name)
	case fyne.KeyLeft, fyne.KeyRight:
		dir := 1
		if ev.Name == fyne.KeyLeft {
			dir = -1
		}
		if l.shift && l.kind == columnList {
			if id := b.idAt(l, l.cursor); id != 0 {
				b.recategorise(id, l.col+dir)
			}
			return
		}
		b.moveFocus(l, dir)
	case fyne.KeySpace:
		if opinions {
			b.toggleAtCursor(l)
		} else if id := b.idAt(l, l.cursor); id != 0 {
			b.setCurrent(id)
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if opinions {
			b.assignToTarget()
		} else if id := b.idAt(l, l.cursor); id != 0 {
			b.showDetail(id)
		}
	case fyne.KeyEscape:
		clear(b.selUnsorted)
		clear(b.selMembers)
		b.mergeFrom = 0
		b.refreshAll()
	case fyne.KeyDelete, fyne.KeyBackspace:
		switch l.kind {
		case membersList:
			b.lastOpinions = l
			b.unassign(b.selectedOpinions())
		case columnList:
			if id := b.idAt(l, l.cursor); id != 0 {
				b.askDelete(id)
			}
		}
	case fyne.KeyF1:
		b.showHelp()
	case fyne.KeyF2:
		if id := b.cursorProblem(l); id != 0 {
			b.editTitle(id, l)
		}
	case fyne.KeyF10:
		if l.shift {
			b.menuAtCursor(l)
		}
	}
}

// typedRune handles letters and digits.
func (b *boardScreen) typedRune(l *boardList, r rune) {
	if b.model == nil {
		return
	}
	if b.busy {
		b.notify("上一步还在处理，请稍候")
		return
	}
	switch r {
	case '1', '2', '3', '4', '5':
		col := int(r - '1')
		var ids []int64
		if l.kind != columnList || (b.lastOpinions != nil && len(b.selectionOf(b.lastOpinions.kind)) > 0) {
			ids = b.selectedOpinions()
		}
		b.newProblem(col, ids)
	case 'a', 'A':
		if l.kind == columnList {
			b.target = b.idAt(l, l.cursor)
		}
		b.assignToTarget()
	case 'u', 'U':
		if l.kind == membersList {
			b.unassign(b.selectedOpinions())
		}
	case 'm', 'M':
		if l.kind != columnList {
			return
		}
		id := b.idAt(l, l.cursor)
		switch {
		case id == 0:
		case b.mergeFrom == 0 || b.mergeFrom == id:
			b.mergeFrom = id
			b.repaintCards()
			b.refreshHint()
		default:
			b.askMerge(b.mergeFrom, id)
		}
	case 'c', 'C':
		if l.kind == columnList {
			b.menuAtCursor(l)
		}
	case 'e', 'E':
		if id := b.cursorProblem(l); id != 0 {
			b.showDetail(id)
		}
	case 'k', 'K':
		b.menuAtCursor(l)
	case '?':
		b.showHelp()
	}
}

func (b *boardScreen) cursorProblem(l *boardList) int64 {
	if l.kind == columnList {
		return b.idAt(l, l.cursor)
	}
	return b.current
}

func (b *boardScreen) moveCursor(l *boardList, key fyne.KeyName) {
	n := l.length()
	if n == 0 {
		return
	}
	i := l.cursor
	switch key {
	case fyne.KeyUp:
		i--
	case fyne.KeyDown:
		i++
	case fyne.KeyPageUp:
		i -= 10
	case fyne.KeyPageDown:
		i += 10
	case fyne.KeyHome:
		i = 0
	case fyne.KeyEnd:
		i = n - 1
	}
	l.setCursor(i)
	switch l.kind {
	case columnList:
		b.target = b.idAt(l, l.cursor)
		b.repaintCards()
	default:
		if l.shift {
			b.selectRange(l, b.anchor[l.kind], l.cursor, false)
			l.Refresh()
		} else {
			b.anchor[l.kind] = l.cursor
		}
	}
	b.refreshChrome()
}

func (b *boardScreen) toggleAtCursor(l *boardList) {
	id := b.idAt(l, l.cursor)
	if id == 0 || l.length() == 0 {
		return
	}
	sel := b.selectionOf(l.kind)
	if sel[id] {
		delete(sel, id)
	} else {
		sel[id] = true
	}
	b.anchor[l.kind] = l.cursor
	l.Refresh()
	b.refreshChrome()
}

// moveFocus goes left or right: unsorted ⇄ the five columns ⇄ (the strip
// is reached with Tab).
func (b *boardScreen) moveFocus(l *boardList, dir int) {
	order := []*boardList{b.unsorted, b.cols[0], b.cols[1], b.cols[2], b.cols[3], b.cols[4]}
	i := 0
	for j, x := range order {
		if x == l {
			i = j
		}
	}
	if l.kind == membersList {
		i = 1
		dir = 0
	}
	i = max(0, min(len(order)-1, i+dir))
	b.focusList(order[i])
}

// assignToTarget puts the selected opinions into the target problem.
func (b *boardScreen) assignToTarget() {
	ids := b.selectedOpinions()
	if len(ids) == 0 {
		b.notify("请先选中意见（空格或单击）")
		return
	}
	if b.model.Card(b.target) == nil {
		b.notify("请先在类别栏中把光标移到目标问题（或按 1～5 新建问题）")
		return
	}
	b.assign(b.target, ids)
}

// --- context menus ----------------------------------------------------------

func (b *boardScreen) menuAtCursor(l *boardList) {
	if l.length() == 0 {
		return
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(l).Add(fyne.NewPos(40, 40))
	for _, r := range b.cardRows {
		if r.list == l && r.idx == l.cursor && r.id != 0 {
			if p := fyne.CurrentApp().Driver().AbsolutePositionForObject(r); !p.IsZero() {
				pos = p.Add(fyne.NewPos(30, 30))
			}
		}
	}
	if l.kind == columnList {
		b.cardMenu(b.idAt(l, l.cursor), pos)
	} else {
		b.opinionMenu(l, l.cursor, pos)
	}
}

func (b *boardScreen) opinionMenu(l *boardList, idx int, pos fyne.Position) {
	if b.model == nil {
		return
	}
	b.focusChanged(l)
	sel := b.selectionOf(l.kind)
	if id := b.idAt(l, idx); !sel[id] {
		clear(sel)
		sel[id] = true
		b.anchor[l.kind] = idx
		l.cursor = idx
		l.Refresh()
	}
	ids := b.selectedOpinions()
	n := fmt.Sprintf("（%d 条）", len(ids))
	var cats []*fyne.MenuItem
	for i, c := range ledger.Categories {
		cats = append(cats, fyne.NewMenuItem(fmt.Sprintf("%d  %s", i+1, c), func() { b.newProblem(i, ids) }))
	}
	newItem := fyne.NewMenuItem("新建问题"+n, nil)
	newItem.ChildMenu = fyne.NewMenu("", cats...)
	items := []*fyne.MenuItem{
		fyne.NewMenuItem("归入问题…"+n, func() {
			b.chooseProblem("归入问题", 0, func(p int64) { b.assign(p, ids) })
		}),
		newItem,
	}
	if l.kind == membersList {
		items = append(items, fyne.NewMenuItem("移回未归类"+n, func() { b.unassign(ids) }))
	}
	if c := b.model.Card(b.target); c != nil && len(ids) > 0 {
		items = append(items, fyne.NewMenuItem("归入“"+short(c.Title, 12)+"”（A）", func() { b.assign(c.ID, ids) }))
	}
	items = append(items, fyne.NewMenuItemSeparator(), fyne.NewMenuItem("查看原文", func() { b.showOpinion(b.idAt(l, idx)) }))
	b.popUpMenu(fyne.NewMenu("", items...), pos)
}

func (b *boardScreen) cardMenu(id int64, pos fyne.Position) {
	c := b.model.Card(id)
	if c == nil {
		return
	}
	var cats []*fyne.MenuItem
	for i, cat := range ledger.Categories {
		it := fyne.NewMenuItem(cat, func() { b.recategorise(id, i) })
		it.Disabled = cat == c.Category
		cats = append(cats, it)
	}
	move := fyne.NewMenuItem("改类别…", nil)
	move.ChildMenu = fyne.NewMenu("", cats...)
	items := []*fyne.MenuItem{
		fyne.NewMenuItem("详情…", func() { b.showDetail(id) }),
		fyne.NewMenuItem("显示它的意见", func() { b.setCurrent(id) }),
	}
	if ids := b.selectedOpinions(); len(ids) > 0 && b.lastOpinions != nil && len(b.selectionOf(b.lastOpinions.kind)) > 0 {
		items = append(items, fyne.NewMenuItem(fmt.Sprintf("把选中的 %d 条意见归入此问题", len(ids)), func() { b.assign(id, ids) }))
	}
	items = append(items,
		fyne.NewMenuItem("合并到…", func() {
			b.chooseProblem("把“"+short(c.Title, 12)+"”合并到", id, func(into int64) { b.askMerge(id, into) })
		}),
		move,
		fyne.NewMenuItem("改标题（F2）", func() { b.editTitle(id, b.lastFocus) }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("删除问题", func() { b.askDelete(id) }),
	)
	b.popUpMenu(fyne.NewMenu("", items...), pos)
}

// popUpMenu shows a context menu (and remembers it, for tests).
func (b *boardScreen) popUpMenu(m *fyne.Menu, pos fyne.Position) {
	b.lastMenu = m
	widget.ShowPopUpMenuAtPosition(m, b.u.Win.Canvas(), pos)
}
