package suggest

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"taizhang/ledger"
)

// TargetProposal is who an opinion (or group) is about: members of the
// leadership team and/or the team (ledger.TeamID), and why.
type TargetProposal struct {
	Targets []int64 // ascending; empty when the text names no one
	// Ambiguous is set when a mention fits more than one member (two
	// members named 张 and the text says 张局长): Targets holds all of them
	// and Reason names them, for a person to choose.
	Ambiguous bool
	Reason    string // Simplified Chinese
	Spans     []Span // where the text names them
}

// teamWords name the leadership team as a whole.
var teamWords = []string{"领导班子", "班子成员", "班子", "县委县政府", "县委", "市委", "区委", "党组", "党委", "局党组", "县政府", "县领导", "县里领导", "市领导", "区领导", "局领导", "领导们", "各位领导", "个别领导", "领导干部们"}

// notTargetWords look like the team's words but name no one: a meeting of
// the team, or the team members' opinions someone should listen to.
var notTargetWords = []string{"开班子会", "班子成员意见", "班子成员的意见"}

// mainLeaderWords name the member who leads the whole work (一把手).
var mainLeaderWords = []string{"一把手", "主要领导", "主要负责人", "主要负责同志", "主要负责领导"}

// compoundSurnames are the two-character surnames.
var compoundSurnames = []string{"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐", "端木", "西门", "南宫"}

// portfolioLead says which words introduce a portfolio in a text.
var portfolioLead = []string{"分管", "主管", "负责", "管"}

type alias struct {
	text    string
	members []int64 // several: ambiguous
	kind    string  // 姓名, 称呼, 职务, 分工, 班子
}

type targetMatcher struct {
	aliases []alias // longest first
	areas   map[int64][]string
	names   map[int64]string
}

func surname(name string) string {
	for _, s := range compoundSurnames {
		if strings.HasPrefix(name, s) && len([]rune(name)) >= 3 {
			return s
		}
	}
	r := []rune(name)
	if len(r) == 0 {
		return ""
	}
	return string(r[:1])
}

// posts splits a post (党组书记、局长) into its parts.
func posts(post string) []string {
	f := strings.FieldsFunc(post, func(r rune) bool { return strings.ContainsRune("、，,/／ ；;和兼", r) })
	return f
}

// shortPosts are the forms of a post used after a surname or alone:
// 党组书记 → 书记, 纪检组长 → 组长, 组织部长 → 部长, 副局长 → 局长 (loosely).
func shortPosts(p string) []string {
	out := []string{p}
	if strings.HasPrefix(p, "常务") && p != "常务" { // 张常务
		out = append(out, "常务")
	}
	for _, s := range []string{"书记", "组长", "部长", "主任", "局长", "县长", "市长", "区长", "镇长", "乡长", "处长", "科长", "校长", "院长", "主席", "厅长", "所长", "站长", "队长", "行长", "经理", "董事长"} {
		if strings.HasSuffix(p, s) && p != s {
			out = append(out, s)
		}
	}
	return out
}

func newTargetMatcher(members []ledger.Leader) *targetMatcher {
	t := &targetMatcher{areas: map[int64][]string{}, names: map[int64]string{}}
	group := map[string]*alias{}
	add := func(text, kind string, id int64) {
		if text == "" {
			return
		}
		a := group[text]
		if a == nil {
			a = &alias{text: text, kind: kind}
			group[text] = a
		}
		for _, x := range a.members {
			if x == id {
				return
			}
		}
		a.members = append(a.members, id)
	}
	exactPost := map[string][]int64{}
	for _, mb := range members {
		t.names[mb.ID] = mb.Name
		add(mb.Name, "姓名", mb.ID)
		sn := surname(mb.Name)
		for _, p := range posts(mb.Post) {
			exactPost[p] = append(exactPost[p], mb.ID)
			for _, sp := range shortPosts(p) {
				add(sn+sp, "称呼", mb.ID)
				if strings.HasPrefix(sp, "副") { // 陈副局长 is called 陈局长 too
					add(sn+strings.TrimPrefix(sp, "副"), "称呼", mb.ID)
				}
			}
		}
		t.areas[mb.ID] = append(t.areas[mb.ID], portfolioAreas(mb.Portfolio)...)
	}
	// A post alone names the members who hold exactly that post; a short
	// form (书记, 部长) names the one member it is short for, or, when
	// several, the member who leads the whole work if it is short for
	// his post (书记 is the 县委书记, not the 纪委书记).
	for p, ids := range exactPost {
		for _, id := range ids {
			add(p, "职务", id)
		}
	}
	lead := mainLeader(members)
	short := map[string][]int64{}
	for _, mb := range members {
		for _, p := range posts(mb.Post) {
			for _, sp := range shortPosts(p)[1:] {
				if !slices.Contains(short[sp], mb.ID) {
					short[sp] = append(short[sp], mb.ID)
				}
			}
		}
	}
	for sp, ids := range short {
		if group[sp] != nil {
			continue
		}
		switch {
		case len(ids) == 1:
			add(sp, "职务", ids[0])
		case slices.Contains(ids, lead):
			add(sp, "职务", lead)
		}
	}
	for _, w := range teamWords {
		if group[w] == nil {
			add(w, "班子", ledger.TeamID)
		}
	}
	if lead != 0 {
		for _, w := range mainLeaderWords {
			add(w, "称呼", lead)
		}
	}
	for _, a := range group {
		t.aliases = append(t.aliases, *a)
	}
	// Names first (a name takes the post after it: 张强副县长), then the
	// longest first (副县长 before 县长).
	sort.Slice(t.aliases, func(i, j int) bool {
		if ni, nj := t.aliases[i].kind == "姓名", t.aliases[j].kind == "姓名"; ni != nj {
			return ni
		}
		if len(t.aliases[i].text) != len(t.aliases[j].text) {
			return len(t.aliases[i].text) > len(t.aliases[j].text)
		}
		return t.aliases[i].text < t.aliases[j].text
	})
	return t
}

// mainLeader is the member whose portfolio is 主持全面工作, else the first
// member, or 0 when there are none.
func mainLeader(members []ledger.Leader) int64 {
	for _, mb := range members {
		if strings.Contains(mb.Portfolio, "全面") {
			return mb.ID
		}
	}
	best := int64(0)
	pos := 0
	for _, mb := range members {
		if best == 0 || mb.Position < pos {
			best, pos = mb.ID, mb.Position
		}
	}
	return best
}

// portfolioAreas splits 分管办公室、人事、机关党建 into its areas.
func portfolioAreas(p string) []string {
	var out []string
	for _, a := range strings.FieldsFunc(p, func(r rune) bool { return strings.ContainsRune("、，,；;/ 和及", r) }) {
		for _, lead := range append(portfolioLead, "协助", "联系") {
			a = strings.TrimPrefix(a, lead)
		}
		a = strings.TrimSuffix(strings.TrimSuffix(a, "工作"), "等")
		if len([]rune(a)) >= 2 && a != "全面" && a != "主持全面" {
			out = append(out, a)
		}
	}
	return out
}

// find returns the members and the team the text names.
func (t *targetMatcher) find(text string) TargetProposal {
	taken := make([]bool, len(text))
	hits := map[int64]bool{}
	var reasons []string
	var spans []Span
	ambiguous := false
	for _, w := range notTargetWords {
		for at := 0; ; {
			k := strings.Index(text[at:], w)
			if k < 0 {
				break
			}
			for x := at + k; x < at+k+len(w); x++ {
				taken[x] = true
			}
			at += k + len(w)
		}
	}
	mark := func(i, n int) bool {
		for k := i; k < i+n; k++ {
			if taken[k] {
				return false
			}
		}
		for k := i; k < i+n; k++ {
			taken[k] = true
		}
		return true
	}
	// 分管X的… names the members whose portfolio has X.
	for _, lead := range portfolioLead {
		for at := 0; ; {
			k := strings.Index(text[at:], lead)
			if k < 0 {
				break
			}
			k += at
			at = k + len(lead)
			rest := text[at:]
			end := strings.IndexAny(rest, "的，。、；！？,.;")
			if end >= 0 {
				rest = rest[:end]
			}
			// 管 alone only in 管X的…: 城管说归住建 and 管管 name no one.
			if lead == "管" && (end < 0 || !strings.HasPrefix(text[at+end:], "的") || strings.HasPrefix(rest, "管")) {
				continue
			}
			ids := t.byArea(rest)
			n := len(lead) + len(rest) + t.postAfter(text[at+len(rest):])
			if len(ids) == 0 || !mark(k, n) {
				continue
			}
			spans = append(spans, Span{k, k + n})
			for _, id := range ids {
				hits[id] = true
			}
			reasons = append(reasons, fmt.Sprintf("「%s%s」是%s的分工", lead, rest, t.nameList(ids)))
			if len(ids) > 1 {
				ambiguous = true
			}
		}
	}
	for _, a := range t.aliases {
		for at := 0; ; {
			k := strings.Index(text[at:], a.text)
			if k < 0 {
				break
			}
			at = k + at + len(a.text)
			start := at - len(a.text)
			n := len(a.text)
			if a.kind == "姓名" { // 张强副县长: the post after a name is part of it
				n += t.postAt(text[at:])
			}
			if !mark(start, n) {
				continue
			}
			if a.kind == "称呼" && slices.Contains(mainLeaderWords, a.text) && strings.HasSuffix(text[:start], "单位") {
				continue // 有的单位主要领导: some unit's head, not this team's
			}
			at = start + n
			spans = append(spans, Span{start, at})
			if len(a.members) > 1 {
				if id, ok := t.resolve(text, a.members, hits); ok {
					hits[id] = true
					reasons = append(reasons, fmt.Sprintf("「%s」是%s（文中说到其分工）", a.text, t.names[id]))
					continue
				}
			}
			for _, id := range a.members {
				hits[id] = true
			}
			switch {
			case len(a.members) > 1:
				ambiguous = true
				reasons = append(reasons, fmt.Sprintf("「%s」可能是%s，请选", a.text, t.nameList(a.members)))
			case a.members[0] == ledger.TeamID:
				reasons = append(reasons, fmt.Sprintf("「%s」指领导班子", a.text))
			case a.kind == "姓名":
				reasons = append(reasons, fmt.Sprintf("提到%s", a.text))
			default:
				reasons = append(reasons, fmt.Sprintf("「%s」是%s", a.text, t.names[a.members[0]]))
			}
		}
	}
	p := TargetProposal{Ambiguous: ambiguous, Spans: spans}
	for id := range hits {
		p.Targets = append(p.Targets, id)
	}
	sort.Slice(p.Targets, func(i, j int) bool { return p.Targets[i] < p.Targets[j] })
	sort.Slice(p.Spans, func(i, j int) bool { return p.Spans[i].Start < p.Spans[j].Start })
	p.Reason = strings.Join(dedupe(reasons), "；")
	return p
}

// postAfter is the length of 的副县长, 的领导 … at the start of s: the
// words after a portfolio that name its holder, and are part of the
// mention (分管教育的副县长 names one member, not every 副县长).
func (t *targetMatcher) postAfter(s string) int {
	if !strings.HasPrefix(s, "的") {
		return 0
	}
	if n := t.postAt(s[len("的"):]); n > 0 {
		return len("的") + n
	}
	return 0
}

// postAt is the length of the post or 领导, 同志 … at the start of s.
func (t *targetMatcher) postAt(s string) int {
	best := 0
	for _, a := range t.aliases {
		if a.kind == "职务" && strings.HasPrefix(s, a.text) && len(a.text) > best {
			best = len(a.text)
		}
	}
	for _, w := range []string{"领导", "同志", "负责人", "负责同志", "书记", "局长", "县长", "市长", "部长", "主任", "组长", "县领导", "县里领导", "市领导", "区领导"} {
		if strings.HasPrefix(s, w) && len(w) > best {
			best = len(w)
		}
	}
	return best
}

// resolve picks among the candidates of an ambiguous mention the one the
// text already names, or the only one whose portfolio the text mentions
// (张县长，供暖费太贵了…住建那边: the one in charge of housing).
func (t *targetMatcher) resolve(text string, cands []int64, hits map[int64]bool) (int64, bool) {
	var named, byArea []int64
	for _, id := range cands {
		if hits[id] {
			named = append(named, id)
		}
		for _, a := range t.areas[id] {
			if strings.Contains(text, a) {
				byArea = append(byArea, id)
				break
			}
		}
	}
	if len(named) == 1 {
		return named[0], true
	}
	if len(byArea) == 1 {
		return byArea[0], true
	}
	return 0, false
}

func (t *targetMatcher) byArea(s string) []int64 {
	if s == "" {
		return nil
	}
	var ids []int64
	for id, areas := range t.areas {
		for _, a := range areas {
			// The area comes first: 分管教育的, 分管的教育工作 (not 管说归住建).
			if k := strings.Index(s, a); k >= 0 && k <= len("的工") || strings.Contains(a, s) && len([]rune(s)) >= 2 {
				ids = append(ids, id)
				break
			}
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

func (t *targetMatcher) nameList(ids []int64) string {
	var ns []string
	for _, id := range ids {
		if id == ledger.TeamID {
			ns = append(ns, ledger.TeamName)
		} else {
			ns = append(ns, t.names[id])
		}
	}
	return strings.Join(ns, "或")
}

func dedupe(s []string) []string {
	seen := map[string]bool{}
	out := s[:0:0]
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// Targets proposes whom an opinion is about, from the names, posts and
// portfolios its text mentions.
func (m *Model) Targets(opinion int64) TargetProposal {
	_, o, ok := m.feat(opinion)
	if !ok {
		return TargetProposal{}
	}
	return m.targets.find(o.Text)
}

// targetsOfGroup proposes the targets most members name.
func (m *Model) targetsOfGroup(members []int) TargetProposal {
	if len(m.targets.aliases) == 0 {
		return TargetProposal{}
	}
	votes := map[int64]int{}
	if len(members) > 50 {
		members = members[:50] // a sample is enough for a majority
	}
	for _, i := range members {
		for _, id := range m.targets.find(m.in.Opinions[i].Text).Targets {
			votes[id]++
		}
	}
	var p TargetProposal
	for id, n := range votes {
		if n*2 >= len(members) {
			p.Targets = append(p.Targets, id)
		}
	}
	sort.Slice(p.Targets, func(i, j int) bool { return p.Targets[i] < p.Targets[j] })
	if len(p.Targets) > 0 {
		p.Reason = fmt.Sprintf("多数意见提到%s", m.targets.nameList(p.Targets))
	}
	return p
}
