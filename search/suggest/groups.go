package suggest

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"unicode/utf8"
)

// Group is a proposed problem: unsorted opinions that say the same thing.
type Group struct {
	// Key names the group for remembering a rejection (Input.RejectedGroups):
	// 概念:名称 for a group gathered by a concept, 文字:编号 for one gathered
	// by shared words (编号 is its first opinion's id).
	Key      string
	Title    string
	Opinions []int64 // ascending
	Concepts []string
	Category CategoryProposal
	Targets  TargetProposal
	Reason   string // Simplified Chinese
}

// Groups proposes groups among the unsorted opinions that have no likely
// problem, largest first. It compares no two opinions that share neither a
// concept nor one of their rarest terms (see the package doc).
func (m *Model) Groups(ctx context.Context) ([]Group, error) {
	var cand []int // indexes into m.in.Opinions
	for i := range m.in.Opinions {
		o := &m.in.Opinions[i]
		if !unsorted(o) {
			continue
		}
		if _, ok := m.LikelyProblem(o.ID); ok {
			continue
		}
		cand = append(cand, i)
	}
	uf := newUnionFind(len(cand))
	// Concept anchors: opinions that are about a concept join its group.
	anchor := map[int]int{} // concept → first candidate position
	for k, i := range cand {
		f := &m.c.feats[i]
		if f.primary < 0 || !m.anchored(f) {
			continue
		}
		key := "概念:" + m.lex.Concepts[f.primary].Name
		if m.rejGroup[key] {
			continue
		}
		uf.concept[k] = int32(f.primary)
		if a, ok := anchor[f.primary]; ok {
			uf.union(a, k)
		} else {
			anchor[f.primary] = k
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if m.opt.terms() {
		if err := m.linkByWords(ctx, cand, uf); err != nil {
			return nil, err
		}
	}
	comps := map[int][]int{}
	for k := range cand {
		r := uf.find(k)
		comps[r] = append(comps[r], cand[k])
	}
	var found [][]int
	for _, members := range comps {
		if len(members) >= max(2, m.opt.MinGroup) {
			found = append(found, members)
		}
	}
	described := make([]Group, len(found))
	parallel(len(found), runtime.GOMAXPROCS(0), func(_, i int) { described[i] = m.describe(found[i]) })
	var out []Group
	for _, g := range described {
		if !m.rejGroup[g.Key] {
			out = append(out, g)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i].Opinions) != len(out[j].Opinions) {
			return len(out[i].Opinions) > len(out[j].Opinions)
		}
		return out[i].Opinions[0] < out[j].Opinions[0]
	})
	return out, nil
}

// anchored reports whether an opinion joins the group of its main concept:
// when the concepts cover enough of it to be what it says (see
// Options.AnchorCoverage) and it names no particular place (namesPlace).
func (m *Model) anchored(f *features) bool {
	return m.opt.Lexicon && !f.place && float64(f.covered) >= m.opt.AnchorCoverage*float64(max(f.han, 1))
}

// linkByWords unites candidates whose pair cosine reaches LinkThreshold.
// Only opinions that share one of their blockKeys rarest terms (a term no
// more than BlockCap opinions have) are compared.
func (m *Model) linkByWords(ctx context.Context, cand []int, uf *unionFind) error {
	post := map[uint32][]int32{}
	for k, i := range cand {
		for _, t := range m.c.feats[i].keys {
			post[t] = append(post[t], int32(k))
		}
	}
	// The pairs to join are found on every processor, then joined in
	// order, so that the groups do not depend on the schedule.
	workers := runtime.GOMAXPROCS(0)
	type scratch struct {
		count   []int32
		touched []int32
		edges   [][2]int32
	}
	ws := make([]scratch, workers)
	var cancelled atomic.Bool
	parallel(len(cand), workers, func(w, k int) {
		if cancelled.Load() {
			return
		}
		if k%4096 == 0 && ctx.Err() != nil {
			cancelled.Store(true)
			return
		}
		sc := &ws[w]
		if sc.count == nil {
			sc.count = make([]int32, len(cand))
		}
		f := &m.c.feats[cand[k]]
		sc.touched = sc.touched[:0]
		for _, t := range f.keys {
			ps := post[t]
			if len(ps) > m.opt.BlockCap {
				continue
			}
			for _, j := range ps {
				if int(j) <= k {
					continue
				}
				if sc.count[j] == 0 {
					sc.touched = append(sc.touched, j)
				}
				sc.count[j]++
			}
		}
		for _, j := range sc.touched {
			if sc.count[j] >= m.opt.BlockShared && m.linked(f, &m.c.feats[cand[j]]) {
				sc.edges = append(sc.edges, [2]int32{int32(k), j})
			}
			sc.count[j] = 0
		}
	})
	if cancelled.Load() {
		return ctx.Err()
	}
	var edges [][2]int32
	for _, sc := range ws {
		edges = append(edges, sc.edges...)
	}
	slices.SortFunc(edges, func(a, b [2]int32) int {
		if a[0] != b[0] {
			return int(a[0] - b[0])
		}
		return int(a[1] - b[1])
	})
	for _, e := range edges {
		uf.unionCompatible(int(e[0]), int(e[1]))
	}
	return nil
}

// linked reports whether two opinions say the same thing by their words:
// a pair cosine of LinkThreshold, or of PlaceLinkThreshold when both name
// a place (the place's name is among the words they share, and a text
// about a case shares few other words with its paraphrase).
func (m *Model) linked(f, g *features) bool {
	th := m.opt.LinkThreshold
	if f.place || g.place {
		th = m.opt.PlaceLinkThreshold
	}
	return f.pairs.dot(g.pairs) >= th
}

// describe makes a Group of the opinions (indexes into m.in.Opinions).
func (m *Model) describe(members []int) Group {
	sort.Slice(members, func(a, b int) bool { return m.in.Opinions[members[a]].ID < m.in.Opinions[members[b]].ID })
	g := Group{Opinions: make([]int64, len(members))}
	for k, i := range members {
		g.Opinions[k] = m.in.Opinions[i].ID
	}
	// The concept most members say.
	votes := map[int]int{}
	phrasings := map[int]map[string]int{}
	for k, i := range members {
		f := &m.c.feats[i]
		seen := map[int]bool{}
		for _, mt := range f.matches {
			if phrasings[mt.Concept] == nil {
				phrasings[mt.Concept] = map[string]int{}
			}
			if k < 50 { // enough to name the usual wordings
				phrasings[mt.Concept][m.in.Opinions[i].textAt(mt)]++
			}
			if !seen[mt.Concept] {
				seen[mt.Concept] = true
				votes[mt.Concept]++
			}
		}
		if f.primary >= 0 {
			votes[f.primary] += len(members) // the main concepts first
		}
	}
	top := topKeys(votes, 3)
	for _, c := range top {
		g.Concepts = append(g.Concepts, m.lex.Concepts[c].Name)
	}
	n := len(members)
	main := -1
	if len(top) > 0 {
		main = top[0]
	}
	anchoredByConcept := main >= 0 && m.countAnchored(members, main)*2 >= n
	switch {
	case anchoredByConcept:
		c := m.lex.Concepts[main]
		g.Key = "概念:" + c.Name
		g.Title = c.Name
		g.Reason = fmt.Sprintf("%d 条意见都说到「%s」：%s", n, c.Name, strings.Join(topStrings(phrasings[main], 4), "、"))
	default:
		g.Key = fmt.Sprintf("文字:%d", g.Opinions[0])
		centre := m.centre(members)
		g.Title = proposedTitle(&m.in.Opinions[centre])
		words := m.sharedWords(members, centre, 3)
		g.Reason = fmt.Sprintf("%d 条意见用词相近", n)
		if len(words) > 0 {
			g.Reason += "，都提到「" + strings.Join(words, "」「") + "」"
		}
	}
	g.Category = m.categoryOf(members, nil)
	g.Targets = m.targetsOfGroup(members)
	return g
}

// countAnchored counts the members that joined by concept c.
func (m *Model) countAnchored(members []int, c int) int {
	n := 0
	for _, i := range members {
		if f := &m.c.feats[i]; f.primary == c && m.anchored(f) {
			n++
		}
	}
	return n
}

// centre is the member most like the others (at most 60 are compared).
func (m *Model) centre(members []int) int {
	sample := members
	if len(sample) > 60 {
		sample = sample[:60]
	}
	best, bestScore := members[0], -1.0
	for _, i := range sample {
		s := 0.0
		for _, j := range sample {
			if i != j {
				s += m.similarity(&m.c.feats[i], &m.c.feats[j])
			}
		}
		if s > bestScore {
			best, bestScore = i, s
		}
	}
	return best
}

// sharedWords returns up to k pieces of the centre's text, longest
// first, made of character pairs that half the members or more have.
func (m *Model) sharedWords(members []int, centre int, k int) []string {
	n := map[termKey]int{}
	for _, i := range members {
		for _, x := range m.c.feats[i].pairs {
			if !m.c.isWord(x.id) {
				n[m.c.termKeys[x.id]]++
			}
		}
	}
	o := &m.in.Opinions[centre]
	rs := []rune(normalize(o.Title + "\n" + o.Text))
	var runs []string
	seen := map[string]bool{}
	for i := 0; i+1 < len(rs); {
		j := i
		for j+1 < len(rs) && isHan(rs[j]) && isHan(rs[j+1]) && n[pairKey(rs[j], rs[j+1])]*2 >= len(members) {
			j++
		}
		if j > i {
			if w := string(rs[i : j+1]); !seen[w] {
				seen[w] = true
				runs = append(runs, w)
			}
			i = j + 1
			continue
		}
		i++
	}
	sort.SliceStable(runs, func(a, b int) bool { return len([]rune(runs[a])) > len([]rune(runs[b])) })
	if len(runs) > k {
		runs = runs[:k]
	}
	return runs
}

// textAt is the piece of the opinion's title or text a match covers.
func (o *Opinion) textAt(mt Match) string {
	if sp, ok := o.textSpan(mt.Start, mt.End); ok {
		if sp.End <= len(o.Text) {
			return o.Text[sp.Start:sp.End]
		}
	} else if mt.End <= len(o.Title) {
		return o.Title[mt.Start:mt.End]
	}
	return mt.Phrase
}

// proposedTitle is the opinion's title, or its first 20 characters.
func proposedTitle(o *Opinion) string {
	if o.Title != "" {
		return o.Title
	}
	line := strings.TrimSpace(strings.SplitN(strings.TrimSpace(o.Text), "\n", 2)[0])
	if utf8.RuneCountInString(line) <= 20 {
		return line
	}
	return string([]rune(line)[:20]) + "…"
}

func topKeys(votes map[int]int, k int) []int {
	keys := make([]int, 0, len(votes))
	for c := range votes {
		keys = append(keys, c)
	}
	sort.Slice(keys, func(i, j int) bool {
		if votes[keys[i]] != votes[keys[j]] {
			return votes[keys[i]] > votes[keys[j]]
		}
		return keys[i] < keys[j]
	})
	if len(keys) > k {
		keys = keys[:k]
	}
	return keys
}

func topStrings(n map[string]int, k int) []string {
	keys := make([]string, 0, len(n))
	for s := range n {
		keys = append(keys, s)
	}
	sort.Slice(keys, func(i, j int) bool {
		if n[keys[i]] != n[keys[j]] {
			return n[keys[i]] > n[keys[j]]
		}
		return keys[i] < keys[j]
	})
	if len(keys) > k {
		keys = keys[:k]
	}
	return keys
}

// unionFind keeps the components of proposed groups, and for each
// component the concept it is anchored to (-1 for none).
type unionFind struct {
	parent  []int32
	concept []int32 // by root
}

func newUnionFind(n int) *unionFind {
	u := &unionFind{parent: make([]int32, n), concept: make([]int32, n)}
	for i := range u.parent {
		u.parent[i] = int32(i)
		u.concept[i] = -1
	}
	return u
}

// unionCompatible joins the components of a and b unless they are
// anchored to different concepts: shared words do not merge the group of
// 会议过多 with that of 文件过多.
func (u *unionFind) unionCompatible(a, b int) {
	ca, cb := u.concept[u.find(a)], u.concept[u.find(b)]
	if ca >= 0 && cb >= 0 && ca != cb {
		return
	}
	u.union(a, b)
}

func (u *unionFind) find(i int) int {
	for int(u.parent[i]) != i {
		u.parent[i] = u.parent[u.parent[i]]
		i = int(u.parent[i])
	}
	return i
}

func (u *unionFind) union(a, b int) {
	ra, rb := u.find(a), u.find(b)
	if ra == rb {
		return
	}
	if ra > rb {
		ra, rb = rb, ra
	}
	u.parent[rb] = int32(ra)
	if u.concept[ra] < 0 {
		u.concept[ra] = u.concept[rb]
	}
}
