package suggest

import (
	"context"
	"slices"
	"sort"

	"taizhang/ledger"
)

// Labelled is a labelled set for measuring the engine: opinions with the
// group a person put them in, their category and targets, and the team.
type Labelled struct {
	Name     string
	Members  []ledger.Leader
	Opinions []LabelledOpinion
	// Background are unlabelled opinions analysed and grouped with the
	// labelled ones (the rest of a real file) but not scored; the
	// simulated clerk does not see them.
	Background []Opinion
}

// LabelledOpinion is one opinion of a labelled set. Group "" means the
// opinion belongs to no group with another (a problem of its own).
type LabelledOpinion struct {
	ID         int64
	Title      string
	Text       string
	Person     string
	Group      string
	Category   string  // "" when not labelled
	Targets    []int64 // nil when not labelled; []int64{} for "names no one"
	NotOpinion bool    // a person would mark it 不计入
}

// Report holds the figures of one evaluation.
type Report struct {
	Opinions, Groups int // labelled opinions and true groups of two or more

	Precision, Recall float64 // pairwise, of the proposed groups
	Proposed          int     // proposed groups

	Category       float64 // top-1 accuracy over opinions with a category
	ProblemCat     float64 // top-1 accuracy of the true groups' category
	Target         float64 // accuracy over the opinions whose text names a target
	TargetN        int
	TargetNone     float64 // share of the opinions naming no one that get no target
	TargetNoneN    int
	NotOpinionP    float64 // precision of the 不计入 proposals
	NotOpinionR    float64 // recall
	Actions        int     // the simulated clerk's actions
	ActionsPer     float64 // per opinion
	LearnedAccepts int     // leftover opinions placed by accepting a likely problem
}

// Evaluate measures the engine on a labelled set: the proposed groups
// against the true ones, category and target accuracy, and a simulated
// clerk who sorts the whole set with the proposals (see simulateClerk).
func Evaluate(ctx context.Context, lex *Lexicon, set Labelled, opt Options) (Report, error) {
	in := Input{Members: set.Members}
	truth := map[int64]*LabelledOpinion{}
	for i := range set.Opinions {
		o := &set.Opinions[i]
		truth[o.ID] = o
		in.Opinions = append(in.Opinions, Opinion{ID: o.ID, Text: o.Text, Title: o.Title, Person: o.Person})
	}
	in.Opinions = append(in.Opinions, set.Background...)
	m, err := Build(ctx, lex, in, opt)
	if err != nil {
		return Report{}, err
	}
	r := Report{Opinions: len(set.Opinions)}
	groups, err := m.Groups(ctx)
	if err != nil {
		return r, err
	}
	r.Proposed = len(groups)
	r.Precision, r.Recall, r.Groups = pairwise(set.Opinions, groups)
	r.Category, r.ProblemCat = categoryAccuracy(m, set.Opinions)
	r.Target, r.TargetN, r.TargetNone, r.TargetNoneN = targetAccuracy(m, set.Opinions)
	r.NotOpinionP, r.NotOpinionR = notOpinionAccuracy(m, set.Opinions)
	r.Actions, r.LearnedAccepts, err = simulateClerk(ctx, lex, set, opt)
	if err != nil {
		return r, err
	}
	r.ActionsPer = float64(r.Actions) / float64(max(1, len(set.Opinions)))
	return r, nil
}

// pairwise counts the pairs of opinions put together: precision is the
// share of proposed pairs that are true, recall the share of true pairs
// proposed. Opinions marked NotOpinion are left out of both.
func pairwise(ops []LabelledOpinion, groups []Group) (p, r float64, trueGroups int) {
	label := map[int64]string{}
	size := map[string]int{}
	for _, o := range ops {
		if o.NotOpinion {
			continue
		}
		label[o.ID] = o.Group
		if o.Group != "" {
			size[o.Group]++
		}
	}
	truePairs := 0
	for _, n := range size {
		truePairs += n * (n - 1) / 2
		if n >= 2 {
			trueGroups++
		}
	}
	predPairs, hit := 0, 0
	for _, g := range groups {
		in := map[string]int{}
		n := 0
		for _, id := range g.Opinions {
			l, ok := label[id]
			if !ok {
				continue
			}
			n++
			if l != "" {
				in[l]++
			}
		}
		predPairs += n * (n - 1) / 2
		for _, k := range in {
			hit += k * (k - 1) / 2
		}
	}
	if predPairs > 0 {
		p = float64(hit) / float64(predPairs)
	}
	if truePairs > 0 {
		r = float64(hit) / float64(truePairs)
	}
	return p, r, trueGroups
}

func categoryAccuracy(m *Model, ops []LabelledOpinion) (opinion, problem float64) {
	right, n := 0, 0
	byGroup := map[string][]int{}
	groupCat := map[string]map[string]int{}
	for _, o := range ops {
		if o.Category == "" || o.NotOpinion {
			continue
		}
		n++
		if m.Category(o.ID).Category == o.Category {
			right++
		}
		if o.Group != "" {
			byGroup[o.Group] = append(byGroup[o.Group], m.index[o.ID])
			if groupCat[o.Group] == nil {
				groupCat[o.Group] = map[string]int{}
			}
			groupCat[o.Group][o.Category]++
		}
	}
	if n > 0 {
		opinion = float64(right) / float64(n)
	}
	gr, gn := 0, 0
	for g, members := range byGroup {
		want, best := "", 0
		for c, k := range groupCat[g] {
			if k > best || k == best && c < want {
				want, best = c, k
			}
		}
		gn++
		if m.categoryOf(members, nil).Category == want {
			gr++
		}
	}
	if gn > 0 {
		problem = float64(gr) / float64(gn)
	}
	return opinion, problem
}

// targetAccuracy measures the opinions whose text names someone (the
// proposal must be exactly the labelled targets) apart from those that
// name no one (the proposal must be empty).
func targetAccuracy(m *Model, ops []LabelledOpinion) (named float64, n int, none float64, nn int) {
	right, rightNone := 0, 0
	for _, o := range ops {
		if o.Targets == nil || o.NotOpinion {
			continue
		}
		got := m.Targets(o.ID).Targets
		if len(o.Targets) == 0 {
			nn++
			if len(got) == 0 {
				rightNone++
			}
			continue
		}
		n++
		want := slices.Clone(o.Targets)
		slices.Sort(want)
		if slices.Equal(got, want) {
			right++
		}
	}
	if n > 0 {
		named = float64(right) / float64(n)
	}
	if nn > 0 {
		none = float64(rightNone) / float64(nn)
	}
	return named, n, none, nn
}

func notOpinionAccuracy(m *Model, ops []LabelledOpinion) (p, r float64) {
	want := map[int64]bool{}
	for _, o := range ops {
		if o.NotOpinion {
			want[o.ID] = true
		}
	}
	got := m.NotOpinions()
	hit := 0
	for _, g := range got {
		if want[g.Opinion] {
			hit++
		}
	}
	if len(got) > 0 {
		p = float64(hit) / float64(len(got))
	}
	if len(want) > 0 {
		r = float64(hit) / float64(len(want))
	}
	return p, r
}

// simulateClerk sorts the labelled set as a clerk would with the
// proposals, and counts the actions:
//
//  1. 不计入 proposals: accepting a right one or rejecting a wrong one is
//     one action; an opinion to mark that was not proposed is one action.
//  2. Proposed groups, largest first: the clerk accepts a group (one
//     action; into the problem of its true group when one exists already)
//     and moves out each opinion that does not belong (one each); a group
//     in which no two opinions belong together is rejected (one action).
//  3. Every opinion left: when its likely problem (learnt from the problems
//     made so far, including each one accepted along the way) is the right
//     one, accepting it is one action; otherwise the clerk drags it to
//     its problem or makes a new one (one action).
func simulateClerk(ctx context.Context, lex *Lexicon, set Labelled, opt Options) (actions, learned int, err error) {
	in := Input{Members: set.Members}
	truth := map[int64]*LabelledOpinion{}
	for i := range set.Opinions {
		o := &set.Opinions[i]
		truth[o.ID] = o
		in.Opinions = append(in.Opinions, Opinion{ID: o.ID, Text: o.Text, Title: o.Title, Person: o.Person})
	}
	m, err := Build(ctx, lex, in, opt)
	if err != nil {
		return 0, 0, err
	}
	done := map[int64]bool{}
	proposedNot := map[int64]bool{}
	for _, n := range m.NotOpinions() {
		actions++ // accept or reject
		proposedNot[n.Opinion] = true
		if truth[n.Opinion].NotOpinion {
			done[n.Opinion] = true
			m.in.Opinions[m.index[n.Opinion]].Excluded = true
		}
	}
	for _, o := range set.Opinions {
		if o.NotOpinion && !proposedNot[o.ID] {
			actions++
			done[o.ID] = true
			m.in.Opinions[m.index[o.ID]].Excluded = true
		}
	}
	problemOf := map[string]int64{} // true group → problem id
	nextID := int64(1)
	place := func(id int64) {
		o := truth[id]
		key := o.Group
		if key == "" {
			key = "\x00" + itoa(id)
		}
		pid, ok := problemOf[key]
		if !ok {
			pid = nextID
			nextID++
			problemOf[key] = pid
		}
		m.Learn(id, Problem{ID: pid, Title: proposedTitle(&m.in.Opinions[m.index[id]])})
		done[id] = true
	}
	// batch is a proposal of several opinions for one problem: accepted
	// (one action) with the opinions that do not belong moved out (one
	// each), or rejected (one action) when no two of them belong together
	// (a group) or none belongs (a likely problem's batch).
	batch := func(ids []int64, into string, problem int64) int {
		// What the clerk turns down is remembered: the engine is told.
		reject := func(id int64) {
			if problem != 0 {
				m.Reject(id, problem)
			}
		}
		count := map[string]int{}
		for _, id := range ids {
			if l := truth[id].Group; l != "" && !done[id] {
				count[l]++
			}
		}
		major, best := into, 0
		if into == "" {
			best = 1 // a group in which no two belong together is rejected
			labels := make([]string, 0, len(count))
			for l := range count {
				labels = append(labels, l)
			}
			sort.Strings(labels)
			for _, l := range labels {
				if count[l] > best {
					major, best = l, count[l]
				}
			}
		} else if count[into] == 0 {
			major = ""
		}
		actions++
		if major == "" {
			for _, id := range ids {
				reject(id)
			}
			return 0
		}
		placed := 0
		for _, id := range ids {
			if done[id] {
				continue
			}
			if truth[id].Group != major {
				actions++ // moved out
				reject(id)
				continue
			}
			place(id)
			placed++
		}
		return placed
	}
	groups, err := m.Groups(ctx)
	if err != nil {
		return 0, 0, err
	}
	for _, g := range groups {
		batch(g.Opinions, "", 0)
	}
	// Likely problems, accepted problem by problem ("accept all with score
	// ≥ x"), for a few rounds: each round learns from the last.
	groupOf := map[int64]string{}
	for l, pid := range problemOf {
		groupOf[pid] = l
	}
	for round := 0; round < 3 && opt.Learn; round++ {
		byProblem := map[int64][]int64{}
		for _, o := range set.Opinions {
			if done[o.ID] {
				continue
			}
			if p, ok := m.LikelyProblem(o.ID); ok {
				byProblem[p.Problem] = append(byProblem[p.Problem], o.ID)
			}
		}
		pids := make([]int64, 0, len(byProblem))
		for pid := range byProblem {
			pids = append(pids, pid)
		}
		sort.Slice(pids, func(i, j int) bool { return pids[i] < pids[j] })
		placed := 0
		for _, pid := range pids {
			for l, p := range problemOf {
				groupOf[p] = l
			}
			n := batch(byProblem[pid], groupOf[pid], pid)
			placed += n
			learned += n
		}
		if placed == 0 {
			break
		}
	}
	for _, o := range set.Opinions {
		if err := ctx.Err(); err != nil {
			return 0, 0, err
		}
		if !done[o.ID] {
			actions++ // dragged by hand
			place(o.ID)
		}
	}
	return actions, learned, nil
}

func itoa(n int64) string {
	var b [20]byte
	i := len(b)
	if n == 0 {
		return "0"
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
