package suggest

import (
	"fmt"
	"sort"
	"strings"
)

// profile is what the engine knows of a problem a person made: the sum of
// its opinions' vectors and its title's concepts.
type profile struct {
	p        Problem
	n        int
	sumC     map[uint32]float64
	sumP     map[uint32]float64
	concepts vec
	pairs    vec
	title    []Match
}

// profileTerms is how many terms a problem's pair vector keeps.
const profileTerms = 256

func (m *Model) newProfile(p Problem) *profile {
	pr := &profile{p: p, sumC: map[uint32]float64{}, sumP: map[uint32]float64{}}
	if m.opt.Lexicon && p.Title != "" {
		pr.title = m.lex.Match(p.Title)
		v, _ := m.c.conceptVector(pr.title)
		for _, x := range v {
			pr.sumC[x.id] += float64(x.w)
		}
	}
	return pr
}

func (pr *profile) add(f *features) {
	pr.n++
	for _, x := range f.concepts {
		pr.sumC[x.id] += float64(x.w)
	}
	for _, x := range f.pairs {
		pr.sumP[x.id] += float64(x.w)
	}
}

func (pr *profile) remove(f *features) {
	pr.n--
	for _, x := range f.concepts {
		pr.sumC[x.id] -= float64(x.w)
	}
	for _, x := range f.pairs {
		pr.sumP[x.id] -= float64(x.w)
	}
}

func (pr *profile) finish() {
	pr.concepts = fromMap(positive(pr.sumC)).normalize()
	p := positive(pr.sumP)
	v := fromMap(p)
	if len(v) > profileTerms {
		sort.Slice(v, func(i, j int) bool { return v[i].w > v[j].w })
		v = v[:profileTerms]
		sort.Slice(v, func(i, j int) bool { return v[i].id < v[j].id })
	}
	pr.pairs = v.normalize()
}

func positive(m map[uint32]float64) map[uint32]float64 {
	out := make(map[uint32]float64, len(m))
	for k, v := range m {
		if v > 1e-6 {
			out[k] = v
		}
	}
	return out
}

// posting is one problem's weight for a concept or term.
type posting struct {
	problem int64
	w       float32
}

// conceptKey separates concept ids from term ids in the inverted index.
const conceptKey = 1 << 31

// refresh brings the problems' inverted index up to date: whole the first
// time, then only for the problems a decision changed (Learn).
func (m *Model) refresh() {
	if m.inverted == nil {
		m.inverted = map[uint32][]posting{}
		for _, id := range m.order {
			m.index1(id)
		}
		m.dirty = nil
		return
	}
	for id := range m.dirty {
		pr := m.problems[id]
		for _, x := range pr.concepts {
			m.unpost(x.id|conceptKey, id)
		}
		for _, x := range pr.pairs {
			m.unpost(x.id, id)
		}
		m.index1(id)
	}
	m.dirty = nil
}

func (m *Model) index1(id int64) {
	pr := m.problems[id]
	pr.finish()
	for _, x := range pr.concepts {
		m.inverted[x.id|conceptKey] = append(m.inverted[x.id|conceptKey], posting{id, x.w})
	}
	for _, x := range pr.pairs {
		m.inverted[x.id] = append(m.inverted[x.id], posting{id, x.w})
	}
}

func (m *Model) unpost(term uint32, id int64) {
	ps := m.inverted[term]
	for i, p := range ps {
		if p.problem == id {
			ps[i] = ps[len(ps)-1]
			m.inverted[term] = ps[:len(ps)-1]
			return
		}
	}
}

// ProblemProposal proposes putting an unsorted opinion into a problem a
// person made.
type ProblemProposal struct {
	Opinion  int64
	Problem  int64
	Score    float64  // 0…1
	Concepts []string // the concepts the opinion shares with the problem
	// Highlights are where the opinion's text says those concepts.
	Highlights []Span
	Reason     string // Simplified Chinese, for the card
}

// LikelyProblem proposes the problem the opinion most likely belongs to,
// among those a person made, or false when none scores
// Options.ProblemThreshold, the opinion is sorted or excluded, or learning
// is switched off. A rejected pair is never proposed.
func (m *Model) LikelyProblem(opinion int64) (ProblemProposal, bool) {
	ps := m.LikelyProblems(opinion, 1)
	if len(ps) == 0 {
		return ProblemProposal{}, false
	}
	return ps[0], true
}

// LikelyProblems returns up to k proposals for the opinion, best first.
func (m *Model) LikelyProblems(opinion int64, k int) []ProblemProposal {
	f, o, ok := m.feat(opinion)
	if !ok || !unsorted(o) || !m.opt.Learn || len(m.problems) == 0 {
		return nil
	}
	m.refresh()
	dc := map[int64]float64{}
	dp := map[int64]float64{}
	for _, x := range f.concepts {
		for _, p := range m.inverted[x.id|conceptKey] {
			dc[p.problem] += float64(x.w) * float64(p.w)
		}
	}
	for _, x := range f.pairs {
		for _, p := range m.inverted[x.id] {
			dp[p.problem] += float64(x.w) * float64(p.w)
		}
	}
	type cand struct {
		id    int64
		score float64
	}
	var cs []cand
	seen := map[int64]bool{}
	for _, src := range []map[int64]float64{dc, dp} {
		for id := range src {
			if seen[id] || m.rejected[Pair{opinion, id}] {
				continue
			}
			seen[id] = true
			if s := m.mix(dc[id], dp[id]); s >= m.opt.ProblemThreshold && (dp[id] >= sharedWordsScore || m.sharesConcept(f, m.problems[id])) {
				cs = append(cs, cand{id, s})
			}
		}
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].score != cs[j].score {
			return cs[i].score > cs[j].score
		}
		return cs[i].id < cs[j].id
	})
	if len(cs) > k {
		cs = cs[:k]
	}
	out := make([]ProblemProposal, 0, len(cs))
	for _, c := range cs {
		pr := m.problems[c.id]
		names, spans := m.shared(f, o, pr.concepts)
		out = append(out, ProblemProposal{Opinion: opinion, Problem: c.id, Score: round(c.score), Concepts: names,
			Highlights: spans, Reason: problemReason(pr, names, c.score)})
	}
	return out
}

// sharedWordsScore is the pair cosine at which an opinion may be proposed
// for a problem without a concept in common (the same place and case).
const sharedWordsScore = 0.3

// sharesConcept reports whether the opinion says a concept the problem's
// opinions or title say (not only one of the same family).
func (m *Model) sharesConcept(f *features, pr *profile) bool {
	for _, x := range f.concepts {
		if x.id >= familyBase {
			continue
		}
		if pr.sumC[x.id] > 1e-6 {
			return true
		}
	}
	return false
}

// shared returns the names of the concepts of f that v has too, and the
// spans of f's text that say them.
func (m *Model) shared(f *features, o *Opinion, v vec) ([]string, []Span) {
	in := map[int]bool{}
	for _, x := range v {
		in[int(x.id)] = true
	}
	var names []string
	var spans []Span
	seen := map[int]bool{}
	for _, mt := range f.matches {
		if !in[mt.Concept] {
			continue
		}
		if sp, ok := o.textSpan(mt.Start, mt.End); ok {
			spans = append(spans, sp)
		}
		if !seen[mt.Concept] {
			seen[mt.Concept] = true
			names = append(names, m.lex.Concepts[mt.Concept].Name)
		}
	}
	return names, spans
}

func problemReason(pr *profile, concepts []string, score float64) string {
	title := pr.p.Title
	if title == "" {
		title = fmt.Sprintf("问题 %d", pr.p.ID)
	}
	if pr.n == 0 {
		return fmt.Sprintf("和问题「%s」的标题一样说到%s（相近度 %.0f%%）", title, quoteJoin(concepts), score*100)
	}
	if len(concepts) > 0 {
		return fmt.Sprintf("和「%s」的 %d 条意见一样说到%s（相近度 %.0f%%）", title, pr.n, quoteJoin(concepts), score*100)
	}
	return fmt.Sprintf("和「%s」的 %d 条意见用词相近（相近度 %.0f%%）", title, pr.n, score*100)
}

func quoteJoin(names []string) string {
	if len(names) > 3 {
		names = names[:3]
	}
	return "「" + strings.Join(names, "」「") + "」"
}

// Learn tells the model that a person put an opinion into a problem
// (problem 0: took it out again), so that the proposals for the others
// learn from it. A problem the model does not know is added with the
// given title and category.
func (m *Model) Learn(opinion int64, p Problem) {
	f, o, ok := m.feat(opinion)
	if !ok {
		return
	}
	if old := m.problems[o.Problem]; old != nil {
		old.remove(f)
		m.touch(o.Problem)
	}
	o.Problem = p.ID
	if p.ID != 0 {
		pr := m.problems[p.ID]
		if pr == nil {
			pr = m.newProfile(p)
			m.problems[p.ID] = pr
			m.order = append(m.order, p.ID)
		}
		pr.add(f)
		m.touch(p.ID)
	}
}

func (m *Model) touch(problem int64) {
	if m.dirty == nil {
		m.dirty = map[int64]bool{}
	}
	m.dirty[problem] = true
}

// Reject remembers that a person rejected the proposal of opinion for
// problem: it is not proposed again by this model. The caller keeps the
// rejection in the ledger and passes it in Input.Rejected next time.
func (m *Model) Reject(opinion, problem int64) { m.rejected[Pair{opinion, problem}] = true }
