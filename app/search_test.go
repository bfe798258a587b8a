package app

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"taizhang/ledger"
	"taizhang/search"
)

// searchState reads the screen on the Fyne goroutine.
func searchState(s *searchScreen) (status string, cards []string, facetButtons []*widget.Button) {
	fyne.DoAndWait(func() {
		status = s.status.Text
		for _, o := range s.results.Objects {
			if c, ok := o.(*fyne.Container); ok && len(c.Objects) >= 2 {
				if rt, ok := c.Objects[1].(*widget.RichText); ok {
					cards = append(cards, rt.String())
				}
			}
		}
		for _, o := range s.facets.Objects {
			if b, ok := o.(*widget.Button); ok {
				facetButtons = append(facetButtons, b)
			}
		}
	})
	return
}

func TestSearchScreen(t *testing.T) {
	t.Setenv("TAIZHANG_INDEX_DIR", t.TempDir())
	u, _ := newTestUI(t)
	v, _ := searchScreens.Load(u)
	s := v.(*searchScreen)
	waitFor(t, "the index", func() bool {
		st, _, _ := searchState(s)
		return strings.HasPrefix(st, "共")
	})
	fyne.DoAndWait(func() { u.Show("检索", 0) })

	// Typing searches; synonyms are on (公车 also finds 公务 wordings).
	test.Type(s.box, "公车")
	waitFor(t, "公车 results", func() bool {
		_, cards, _ := searchState(s)
		return len(cards) == 1 && strings.Contains(cards[0], "公车私用")
	})
	// The match is marked in the snippet.
	fyne.DoAndWait(func() {
		card := s.results.Objects[0].(*fyne.Container)
		rt := card.Objects[1].(*widget.RichText)
		marked := false
		for _, seg := range rt.Segments {
			if ts, ok := seg.(*widget.TextSegment); ok && ts.Style.TextStyle.Bold && ts.Text == "公车" {
				marked = true
			}
		}
		if !marked {
			t.Errorf("公车 not marked in %q", rt.String())
		}
	})

	// Two words must both occur.
	fyne.DoAndWait(func() { s.box.SetText("会议 文件") })
	waitFor(t, "会议 文件", func() bool {
		st, cards, _ := searchState(s)
		if !strings.HasPrefix(st, "共 2 条") || len(cards) < 2 {
			return false
		}
		for _, c := range cards[:2] { // related results may follow
			if !strings.Contains(c, "会议") || !strings.Contains(c, "文件") {
				return false
			}
		}
		return true
	})

	// Nothing contains 会议文件 as written: near matches follow.
	fyne.DoAndWait(func() { s.box.SetText("会议文件") })
	waitFor(t, "related results", func() bool {
		found := false
		fyne.DoAndWait(func() {
			for _, o := range s.results.Objects {
				if l, ok := o.(*widget.Label); ok && strings.HasPrefix(l.Text, "相近的结果") {
					found = true
				}
			}
		})
		_, cards, _ := searchState(s)
		return found && len(cards) >= 2
	})

	// A facet click filters; a second click lifts the filter.
	fyne.DoAndWait(func() { s.box.SetText("") })
	var channelButton *widget.Button
	waitFor(t, "facets", func() bool {
		_, _, bs := searchState(s)
		for _, b := range bs {
			if strings.HasPrefix(b.Text, "座谈会（") {
				channelButton = b
				return true
			}
		}
		return false
	})
	test.Tap(channelButton)
	waitFor(t, "channel filter", func() bool {
		st, cards, _ := searchState(s)
		return strings.HasPrefix(st, "共 6 条") && len(cards) == 6
	})

	// A leader's view: only what targets the member or the team, grouped;
	// no submitter anywhere.
	fyne.DoAndWait(func() {
		s.filters = map[string]string{}
		s.leader.SetSelected("刘志强")
	})
	waitFor(t, "leader view", func() bool {
		_, cards, _ := searchState(s)
		return len(cards) >= 6
	})
	l := u.Ledger()
	id, err := l.ResolveTarget("刘志强")
	if err != nil {
		t.Fatal(err)
	}
	ix := func() *search.Index { s.mu.Lock(); defer s.mu.Unlock(); return s.ix }()
	res, err := ix.Search(t.Context(), s.requestOnFyne())
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		ok := false
		for _, x := range h.Targets {
			ok = ok || x == id || x == ledger.TeamID
		}
		if !ok {
			t.Errorf("leader view shows %s %d targeting %v", h.Kind, h.ID, h.Targets)
		}
	}

	// A change to the ledger shows without any action.
	if _, err := l.AddOpinion(ledger.Opinion{Text: "刘局长分管的政府采购目录更新太慢", Channel: "意见箱", Targets: []int64{id}}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the new opinion", func() bool {
		_, cards, _ := searchState(s)
		for _, c := range cards {
			if strings.Contains(c, "采购目录更新太慢") {
				return true
			}
		}
		return false
	})

	// 查看 opens the opinion on its own screen.
	fyne.DoAndWait(func() {
		card := s.results.Objects[1].(*fyne.Container)
		head := card.Objects[0].(*fyne.Container)
		for _, o := range head.Objects {
			if b, ok := o.(*widget.Button); ok {
				test.Tap(b)
			}
		}
		if got := u.tabs.Selected().Text; got != "意见" {
			t.Errorf("查看 went to %q, want 意见", got)
		}
	})
}

// requestOnFyne builds the screen's request on the Fyne goroutine.
func (s *searchScreen) requestOnFyne() (r search.Request) {
	fyne.DoAndWait(func() { r = s.request() })
	return r
}

// TestSearchScreenMore: a search with more matches than a page shows a
// page and a button that adds the next one below it.
func TestSearchScreenMore(t *testing.T) {
	t.Setenv("TAIZHANG_INDEX_DIR", t.TempDir())
	u, _ := newTestUI(t)
	l := u.Ledger()
	for i := range searchPage + 12 {
		if _, err := l.AddOpinion(ledger.Opinion{Text: fmt.Sprintf("第%d号蓝色路牌缺了一块", i+1), Channel: "意见箱"}); err != nil {
			t.Fatal(err)
		}
	}
	v, _ := searchScreens.Load(u)
	s := v.(*searchScreen)
	waitFor(t, "the index", func() bool {
		st, _, _ := searchState(s)
		return strings.HasPrefix(st, "共")
	})
	test.Type(s.box, "蓝色路牌")
	more := func() *widget.Button {
		if n := len(s.results.Objects); n > 0 {
			b, _ := s.results.Objects[n-1].(*widget.Button)
			return b
		}
		return nil
	}
	waitFor(t, "the first page", func() bool {
		_, cards, _ := searchState(s)
		for _, c := range cards {
			if !strings.Contains(c, "蓝色路牌") {
				return false // still the answer to an earlier keystroke
			}
		}
		return len(cards) == searchPage && more() != nil
	})
	if got := more().Text; !strings.Contains(got, fmt.Sprintf("再显示 12 条（已显示 %d 条，共 %d 条）", searchPage, searchPage+12)) {
		t.Errorf("button says %q", got)
	}
	test.Tap(more())
	waitFor(t, "the second page", func() bool {
		_, cards, _ := searchState(s)
		return len(cards) == searchPage+12 && more() == nil
	})
	_, cards, _ := searchState(s)
	seen := map[string]bool{}
	for _, c := range cards {
		if seen[c] {
			t.Errorf("shown twice: %s", c)
		}
		seen[c] = true
	}
	if st, _, _ := searchState(s); !strings.HasPrefix(st, fmt.Sprintf("共 %d 条", searchPage+12)) || strings.Contains(st, "显示前") {
		t.Errorf("status %q", st)
	}
}

// TestSearchScreenDates: the date range takes dates as people type them
// and narrows the results as the same range asked of the index directly;
// what is not a date is named in the status line.
func TestSearchScreenDates(t *testing.T) {
	t.Setenv("TAIZHANG_INDEX_DIR", t.TempDir())
	u, _ := newTestUI(t)
	v, _ := searchScreens.Load(u)
	s := v.(*searchScreen)
	waitFor(t, "the index", func() bool {
		st, _, _ := searchState(s)
		return strings.HasPrefix(st, "共")
	})
	ix := func() *search.Index { s.mu.Lock(); defer s.mu.Unlock(); return s.ix }()
	count := func(from, to string) int {
		res, err := ix.Search(t.Context(), search.Request{From: from, To: to, Size: 1})
		if err != nil {
			t.Fatal(err)
		}
		return res.Total
	}
	all := count("", "")
	// The middle of the demo ledger's dates.
	var dates []string
	if err := u.Ledger().EachOpinion(ledger.Filter{}, func(o ledger.Opinion) error {
		if o.Date != "" {
			dates = append(dates, o.Date)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	slices.Sort(dates)
	mid := dates[len(dates)/2]
	want := count("", mid)
	if want == 0 || want >= all {
		t.Fatalf("up to %s: %d of %d, no test of a range", mid, want, all)
	}
	y, m, d := mid[:4], strings.TrimLeft(mid[5:7], "0"), strings.TrimLeft(mid[8:], "0")
	test.Type(s.to, y+"年"+m+"月"+d+"日")
	waitFor(t, "the range", func() bool {
		st, _, _ := searchState(s)
		return strings.HasPrefix(st, fmt.Sprintf("共 %d 条", want))
	})
	fyne.DoAndWait(func() { s.to.SetText(""); s.from.SetText("2026-13-45") })
	waitFor(t, "the message", func() bool {
		st, _, _ := searchState(s)
		return strings.Contains(st, "起始日期“2026-13-45”无法识别")
	})
}
