package app

import (
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/ledger"
)

// The lists of the board. Each is a widget.List whose keys the board
// handles itself (see board_keys.go), with its own cursor and selection.
type listKind int

const (
	unsortedList listKind = iota // the opinions not yet sorted (left)
	columnList                   // one of the five category columns
	membersList                  // the opinions of the current problem (bottom right)
)

// boardList is a widget.List that tells the board about keys and focus.
type boardList struct {
	widget.List
	b      *boardScreen
	kind   listKind
	col    int // column index for columnList
	cursor int // keyboard cursor (row index)
	focus  bool
	shift  bool // a Shift key is held (for Shift+arrows)
}

var (
	_ fyne.Focusable  = (*boardList)(nil)
	_ desktop.Keyable = (*boardList)(nil)
)

func newBoardList(b *boardScreen, kind listKind, col int, length func() int, create func() fyne.CanvasObject, update func(int, fyne.CanvasObject)) *boardList {
	l := &boardList{b: b, kind: kind, col: col}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

// FocusGained draws the cursor. (The embedded List's own focus highlight
// is not used: the board draws its cursor and selection itself.)
func (l *boardList) FocusGained() {
	l.focus = true
	l.b.focusChanged(l)
	l.Refresh()
}

// FocusLost hides the cursor.
func (l *boardList) FocusLost() {
	l.focus, l.shift = false, false
	l.Refresh()
}

// TypedKey hands keys to the board.
func (l *boardList) TypedKey(ev *fyne.KeyEvent) { l.b.typedKey(l, ev) }

// TypedRune hands letters and digits to the board.
func (l *boardList) TypedRune(r rune) { l.b.typedRune(l, r) }

// KeyDown tracks Shift.
func (l *boardList) KeyDown(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		l.shift = true
	}
}

// KeyUp tracks Shift.
func (l *boardList) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		l.shift = false
	}
}

func (l *boardList) length() int {
	if l.Length == nil {
		return 0
	}
	return l.Length()
}

// setCursor moves the cursor to row i (clamped) and scrolls to it.
func (l *boardList) setCursor(i int) {
	n := l.length()
	if n == 0 {
		l.cursor = 0
		l.Refresh()
		return
	}
	l.cursor = max(0, min(i, n-1))
	l.ScrollTo(l.cursor)
	l.Refresh()
}

// --- opinion rows -------------------------------------------------------

// opinionRow shows one opinion in the unsorted list or in the strip of the
// current problem's opinions. It can be selected (click, Ctrl+click,
// Shift+click), dragged and right-clicked.
type opinionRow struct {
	widget.BaseWidget
	b    *boardScreen
	list *boardList
	id   int64
	idx  int
	mods fyne.KeyModifier

	gen    int  // the board's refresh generation when last bound
	listed bool // in the board's list of rows

	bg, ring *canvas.Rectangle
	text     *widget.Label
	meta     *smallText
}

var (
	_ fyne.Draggable         = (*opinionRow)(nil)
	_ fyne.Tappable          = (*opinionRow)(nil)
	_ fyne.SecondaryTappable = (*opinionRow)(nil)
	_ desktop.Mouseable      = (*opinionRow)(nil)
)

func newOpinionRow(b *boardScreen, list *boardList) *opinionRow {
	r := &opinionRow{b: b, list: list, bg: canvas.NewRectangle(color.Transparent), ring: canvas.NewRectangle(color.Transparent),
		text: widget.NewLabel(""), meta: newSmallText(theme.ColorNamePlaceHolder)}
	r.text.Truncation = fyne.TextTruncateEllipsis
	r.ring.StrokeWidth = 2
	r.ring.CornerRadius = 4
	r.bg.CornerRadius = 4
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer lays out the text over a meta line.
func (r *opinionRow) CreateRenderer() fyne.WidgetRenderer {
	meta := container.New(&insetLayout{left: theme.Padding() * 2, top: -theme.Padding() * 2, right: theme.Padding()}, r.meta)
	return widget.NewSimpleRenderer(container.NewStack(r.bg, container.NewBorder(nil, meta, nil, nil, r.text), r.ring))
}

func (r *opinionRow) bind(id int64, idx int) {
	r.id, r.idx = id, idx
	r.b.listed(r)
	o := r.b.model.Opinion(id)
	if o == nil {
		setLabel(r.text, "")
		r.meta.SetText("")
		return
	}
	setLabel(r.text, o.Label())
	r.meta.SetText(opinionMeta(r.b.model, o))
	r.paint()
}

// paint shows selection, cursor and drop-target state.
func (r *opinionRow) paint() {
	sel := r.b.selectionOf(r.list.kind)[r.id]
	switch {
	case sel:
		r.bg.FillColor = theme.Color(theme.ColorNameSelection)
	default:
		r.bg.FillColor = color.Transparent
	}
	if r.list.focus && r.list.cursor == r.idx {
		r.ring.StrokeColor = theme.Color(theme.ColorNameFocus)
	} else {
		r.ring.StrokeColor = color.Transparent
	}
	r.bg.Refresh()
	r.ring.Refresh()
}

func opinionMeta(m *ledger.Board, o *ledger.BoardOpinion) string {
	parts := []string{"#" + strconv.FormatInt(o.ID, 10), o.Channel}
	if o.Date != "" {
		parts = append(parts, o.Date)
	}
	if ts := m.TargetNames(o.Targets); len(ts) > 0 {
		parts = append(parts, strings.Join(ts, "、"))
	}
	return strings.Join(parts, " · ")
}

// MouseDown remembers Ctrl and Shift for the click and focuses the list.
func (r *opinionRow) MouseDown(ev *desktop.MouseEvent) {
	r.mods = ev.Modifier
	r.b.focusList(r.list)
}

// MouseUp does nothing; Tapped acts.
func (r *opinionRow) MouseUp(*desktop.MouseEvent) {}

// Tapped selects: alone, Ctrl toggles, Shift extends from the anchor.
func (r *opinionRow) Tapped(*fyne.PointEvent) {
	if r.id == 0 {
		return
	}
	r.b.clickOpinion(r.list, r.idx, r.mods)
}

// TappedSecondary opens the context menu.
func (r *opinionRow) TappedSecondary(ev *fyne.PointEvent) {
	if r.id == 0 {
		return
	}
	r.b.focusList(r.list)
	r.b.opinionMenu(r.list, r.idx, ev.AbsolutePosition)
}

// Dragged starts or continues dragging the selection (or this opinion).
func (r *opinionRow) Dragged(ev *fyne.DragEvent) {
	if r.id == 0 {
		return
	}
	if r.b.drag == nil {
		r.b.startOpinionDrag(r.list, r.idx)
	}
	r.b.dragTo(ev.AbsolutePosition)
}

// DragEnd drops.
func (r *opinionRow) DragEnd() { r.b.drop() }

// --- problem cards ------------------------------------------------------

// cardRow is a problem card in a category column.
type cardRow struct {
	widget.BaseWidget
	b      *boardScreen
	list   *boardList
	id     int64
	idx    int
	gen    int
	listed bool

	bg, ring         *canvas.Rectangle
	title            *widget.Label
	counts, ch, whom *smallText
	hint             *smallText
}

var (
	_ fyne.Draggable         = (*cardRow)(nil)
	_ fyne.Tappable          = (*cardRow)(nil)
	_ fyne.DoubleTappable    = (*cardRow)(nil)
	_ fyne.SecondaryTappable = (*cardRow)(nil)
	_ desktop.Mouseable      = (*cardRow)(nil)
)

func newCardRow(b *boardScreen, list *boardList) *cardRow {
	small := func() *smallText { return newSmallText(theme.ColorNameForeground) }
	c := &cardRow{b: b, list: list, bg: canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground)),
		ring: canvas.NewRectangle(color.Transparent), title: widget.NewLabel(""),
		counts: small(), ch: small(), whom: small(), hint: newSmallText(theme.ColorNamePrimary)}
	c.title.TextStyle = fyne.TextStyle{Bold: true}
	c.title.Truncation = fyne.TextTruncateEllipsis
	c.bg.CornerRadius, c.ring.CornerRadius, c.ring.StrokeWidth = 6, 6, 2
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer stacks the title over three small lines.
func (c *cardRow) CreateRenderer() fyne.WidgetRenderer {
	lines := container.New(&linesLayout{gap: 1}, c.counts, c.ch, c.whom, c.hint)
	inset := container.New(&insetLayout{left: theme.Padding() * 2, top: -theme.Padding(), right: theme.Padding(), bottom: theme.Padding() * 1.5}, lines)
	body := container.NewBorder(c.title, nil, nil, nil, inset)
	return widget.NewSimpleRenderer(container.NewStack(c.bg, body, c.ring))
}

func (c *cardRow) bind(id int64, idx int) {
	c.id, c.idx = id, idx
	c.b.listedCard(c)
	k := c.b.model.Card(id)
	if k == nil {
		setLabel(c.title, "")
		return
	}
	setLabel(c.title, k.Title)
	c.counts.SetText(cardCounts(k))
	c.ch.SetText(cardChannels(k))
	c.whom.SetText(cardTargets(c.b.model, k))
	c.hint.SetText(cardHint(k))
	c.paint()
}

func cardCounts(k *ledger.Card) string {
	return k.Kind + " · " + strconv.Itoa(k.Opinions) + " 条意见 · " + strconv.Itoa(k.Submitters) + " 人提出"
}

func cardChannels(k *ledger.Card) string {
	if chs := k.Channels(); len(chs) > 0 {
		return "渠道：" + strings.Join(chs, "、")
	}
	return "渠道：—"
}

func cardTargets(m *ledger.Board, k *ledger.Card) string {
	if ts := m.TargetNames(k.Targets); len(ts) > 0 {
		return "对象：" + strings.Join(ts, "、")
	}
	return "对象：未指定"
}

// cardHint suggests 共性 for an individual problem, and says why.
func cardHint(k *ledger.Card) string {
	if why := k.SharedReasons(); len(why) > 0 && k.Kind != ledger.Shared {
		return "建议共性：" + strings.Join(why, "，")
	}
	return ""
}

func (c *cardRow) paint() {
	b := c.b
	switch {
	case b.drag != nil && b.drag.target.kind == zoneCard && b.drag.target.problem == c.id && b.dropChanges(b.drag):
		c.bg.FillColor = withAlpha(theme.Color(theme.ColorNamePrimary), 0x60)
	case b.current == c.id:
		c.bg.FillColor = theme.Color(theme.ColorNameSelection)
	case b.mergeFrom == c.id:
		c.bg.FillColor = withAlpha(theme.Color(theme.ColorNameWarning), 0x50)
	default:
		c.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
	}
	if c.list.focus && c.list.cursor == c.idx {
		c.ring.StrokeColor = theme.Color(theme.ColorNameFocus)
	} else {
		c.ring.StrokeColor = color.Transparent
	}
	c.bg.Refresh()
	c.ring.Refresh()
}

// MouseDown focuses the column.
func (c *cardRow) MouseDown(*desktop.MouseEvent) { c.b.focusList(c.list) }

// MouseUp does nothing.
func (c *cardRow) MouseUp(*desktop.MouseEvent) {}

// Tapped makes the problem the current one (its opinions show below).
func (c *cardRow) Tapped(*fyne.PointEvent) {
	if c.id != 0 {
		c.b.clickCard(c.list, c.idx)
	}
}

// DoubleTapped opens the problem's detail.
func (c *cardRow) DoubleTapped(*fyne.PointEvent) {
	if c.id != 0 {
		c.b.clickCard(c.list, c.idx)
		c.b.showDetail(c.id)
	}
}

// TappedSecondary opens the card's context menu.
func (c *cardRow) TappedSecondary(ev *fyne.PointEvent) {
	if c.id != 0 {
		c.b.clickCard(c.list, c.idx)
		c.b.cardMenu(c.id, ev.AbsolutePosition)
	}
}

// Dragged drags the problem.
func (c *cardRow) Dragged(ev *fyne.DragEvent) {
	if c.id == 0 {
		return
	}
	if c.b.drag == nil {
		c.b.startCardDrag(c.id)
	}
	c.b.dragTo(ev.AbsolutePosition)
}

// DragEnd drops.
func (c *cardRow) DragEnd() { c.b.drop() }

// --- small layouts --------------------------------------------------------

// insetLayout places its objects inside the given insets (negative top
// pulls a line closer to the one above).
type insetLayout struct{ left, top, right, bottom float32 }

func (l *insetLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(l.left, l.top))
		o.Resize(fyne.NewSize(size.Width-l.left-l.right, size.Height-l.top-l.bottom))
	}
}

func (l *insetLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return fyne.NewSize(s.Width+l.left+l.right, s.Height+l.top+l.bottom)
}

// linesLayout stacks objects vertically with a small gap, each its own
// height (canvas.Text lines do not need a Label's padding).
type linesLayout struct{ gap float32 }

func (l *linesLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h + l.gap
	}
}

func (l *linesLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for i, o := range objs {
		m := o.MinSize()
		w = max(w, m.Width)
		h += m.Height
		if i > 0 {
			h += l.gap
		}
	}
	return fyne.NewSize(w, h)
}

func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: a}
}

// smallText is one line of caption-sized text cut with … to the width it
// is given (canvas.Text alone would spill into the next column).
type smallText struct {
	widget.BaseWidget
	full  string
	color fyne.ThemeColorName
	text  *canvas.Text
}

func newSmallText(c fyne.ThemeColorName) *smallText {
	t := &smallText{color: c, text: canvas.NewText("", theme.Color(c))}
	t.text.TextSize = theme.CaptionTextSize()
	t.ExtendBaseWidget(t)
	return t
}

// SetText changes the full text.
func (t *smallText) SetText(s string) {
	if s == t.full {
		return
	}
	t.full = s
	t.Refresh()
}

// Text returns the full text.
func (t *smallText) Text() string { return t.full }

// CreateRenderer makes the cutting renderer.
func (t *smallText) CreateRenderer() fyne.WidgetRenderer { return &smallTextRenderer{t: t} }

type smallTextRenderer struct{ t *smallText }

func (r *smallTextRenderer) Destroy()                     {}
func (r *smallTextRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.t.text} }
func (r *smallTextRenderer) MinSize() fyne.Size {
	h := fyne.MeasureText("国", r.t.text.TextSize, r.t.text.TextStyle).Height
	return fyne.NewSize(theme.CaptionTextSize()*2, h)
}

func (r *smallTextRenderer) Layout(size fyne.Size) {
	r.t.text.Text = fitText(r.t.full, size.Width, r.t.text.TextSize, r.t.text.TextStyle)
	r.t.text.Resize(size)
	r.t.text.Move(fyne.NewPos(0, 0))
}

func (r *smallTextRenderer) Refresh() {
	r.t.text.Color = theme.Color(r.t.color)
	r.Layout(r.t.Size())
	r.t.text.Refresh()
}

// fitText cuts s with … so that it fits in width.
func fitText(s string, width, size float32, style fyne.TextStyle) string {
	if s == "" || width <= 0 || fyne.MeasureText(s, size, style).Width <= width {
		return s
	}
	rs := []rune(s)
	lo, hi := 0, len(rs)
	for lo < hi { // the longest prefix that fits with the ellipsis
		mid := (lo + hi + 1) / 2
		if fyne.MeasureText(string(rs[:mid])+"…", size, style).Width <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return string(rs[:lo]) + "…"
}
