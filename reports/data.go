package reports

import (
	"context"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"taizhang/ledger"
)

// Options are what every report is made with.
type Options struct {
	// Internal asks for an internal copy with submitter names and contacts
	// (every page is marked 「内部材料 含提出人信息」). Feedback sheets ignore it:
	// they never show who said what.
	Internal bool
	// Progress, if set, is called now and then with the fraction of the
	// work done, from 0 to 1: reading the opinions is the first half, drawing
	// the pages (Document.WritePDF) or writing the workbook the second. It
	// runs on the generating goroutine.
	Progress func(fraction float64)
}

// snapshot is what the reports read from a ledger, in one pass over the
// opinions.
type snapshot struct {
	info     ledger.Info
	internal bool // an internal copy: quotes carry their submitters
	leaders  []ledger.Leader
	names    map[int64]string
	problems []*problemStat // by category order, then position, then id
	byID     map[int64]*problemStat

	opinions  int
	unsorted  int
	channels  []string       // channels in report order: the notice's order, then others by name
	byChannel map[string]int // opinions per channel
	// concern counts, per target id: opinions and problems that concern it
	targetOpinions map[int64]int
	targetProblems map[int64]int
	targetUnsorted map[int64]int            // opinions not yet sorted, per target they concern
	targetChannels map[int64]map[string]int // opinions per channel, per target they concern
	noTarget       int                      // opinions that concern nobody in particular
	// measures are the rectification measures per problem id, printed
	// under 整改措施; see loadMeasures.
	measures  map[int64][]string
	firstDate string
	lastDate  string
}

// problemStat is a problem with what the reports say about its opinions.
type problemStat struct {
	ledger.Problem
	number    int // 1-based, in report order
	count     int
	byChannel map[string]int
	firstDate string
	lastDate  string
	// best candidate quote per channel
	reps map[string]*ledger.Opinion
}

// concerns returns the targets an opinion concerns: ledger.Concerns, the
// one definition shared with Stats.ByTarget.
func (s *snapshot) concerns(o *ledger.Opinion) []int64 {
	p := s.byID[o.ProblemID]
	if p == nil {
		return ledger.Concerns(o.Targets, nil, false)
	}
	return ledger.Concerns(o.Targets, p.Targets, true)
}

// attribution is what a report prints after a quoted opinion: the
// submitter note in an internal copy, nothing otherwise. It is the one
// place the reports look at Options.Internal for what they print.
func (s *snapshot) attribution(o *ledger.Opinion) string {
	if !s.internal {
		return ""
	}
	return submitterNote(o.Submitter)
}

// submitterCells are the workbook's submitter columns of an opinion in an
// internal copy (name, unit, contact, 匿名), none otherwise.
func (s *snapshot) submitterCells(o *ledger.Opinion) []any {
	if !s.internal {
		return nil
	}
	anon := ""
	if o.Submitter.Anonymous {
		anon = "是"
	}
	return []any{o.Submitter.Name, o.Submitter.Unit, o.Submitter.Contact, anon}
}

// problemConcerns reports whether a problem concerns target id.
func problemConcerns(p *problemStat, id int64) bool {
	if len(p.Targets) == 0 {
		return id == ledger.TeamID
	}
	return slices.Contains(p.Targets, id)
}

func categoryIndex(c string) int {
	if i := slices.Index(ledger.Categories, c); i >= 0 {
		return i
	}
	return len(ledger.Categories)
}

// load reads the ledger once, through the public view, or the internal one
// (submitters included) for an internal copy. each, if not nil, is called
// for every opinion after it was counted.
func load(ctx context.Context, l *ledger.Ledger, opt Options, each func(*snapshot, *ledger.Opinion) error) (*snapshot, error) {
	s := &snapshot{byID: map[int64]*problemStat{}, byChannel: map[string]int{},
		targetOpinions: map[int64]int{}, targetProblems: map[int64]int{}, internal: opt.Internal,
		targetUnsorted: map[int64]int{}, targetChannels: map[int64]map[string]int{}}
	var err error
	if s.info, err = l.Info(); err != nil {
		return nil, err
	}
	if s.leaders, err = l.Leaders(); err != nil {
		return nil, err
	}
	if s.names, err = l.TargetNames(); err != nil {
		return nil, err
	}
	ps, err := l.Problems()
	if err != nil {
		return nil, err
	}
	sort.SliceStable(ps, func(i, j int) bool {
		ci, cj := categoryIndex(ps[i].Category), categoryIndex(ps[j].Category)
		if ci != cj {
			return ci < cj
		}
		if ps[i].Position != ps[j].Position {
			return ps[i].Position < ps[j].Position
		}
		return ps[i].ID < ps[j].ID
	})
	for i, p := range ps {
		st := &problemStat{Problem: p, number: i + 1, byChannel: map[string]int{}, reps: map[string]*ledger.Opinion{}}
		s.problems = append(s.problems, st)
		s.byID[p.ID] = st
		if len(p.Targets) == 0 {
			s.targetProblems[ledger.TeamID]++
		}
		for _, t := range p.Targets {
			s.targetProblems[t]++
		}
	}
	total := 0
	if opt.Progress != nil {
		if st, err := l.Stats(); err == nil {
			total = st.Opinions
		}
		opt.Progress(0)
	}
	err = opinionView(l, opt).EachOpinion(ledger.Filter{}, func(o ledger.Opinion) error {
		s.opinions++
		if s.opinions%512 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if opt.Progress != nil && total > 0 {
				opt.Progress(0.5 * float64(min(s.opinions, total)) / float64(total))
			}
		}
		s.byChannel[o.Channel]++
		if o.Date != "" {
			if s.firstDate == "" || o.Date < s.firstDate {
				s.firstDate = o.Date
			}
			if o.Date > s.lastDate {
				s.lastDate = o.Date
			}
		}
		ts := s.concerns(&o)
		if len(ts) == 0 {
			s.noTarget++
		}
		sorted := s.byID[o.ProblemID] != nil
		for _, t := range ts {
			s.targetOpinions[t]++
			if !sorted {
				s.targetUnsorted[t]++
			}
			if s.targetChannels[t] == nil {
				s.targetChannels[t] = map[string]int{}
			}
			s.targetChannels[t][o.Channel]++
		}
		if p := s.byID[o.ProblemID]; p != nil {
			p.count++
			p.byChannel[o.Channel]++
			if o.Date != "" && (p.firstDate == "" || o.Date < p.firstDate) {
				p.firstDate = o.Date
			}
			if o.Date > p.lastDate {
				p.lastDate = o.Date
			}
			if better(&o, p.reps[o.Channel]) {
				c := o
				p.reps[o.Channel] = &c
			}
		} else {
			s.unsorted++
		}
		if each != nil {
			return each(s, &o)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if opt.Progress != nil {
		opt.Progress(0.5)
	}
	s.channels = orderChannels(s.byChannel)
	if s.measures, err = loadMeasures(l); err != nil {
		return nil, err
	}
	return s, nil
}

// loadMeasures reads the rectification measures of every problem. The
// ledger has none yet: the rectification ledger (整改台账) will fill this
// map, and the four-winds report prints what it holds under 整改措施 in
// place of the marked space for each problem.
func loadMeasures(*ledger.Ledger) (map[int64][]string, error) { return nil, nil }

// A representative quote is whole and readable: between 8 and 200
// characters if there is one such, else the shortest; ties go to the
// earliest opinion.
func better(o, best *ledger.Opinion) bool {
	if best == nil {
		return true
	}
	n, m := utf8.RuneCountInString(o.Text), utf8.RuneCountInString(best.Text)
	good := func(k int) bool { return k >= 8 && k <= 200 }
	if good(n) != good(m) {
		return good(n)
	}
	if good(n) {
		return false // both fine: keep the earlier
	}
	return n < m
}

// orderChannels lists the channels in use: the notice's channels first in
// its order, then the others by name.
func orderChannels(m map[string]int) []string {
	var out, other []string
	for _, c := range ledger.Channels {
		if m[c] > 0 {
			out = append(out, c)
		}
	}
	for c := range m {
		if !slices.Contains(ledger.Channels, c) {
			other = append(other, c)
		}
	}
	sort.Strings(other)
	return append(out, other...)
}

// representatives picks up to n quotes for a problem: one per channel, the
// channels with the most opinions first.
func (p *problemStat) representatives(n int) []*ledger.Opinion {
	chans := make([]string, 0, len(p.reps))
	for c := range p.reps {
		chans = append(chans, c)
	}
	sort.Slice(chans, func(i, j int) bool {
		a, b := chans[i], chans[j]
		if p.byChannel[a] != p.byChannel[b] {
			return p.byChannel[a] > p.byChannel[b]
		}
		return channelLess(a, b)
	})
	var out []*ledger.Opinion
	for _, c := range chans {
		if len(out) == n {
			break
		}
		out = append(out, p.reps[c])
	}
	return out
}

func channelLess(a, b string) bool {
	ia, ib := slices.Index(ledger.Channels, a), slices.Index(ledger.Channels, b)
	if ia < 0 {
		ia = len(ledger.Channels)
	}
	if ib < 0 {
		ib = len(ledger.Channels)
	}
	if ia != ib {
		return ia < ib
	}
	return a < b
}

// channelSummary says how many opinions came from which channels:
// 座谈会3条、意见箱2条.
func channelSummary(m map[string]int) string {
	chans := make([]string, 0, len(m))
	for c := range m {
		chans = append(chans, c)
	}
	sort.Slice(chans, func(i, j int) bool {
		if m[chans[i]] != m[chans[j]] {
			return m[chans[i]] > m[chans[j]]
		}
		return channelLess(chans[i], chans[j])
	})
	parts := make([]string, len(chans))
	for i, c := range chans {
		parts[i] = c + strconv.Itoa(m[c]) + "条"
	}
	return strings.Join(parts, "、")
}

// targetList names a problem's targets: 领导班子、张三.
func (s *snapshot) targetList(ids []int64) string {
	if len(ids) == 0 {
		return ledger.TeamName
	}
	var names []string
	for _, id := range ids {
		if n, ok := s.names[id]; ok {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return ledger.TeamName
	}
	return strings.Join(names, "、")
}

// leader returns the member with id, or false.
func (s *snapshot) leader(id int64) (ledger.Leader, bool) {
	for _, m := range s.leaders {
		if m.ID == id {
			return m, true
		}
	}
	return ledger.Leader{}, false
}

// cnNumber writes 1..99 as Chinese numerals: 一, 十二, 二十.
func cnNumber(n int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n <= 0 || n >= 100:
		return strconv.Itoa(n)
	case n < 10:
		return digits[n]
	case n == 10:
		return "十"
	case n < 20:
		return "十" + digits[n%10]
	case n%10 == 0:
		return digits[n/10] + "十"
	}
	return digits[n/10] + "十" + digits[n%10]
}

// cnCount writes a count before a measure word: 两种, not 二种.
func cnCount(n int) string {
	if n == 2 {
		return "两"
	}
	return cnNumber(n)
}

// waysPhrase names the channels used: 采取网络征集的方式, 采取座谈会、意见箱两种方式,
// 采取座谈会、意见箱、问卷调查等三种方式.
func waysPhrase(channels []string) string {
	switch len(channels) {
	case 0:
		return "通过多种方式"
	case 1:
		return "采取" + channels[0] + "的方式"
	case 2:
		return "采取" + strings.Join(channels, "、") + "两种方式"
	}
	return "采取" + strings.Join(channels, "、") + "等" + cnCount(len(channels)) + "种方式"
}

// categoryCount says how many problems (and opinions) a category has:
// 形式主义问题4个（意见12条）, 工作方面的问题1个（意见3条）.
func categoryCount(c string, problems, opinions int) string {
	name := c + "问题"
	if c == ledger.OtherWork {
		name = "工作方面的问题"
	}
	return name + itoa(problems) + "个（意见" + itoa(opinions) + "条）"
}

// quoted puts an opinion in Chinese quotation marks; double quotation marks
// inside it become single ones, as quotes within quotes are set:
// “要把‘四风’问题真改实改”.
func quoted(s string) string {
	return "“" + strings.NewReplacer("“", "‘", "”", "’").Replace(s) + "”"
}

// ordinal is 一是, 二是 … for the 对照检查 form.
func ordinal(i int) string { return cnNumber(i) + "是" }

// opinionView is how the reports read opinions: the public view, unless
// an internal copy was asked for.
func opinionView(l *ledger.Ledger, opt Options) ledger.OpinionReader {
	if opt.Internal {
		return l.Internal()
	}
	return l
}

// cnDate writes 2026-11-26 as 2026年11月26日.
func cnDate(d string) string {
	if len(d) != 10 {
		return d
	}
	y, m, day := d[:4], strings.TrimPrefix(d[5:7], "0"), strings.TrimPrefix(d[8:10], "0")
	return y + "年" + m + "月" + day + "日"
}

// submitterNote is what an internal copy prints after a quote:
// （提出人：王五，某单位，电话）; empty when nothing is known.
func submitterNote(sub ledger.Submitter) string {
	var parts []string
	for _, s := range []string{sub.Name, sub.Unit, sub.Contact} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	if len(parts) == 0 {
		if sub.Anonymous {
			return "（提出人：匿名）"
		}
		return ""
	}
	return "（提出人：" + strings.Join(parts, "，") + "）"
}
