package app

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"taizhang/ledger"
)

// Drag and drop on the board. Fyne 2.7 has no drop targets: the dragged
// row remembers the pointer's absolute position on every Dragged, a
// floating label follows it in a layer above the board, and on DragEnd the
// board hit-tests its drop zones (the unsorted list, the five columns, the
// visible problem cards, the current problem's opinions) by their absolute
// positions and sizes.

type zoneKind int

const (
	zoneNone     zoneKind = iota
	zoneUnsorted          // the left list: back to unsorted
	zoneColumn            // the empty part of a column: a new problem / recategorise
	zoneCard              // a problem card: join it / merge into it
	zoneMembers           // the current problem's opinions: join it
)

type dropTarget struct {
	kind    zoneKind
	col     int   // for zoneColumn and zoneCard
	problem int64 // for zoneCard and zoneMembers
}

type dragState struct {
	opinions []int64  // the opinions being dragged, or
	problem  int64    // the problem being dragged
	from     listKind // where the opinions come from
	pos      fyne.Position
	target   dropTarget
}

func (b *boardScreen) startOpinionDrag(l *boardList, idx int) {
	if b.model == nil {
		return
	}
	b.focusChanged(l)
	sel := b.selectionOf(l.kind)
	id := b.idAt(l, idx)
	if !sel[id] { // dragging an unselected row drags it alone
		clear(sel)
		sel[id] = true
		b.anchor[l.kind] = idx
		l.cursor = idx
		l.Refresh()
	}
	b.drag = &dragState{opinions: b.selectedOpinions(), from: l.kind}
	b.showFloat()
}

func (b *boardScreen) startCardDrag(id int64) {
	if b.model == nil {
		return
	}
	b.drag = &dragState{problem: id}
	b.showFloat()
}

func (b *boardScreen) showFloat() {
	b.floatText.Text = b.dragLabel()
	b.floatText.Refresh()
	b.floatBox.Resize(b.floatBox.MinSize())
	b.floatBox.Show()
}

// dragTo follows the pointer: moves the floating label, finds the zone under
// the pointer and highlights it.
func (b *boardScreen) dragTo(pos fyne.Position) {
	d := b.drag
	if d == nil {
		return
	}
	d.pos = pos
	b.autoScroll(pos)
	if t := b.hitTest(pos); t != d.target {
		d.target = t
		b.paintZones()
		b.floatText.Text = b.dragLabel()
		b.floatText.Refresh()
		b.floatBox.Resize(b.floatBox.MinSize())
	}
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(b.dragLayer)
	b.floatBox.Move(pos.Subtract(origin).Add(fyne.NewPos(14, 10)))
}

// drop performs what the drag shows, then clears it. A drop that lands
// nowhere (or where it would change nothing) changes nothing.
func (b *boardScreen) drop() {
	d := b.drag
	if d == nil {
		return
	}
	d.target = b.hitTest(d.pos)
	b.drag = nil
	b.floatBox.Hide()
	b.paintZones()
	if b.model == nil || !b.dropChanges(d) {
		b.refreshHint()
		return
	}
	if b.busy {
		b.notify("上一步还在处理，请稍候再放")
		return
	}
	t := d.target
	if d.problem != 0 {
		switch t.kind {
		case zoneCard:
			b.askMerge(d.problem, t.problem)
		case zoneColumn:
			b.recategorise(d.problem, t.col)
		}
		return
	}
	switch t.kind {
	case zoneCard, zoneMembers:
		b.assign(t.problem, d.opinions)
	case zoneColumn:
		b.newProblem(t.col, d.opinions)
	case zoneUnsorted:
		b.unassign(d.opinions)
	}
}

// dropChanges reports whether dropping d on its target would change
// anything (and so whether to highlight the target).
func (b *boardScreen) dropChanges(d *dragState) bool {
	t := d.target
	if d.problem != 0 {
		c := b.model.Card(d.problem)
		switch t.kind {
		case zoneCard:
			return c != nil && t.problem != d.problem
		case zoneColumn:
			return c != nil && c.Category != ledger.Categories[t.col]
		}
		return false
	}
	if len(d.opinions) == 0 {
		return false
	}
	switch t.kind {
	case zoneCard, zoneMembers:
		for _, id := range d.opinions {
			if o := b.model.Opinion(id); o != nil && o.Problem != t.problem {
				return true
			}
		}
		return false
	case zoneColumn:
		return true
	case zoneUnsorted:
		return d.from == membersList
	}
	return false
}

// dragLabel says what is moving and where it will land.
func (b *boardScreen) dragLabel() string {
	d := b.drag
	if d == nil || b.model == nil {
		return ""
	}
	var what string
	if d.problem != 0 {
		what = "问题“" + short(b.model.Card(d.problem).Title, 12) + "”"
	} else if len(d.opinions) == 1 {
		what = "意见“" + short(b.model.Opinion(d.opinions[0]).Label(), 12) + "”"
	} else {
		what = fmt.Sprintf("%d 条意见", len(d.opinions))
	}
	if !b.dropChanges(d) {
		return what + "（松开不做改动）"
	}
	t := d.target
	switch {
	case d.problem != 0 && t.kind == zoneCard:
		return what + " → 合并到“" + short(b.model.Card(t.problem).Title, 12) + "”"
	case d.problem != 0:
		return what + " → 改为" + ledger.Categories[t.col]
	case t.kind == zoneCard || t.kind == zoneMembers:
		return what + " → 归入“" + short(b.model.Card(t.problem).Title, 12) + "”"
	case t.kind == zoneColumn:
		return what + " → 新建问题（" + ledger.Categories[t.col] + "）"
	}
	return what + " → 移回未归类"
}

func short(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// hitTest finds the drop zone at an absolute position.
func (b *boardScreen) hitTest(pos fyne.Position) dropTarget {
	drv := fyne.CurrentApp().Driver()
	inside := func(o fyne.CanvasObject) bool {
		if o == nil || !o.Visible() {
			return false
		}
		p := drv.AbsolutePositionForObject(o)
		if p.IsZero() { // not on the canvas (a pooled list row)
			return false
		}
		s := o.Size()
		return pos.X >= p.X && pos.Y >= p.Y && pos.X < p.X+s.Width && pos.Y < p.Y+s.Height
	}
	for i, z := range b.colZones {
		if !inside(z) {
			continue
		}
		if inside(b.cols[i]) {
			for _, r := range b.cardRows {
				if r.list == b.cols[i] && r.id != 0 && b.model.Card(r.id) != nil && inside(r) {
					return dropTarget{kind: zoneCard, col: i, problem: r.id}
				}
			}
		}
		return dropTarget{kind: zoneColumn, col: i}
	}
	if b.current != 0 && inside(b.membersZone) {
		return dropTarget{kind: zoneMembers, problem: b.current}
	}
	if inside(b.unsortedZone) {
		return dropTarget{kind: zoneUnsorted}
	}
	return dropTarget{}
}

// paintZones highlights the zone a drop would land in.
func (b *boardScreen) paintZones() {
	var t dropTarget
	active := b.drag != nil && b.model != nil && b.dropChanges(b.drag)
	if active {
		t = b.drag.target
	}
	hi := withAlpha(theme.Color(theme.ColorNamePrimary), 0x30)
	paint := func(r interface {
		Refresh()
	}, fill *color.Color, on bool) {
		if on {
			*fill = hi
		} else {
			*fill = theme.Color(theme.ColorNameBackground)
		}
		r.Refresh()
	}
	paint(b.unsortedBg, &b.unsortedBg.FillColor, t.kind == zoneUnsorted)
	paint(b.membersBg, &b.membersBg.FillColor, t.kind == zoneMembers)
	for i := range b.colBg {
		paint(b.colBg[i], &b.colBg[i].FillColor, t.kind == zoneColumn && t.col == i)
	}
	b.repaintCards()
}

// autoScroll scrolls the list under the pointer when the pointer is near
// its top or bottom edge, so a drag can reach cards out of sight (a column
// may hold a thousand problems). Each pointer move scrolls a little.
func (b *boardScreen) autoScroll(pos fyne.Position) {
	const edge, step = 28, 24
	drv := fyne.CurrentApp().Driver()
	for _, l := range b.allLists() {
		if !l.Visible() {
			continue
		}
		p, s := drv.AbsolutePositionForObject(l), l.Size()
		if p.IsZero() || pos.X < p.X || pos.X >= p.X+s.Width || pos.Y < p.Y || pos.Y >= p.Y+s.Height {
			continue
		}
		switch {
		case pos.Y < p.Y+edge && l.GetScrollOffset() > 0:
			l.ScrollToOffset(max(0, l.GetScrollOffset()-step))
		case pos.Y > p.Y+s.Height-edge:
			l.ScrollToOffset(l.GetScrollOffset() + step)
		}
		return
	}
}
