package ledger

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
)

// sortingFixture is a ledger with two members and six opinions, none sorted.
type sortingFixture struct {
	l         *Ledger
	zhang, li int64   // leader ids
	ops       []int64 // opinion ids
}

func newSortingFixture(t *testing.T) *sortingFixture {
	t.Helper()
	l := newTestLedger(t)
	f := &sortingFixture{l: l}
	var err error
	if f.zhang, err = l.AddLeader(Leader{Name: "张明", Post: "党委书记"}); err != nil {
		t.Fatal(err)
	}
	if f.li, err = l.AddLeader(Leader{Name: "李华", Post: "副书记"}); err != nil {
		t.Fatal(err)
	}
	for i, text := range []string{
		"会议太多，文山会海。",
		"基层调研走马观花。",
		"公车私用时有发生。",
		"办事窗口门难进、脸难看。",
		"节日期间违规收受礼品。",
		"道路年久失修。",
	} {
		id, err := l.AddOpinion(Opinion{Text: text, Channel: Channels[i%3], Targets: []int64{TeamID}})
		if err != nil {
			t.Fatal(err)
		}
		f.ops = append(f.ops, id)
	}
	return f
}

// state is everything sorting may change: the problems (all fields) and
// which problem each opinion is in. It compares as a string.
func (f *sortingFixture) state(t *testing.T) string {
	t.Helper()
	ps, err := f.l.Problems()
	if err != nil {
		t.Fatal(err)
	}
	m, err := f.l.Membership()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(struct {
		P []Problem
		M map[int64]int64
	}{ps, m})
	return string(b)
}

func (f *sortingFixture) members(t *testing.T, p int64) []int64 {
	t.Helper()
	ids, err := f.l.ProblemOpinionIDs(p)
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func (f *sortingFixture) unsorted(t *testing.T) []int64 {
	t.Helper()
	os, err := f.l.Opinions(Filter{Unsorted: true})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, o := range os {
		ids = append(ids, o.ID)
	}
	return ids
}

func mustProblem(t *testing.T, l *Ledger, id int64) Problem {
	t.Helper()
	p, err := l.Problem(id)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func isChineseUserError(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Msg != "" && !strings.ContainsAny(e.Msg[:1], "abcdefghijklmnopqrstuvwxyz")
}

func TestNewProblem(t *testing.T) {
	f := newSortingFixture(t)
	id, err := f.l.NewProblem(Problem{Title: "  文山会海\u3000", Category: "形式", Targets: []int64{TeamID, f.zhang, TeamID}}, f.ops[0], f.ops[1])
	if err != nil {
		t.Fatal(err)
	}
	p := mustProblem(t, f.l, id)
	if p.Title != "文山会海" || p.Category != Formalism || p.Kind != Individual {
		t.Errorf("stored %q %q %q, want 文山会海 形式主义 个性", p.Title, p.Category, p.Kind)
	}
	if !slices.Equal(p.Targets, []int64{TeamID, f.zhang}) {
		t.Errorf("targets %v, want [0 %d] (duplicates dropped)", p.Targets, f.zhang)
	}
	if p.Created.IsZero() || p.Updated.IsZero() {
		t.Error("created/updated not set")
	}
	if got := f.members(t, id); !slices.Equal(got, f.ops[:2]) {
		t.Errorf("opinions of the new problem %v, want %v", got, f.ops[:2])
	}
	if got := f.unsorted(t); !slices.Equal(got, f.ops[2:]) {
		t.Errorf("unsorted %v, want %v", got, f.ops[2:])
	}
	o, _ := f.l.Opinion(f.ops[0])
	if o.ProblemID != id {
		t.Errorf("opinion.ProblemID = %d, want %d", o.ProblemID, id)
	}

	// A second problem in the same column goes to its end; another column starts at 0.
	id2, err := f.l.NewProblem(Problem{Title: "调研走过场", Category: Formalism, Kind: "共性问题"})
	if err != nil {
		t.Fatal(err)
	}
	id3, err := f.l.NewProblem(Problem{Title: "公车私用", Category: "享乐主义", Kind: Shared})
	if err != nil {
		t.Fatal(err)
	}
	if p2, p3 := mustProblem(t, f.l, id2), mustProblem(t, f.l, id3); p2.Position != 1 || p3.Position != 0 || p2.Kind != Shared {
		t.Errorf("positions %d, %d and kind %q; want 1, 0, 共性", p2.Position, p3.Position, p2.Kind)
	}
}

func TestNewProblemRefusesBadInput(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    Problem
		ops  []int64
	}{
		{"empty title", Problem{Title: " \u3000", Category: Formalism}, nil},
		{"unknown category", Problem{Title: "x", Category: "作风"}, nil},
		{"no category", Problem{Title: "x"}, nil},
		{"unknown kind", Problem{Title: "x", Category: Formalism, Kind: "一般"}, nil},
		{"unknown target", Problem{Title: "x", Category: Formalism, Targets: []int64{999}}, nil},
		{"unknown opinion", Problem{Title: "x", Category: Formalism}, []int64{1, 999}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newSortingFixture(t)
			before := f.state(t)
			id, err := f.l.NewProblem(tc.p, tc.ops...)
			if err == nil {
				t.Fatalf("NewProblem succeeded with id %d, want an error", id)
			}
			if !isChineseUserError(err) {
				t.Errorf("error %q is not a Chinese *ledger.Error", err)
			}
			if id != 0 {
				t.Errorf("id %d returned with an error", id)
			}
			if after := f.state(t); after != before {
				t.Errorf("the ledger changed after a refused NewProblem:\n%s\n%s", before, after)
			}
			if f.l.UndoLabel() != "" {
				t.Errorf("an undo step %q was recorded for a refused NewProblem", f.l.UndoLabel())
			}
		})
	}
}

func TestProblemsOrder(t *testing.T) {
	f := newSortingFixture(t)
	// Created out of board order: the list must come by category, then position.
	var ids []int64
	for _, c := range []string{OtherWork, Formalism, Extravagance, Formalism, Bureaucratism, Hedonism} {
		id, err := f.l.NewProblem(Problem{Title: c + "问题", Category: c})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	ps, err := f.l.Problems()
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	for _, p := range ps {
		got = append(got, p.ID)
	}
	want := []int64{ids[1], ids[3], ids[4], ids[5], ids[2], ids[0]}
	if !slices.Equal(got, want) {
		t.Errorf("Problems() order %v, want %v (形式, 形式, 官僚, 享乐, 奢靡, 其他)", got, want)
	}
}

func TestUpdateProblem(t *testing.T) {
	f := newSortingFixture(t)
	a, _ := f.l.NewProblem(Problem{Title: "甲", Category: Formalism})
	b, _ := f.l.NewProblem(Problem{Title: "乙", Category: Bureaucratism})
	p := mustProblem(t, f.l, a)
	p.Title, p.Description, p.Notes, p.Kind = "文山会海", "会议多、文件多", "书记点名", Shared
	p.Targets = []int64{f.li}
	p.Category = Bureaucratism
	if err := f.l.UpdateProblem(p); err != nil {
		t.Fatal(err)
	}
	got := mustProblem(t, f.l, a)
	if got.Title != "文山会海" || got.Description != "会议多、文件多" || got.Notes != "书记点名" || got.Kind != Shared ||
		!slices.Equal(got.Targets, []int64{f.li}) || got.Category != Bureaucratism {
		t.Errorf("after update: %+v", got)
	}
	if got.Position != mustProblem(t, f.l, b).Position+1 {
		t.Errorf("recategorised problem at position %d, want the end of 官僚主义 (after 乙)", got.Position)
	}
	if !got.Created.Equal(p.Created) {
		t.Errorf("created changed from %v to %v", p.Created, got.Created)
	}
	if f.l.UndoLabel() != "修改问题“文山会海”" {
		t.Errorf("undo label %q", f.l.UndoLabel())
	}

	// Saving without a change (targets given as an empty slice instead of
	// nil, the way a form builds them) records no step.
	q := mustProblem(t, f.l, b)
	q.Targets = []int64{}
	gen, _ := f.l.Generation()
	if err := f.l.UpdateProblem(q); err != nil {
		t.Fatal(err)
	}
	if gen2, _ := f.l.Generation(); gen2 != gen {
		t.Errorf("an unchanged problem was written (generation %d → %d)", gen, gen2)
	}

	if err := f.l.UpdateProblem(Problem{ID: 999, Title: "x", Category: Formalism}); !errors.Is(err, ErrNotFound) {
		t.Errorf("update of a missing problem: %v, want ErrNotFound", err)
	}
	bad := mustProblem(t, f.l, a)
	bad.Title = ""
	if err := f.l.UpdateProblem(bad); err == nil {
		t.Error("update with an empty title succeeded")
	}
}

func problemColumn(t *testing.T, l *Ledger, cat string) []int64 {
	t.Helper()
	ps, err := l.Problems()
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, p := range ps {
		if p.Category == cat {
			ids = append(ids, p.ID)
		}
	}
	return ids
}

func TestMoveProblem(t *testing.T) {
	f := newSortingFixture(t)
	var form []int64
	for _, title := range []string{"一", "二", "三"} {
		id, _ := f.l.NewProblem(Problem{Title: title, Category: Formalism})
		form = append(form, id)
	}
	x, _ := f.l.NewProblem(Problem{Title: "四", Category: Hedonism})

	if err := f.l.MoveProblem(form[2], Formalism, 0); err != nil {
		t.Fatal(err)
	}
	if got := problemColumn(t, f.l, Formalism); !slices.Equal(got, []int64{form[2], form[0], form[1]}) {
		t.Errorf("after moving 三 to the top: %v", got)
	}
	// Recategorise into the middle of another column.
	if err := f.l.MoveProblem(form[0], "享乐", 0); err != nil {
		t.Fatal(err)
	}
	if got := problemColumn(t, f.l, Hedonism); !slices.Equal(got, []int64{form[0], x}) {
		t.Errorf("享乐主义 column %v, want [%d %d]", got, form[0], x)
	}
	if got := problemColumn(t, f.l, Formalism); !slices.Equal(got, []int64{form[2], form[1]}) {
		t.Errorf("形式主义 column %v after moving one out", got)
	}
	// A position past the end goes last.
	if err := f.l.MoveProblem(form[2], Hedonism, 99); err != nil {
		t.Fatal(err)
	}
	if got := problemColumn(t, f.l, Hedonism); !slices.Equal(got, []int64{form[0], x, form[2]}) {
		t.Errorf("享乐主义 column %v after a move to position 99", got)
	}
	// Positions in the column are 0..n-1.
	for i, id := range problemColumn(t, f.l, Hedonism) {
		if p := mustProblem(t, f.l, id); p.Position != i {
			t.Errorf("problem %d at position %d, want %d", id, p.Position, i)
		}
	}
	// Moving to where it is already records nothing.
	label := f.l.UndoLabel()
	gen, _ := f.l.Generation()
	if err := f.l.MoveProblem(form[2], Hedonism, 2); err != nil {
		t.Fatal(err)
	}
	if g, _ := f.l.Generation(); g != gen || f.l.UndoLabel() != label {
		t.Error("a move to the same place was recorded")
	}
	if err := f.l.MoveProblem(form[1], "作风", 0); err == nil || !isChineseUserError(err) {
		t.Errorf("move to an unknown category: %v", err)
	}
	if err := f.l.MoveProblem(999, Formalism, 0); !errors.Is(err, ErrNotFound) {
		t.Errorf("move of a missing problem: %v", err)
	}
}

func TestAssignAndUnassign(t *testing.T) {
	f := newSortingFixture(t)
	a, _ := f.l.NewProblem(Problem{Title: "甲", Category: Formalism}, f.ops[0])
	b, _ := f.l.NewProblem(Problem{Title: "乙", Category: Formalism})

	// Assign takes opinions from wherever they are: unsorted or another problem.
	if err := f.l.Assign(b, f.ops[0], f.ops[1], f.ops[1]); err != nil {
		t.Fatal(err)
	}
	if got := f.members(t, b); !slices.Equal(got, f.ops[:2]) {
		t.Errorf("problem 乙 has %v, want %v", got, f.ops[:2])
	}
	if got := f.members(t, a); len(got) != 0 {
		t.Errorf("problem 甲 still has %v", got)
	}
	if f.l.UndoLabel() != "归入问题（2 条意见）" {
		t.Errorf("undo label %q", f.l.UndoLabel())
	}

	// Nothing to do: no step.
	gen, _ := f.l.Generation()
	if err := f.l.Assign(b, f.ops[0]); err != nil {
		t.Fatal(err)
	}
	if err := f.l.Assign(b); err != nil {
		t.Fatal(err)
	}
	if g, _ := f.l.Generation(); g != gen {
		t.Error("an assignment that changed nothing was recorded")
	}

	// All or nothing: an unknown opinion rolls the whole step back.
	before := f.state(t)
	if err := f.l.Assign(a, f.ops[2], 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("assign with an unknown opinion: %v", err)
	}
	if err := f.l.Assign(999, f.ops[2]); !errors.Is(err, ErrNotFound) {
		t.Errorf("assign to an unknown problem: %v", err)
	}
	if f.state(t) != before {
		t.Error("a failed Assign changed the ledger")
	}

	if err := f.l.Unassign(f.ops[1], f.ops[3]); err != nil {
		t.Fatal(err)
	}
	if got := f.members(t, b); !slices.Equal(got, f.ops[:1]) {
		t.Errorf("after unassign problem 乙 has %v", got)
	}
	if got := f.unsorted(t); !slices.Equal(got, f.ops[1:]) {
		t.Errorf("unsorted %v, want %v", got, f.ops[1:])
	}
	if err := f.l.Unassign(999); !errors.Is(err, ErrNotFound) {
		t.Errorf("unassign of an unknown opinion: %v", err)
	}
}

func TestMerge(t *testing.T) {
	f := newSortingFixture(t)
	into, _ := f.l.NewProblem(Problem{Title: "文山会海", Category: Formalism, Targets: []int64{TeamID}, Notes: "原有备注"}, f.ops[0])
	a, _ := f.l.NewProblem(Problem{Title: "会多", Category: Formalism, Targets: []int64{f.zhang}, Description: "会议多", Notes: "甲的备注"}, f.ops[1], f.ops[2])
	b, _ := f.l.NewProblem(Problem{Title: "文多", Category: Bureaucratism, Targets: []int64{f.zhang, f.li}}, f.ops[3])
	c, _ := f.l.NewProblem(Problem{Title: "其他", Category: OtherWork}, f.ops[5])

	if err := f.l.Merge(into, a, b, a); err != nil {
		t.Fatal(err)
	}
	if got := f.members(t, into); !slices.Equal(got, f.ops[:4]) {
		t.Errorf("merged problem has %v, want %v", got, f.ops[:4])
	}
	for _, id := range []int64{a, b} {
		if _, err := f.l.Problem(id); !errors.Is(err, ErrNotFound) {
			t.Errorf("problem %d still exists after the merge", id)
		}
	}
	p := mustProblem(t, f.l, into)
	if !slices.Equal(p.Targets, []int64{TeamID, f.zhang, f.li}) {
		t.Errorf("merged targets %v, want [0 %d %d]", p.Targets, f.zhang, f.li)
	}
	if p.Title != "文山会海" || p.Category != Formalism {
		t.Errorf("merged problem is %q in %q; the target keeps its title and category", p.Title, p.Category)
	}
	// Nothing written about a merged problem is lost.
	if !strings.Contains(p.Notes, "原有备注") || !strings.Contains(p.Notes, "甲的备注") || !strings.Contains(p.Description+p.Notes, "会议多") {
		t.Errorf("merged notes %q / description %q lost what the merged problems said", p.Notes, p.Description)
	}
	if got := f.members(t, c); !slices.Equal(got, f.ops[5:]) {
		t.Errorf("an unrelated problem changed: %v", got)
	}

	before := f.state(t)
	if err := f.l.Merge(into, into); err == nil || !isChineseUserError(err) {
		t.Errorf("merge into itself: %v", err)
	}
	if err := f.l.Merge(into, c, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("merge of an unknown problem: %v", err)
	}
	if err := f.l.Merge(999, c); !errors.Is(err, ErrNotFound) {
		t.Errorf("merge into an unknown problem: %v", err)
	}
	if f.state(t) != before {
		t.Error("a failed merge changed the ledger")
	}
}

func TestDeleteProblemKeepsOpinions(t *testing.T) {
	f := newSortingFixture(t)
	a, _ := f.l.NewProblem(Problem{Title: "甲", Category: Formalism}, f.ops[0], f.ops[1])
	if err := f.l.DeleteProblem(a); err != nil {
		t.Fatal(err)
	}
	if got := f.unsorted(t); !slices.Equal(got, f.ops) {
		t.Errorf("unsorted after delete %v, want all %v", got, f.ops)
	}
	s, _ := f.l.Stats()
	if s.Opinions != len(f.ops) || s.Problems != 0 {
		t.Errorf("stats after delete %+v", s)
	}
	if err := f.l.DeleteProblem(a); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
}

// TestUndoRedoEveryStep performs every kind of sorting step, then undoes
// them one by one (checking the ledger comes back through each earlier
// state), redoes them all, and undoes them all again after a restart.
func TestUndoRedoEveryStep(t *testing.T) {
	f := newSortingFixture(t)
	l := f.l
	states := []string{f.state(t)}
	var labels []string
	do := func(what string, fn func() error) {
		t.Helper()
		if err := fn(); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		states = append(states, f.state(t))
		labels = append(labels, l.UndoLabel())
	}
	var a, b, c int64
	do("new", func() (err error) {
		a, err = l.NewProblem(Problem{Title: "文山会海", Category: Formalism}, f.ops[0], f.ops[1])
		return
	})
	do("new 2", func() (err error) {
		b, err = l.NewProblem(Problem{Title: "公车私用", Category: Hedonism, Targets: []int64{f.zhang}}, f.ops[2])
		return
	})
	do("new 3", func() (err error) {
		c, err = l.NewProblem(Problem{Title: "收礼", Category: Extravagance, Targets: []int64{f.li}}, f.ops[4])
		return
	})
	do("assign", func() error { return l.Assign(a, f.ops[3], f.ops[2]) })
	do("unassign", func() error { return l.Unassign(f.ops[0]) })
	do("update", func() error {
		p := mustProblem(t, l, b)
		p.Title, p.Kind, p.Notes, p.Category = "公车私用问题", Shared, "备注", Bureaucratism
		return l.UpdateProblem(p)
	})
	do("move", func() error { return l.MoveProblem(a, Bureaucratism, 0) })
	do("merge", func() error { return l.Merge(a, b, c) })
	do("delete", func() error { return l.DeleteProblem(a) })
	do("new after delete", func() (err error) {
		_, err = l.NewProblem(Problem{Title: "道路失修", Category: OtherWork}, f.ops[5], f.ops[0])
		return
	})

	for i := len(states) - 1; i > 0; i-- {
		label, err := l.Undo()
		if err != nil {
			t.Fatalf("undo %d: %v", i, err)
		}
		if label != labels[i-1] {
			t.Errorf("undo %d returned label %q, want %q", i, label, labels[i-1])
		}
		if got := f.state(t); got != states[i-1] {
			t.Fatalf("after undoing %q the ledger is not as before it:\n got %s\nwant %s", label, got, states[i-1])
		}
	}
	if _, err := l.Undo(); err == nil || !isChineseUserError(err) {
		t.Errorf("undo with nothing left: %v", err)
	}
	if l.UndoLabel() != "" || l.RedoLabel() != labels[0] {
		t.Errorf("labels after undoing everything: undo %q redo %q", l.UndoLabel(), l.RedoLabel())
	}
	for i := 1; i < len(states); i++ {
		if _, err := l.Redo(); err != nil {
			t.Fatalf("redo %d: %v", i, err)
		}
		if got := f.state(t); got != states[i] {
			t.Fatalf("after redo %d:\n got %s\nwant %s", i, got, states[i])
		}
	}
	if _, err := l.Redo(); err == nil || !isChineseUserError(err) {
		t.Errorf("redo with nothing left: %v", err)
	}

	// Restart: the history is in the file.
	path := l.Path()
	l.Close()
	l2, err := Open(path, Options{NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l2.Close() })
	f.l = l2
	if l2.UndoLabel() != labels[len(labels)-1] {
		t.Errorf("after a restart the undo label is %q, want %q", l2.UndoLabel(), labels[len(labels)-1])
	}
	for i := len(states) - 1; i > 0; i-- {
		if _, err := l2.Undo(); err != nil {
			t.Fatalf("undo %d after restart: %v", i, err)
		}
		if got := f.state(t); got != states[i-1] {
			t.Fatalf("after a restart, undo %d:\n got %s\nwant %s", i, got, states[i-1])
		}
	}
	if got := f.unsorted(t); !slices.Equal(got, f.ops) {
		t.Errorf("after undoing everything, unsorted = %v, want all", got)
	}
}

func TestNewStepDropsRedo(t *testing.T) {
	f := newSortingFixture(t)
	a, _ := f.l.NewProblem(Problem{Title: "甲", Category: Formalism}, f.ops[0])
	if err := f.l.Assign(a, f.ops[1]); err != nil {
		t.Fatal(err)
	}
	if _, err := f.l.Undo(); err != nil {
		t.Fatal(err)
	}
	if f.l.RedoLabel() == "" {
		t.Fatal("nothing to redo after an undo")
	}
	// A step that changes nothing keeps the redo.
	if err := f.l.Assign(a, f.ops[0]); err != nil {
		t.Fatal(err)
	}
	if f.l.RedoLabel() == "" {
		t.Error("a step that changed nothing dropped the redo")
	}
	if err := f.l.Assign(a, f.ops[2]); err != nil {
		t.Fatal(err)
	}
	if f.l.RedoLabel() != "" {
		t.Errorf("redo %q still offered after a new step", f.l.RedoLabel())
	}
	if _, err := f.l.Redo(); err == nil {
		t.Error("redo succeeded after a new step")
	}
}

func TestProblemIDsAreNeverReused(t *testing.T) {
	f := newSortingFixture(t)
	a, _ := f.l.NewProblem(Problem{Title: "甲", Category: Formalism}, f.ops[0])
	b, _ := f.l.NewProblem(Problem{Title: "乙", Category: Formalism}, f.ops[1])
	if err := f.l.DeleteProblem(b); err != nil {
		t.Fatal(err)
	}
	c, err := f.l.NewProblem(Problem{Title: "丙", Category: Formalism})
	if err != nil {
		t.Fatal(err)
	}
	if c == b || c == a {
		t.Fatalf("new problem got the id %d of a deleted one", c)
	}
	// Undo the new problem and the delete: 乙 comes back under its own id
	// with its opinion.
	f.l.Undo()
	f.l.Undo()
	if got := f.members(t, b); !slices.Equal(got, f.ops[1:2]) {
		t.Errorf("restored problem %d has %v", b, got)
	}
	// Also after a restart.
	path := f.l.Path()
	f.l.Close()
	l2, err := Open(path, Options{NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer l2.Close()
	d, err := l2.NewProblem(Problem{Title: "丁", Category: Formalism})
	if err != nil {
		t.Fatal(err)
	}
	if d <= c {
		t.Errorf("after a restart the new id %d is not above %d", d, c)
	}
}

func TestSortingChangesReachListeners(t *testing.T) {
	f := newSortingFixture(t)
	var mu sync.Mutex
	var got []Change
	f.l.OnChange(func(c Change) { mu.Lock(); got = append(got, c); mu.Unlock() })
	a, _ := f.l.NewProblem(Problem{Title: "甲", Category: Formalism}, f.ops[0])
	f.l.Undo()
	mu.Lock()
	defer mu.Unlock()
	// new problem, one assignment; then the undo reverses both.
	var kinds []string
	for _, c := range got {
		kinds = append(kinds, c.Action+" "+c.Entity+" "+string(c.After))
	}
	if len(got) != 4 || got[0].Entity != "problem" || got[1].Entity != "opinion" || string(got[1].After) != problemJSONInt(a) ||
		got[2].Entity != "opinion" || string(got[2].After) != "0" || got[3].Entity != "problem" || got[3].After != nil {
		t.Errorf("changes heard: %q", kinds)
	}
}

func problemJSONInt(n int64) string { b, _ := json.Marshal(n); return string(b) }

func TestConcurrentSorting(t *testing.T) {
	f := newSortingFixture(t)
	a, _ := f.l.NewProblem(Problem{Title: "甲", Category: Formalism})
	b, _ := f.l.NewProblem(Problem{Title: "乙", Category: Formalism})
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 10; j++ {
				p := a
				if (i+j)%2 == 0 {
					p = b
				}
				if err := f.l.Assign(p, f.ops[(i+j)%len(f.ops)]); err != nil {
					t.Error(err)
				}
				if j%3 == 0 {
					f.l.Undo()
				}
			}
		}()
	}
	wg.Wait()
	if s, err := f.l.IntegrityCheck(); err != nil || s != "ok" {
		t.Errorf("integrity %q %v", s, err)
	}
	// Undo everything; every opinion is unsorted and the problems are gone.
	for f.l.UndoLabel() != "" {
		if _, err := f.l.Undo(); err != nil {
			t.Fatal(err)
		}
	}
	if got := f.unsorted(t); !slices.Equal(got, f.ops) {
		t.Errorf("after undoing everything unsorted = %v", got)
	}
	if ps, _ := f.l.Problems(); len(ps) != 0 {
		t.Errorf("%d problems left after undoing everything", len(ps))
	}
}
