package suggest

import (
	"fmt"
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
var teamWords = []string{"领导班子", "班子成员", "班子", "县委", "市委", "区委", "党组", "党委", "局党组", "县政府", "领导们", "各位领导", "局领导", "单位领导", "领导干部们"}

// mainLeaderWords name the member who leads the whole work (一把手).
var mainLeaderWords = []string{"一把手", "主要领导", "主要负责人", "主要负责同志", "主要负责领导"}

// compoundSurnames are the two-character surnames.
var compoundSurnames = []string{"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐", "端木", "西门", "南宫"}

// portfolioLead says which words introduce a portfolio in a text.
var portfolioLead = []string{"分管", "主管", "负责"}

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
		for _, a := range portfolioAreas(mb.Portfolio) {
			t.areas[mb.ID] = append(t.areas[mb.ID], a)
		}
	}
	// A post alone names the members who hold exactly that post.
	for p, ids := range exactPost {
		for _, id := range ids {
			add(p, "职务", id)
		}
	}
	for _, w := range teamWords {
		if group[w] == nil {
			add(w, "班子", ledger.TeamID)
		}
	}
	if lead := mainLeader(members); lead != 0 {
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
			if end := strings.IndexAny(rest, "的，。、；！？,.;"); end >= 0 {
				rest = rest[:end]
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
			at = start + n
			spans = append(spans, Span{start, at})
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
	for _, w := range []string{"领导", "同志", "负责人", "负责同志", "书记", "局长", "县长", "市长", "部长", "主任", "组长"} {
		if strings.HasPrefix(s, w) && len(w) > best {
			best = len(w)
		}
	}
	return best
}

func (t *targetMatcher) byArea(s string) []int64 {
	if s == "" {
		return nil
	}
	var ids []int64
	for id, areas := range t.areas {
		for _, a := range areas {
			if strings.Contains(s, a) || strings.Contains(a, s) && len([]rune(s)) >= 2 {
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
