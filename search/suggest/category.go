package suggest

import (
	"fmt"
	"sort"

	"taizhang/ledger"
)

// CategoryProposal is the category proposed for an opinion, a group or a
// problem, and why.
type CategoryProposal struct {
	Category string   // one of ledger.Categories
	Score    float64  // the share of the evidence for it, 0…1; 0 when there is none
	Concepts []string // the concepts that say so
	Reason   string   // Simplified Chinese
}

// fourWindsBoost weighs a four-winds concept above a work concept in the
// same text: the notice warns against passing a four-winds problem off as
// a work problem (“防止以工作问题代替‘四风’问题”), and a message about a slow
// approval is about the approving office's style first.
const fourWindsBoost = 1.5

// Category proposes the category of an opinion: from the problem it most
// likely belongs to when a person made one that scores high (the person's
// decision is the best evidence), else from the concepts it says.
func (m *Model) Category(opinion int64) CategoryProposal {
	i, ok := m.index[opinion]
	if !ok {
		return CategoryProposal{}
	}
	if p, ok := m.LikelyProblem(opinion); ok && p.Score >= learnedCategoryScore {
		pr := m.problems[p.Problem]
		if ledger.ValidCategory(pr.p.Category) {
			return CategoryProposal{Category: pr.p.Category, Score: p.Score, Concepts: p.Concepts,
				Reason: fmt.Sprintf("与已归入「%s」的意见相近，该问题归在%s", pr.p.Title, pr.p.Category)}
		}
	}
	return m.categoryOf([]int{i}, nil)
}

// learnedCategoryScore is the least likely-problem score whose problem's
// category is proposed for the opinion.
const learnedCategoryScore = 0.5

// ProblemCategory proposes the category of a problem from its title and
// the opinions in it (the problem's own category is not evidence).
func (m *Model) ProblemCategory(problem int64) CategoryProposal {
	pr := m.problems[problem]
	if pr == nil {
		return CategoryProposal{}
	}
	var members []int
	for i := range m.in.Opinions {
		if m.in.Opinions[i].Problem == problem {
			members = append(members, i)
		}
	}
	return m.categoryOf(members, pr.title)
}

// categoryOf weighs the concepts the opinions (and extra matches, a
// problem's title) say, each opinion's concepts adding up to one vote.
func (m *Model) categoryOf(members []int, extra []Match) CategoryProposal {
	score := map[string]float64{}
	byConcept := map[int]float64{}
	vote := func(ms []Match) {
		strength := map[int]float64{}
		total := 0.0
		for _, mt := range ms {
			w := float64(mt.weight)
			if m.lex.Concepts[mt.Concept].FourWinds() {
				w *= fourWindsBoost
			}
			strength[mt.Concept] += w
			total += w
		}
		for c, w := range strength {
			score[m.lex.Concepts[c].Category] += w / total
			byConcept[c] += w / total
		}
	}
	for _, i := range members {
		vote(m.c.feats[i].matches)
	}
	if len(extra) > 0 {
		vote(extra)
	}
	if len(score) == 0 {
		return CategoryProposal{Category: ledger.OtherWork,
			Reason: "没有说到四风的表现，暂按工作问题；请看原文再定"}
	}
	best, total := "", 0.0
	for _, c := range ledger.Categories {
		total += score[c]
		if best == "" || score[c] > score[best] {
			best = c
		}
	}
	var cs []int
	for c := range byConcept {
		if m.lex.Concepts[c].Category == best {
			cs = append(cs, c)
		}
	}
	sort.Slice(cs, func(a, b int) bool {
		if byConcept[cs[a]] != byConcept[cs[b]] {
			return byConcept[cs[a]] > byConcept[cs[b]]
		}
		return cs[a] < cs[b]
	})
	p := CategoryProposal{Category: best, Score: round(score[best] / total)}
	for _, c := range cs {
		p.Concepts = append(p.Concepts, m.lex.Concepts[c].Name)
	}
	p.Reason = fmt.Sprintf("说到%s，属%s", quoteJoin(p.Concepts), best)
	return p
}
