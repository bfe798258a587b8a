package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/ledger"
	"taizhang/search"
)

// searchIndexDir is where the 检索 screen keeps its indexes: the user's cache
// folder (empty), or the folder named by TAIZHANG_INDEX_DIR. Under `go test`
// it is a folder in the temporary directory, so tests leave the cache alone.
func searchIndexDir() string {
	if d := os.Getenv("TAIZHANG_INDEX_DIR"); d != "" {
		return d
	}
	if testing.Testing() {
		return filepath.Join(os.TempDir(), "taizhang-test-index")
	}
	return ""
}

const (
	allLeaders     = "全部（不按领导）"
	searchPage     = 50  // hits shown in the plain view
	leaderPage     = 400 // hits shown in a leader's view
	searchDebounce = 150 * time.Millisecond
	syncWait       = 300 * time.Millisecond // longest wait for the index to catch up before answering
)

// facetTitles names the facets in the order the screen shows them.
var facetTitles = []struct{ name, title string }{
	{search.FacetType, "类型"},
	{search.FacetChannel, "渠道"},
	{search.FacetCategory, "四风类别"},
	{search.FacetKind, "性质"},
	{search.FacetTarget, "对象"},
	{search.FacetSorted, "归类"},
	{search.FacetFile, "来源文件"},
}

// searchScreen is the 检索 tab: a box that searches as you type, facet
// counts to click, highlighted results, and a leader's view grouped by the
// four winds. It keeps the index of the open ledger open.
type searchScreen struct {
	u *UI

	mu      sync.Mutex // guards ix, ledger, seq
	ix      *search.Index
	ledger  *ledger.Ledger
	seq     int
	timer   *time.Timer
	filters map[string]string // facet name → value (on the Fyne goroutine)
	names   map[int64]string  // target names (on the Fyne goroutine)
	leaders []ledger.Leader

	box      *widget.Entry
	leader   *widget.Select
	from, to *widget.Entry // date range, as people type dates
	status   *widget.Label
	active   *fyne.Container
	facets   *fyne.Container
	results  *fyne.Container
	scroll   *container.Scroll
}

// searchScreens maps each window's UI to its 检索 screen, for tests.
var searchScreens sync.Map

func newSearchScreen(u *UI) fyne.CanvasObject {
	s := &searchScreen{u: u, filters: map[string]string{}, names: map[int64]string{}}
	searchScreens.Store(u, s)
	u.OnLedgerOpened(s.onLedgerOpened)
	u.OnChanged(s.onChanged)
	return s.buildUI()
}

func (s *searchScreen) buildUI() fyne.CanvasObject {
	s.box = widget.NewEntry()
	s.box.SetPlaceHolder(`输入检索词：空格分开的词都要出现；"引号"内为短语；-词 表示排除`)
	s.box.OnChanged = func(string) { s.searchSoon() }
	s.box.OnSubmitted = func(string) { s.runSearch() }
	s.leader = &widget.Select{Options: []string{allLeaders}, Selected: allLeaders, OnChanged: func(string) { s.runSearch() }}
	s.from, s.to = widget.NewEntry(), widget.NewEntry()
	s.from.SetPlaceHolder("起始日期")
	s.to.SetPlaceHolder("截止日期")
	for _, e := range []*widget.Entry{s.from, s.to} {
		e.OnChanged = func(string) { s.searchSoon() }
		e.OnSubmitted = func(string) { s.runSearch() }
	}
	s.status = widget.NewLabel("未打开台账")
	s.status.Wrapping = fyne.TextWrapWord
	s.active = container.NewHBox()
	s.facets = container.NewVBox()
	s.results = container.NewVBox()
	s.scroll = container.NewVScroll(s.results)
	top := container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabel("检索："), container.NewHBox(
			widget.NewLabel("日期："), fixedWidth(110, s.from), widget.NewLabel("至"), fixedWidth(110, s.to),
			widget.NewLabel("领导视图："), fixedWidth(180, s.leader)), s.box),
		container.NewBorder(nil, nil, nil, s.active, s.status),
	)
	left := container.NewVScroll(container.NewPadded(s.facets))
	split := container.NewHSplit(left, s.scroll)
	split.Offset = 0.22
	return container.NewBorder(top, nil, nil, nil, split)
}

// onLedgerOpened closes the previous index and opens the new ledger's in
// the background.
func (s *searchScreen) onLedgerOpened() {
	l := s.u.Ledger()
	s.mu.Lock()
	old := s.ix
	s.ix, s.ledger = nil, l
	s.seq++
	s.mu.Unlock()
	s.filters = map[string]string{}
	s.results.Objects = nil
	s.results.Refresh()
	s.facets.Objects = nil
	s.facets.Refresh()
	s.refreshLeaders()
	s.status.SetText("正在建立索引…")
	go func() {
		if old != nil {
			old.Close()
		}
		if l == nil {
			return
		}
		ix, err := search.Open(context.Background(), l, search.Options{
			Dir:      searchIndexDir(),
			Synonyms: true,
			Progress: func(done, total int) {
				fyne.Do(func() {
					if s.currentLedger() == l {
						s.status.SetText(fmt.Sprintf("正在建立索引… %d / %d", done, total))
					}
				})
			},
		})
		s.mu.Lock()
		if s.ledger != l { // another ledger was opened meanwhile
			s.mu.Unlock()
			if ix != nil {
				ix.Close()
			}
			return
		}
		s.ix = ix
		s.mu.Unlock()
		fyne.Do(func() {
			if err != nil {
				s.status.SetText("索引无法建立：" + ledger.Message(err))
				s.u.ShowError(err)
				return
			}
			s.runSearch()
		})
	}()
}

func (s *searchScreen) currentLedger() *ledger.Ledger {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ledger
}

// onChanged refreshes the leaders and the results after a ledger change
// (the index itself follows the ledger on its own).
func (s *searchScreen) onChanged() {
	s.refreshLeaders()
	s.runSearch()
}

func (s *searchScreen) refreshLeaders() {
	l := s.u.Ledger()
	if l == nil {
		return
	}
	ms, err := l.Leaders()
	if err != nil {
		return
	}
	names, _ := l.TargetNames()
	s.leaders, s.names = ms, names
	opts := []string{allLeaders, ledger.TeamName}
	for _, m := range ms {
		opts = append(opts, m.Name)
	}
	s.leader.Options = opts
	if !slices.Contains(opts, s.leader.Selected) {
		s.leader.Selected = allLeaders
	}
	s.leader.Refresh()
}

// searchSoon runs the search once typing pauses.
func (s *searchScreen) searchSoon() {
	if s.timer != nil {
		s.timer.Stop()
	}
	s.timer = time.AfterFunc(searchDebounce, func() { fyne.Do(s.runSearch) })
}

// request builds the search from the box, the leader and the facets.
func (s *searchScreen) request() search.Request {
	r := search.Request{Query: s.box.Text, Facets: true, Size: searchPage}
	r.Type = s.filters[search.FacetType]
	r.Channel = s.filters[search.FacetChannel]
	r.Category = s.filters[search.FacetCategory]
	r.Kind = s.filters[search.FacetKind]
	r.Sorted = s.filters[search.FacetSorted]
	r.File = s.filters[search.FacetFile]
	if t, ok := s.filters[search.FacetTarget]; ok {
		if id, err := strconv.ParseInt(t, 10, 64); err == nil {
			r.Target = &id
		}
	}
	if id, ok := s.leaderID(); ok {
		r.Leader = &id
		r.Size = leaderPage
	}
	r.From, r.To = strings.TrimSpace(s.from.Text), strings.TrimSpace(s.to.Text)
	return r
}

func (s *searchScreen) leaderID() (int64, bool) {
	switch s.leader.Selected {
	case allLeaders, "":
		return 0, false
	case ledger.TeamName:
		return ledger.TeamID, true
	}
	for _, m := range s.leaders {
		if m.Name == s.leader.Selected {
			return m.ID, true
		}
	}
	return 0, false
}

// runSearch searches in the background; a newer search makes older
// answers be dropped.
func (s *searchScreen) runSearch() {
	s.mu.Lock()
	ix := s.ix
	s.seq++
	seq := s.seq
	s.mu.Unlock()
	if ix == nil {
		if s.u.Ledger() != nil {
			s.status.SetText("正在建立索引…（建好后自动显示结果）")
		}
		return
	}
	req := s.request()
	grouped := req.Leader != nil
	go func() {
		ctx := context.Background()
		// The latest changes before answering, but never wait long: after a
		// large import the index may take a while, and the answer comes
		// from what is indexed so far, then again when it has caught up.
		synced := make(chan error, 1)
		go func() { synced <- ix.Sync(ctx) }()
		var err error
		behind := false
		select {
		case err = <-synced:
		case <-time.After(syncWait):
			behind = true
			go func() {
				if <-synced == nil {
					s.deliver(seq, s.runSearch)
				}
			}()
		}
		var res *search.Result
		if err == nil {
			res, err = ix.Search(ctx, req)
		}
		if !s.deliver(seq, func() {
			if err != nil {
				s.status.SetText("未能检索：" + ledger.Message(err))
				return
			}
			s.show(ix, res, grouped)
			if behind {
				s.status.SetText(s.status.Text + "。索引正在更新，结果暂不含最新的改动")
			}
		}) || err != nil {
			return
		}
		if res.FacetsOmitted {
			// Many matches: count the facets now that the hits are shown.
			fr := req
			fr.Size, fr.FacetLimit = 1, -1
			if full, err := ix.Search(ctx, fr); err == nil {
				s.deliver(seq, func() { s.showFacets(full) })
			}
		}
		if grouped || len(res.Query.Words) == 0 || res.Total >= req.Size {
			return
		}
		// Few exact matches: near ones follow, in a second step so that
		// the exact ones show at once.
		rel := req
		rel.Facets, rel.Related = false, 20
		more, err := ix.Search(ctx, rel)
		if err != nil || len(more.Related) == 0 {
			return
		}
		s.deliver(seq, func() { s.showRelated(more.Related) })
	}()
}

// deliver runs fn on the Fyne goroutine unless a newer search has started
// since seq, and reports whether it ran.
func (s *searchScreen) deliver(seq int, fn func()) bool {
	ran := false
	fyne.DoAndWait(func() {
		s.mu.Lock()
		stale := seq != s.seq
		s.mu.Unlock()
		if !stale {
			fn()
			ran = true
		}
	})
	return ran
}

// showRelated appends near matches below the exact ones.
func (s *searchScreen) showRelated(hits []search.Hit) {
	objs := s.results.Objects
	if len(objs) == 1 {
		if l, ok := objs[0].(*widget.Label); ok && strings.HasPrefix(l.Text, "没有找到") {
			objs = []fyne.CanvasObject{widget.NewLabel("没有完全相符的意见或问题。")}
		}
	}
	objs = append(objs, widget.NewSeparator(),
		&widget.Label{Text: "相近的结果（不含全部检索词）", TextStyle: fyne.TextStyle{Bold: true}})
	for _, h := range hits {
		objs = append(objs, s.hitCard(h))
	}
	s.results.Objects = objs
	s.results.Refresh()
}

// show puts a result on the screen.
func (s *searchScreen) show(ix *search.Index, res *search.Result, grouped bool) {
	s.status.SetText(resultStatus(ix, res, len(res.Hits)))
	s.showActive()
	s.showFacets(res)
	var objs []fyne.CanvasObject
	if grouped {
		objs = s.groupedHits(res.Hits)
	} else {
		for _, h := range res.Hits {
			objs = append(objs, s.hitCard(h))
		}
	}
	if len(objs) == 0 {
		objs = append(objs, widget.NewLabel("没有找到相符的意见或问题。"))
	}
	if !grouped && res.Total > len(res.Hits) {
		objs = append(objs, s.moreButton(ix, res, len(res.Hits)))
	}
	s.results.Objects = objs
	s.results.Refresh()
	s.scroll.ScrollToTop()
}

// resultStatus is the status line of a search whose first shown hits are
// on screen.
func resultStatus(ix *search.Index, res *search.Result, shown int) string {
	msg := fmt.Sprintf("共 %d 条（用时 %.1f 毫秒）", res.Total, float64(res.Took.Microseconds())/1000)
	if res.Total > shown {
		msg += fmt.Sprintf("，显示前 %d 条", shown)
	}
	if n := ix.Notice(); n != "" {
		msg += "。" + n
	}
	return msg
}

// moreButton ends a page of results (res, the first page) that has more
// after it: it shows the next page below the ones shown.
func (s *searchScreen) moreButton(ix *search.Index, res *search.Result, shown int) fyne.CanvasObject {
	next := min(searchPage, res.Total-shown)
	var b *widget.Button
	b = widget.NewButton(fmt.Sprintf("再显示 %d 条（已显示 %d 条，共 %d 条）", next, shown, res.Total), func() {
		b.Disable()
		s.mu.Lock()
		seq := s.seq
		s.mu.Unlock()
		req := s.request()
		req.Offset, req.Facets = shown, false
		go func() {
			more, err := ix.Search(context.Background(), req)
			s.deliver(seq, func() {
				if err != nil {
					b.Enable()
					s.u.ShowError(err)
					return
				}
				objs := s.results.Objects
				if n := len(objs); n > 0 && objs[n-1] == fyne.CanvasObject(b) {
					objs = objs[:n-1]
				}
				for _, h := range more.Hits {
					objs = append(objs, s.hitCard(h))
				}
				now := shown + len(more.Hits)
				if res.Total > now && len(more.Hits) > 0 {
					objs = append(objs, s.moreButton(ix, res, now))
				}
				s.results.Objects = objs
				s.results.Refresh()
				s.status.SetText(resultStatus(ix, res, now))
			})
		}()
	})
	return b
}

// groupedHits lays out a leader's view: problems and opinions under the
// four winds (an opinion under its problem's category), then the work
// problems, then what is not yet sorted.
func (s *searchScreen) groupedHits(hits []search.Hit) []fyne.CanvasObject {
	order := append(append([]string{}, ledger.Categories...), "")
	var objs []fyne.CanvasObject
	for _, cat := range order {
		var group []search.Hit
		for _, h := range hits {
			if h.Category == cat {
				group = append(group, h)
			}
		}
		if len(group) == 0 {
			continue
		}
		title := cat
		if cat == "" {
			title = "未归类的意见"
		}
		problems := 0
		for _, h := range group {
			if h.Kind == search.KindProblem {
				problems++
			}
		}
		objs = append(objs, &widget.Label{
			Text:      fmt.Sprintf("%s（问题 %d 个，意见 %d 条）", title, problems, len(group)-problems),
			TextStyle: fyne.TextStyle{Bold: true}, Importance: widget.HighImportance})
		// Problems first, then their opinions.
		slices.SortStableFunc(group, func(a, b search.Hit) int {
			if a.Kind != b.Kind {
				if a.Kind == search.KindProblem {
					return -1
				}
				return 1
			}
			return 0
		})
		for _, h := range group {
			objs = append(objs, s.hitCard(h))
		}
	}
	return objs
}

// hitCard shows one hit: what it is, then the snippet with the matches
// marked, and a button that opens it in its place.
func (s *searchScreen) hitCard(h search.Hit) fyne.CanvasObject {
	label, screen := "意见", "意见"
	if h.Kind == search.KindProblem {
		label, screen = "问题", "梳理"
	}
	var meta []string
	for _, x := range []string{h.Date, h.Channel, h.Category, h.PKind} {
		if x != "" {
			meta = append(meta, x)
		}
	}
	var ts []string
	for _, t := range h.Targets {
		if n, ok := s.names[t]; ok {
			ts = append(ts, n)
		}
	}
	if len(ts) > 0 {
		meta = append(meta, "指向 "+strings.Join(ts, "、"))
	}
	if h.File != "" {
		meta = append(meta, ledger.Source{File: h.File, Row: h.Row}.String())
	}
	head := fmt.Sprintf("%s %d", label, h.ID)
	if len(meta) > 0 {
		head += " · " + strings.Join(meta, " · ")
	}
	text := widget.NewRichText(snippetSegments(h)...)
	text.Wrapping = fyne.TextWrapBreak
	id := h.ID
	open := widget.NewButton("查看", func() { s.u.Show(screen, id) })
	header := container.NewBorder(nil, nil, nil, open,
		&widget.Label{Text: head, TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis})
	return container.NewVBox(header, text, widget.NewSeparator())
}

// snippetSegments renders a hit's snippet with its matches in bold colour.
func snippetSegments(h search.Hit) []widget.RichTextSegment {
	var segs []widget.RichTextSegment
	plain := widget.RichTextStyleInline
	mark := widget.RichTextStyle{Inline: true, ColorName: theme.ColorNamePrimary, TextStyle: fyne.TextStyle{Bold: true}}
	at := 0
	for _, m := range h.Marks {
		if m[0] > at {
			segs = append(segs, &widget.TextSegment{Text: h.Snippet[at:m[0]], Style: plain})
		}
		segs = append(segs, &widget.TextSegment{Text: h.Snippet[m[0]:m[1]], Style: mark})
		at = m[1]
	}
	if at < len(h.Snippet) {
		segs = append(segs, &widget.TextSegment{Text: h.Snippet[at:], Style: plain})
	}
	return segs
}

// facetValue names a facet value for people.
func (s *searchScreen) facetValue(name, value string) string {
	switch name {
	case search.FacetType:
		if value == search.KindProblem {
			return "问题"
		}
		return "意见"
	case search.FacetTarget:
		id, _ := strconv.ParseInt(value, 10, 64)
		if n, ok := s.names[id]; ok {
			return n
		}
		return "（已删除的成员）"
	}
	return value
}

// showFacets lists the counts of each facet; a click filters by the value,
// a second click on it lifts the filter.
func (s *searchScreen) showFacets(res *search.Result) {
	var objs []fyne.CanvasObject
	if res.FacetsOmitted {
		objs = append(objs, widget.NewLabel(fmt.Sprintf("相符的有 %d 条，正在统计分类…", res.Total)))
	}
	for _, f := range facetTitles {
		counts := res.Facets[f.name]
		if len(counts) == 0 {
			continue
		}
		objs = append(objs, &widget.Label{Text: f.title, TextStyle: fyne.TextStyle{Bold: true}})
		for _, c := range counts[:min(len(counts), 12)] {
			name, value := f.name, c.Value
			b := widget.NewButton(fmt.Sprintf("%s（%d）", s.facetValue(name, value), c.Count), func() {
				if s.filters[name] == value {
					delete(s.filters, name)
				} else {
					s.filters[name] = value
				}
				s.runSearch()
			})
			b.Alignment = widget.ButtonAlignLeading
			if s.filters[name] == value {
				b.Importance = widget.HighImportance
			} else {
				b.Importance = widget.LowImportance
			}
			objs = append(objs, b)
		}
	}
	s.facets.Objects = objs
	s.facets.Refresh()
}

// showActive lists the filters in force, each with a button that lifts it.
func (s *searchScreen) showActive() {
	var objs []fyne.CanvasObject
	for _, f := range facetTitles {
		v, ok := s.filters[f.name]
		if !ok {
			continue
		}
		name := f.name
		objs = append(objs, widget.NewButtonWithIcon(f.title+"："+s.facetValue(name, v), theme.CancelIcon(), func() {
			delete(s.filters, name)
			s.runSearch()
		}))
	}
	s.active.Objects = objs
	s.active.Refresh()
}
