package app

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/ledger"
	"taizhang/ledger/ledgertest"
)

// boardFixture is the board in a test window on a small ledger: two
// members, eight opinions, and one problem (文山会海, 形式主义) holding the
// first opinion.
type boardFixture struct {
	t     *testing.T
	b     *boardScreen
	l     *ledger.Ledger
	w     fyne.Window
	ops   []int64
	p1    int64
	zhang int64
	said  []string
	errs  []error
}

var boardFixtureOpinions = []ledger.Opinion{
	{Text: "会议太多，文山会海，基层疲于应付。", Channel: "座谈会", Submitter: ledger.Submitter{Name: "王五"}},
	{Text: "文件层层转发，照抄照搬。", Channel: "意见箱", Submitter: ledger.Submitter{Anonymous: true}},
	{Text: "检查考核过多过滥。", Channel: "问卷调查"},
	{Text: "个别领导公车私用，节假日开公车办私事。", Channel: "信访来访", Title: "关于公车私用"},
	{Text: "办事窗口门难进、脸难看、事难办。", Channel: "网络征集"},
	{Text: "节日期间违规收受礼品礼金。", Channel: "意见箱"},
	{Text: "调研走马观花，听汇报多，解决问题少。", Channel: "实地走访"},
	{Text: "村里道路年久失修，雨天无法通行。", Channel: "专线电话"},
}

func newBoardFixture(t *testing.T) *boardFixture {
	t.Helper()
	a := newSerialApp(t)
	a.Settings().SetTheme(newTheme())
	w := test.NewTempWindow(t, nil)
	u := newUI(a, w)
	f := &boardFixture{t: t, w: w}
	f.b = newBoard(u)
	f.b.notify = func(s string) { f.said = append(f.said, s) }
	f.b.showError = func(err error) { f.errs = append(f.errs, err) }
	w.SetContent(f.b.root)
	w.Resize(fyne.NewSize(1200, 760))

	l := ledgertest.New(t, ledger.Info{Unit: "某县委办公室"}, ledger.Options{})
	t.Cleanup(func() { f.l.Close() })
	f.l = l
	var err error
	if f.zhang, err = l.AddLeader(ledger.Leader{Name: "张明", Post: "书记"}); err != nil {
		t.Fatal(err)
	}
	for i, o := range boardFixtureOpinions {
		o.Targets = []int64{[]int64{ledger.TeamID, f.zhang}[i%2]}
		id, err := l.AddOpinion(o)
		if err != nil {
			t.Fatal(err)
		}
		f.ops = append(f.ops, id)
	}
	if f.p1, err = l.NewProblem(ledger.Problem{Title: "文山会海", Category: ledger.Formalism}, f.ops[0]); err != nil {
		t.Fatal(err)
	}
	f.open(l)
	return f
}

// open shows ledger l on the board, as opening a file does.
func (f *boardFixture) open(l *ledger.Ledger) {
	f.l = l
	f.b.u.mu.Lock()
	f.b.u.led = l
	f.b.u.mu.Unlock()
	f.b.open(l, true)
	f.w.Content().Refresh()
}

func (f *boardFixture) noErrors() {
	f.t.Helper()
	for _, err := range f.errs {
		f.t.Errorf("the board showed an error: %v", ledger.Message(err))
	}
	f.errs = nil
}

// state is what sorting changes, as the ledger has it.
func (f *boardFixture) state() string {
	f.t.Helper()
	ps, err := f.l.Problems()
	if err != nil {
		f.t.Fatal(err)
	}
	m, err := f.l.Membership()
	if err != nil {
		f.t.Fatal(err)
	}
	js, _ := json.Marshal(struct {
		P []ledger.Problem
		M map[int64]int64
	}{ps, m})
	return string(js)
}

func (f *boardFixture) members(p int64) []int64 {
	f.t.Helper()
	ids, err := f.l.ProblemOpinionIDs(p)
	if err != nil {
		f.t.Fatal(err)
	}
	return ids
}

func boardCenter(o fyne.CanvasObject) fyne.Position {
	p := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	return p.Add(fyne.NewPos(o.Size().Width/2, o.Size().Height/2))
}

// opinionRow returns the row showing opinion id in list l (scrolling to it).
func (f *boardFixture) opinionRow(l *boardList, id int64) *opinionRow {
	f.t.Helper()
	for attempt := 0; attempt < 2; attempt++ {
		for _, r := range f.b.opinionRows {
			if r.list == l && r.id == id && !fyne.CurrentApp().Driver().AbsolutePositionForObject(r).IsZero() {
				return r
			}
		}
		for i := 0; i < l.length(); i++ {
			if f.b.idAt(l, i) == id {
				l.ScrollTo(i)
			}
		}
	}
	f.t.Fatalf("no row shows opinion %d", id)
	return nil
}

func (f *boardFixture) card(id int64) *cardRow {
	f.t.Helper()
	for _, r := range f.b.cardRows {
		if r.id == id && f.b.model.Card(id) != nil && !fyne.CurrentApp().Driver().AbsolutePositionForObject(r).IsZero() {
			return r
		}
	}
	f.t.Fatalf("no card shows problem %d", id)
	return nil
}

// emptyPartOf returns a point in the empty part of column i (below its cards).
func (f *boardFixture) emptyPartOf(i int) fyne.Position {
	l := f.b.cols[i]
	p := fyne.CurrentApp().Driver().AbsolutePositionForObject(l)
	return p.Add(fyne.NewPos(l.Size().Width/2, l.Size().Height-10))
}

// drag drags src from one absolute position to another in steps, as a
// person would, and drops. It returns what the board said it would do when
// the pointer arrived (the floating label).
func (f *boardFixture) drag(src fyne.Draggable, from, to fyne.Position) string {
	f.t.Helper()
	var last fyne.Position
	for i := 0; i <= 4; i++ {
		p := fyne.NewPos(from.X+(to.X-from.X)*float32(i)/4, from.Y+(to.Y-from.Y)*float32(i)/4)
		src.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: p}, Dragged: fyne.NewDelta(p.X-last.X, p.Y-last.Y)})
		last = p
	}
	label := f.b.floatText.Text
	if !f.b.floatBox.Visible() {
		f.t.Error("no floating copy follows the drag")
	}
	src.DragEnd()
	if f.b.floatBox.Visible() {
		f.t.Error("the floating copy stays after the drop")
	}
	return label
}

// walk visits o and everything inside it.
func boardWalk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	fn(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			boardWalk(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			boardWalk(c, fn)
		}
	}
}

// overlay returns the topmost dialog or menu, failing when there is none.
func (f *boardFixture) overlay() fyne.CanvasObject {
	f.t.Helper()
	top := f.w.Canvas().Overlays().Top()
	if top == nil {
		f.t.Fatal("no dialog or menu is open")
	}
	return top
}

func (f *boardFixture) button(text string) *widget.Button {
	f.t.Helper()
	var found *widget.Button
	boardWalk(f.overlay(), func(o fyne.CanvasObject) {
		if b := asButton(o); b != nil && b.Text == text {
			found = b
		}
	})
	if found == nil {
		f.t.Fatalf("the dialog has no button %q (it says %q)", text, f.texts())
	}
	return found
}

// texts returns every piece of text in the topmost overlay.
func (f *boardFixture) texts() []string {
	var out []string
	boardWalk(f.overlay(), func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			out = append(out, x.Text)
		case *widget.Button:
			out = append(out, x.Text)
		case *escButton:
			out = append(out, x.Text)
		case *widget.Entry:
			out = append(out, x.Text)
		case *escEntry:
			out = append(out, x.Text)
		case *widget.Check:
			out = append(out, x.Text)
		}
	})
	return out
}

func (f *boardFixture) entries() []*widget.Entry {
	var out []*widget.Entry
	boardWalk(f.overlay(), func(o fyne.CanvasObject) {
		switch e := o.(type) {
		case *widget.Entry:
			out = append(out, e)
		case *escEntry:
			out = append(out, &e.Entry)
		}
	})
	return out
}

// asButton is o as a button (ours that hear Esc included), or nil.
func asButton(o fyne.CanvasObject) *widget.Button {
	switch b := o.(type) {
	case *widget.Button:
		return b
	case *escButton:
		return &b.Button
	}
	return nil
}

func (f *boardFixture) closeOverlays() {
	for f.w.Canvas().Overlays().Top() != nil {
		f.w.Canvas().Overlays().Remove(f.w.Canvas().Overlays().Top())
	}
}

func TestBoardShowsLedger(t *testing.T) {
	f := newBoardFixture(t)
	if got := f.b.model.Unsorted(); !slices.Equal(got, f.ops[1:]) {
		t.Errorf("unsorted list %v, want %v", got, f.ops[1:])
	}
	if got := f.b.unsorted.length(); got != 7 {
		t.Errorf("the list shows %d rows, want 7", got)
	}
	c := f.card(f.p1)
	if c.title.Text != "文山会海" || c.counts.Text() != "个性 · 1 条意见 · 1 人提出" || c.ch.Text() != "渠道：座谈会" {
		t.Errorf("card shows %q / %q / %q", c.title.Text, c.counts.Text(), c.ch.Text())
	}
	if f.b.colHeaders[0].Text != "形式主义（1）" || f.b.colHeaders[4].Text != "其他·工作问题（0）" {
		t.Errorf("column headers %q, %q", f.b.colHeaders[0].Text, f.b.colHeaders[4].Text)
	}
	// Refreshing (after every change) does not pile up rows.
	for i := 0; i < 50; i++ {
		f.b.refreshAll()
	}
	if len(f.b.cardRows) > 5 || len(f.b.opinionRows) > 20 {
		t.Errorf("after 50 refreshes the board tracks %d cards and %d opinion rows", len(f.b.cardRows), len(f.b.opinionRows))
	}
	// The row of opinion 4 shows its title and provenance in brief.
	r := f.opinionRow(f.b.unsorted, f.ops[3])
	if r.text.Text != "关于公车私用" || !strings.Contains(r.meta.Text(), "信访来访") || !strings.Contains(r.meta.Text(), "张明") {
		t.Errorf("row shows %q / %q", r.text.Text, r.meta.Text())
	}
}

func TestDragOpinionOntoProblem(t *testing.T) {
	f := newBoardFixture(t)
	row := f.opinionRow(f.b.unsorted, f.ops[1])
	card := f.card(f.p1)
	label := f.drag(row, boardCenter(row), boardCenter(card))
	if !strings.Contains(label, "归入“文山会海”") {
		t.Errorf("while over the card the drag said %q", label)
	}
	f.noErrors()
	if got := f.members(f.p1); !slices.Equal(got, f.ops[:2]) {
		t.Errorf("problem has %v after the drop, want %v", got, f.ops[:2])
	}
	if slices.Contains(f.b.model.Unsorted(), f.ops[1]) {
		t.Error("the dropped opinion is still listed as unsorted")
	}
	if c := f.card(f.p1); c.counts.Text() != "个性 · 2 条意见 · 2 人提出" {
		t.Errorf("card counts after the drop: %q", c.counts.Text())
	}
	if f.l.UndoLabel() == "" {
		t.Error("the drop left no undo step")
	}
}

func TestDragHighlightsTarget(t *testing.T) {
	f := newBoardFixture(t)
	row := f.opinionRow(f.b.unsorted, f.ops[2])
	card := f.card(f.p1)
	from, to := boardCenter(row), boardCenter(card)
	row.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: from}})
	row.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: to}})
	if tg := f.b.drag.target; tg.kind != zoneCard || tg.problem != f.p1 {
		t.Errorf("over the card the target is %+v", tg)
	}
	normal := f.b.colBg[1].FillColor
	if card.bg.FillColor == theme.Color(theme.ColorNameInputBackground) {
		t.Error("the card under the pointer is not highlighted")
	}
	empty := f.emptyPartOf(1)
	row.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: empty}})
	if tg := f.b.drag.target; tg.kind != zoneColumn || tg.col != 1 {
		t.Errorf("over the empty part of 官僚主义 the target is %+v", tg)
	}
	if f.b.colBg[1].FillColor == normal {
		t.Error("the column under the pointer is not highlighted")
	}
	if !strings.Contains(f.b.floatText.Text, "新建问题（官僚主义）") {
		t.Errorf("floating label %q", f.b.floatText.Text)
	}
	// Back over the unsorted list: nothing would change; no highlight.
	row.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: from}})
	if f.b.unsortedBg.FillColor != normal || !strings.Contains(f.b.floatText.Text, "松开不做改动") {
		t.Errorf("over its own list: label %q", f.b.floatText.Text)
	}
	before := f.state()
	row.DragEnd()
	if f.state() != before {
		t.Error("dropping an unsorted opinion back on the unsorted list changed the ledger")
	}
	if f.b.colBg[1].FillColor != normal {
		t.Error("the highlight stays after the drop")
	}
}

func TestDropNowhereChangesNothing(t *testing.T) {
	f := newBoardFixture(t)
	before, label := f.state(), f.l.UndoLabel()
	row := f.opinionRow(f.b.unsorted, f.ops[1])
	// The toolbar above the lists and a point outside the window.
	undoBtn := boardCenter(f.b.undoBtn)
	f.drag(row, boardCenter(row), undoBtn)
	f.drag(row, boardCenter(row), fyne.NewPos(5000, 5000))
	c := f.card(f.p1)
	f.drag(c, boardCenter(c), fyne.NewPos(-50, 300))
	// A problem dropped on its own column, or onto itself.
	f.drag(c, boardCenter(c), f.emptyPartOf(0))
	f.drag(c, boardCenter(c), boardCenter(c).Add(fyne.NewPos(3, 3)))
	f.noErrors()
	if f.state() != before || f.l.UndoLabel() != label {
		t.Error("a drop that landed nowhere changed the ledger")
	}
	if f.w.Canvas().Overlays().Top() != nil {
		t.Errorf("a drop that landed nowhere opened %q", f.texts())
	}
}

func TestMultiSelectAndDrag(t *testing.T) {
	f := newBoardFixture(t)
	u := f.b.unsorted
	click := func(id int64, mods fyne.KeyModifier) {
		r := f.opinionRow(u, id)
		r.MouseDown(&desktop.MouseEvent{Modifier: mods})
		r.Tapped(&fyne.PointEvent{})
	}
	click(f.ops[2], 0)
	click(f.ops[5], fyne.KeyModifierShift)   // 2..5
	click(f.ops[3], fyne.KeyModifierControl) // not 3
	click(f.ops[7], fyne.KeyModifierControl) // and 7
	want := []int64{f.ops[2], f.ops[4], f.ops[5], f.ops[7]}
	if got := f.b.selectedOpinions(); !slices.Equal(got, want) {
		t.Fatalf("selection %v, want %v", got, want)
	}
	// Dragging any selected row drags them all.
	r := f.opinionRow(u, f.ops[4])
	if label := f.drag(r, boardCenter(r), boardCenter(f.card(f.p1))); !strings.HasPrefix(label, "4 条意见") {
		t.Errorf("drag label %q", label)
	}
	f.noErrors()
	if got := f.members(f.p1); !slices.Equal(got, append([]int64{f.ops[0]}, want...)) {
		t.Errorf("problem has %v", got)
	}
	// Dragging an unselected row drags it alone.
	click(f.ops[1], 0)
	click(f.ops[3], fyne.KeyModifierControl)
	r = f.opinionRow(u, f.ops[6])
	f.drag(r, boardCenter(r), boardCenter(f.card(f.p1)))
	if got := f.members(f.p1); len(got) != 6 || !slices.Contains(got, f.ops[6]) || slices.Contains(got, f.ops[1]) {
		t.Errorf("after dragging an unselected row the problem has %v", got)
	}
}

func TestDragOntoColumnMakesProblem(t *testing.T) {
	f := newBoardFixture(t)
	r := f.opinionRow(f.b.unsorted, f.ops[3])
	f.drag(r, boardCenter(r), f.emptyPartOf(2))
	f.noErrors()
	ps, _ := f.l.Problems()
	if len(ps) != 2 {
		t.Fatalf("%d problems after the drop, want 2", len(ps))
	}
	p := ps[1]
	if p.Category != ledger.Hedonism || p.Title != "关于公车私用" || !slices.Equal(f.members(p.ID), f.ops[3:4]) {
		t.Errorf("new problem %+v with %v", p, f.members(p.ID))
	}
	if !slices.Equal(p.Targets, []int64{f.zhang}) {
		t.Errorf("new problem targets %v, want the opinion's [%d]", p.Targets, f.zhang)
	}
	// Its title is editable at once.
	es := f.entries()
	if fe, ok := f.w.Canvas().Focused().(*escEntry); len(es) != 1 || es[0].Text != "关于公车私用" || !ok || &fe.Entry != es[0] {
		t.Fatalf("after the drop the dialog shows %q", f.texts())
	}
	es[0].SetText("公车私用问题")
	es[0].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	f.noErrors()
	if q, _ := f.l.Problem(p.ID); q.Title != "公车私用问题" {
		t.Errorf("title after editing: %q", q.Title)
	}
	if f.card(p.ID).title.Text != "公车私用问题" {
		t.Error("the card does not show the edited title")
	}

	// No title: the first ~20 characters of the first line.
	r = f.opinionRow(f.b.unsorted, f.ops[6])
	f.drag(r, boardCenter(r), f.emptyPartOf(0))
	f.closeOverlays()
	ps, _ = f.l.Problems()
	var got []string
	for _, p := range ps {
		got = append(got, p.Title)
	}
	if !slices.Contains(got, "调研走马观花，听汇报多，解决问题少。") {
		t.Errorf("titles %q", got)
	}
}

func TestDragProblems(t *testing.T) {
	f := newBoardFixture(t)
	p2, _ := f.l.NewProblem(ledger.Problem{Title: "公车私用", Category: ledger.Hedonism}, f.ops[3])
	p3, _ := f.l.NewProblem(ledger.Problem{Title: "文件多", Category: ledger.Bureaucratism}, f.ops[1], f.ops[2])
	f.b.sync()

	// A problem to another column: recategorised.
	c := f.card(p2)
	if label := f.drag(c, boardCenter(c), f.emptyPartOf(3)); !strings.Contains(label, "改为奢靡之风") {
		t.Errorf("label %q", label)
	}
	f.noErrors()
	if p, _ := f.l.Problem(p2); p.Category != ledger.Extravagance {
		t.Errorf("category after the drop: %q", p.Category)
	}

	// A problem onto another: merge after a confirmation that shows both.
	before := f.state()
	c = f.card(p3)
	if label := f.drag(c, boardCenter(c), boardCenter(f.card(f.p1))); !strings.Contains(label, "合并到“文山会海”") {
		t.Errorf("label %q", label)
	}
	all := strings.Join(f.texts(), "\n")
	if !strings.Contains(all, "文件多") || !strings.Contains(all, "文山会海") || !strings.Contains(all, "2 条意见") {
		t.Errorf("the confirmation does not show both problems: %q", all)
	}
	if f.state() != before {
		t.Fatal("merged before confirmation")
	}
	test.Tap(f.button("取消"))
	if f.state() != before {
		t.Fatal("merged although cancelled")
	}
	c = f.card(p3)
	f.drag(c, boardCenter(c), boardCenter(f.card(f.p1)))
	test.Tap(f.button("合并"))
	f.noErrors()
	if got := f.members(f.p1); !slices.Equal(got, f.ops[:3]) {
		t.Errorf("after the merge the problem has %v", got)
	}
	if _, err := f.l.Problem(p3); err == nil {
		t.Error("the merged problem still exists")
	}
	if f.b.model.Card(p3) != nil {
		t.Error("the board still shows the merged problem")
	}
}

func TestDragOpinionBackToUnsorted(t *testing.T) {
	f := newBoardFixture(t)
	f.l.Assign(f.p1, f.ops[1], f.ops[2])
	f.b.sync()
	f.b.clickCard(f.b.cols[0], 0)
	if f.b.current != f.p1 || f.b.members.length() != 3 {
		t.Fatalf("current %d with %d opinions", f.b.current, f.b.members.length())
	}
	r := f.opinionRow(f.b.members, f.ops[1])
	if label := f.drag(r, boardCenter(r), boardCenter(f.b.unsorted)); !strings.Contains(label, "移回未归类") {
		t.Errorf("label %q", label)
	}
	f.noErrors()
	if got := f.members(f.p1); !slices.Equal(got, []int64{f.ops[0], f.ops[2]}) {
		t.Errorf("problem has %v", got)
	}
	if !slices.Contains(f.b.model.Unsorted(), f.ops[1]) || f.b.members.length() != 2 {
		t.Error("the board did not follow")
	}
	// And from the left onto the current problem's opinions: joins it.
	r = f.opinionRow(f.b.unsorted, f.ops[5])
	f.drag(r, boardCenter(r), boardCenter(f.b.members))
	if got := f.members(f.p1); !slices.Contains(got, f.ops[5]) {
		t.Errorf("dropping on the current problem's opinions: %v", got)
	}
}

func boardKey(l *boardList, name fyne.KeyName) { l.TypedKey(&fyne.KeyEvent{Name: name}) }

func boardShiftKey(l *boardList, name fyne.KeyName) {
	l.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	boardKey(l, name)
	l.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
}

// TestKeyboardOnly sorts the fixture without the mouse: select, new problem,
// assign, recategorise, merge, back to unsorted, undo and redo.
func TestKeyboardOnly(t *testing.T) {
	f := newBoardFixture(t)
	c := f.w.Canvas()
	u := f.b.unsorted
	if c.Focused() != u {
		t.Fatalf("when the board opens the keyboard focus is on %T, not the unsorted list", c.Focused())
	}
	// Tab reaches the lists.
	c.Focus(f.b.search)
	for i := 0; i < 20 && c.Focused() != fyne.Focusable(u); i++ {
		c.FocusNext()
	}
	if c.Focused() != u {
		t.Fatal("Tab never reaches the unsorted list")
	}

	// Space selects, ↓ moves; 2 makes a 官僚主义 problem of the selection.
	boardKey(u, fyne.KeySpace) // ops[1]
	boardKey(u, fyne.KeyDown)
	boardKey(u, fyne.KeyDown)
	boardKey(u, fyne.KeySpace) // ops[3]
	u.TypedRune('2')
	f.noErrors()
	es := f.entries()
	if len(es) != 1 {
		t.Fatalf("no title entry after pressing 2: %q", f.texts())
	}
	es[0].SetText("文件与公车")
	es[0].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if c.Focused() != u {
		t.Errorf("after the title dialog the focus is on %T, not back on the list", c.Focused())
	}
	ps, _ := f.l.Problems()
	if len(ps) != 2 || ps[1].Title != "文件与公车" || ps[1].Category != ledger.Bureaucratism {
		t.Fatalf("problems after pressing 2: %+v", ps)
	}
	p2 := ps[1].ID
	if got := f.members(p2); !slices.Equal(got, []int64{f.ops[1], f.ops[3]}) {
		t.Fatalf("the new problem has %v", got)
	}

	// Ctrl+A selects all (as filtered), Esc clears.
	c.(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutSelectAll{})
	if got := f.b.selectedOpinions(); len(got) != 5 {
		t.Errorf("Ctrl+A selected %v", got)
	}
	boardKey(u, fyne.KeyEscape)
	if got := len(f.b.selUnsorted); got != 0 {
		t.Errorf("Esc left %d selected", got)
	}

	// Shift+↓ selects a run; → to the columns, cursor on 文山会海, A assigns.
	boardKey(u, fyne.KeyHome) // ops[2]
	boardShiftKey(u, fyne.KeyDown)
	boardShiftKey(u, fyne.KeyDown) // ops[2], ops[4], ops[5]
	if got := f.b.selectedOpinions(); !slices.Equal(got, []int64{f.ops[2], f.ops[4], f.ops[5]}) {
		t.Fatalf("Shift+↓ selected %v", got)
	}
	boardKey(u, fyne.KeyRight)
	col0 := f.b.cols[0]
	if c.Focused() != col0 {
		t.Fatalf("→ from the unsorted list focuses %T", c.Focused())
	}
	col0.TypedRune('a')
	f.noErrors()
	if got := f.members(f.p1); !slices.Equal(got, []int64{f.ops[0], f.ops[2], f.ops[4], f.ops[5]}) {
		t.Fatalf("A assigned: %v", got)
	}

	// Shift+→ moves 文山会海 to 官僚主义.
	boardShiftKey(col0, fyne.KeyRight)
	if p, _ := f.l.Problem(f.p1); p.Category != ledger.Bureaucratism {
		t.Fatalf("Shift+→: category %q", p.Category)
	}
	// M on one, M on the other: merge after confirmation.
	col1 := f.b.cols[1]
	c.Focus(col1)
	boardKey(col1, fyne.KeyHome)
	first := f.b.idAt(col1, 0)
	col1.TypedRune('m')
	boardKey(col1, fyne.KeyDown)
	second := f.b.idAt(col1, 1)
	col1.TypedRune('m')
	if btn, _ := c.Focused().(*escButton); btn == nil || btn.Text != "合并" {
		t.Fatalf("the merge confirmation does not have 合并 focused (%T)", c.Focused())
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	f.noErrors()
	if c.Focused() != col1 {
		t.Errorf("after the merge the focus is on %T", c.Focused())
	}
	if ps, _ := f.l.Problems(); len(ps) != 1 || ps[0].ID != second || len(f.members(second)) != 6 {
		t.Fatalf("after M, M: problems %+v (merged %d into %d)", ps, first, second)
	}

	// Space on the problem shows its opinions; in them, U takes one back.
	boardKey(col1, fyne.KeySpace)
	if f.b.current != second || f.b.members.length() != 6 {
		t.Fatalf("Space: current %d with %d opinions", f.b.current, f.b.members.length())
	}
	m := f.b.members
	c.Focus(m)
	boardKey(m, fyne.KeyHome)
	boardKey(m, fyne.KeySpace)
	took := f.b.idAt(m, 0)
	m.TypedRune('u')
	if got := f.members(second); len(got) != 5 || slices.Contains(got, took) {
		t.Fatalf("U: problem has %v", got)
	}

	// Ctrl+Z takes every step back; Ctrl+Shift+Z redoes.
	sc := c.(fyne.Shortcutable)
	want := f.state()
	for f.l.UndoLabel() != "" {
		sc.TypedShortcut(&fyne.ShortcutUndo{})
	}
	// (the fixture's own 文山会海 was a step too)
	if ps, _ := f.l.Problems(); len(ps) != 0 {
		t.Errorf("after undoing everything: %s", f.state())
	}
	if !slices.Equal(f.b.model.Unsorted(), f.ops) {
		t.Errorf("the board after undoing everything lists %v", f.b.model.Unsorted())
	}
	for f.l.RedoLabel() != "" {
		sc.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift})
	}
	if f.state() != want {
		t.Errorf("after redoing everything:\n got %s\nwant %s", f.state(), want)
	}
	f.noErrors()
}

// TestUndoAfterRestart: the board's steps are taken back by a board opened
// on the same file later.
func TestUndoAfterRestart(t *testing.T) {
	f := newBoardFixture(t)
	initial := f.state()
	r := f.opinionRow(f.b.unsorted, f.ops[1])
	f.drag(r, boardCenter(r), boardCenter(f.card(f.p1)))
	r = f.opinionRow(f.b.unsorted, f.ops[2])
	f.drag(r, boardCenter(r), f.emptyPartOf(4))
	f.closeOverlays()
	f.noErrors()
	path := f.l.Path()
	f.l.Close()

	l2, err := ledger.Open(path, ledger.Options{NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	f.open(l2)
	if !strings.HasPrefix(f.b.undoBtn.Text, "撤销：新建问题") {
		t.Errorf("after a restart the undo button says %q", f.b.undoBtn.Text)
	}
	test.Tap(f.b.undoBtn)
	test.Tap(f.b.undoBtn)
	f.noErrors()
	if f.state() != initial {
		t.Errorf("after undoing both steps after a restart:\n got %s\nwant %s", f.state(), initial)
	}
	if !slices.Equal(f.b.model.Unsorted(), f.ops[1:]) {
		t.Error("the board does not show the undone state")
	}
}

func TestFilterThenDrag(t *testing.T) {
	f := newBoardFixture(t)
	test.Type(f.b.search, "公车")
	if got := f.b.model.Unsorted(); !slices.Equal(got, f.ops[3:4]) {
		t.Fatalf("filter 公车 lists %v", got)
	}
	if !strings.Contains(f.b.count.Text, "筛选出 1 条") {
		t.Errorf("count says %q", f.b.count.Text)
	}
	r := f.opinionRow(f.b.unsorted, f.ops[3])
	f.drag(r, boardCenter(r), boardCenter(f.card(f.p1)))
	if f.b.unsorted.length() != 0 || !slices.Contains(f.members(f.p1), f.ops[3]) {
		t.Error("drag from a filtered list failed")
	}
	f.b.search.SetText("")
	f.b.channel.SetSelected("意见箱")
	if got := f.b.model.Unsorted(); !slices.Equal(got, []int64{f.ops[1], f.ops[5]}) {
		t.Errorf("channel filter lists %v", got)
	}
	f.b.whom.SetSelected("张明")
	if got := f.b.model.Unsorted(); !slices.Equal(got, []int64{f.ops[1], f.ops[5]}) {
		t.Errorf("channel+target filter lists %v", got)
	}
	f.b.whom.SetSelected(ledger.TeamName)
	if got := f.b.model.Unsorted(); len(got) != 0 {
		t.Errorf("意见箱 + 领导班子 lists %v", got)
	}
}

func TestContextMenus(t *testing.T) {
	f := newBoardFixture(t)
	r := f.opinionRow(f.b.unsorted, f.ops[1])
	test.TapSecondary(r)
	all := strings.Join(f.menuLabels(), "|")
	for _, want := range []string{"归入问题…", "新建问题"} {
		if !strings.Contains(all, want) {
			t.Errorf("opinion menu %q lacks %q", all, want)
		}
	}
	f.closeOverlays()
	test.TapSecondary(f.card(f.p1))
	all = strings.Join(f.menuLabels(), "|")
	for _, want := range []string{"合并到…", "改类别…", "详情…"} {
		if !strings.Contains(all, want) {
			t.Errorf("problem menu %q lacks %q", all, want)
		}
	}
	f.closeOverlays()
	f.b.clickCard(f.b.cols[0], 0)
	test.TapSecondary(f.opinionRow(f.b.members, f.ops[0]))
	if all = strings.Join(f.menuLabels(), "|"); !strings.Contains(all, "移回未归类") {
		t.Errorf("menu of a sorted opinion %q lacks 移回未归类", all)
	}
	// Choosing 移回未归类 does it.
	f.tapMenu("移回未归类")
	if len(f.members(f.p1)) != 0 {
		t.Error("移回未归类 from the menu did nothing")
	}
	// 归入问题… opens a chooser; Enter takes the first match.
	f.closeOverlays()
	test.TapSecondary(f.opinionRow(f.b.unsorted, f.ops[4]))
	f.tapMenu("归入问题…")
	es := f.entries()
	if len(es) != 1 {
		t.Fatalf("chooser shows %q", f.texts())
	}
	test.Type(es[0], "文山")
	es[0].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := f.members(f.p1); !slices.Equal(got, f.ops[4:5]) {
		t.Errorf("归入问题… assigned %v", got)
	}
}

func (f *boardFixture) menuLabels() []string { return f.menuItemLabels() }

func (f *boardFixture) menuItemLabels() []string {
	f.overlay() // a menu is showing
	var out []string
	for _, it := range f.b.lastMenu.Items {
		out = append(out, it.Label)
	}
	return out
}

func (f *boardFixture) tapMenu(label string) {
	f.t.Helper()
	var item *fyne.MenuItem
	for _, it := range f.b.lastMenu.Items {
		if strings.HasPrefix(it.Label, label) {
			item = it
		}
	}
	if item == nil || item.Action == nil {
		f.t.Fatalf("no menu item %q in %q", label, f.menuItemLabels())
	}
	f.closeOverlays()
	item.Action()
}

func TestProblemDetail(t *testing.T) {
	f := newBoardFixture(t)
	f.l.Assign(f.p1, f.ops[1], f.ops[2], f.ops[6])
	f.b.sync()
	col := f.b.cols[0]
	f.w.Canvas().Focus(col)
	boardKey(col, fyne.KeyReturn)
	all := strings.Join(f.texts(), "\n")
	// Verbatim text and provenance of each opinion.
	for _, want := range []string{boardFixtureOpinions[0].Text, boardFixtureOpinions[6].Text, "来源：手工录入", "建议共性"} {
		if !strings.Contains(all, want) {
			t.Errorf("detail lacks %q", want)
		}
	}
	es := f.entries()
	es[0].SetText("文山会海问题")
	var kind *widget.RadioGroup
	var targets *widget.CheckGroup
	boardWalk(f.overlay(), func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.RadioGroup:
			kind = x
		case *widget.CheckGroup:
			targets = x
		}
	})
	kind.SetSelected(ledger.Shared)
	targets.SetSelected([]string{ledger.TeamName, "张明"})
	test.Tap(f.button("保存"))
	f.noErrors()
	p, _ := f.l.Problem(f.p1)
	if p.Title != "文山会海问题" || p.Kind != ledger.Shared || !slices.Equal(p.Targets, []int64{ledger.TeamID, f.zhang}) {
		t.Errorf("after saving: %+v", p)
	}

	// Split: tick two opinions, split them into a new problem.
	boardKey(col, fyne.KeyReturn)
	var checks []*widget.Check
	boardWalk(f.overlay(), func(o fyne.CanvasObject) {
		if c, ok := o.(*widget.Check); ok && strings.HasPrefix(c.Text, "#") {
			checks = append(checks, c)
		}
	})
	if len(checks) != 4 {
		t.Fatalf("%d opinions ticked-able in the detail, want 4", len(checks))
	}
	checks[1].SetChecked(true)
	checks[3].SetChecked(true)
	test.Tap(f.button("把勾选的意见拆分为新问题"))
	f.noErrors()
	ps, _ := f.l.Problems()
	if len(ps) != 2 {
		t.Fatalf("after the split: %d problems", len(ps))
	}
	if got := f.members(ps[1].ID); !slices.Equal(got, []int64{f.ops[1], f.ops[6]}) || ps[1].Category != ledger.Formalism {
		t.Errorf("the split-off problem %+v has %v", ps[1], got)
	}
	if got := f.members(f.p1); !slices.Equal(got, []int64{f.ops[0], f.ops[2]}) {
		t.Errorf("the original keeps %v", got)
	}
	if es := f.entries(); len(es) != 1 || es[0].Text != ps[1].Title {
		t.Errorf("after the split the title dialog shows %q", f.texts())
	}
}

// TestDragScrollsColumn: holding a drag near a column's bottom edge scrolls
// it, so a card out of sight can be reached.
func TestDragScrollsColumn(t *testing.T) {
	f := newBoardFixture(t)
	var last int64
	for i := 0; i < 30; i++ {
		id, err := f.l.NewProblem(ledger.Problem{Title: "问题" + strconv.Itoa(i), Category: ledger.Formalism})
		if err != nil {
			t.Fatal(err)
		}
		last = id
	}
	f.b.sync()
	col := f.b.cols[0]
	row := f.opinionRow(f.b.unsorted, f.ops[1])
	p := fyne.CurrentApp().Driver().AbsolutePositionForObject(col)
	edge := p.Add(fyne.NewPos(col.Size().Width/2, col.Size().Height-5))
	row.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: boardCenter(row)}})
	for i := 0; i < 400 && f.b.model.Column(ledger.Formalism)[len(f.b.model.Column(ledger.Formalism))-1] != f.b.drag.target.problem; i++ {
		row.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: edge.Add(fyne.NewPos(0, float32(i%2)))}})
	}
	if col.GetScrollOffset() == 0 {
		t.Fatal("the column did not scroll")
	}
	if f.b.drag.target.problem != last {
		t.Fatalf("never reached the last card; target %+v", f.b.drag.target)
	}
	row.DragEnd()
	if got := f.members(last); !slices.Equal(got, f.ops[1:2]) {
		t.Errorf("the last problem has %v", got)
	}
}

func TestDeleteProblemByKey(t *testing.T) {
	f := newBoardFixture(t)
	col := f.b.cols[0]
	c := f.w.Canvas()
	c.Focus(col)
	boardKey(col, fyne.KeyDelete)
	if all := strings.Join(f.texts(), "\n"); !strings.Contains(all, "文山会海") || !strings.Contains(all, "移回未归类") {
		t.Errorf("the confirmation says %q", all)
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	f.noErrors()
	if ps, _ := f.l.Problems(); len(ps) != 0 {
		t.Errorf("problems after Delete: %+v", ps)
	}
	if !slices.Equal(f.b.model.Unsorted(), f.ops) {
		t.Errorf("unsorted after Delete: %v", f.b.model.Unsorted())
	}
}

// TestBigDropRunsInBackground: Ctrl+A on thousands of opinions, then a
// drop: the step runs off the window's goroutine and the board follows.
func TestBigDropRunsInBackground(t *testing.T) {
	f := newBoardFixture(t)
	_, err := f.l.Import(context.Background(), "大.xlsx", "big", "问卷调查", func(tx *ledger.ImportTx) error {
		for i := 0; i < bigStep+500; i++ {
			o := ledger.Opinion{Text: "导入的意见 " + strconv.Itoa(i), Source: ledger.Source{Row: i + 2}}
			if _, err := tx.Add(&o); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	f.b.sync()
	f.b.stepDone = make(chan struct{}, 1)
	c := f.w.Canvas()
	c.Focus(f.b.unsorted)
	c.(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutSelectAll{})
	n := len(f.b.selectedOpinions())
	if n != bigStep+507 {
		t.Fatalf("Ctrl+A selected %d", n)
	}
	r := f.opinionRow(f.b.unsorted, f.ops[1])
	f.drag(r, boardCenter(r), boardCenter(f.card(f.p1)))
	bigDone := func(what string) {
		waitWithin(t, 60*time.Second, what, func() bool {
			select {
			case <-f.b.stepDone:
				return true
			default:
				return false
			}
		})
	}
	bigDone("the big step")
	f.noErrors()
	if got := len(f.members(f.p1)); got != n+1 {
		t.Errorf("the problem has %d opinions, want %d", got, n+1)
	}
	if f.b.model.UnsortedTotal() != 0 || f.b.model.Card(f.p1).Opinions != n+1 {
		t.Errorf("the board shows %d unsorted, card %d", f.b.model.UnsortedTotal(), f.b.model.Card(f.p1).Opinions)
	}

	// Undoing and redoing the big step run in the background too; a key
	// pressed meanwhile is refused with a message, not run beside it.
	before := f.card(f.p1).id
	f.b.undo()
	if !f.b.busy {
		t.Error("undo of a big step ran on the window's goroutine")
	}
	f.b.redo()
	if len(f.said) == 0 || f.said[len(f.said)-1] != "上一步还在处理，请稍候" {
		t.Errorf("redo during the undo said %q", f.said)
	}
	bigDone("the big undo")
	f.noErrors()
	if got := f.b.model.Card(before).Opinions; got != 1 {
		t.Errorf("after undo the card has %d opinions, want 1", got)
	}
	f.b.redo()
	bigDone("the big redo")
	f.noErrors()
	if got := f.b.model.Card(before).Opinions; got != n+1 {
		t.Errorf("after redo the card has %d opinions, want %d", got, n+1)
	}
}

// TestEscClosesDialogs: Esc closes a board dialog as its 取消/不改 button
// would, from the focused button or entry, and changes nothing.
func TestEscClosesDialogs(t *testing.T) {
	f := newBoardFixture(t)
	c := f.w.Canvas()
	esc := &fyne.KeyEvent{Name: fyne.KeyEscape}
	before, _ := f.l.Problem(f.p1)

	f.b.askDelete(f.p1) // the 删除 button has the focus
	f.overlay()
	c.Focused().TypedKey(esc)
	if top := c.Overlays().Top(); top != nil {
		t.Fatalf("Esc left the delete confirmation open: %q", f.texts())
	}
	if _, err := f.l.Problem(f.p1); err != nil {
		t.Fatalf("Esc deleted the problem: %v", err)
	}

	f.b.editTitle(f.p1, nil) // the title entry has the focus
	es := f.entries()
	es[0].SetText("不该保存的标题")
	c.Focused().TypedKey(esc)
	if top := c.Overlays().Top(); top != nil {
		t.Fatalf("Esc left the title dialog open: %q", f.texts())
	}
	if p, _ := f.l.Problem(f.p1); p.Title != before.Title {
		t.Errorf("Esc saved the title %q", p.Title)
	}
	f.noErrors()
}
