package ledger

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"testing"
	"time"
)

// boardSnapshot renders everything the board shows, for comparison.
func boardSnapshot(t testing.TB, b *Board) string {
	t.Helper()
	type card struct {
		P          Problem
		Opinions   int
		Submitters int
		Channels   []string
		Members    []int64
		Why        []string
		Targets    []string
	}
	s := struct {
		Unsorted []int64
		View     []int64
		Columns  map[string][]int64
		Cards    []card
		Total    int
	}{Unsorted: nilIfEmpty(b.unsorted), View: nilIfEmpty(b.Unsorted()), Columns: map[string][]int64{}, Total: b.OpinionCount()}
	for _, c := range Categories {
		if col := b.Column(c); len(col) > 0 {
			s.Columns[c] = col
		}
		for _, id := range b.Column(c) {
			k := b.Card(id)
			s.Cards = append(s.Cards, card{k.Problem, k.Opinions, k.Submitters, k.Channels(), nilIfEmpty(k.Members()), k.SharedReasons(), b.TargetNames(k.Targets)})
		}
	}
	js, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return string(js)
}

func nilIfEmpty(s []int64) []int64 {
	if len(s) == 0 {
		return nil
	}
	return s
}

func TestBoardCards(t *testing.T) {
	l := newTestLedger(t)
	zhang, _ := l.AddLeader(Leader{Name: "张明"})
	add := func(text, channel, name string, anon bool, targets ...int64) int64 {
		t.Helper()
		id, err := l.AddOpinion(Opinion{Text: text, Channel: channel, Submitter: Submitter{Name: name, Anonymous: anon}, Targets: targets})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	o1 := add("会议太多", "座谈会", "王五", false, zhang)
	o2 := add("会议太多太长", "座谈会", "王五", false, zhang) // same person again
	o3 := add("文件太多", "座谈会", "", false, zhang)     // unknown: one person
	o4 := add("材料太多", "座谈会", "", true, zhang)      // anonymous: one person
	o5 := add("匿名但写了名字", "座谈会", "赵六", true, zhang) // anonymous wins: one person, name not counted
	o6 := add("检查太多", "意见箱", "钱七", false, TeamID)
	p, err := l.NewProblem(Problem{Title: "文山会海", Category: Formalism}, o1, o2)
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewBoard(l)
	if err != nil {
		t.Fatal(err)
	}
	c := b.Card(p)
	if c.Opinions != 2 || c.Submitters != 1 || !slices.Equal(c.Channels(), []string{"座谈会"}) || c.SharedReasons() != nil {
		t.Errorf("two opinions by one person: %d opinions, %d submitters, %v, reasons %v", c.Opinions, c.Submitters, c.Channels(), c.SharedReasons())
	}
	if err := l.Assign(p, o3, o4, o5); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Sync(); err != nil {
		t.Fatal(err)
	}
	if c.Opinions != 5 || c.Submitters != 4 {
		t.Errorf("after adding unknown, anonymous and anonymous-with-name: %d opinions, %d submitters; want 5, 4", c.Opinions, c.Submitters)
	}
	if why := c.SharedReasons(); !slices.Equal(why, []string{"4 位提出人"}) {
		t.Errorf("reasons %q", why)
	}
	l.Assign(p, o6)
	b.Sync()
	if why := c.SharedReasons(); !slices.Equal(why, []string{"5 位提出人", "来自 2 个渠道", "反映领导班子"}) {
		t.Errorf("reasons %q", why)
	}
	if !slices.Equal(c.Channels(), []string{"座谈会", "意见箱"}) {
		t.Errorf("channels %v, want the standard order", c.Channels())
	}
	l.Unassign(o1, o2, o3, o4, o5)
	b.Sync()
	if c.Opinions != 1 || c.Submitters != 1 || !slices.Equal(c.SharedReasons(), []string{"反映领导班子"}) {
		t.Errorf("after unassigning: %d opinions, %d submitters, %v", c.Opinions, c.Submitters, c.SharedReasons())
	}
	if !slices.Equal(b.Unsorted(), []int64{o1, o2, o3, o4, o5}) {
		t.Errorf("unsorted %v", b.Unsorted())
	}
}

func TestBoardFilter(t *testing.T) {
	l := newTestLedger(t)
	zhang, _ := l.AddLeader(Leader{Name: "张明"})
	var ids []int64
	for i, o := range []Opinion{
		{Text: "会议太多", Channel: "座谈会", Targets: []int64{TeamID}},
		{Text: "公车私用", Title: "车辆管理", Channel: "意见箱", Targets: []int64{zhang}},
		{Text: "会风不正", Channel: "意见箱", Targets: []int64{zhang, TeamID}},
		{Text: "道路失修", Channel: "专线电话"},
	} {
		id, err := l.AddOpinion(o)
		if err != nil {
			t.Fatal(i, err)
		}
		ids = append(ids, id)
	}
	b, err := NewBoard(l)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		f    BoardFilter
		want []int64
	}{
		{BoardFilter{}, ids},
		{BoardFilter{Channel: "意见箱"}, ids[1:3]},
		{BoardFilter{HasTarget: true, Target: TeamID}, []int64{ids[0], ids[2]}},
		{BoardFilter{HasTarget: true, Target: zhang, Channel: "意见箱"}, ids[1:3]},
		{BoardFilter{Text: " 会 "}, []int64{ids[0], ids[2]}},
		{BoardFilter{Text: "车辆"}, ids[1:2]},
		{BoardFilter{Text: "没有的词"}, nil},
	} {
		b.SetFilter(tc.f)
		if got := b.Unsorted(); !slices.Equal(got, tc.want) {
			t.Errorf("filter %+v: %v, want %v", tc.f, got, tc.want)
		}
	}
	// The filter holds while opinions come and go.
	b.SetFilter(BoardFilter{Channel: "意见箱"})
	p, _ := l.NewProblem(Problem{Title: "x", Category: Formalism}, ids[1], ids[3])
	b.Sync()
	if got := b.Unsorted(); !slices.Equal(got, ids[2:3]) || b.UnsortedTotal() != 2 {
		t.Errorf("after sorting two: view %v total %d", got, b.UnsortedTotal())
	}
	l.DeleteProblem(p)
	b.Sync()
	if got := b.Unsorted(); !slices.Equal(got, ids[1:3]) || b.UnsortedTotal() != 4 {
		t.Errorf("after deleting the problem: view %v total %d", got, b.UnsortedTotal())
	}
}

func TestProposedTitle(t *testing.T) {
	for _, tc := range []struct {
		o    BoardOpinion
		want string
	}{
		{BoardOpinion{Title: "关于公车私用", Text: "正文"}, "关于公车私用"},
		{BoardOpinion{Text: "\n\u3000 会议太多。\n第二行"}, "会议太多。"},
		{BoardOpinion{Text: "个别领导干部下基层调研走马观花，听汇报多，解决实际问题少"}, "个别领导干部下基层调研走马观花，听汇报多…"},
		{BoardOpinion{Text: "恰好二十个字恰好二十个字恰好二十个字恰好"}, "恰好二十个字恰好二十个字恰好二十个字恰好"},
	} {
		if got := tc.o.ProposedTitle(); got != tc.want {
			t.Errorf("ProposedTitle(%q) = %q, want %q", tc.o.Text, got, tc.want)
		}
	}
}

// TestBoardFollowsLedger performs a long random sequence of every kind of
// change and checks after each that the incrementally updated board equals
// a board loaded from scratch.
func TestBoardFollowsLedger(t *testing.T) {
	l := newTestLedger(t)
	zhang, _ := l.AddLeader(Leader{Name: "张明"})
	li, _ := l.AddLeader(Leader{Name: "李华"})
	var ops []int64
	for i := 0; i < 30; i++ {
		id, err := l.AddOpinion(Opinion{Text: fmt.Sprintf("意见 %d 会议", i), Channel: Channels[i%4],
			Submitter: Submitter{Name: []string{"", "王五", "赵六"}[i%3], Anonymous: i%5 == 0}, Targets: []int64{int64(i % 3)}})
		if err != nil {
			t.Fatal(err)
		}
		ops = append(ops, id)
	}
	b, err := NewBoard(l)
	if err != nil {
		t.Fatal(err)
	}
	b.SetFilter(BoardFilter{Text: "会议", HasTarget: true, Target: TeamID})
	r := rand.New(rand.NewPCG(1, 2))
	someOps := func() []int64 {
		n := 1 + r.IntN(4)
		var s []int64
		for range n {
			s = append(s, ops[r.IntN(len(ops))])
		}
		return s
	}
	problems := func() []int64 {
		ps, _ := l.Problems()
		var ids []int64
		for _, p := range ps {
			ids = append(ids, p.ID)
		}
		return ids
	}
	pick := func() int64 {
		ps := problems()
		if len(ps) == 0 {
			return 0
		}
		return ps[r.IntN(len(ps))]
	}
	var did []string
	for step := 0; step < 150; step++ {
		var what string
		var err error
		switch k := r.IntN(14); {
		case k < 3:
			what = "new"
			_, err = l.NewProblem(Problem{Title: fmt.Sprintf("问题%d", step), Category: Categories[r.IntN(5)], Targets: []int64{int64(r.IntN(3))}}, someOps()...)
		case k < 6:
			if p := pick(); p != 0 {
				what = "assign"
				err = l.Assign(p, someOps()...)
			}
		case k == 6:
			what = "unassign"
			err = l.Unassign(someOps()...)
		case k == 7:
			if a, c := pick(), pick(); a != 0 && a != c {
				what = "merge"
				err = l.Merge(a, c)
			}
		case k == 8:
			if p := pick(); p != 0 {
				what = "move"
				err = l.MoveProblem(p, Categories[r.IntN(5)], r.IntN(3))
			}
		case k == 9:
			if p := pick(); p != 0 {
				what = "update"
				q, _ := l.Problem(p)
				q.Title += "改"
				q.Targets = append(q.Targets, TeamID)
				err = l.UpdateProblem(q)
			}
		case k == 10:
			if p := pick(); p != 0 {
				what = "delete"
				err = l.DeleteProblem(p)
			}
		case k == 11:
			what = "undo"
			if l.UndoLabel() != "" {
				_, err = l.Undo()
			}
		case k == 12:
			what = "redo"
			if l.RedoLabel() != "" {
				_, err = l.Redo()
			}
		case k == 13:
			switch r.IntN(4) {
			case 0:
				what = "add opinion"
				var id int64
				id, err = l.AddOpinion(Opinion{Text: fmt.Sprintf("新意见 %d 会议", step), Channel: "网络征集", Targets: []int64{TeamID}})
				ops = append(ops, id)
			case 1:
				what = "opinion targets"
				err = l.SetOpinionTargets(ops[r.IntN(len(ops))], []int64{TeamID, li})
			case 2:
				what = "add leader"
				_, err = l.AddLeader(Leader{Name: fmt.Sprintf("成员%d", step)})
			case 3:
				what = "import"
				_, err = l.Import(context.Background(), "导入.xlsx", fmt.Sprint("h", step), "问卷调查", func(tx *ImportTx) error {
					o := Opinion{Text: "导入的会议意见", Targets: []int64{TeamID}, Source: Source{Row: 2}}
					_, err := tx.Add(&o)
					if err == nil {
						ops = append(ops, o.ID)
					}
					return err
				})
			}
		}
		if err != nil {
			t.Fatalf("step %d %s: %v", step, what, err)
		}
		did = append(did, what)
		if _, err := b.Sync(); err != nil {
			t.Fatal(err)
		}
		fresh, err := NewBoard(l)
		if err != nil {
			t.Fatal(err)
		}
		fresh.SetFilter(b.Filter())
		if got, want := boardSnapshot(t, b), boardSnapshot(t, fresh); got != want {
			t.Fatalf("after %v the board differs from a fresh load:\n got %s\nwant %s", did, got, want)
		}
	}
	// Removing a member reloads (targets change everywhere).
	if err := l.RemoveLeader(zhang); err != nil {
		t.Fatal(err)
	}
	b.Sync()
	fresh, _ := NewBoard(l)
	fresh.SetFilter(b.Filter())
	if boardSnapshot(t, b) != boardSnapshot(t, fresh) {
		t.Error("after removing a member the board differs from a fresh load")
	}
}

// benchBoardLedger makes a ledger of n opinions and 5,000 problems; half of
// the opinions are sorted. Problems are written in one transaction (the
// steps a person would take one by one would take minutes to replay here).
func benchBoardLedger(b *testing.B, n int) *Ledger {
	b.Helper()
	dir := b.TempDir()
	l, err := Create(filepath.Join(dir, "board.taizhang"), Info{Unit: "基准单位"}, Options{NoDailyBackup: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { l.Close() })
	for _, name := range []string{"张明", "李华", "王刚"} {
		if _, err := l.AddLeader(Leader{Name: name}); err != nil {
			b.Fatal(err)
		}
	}
	fillLedger(b, l, n)
	const problems = 5000
	err = l.write(context.Background(), func(w *writer) error {
		now, _ := time.Parse(time.RFC3339Nano, w.at)
		for i := 1; i <= problems; i++ {
			p := Problem{ID: int64(i), Title: fmt.Sprintf("问题 %d", i), Category: Categories[i%5], Kind: Individual,
				Position: i / 5, Created: now, Updated: now}
			if err := w.putProblem("problem.new", nil, p); err != nil {
				return err
			}
		}
		_, err := w.tx.Exec(`UPDATE opinions SET problem_id = 1 + (id % ?) WHERE id % 2 = 0`, problems)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return l
}

func boardHeapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkBoard measures the board at 10^4 and 10^5 opinions with 5,000
// problems: opening it (loading the model), filtering, and committing a drop
// (Assign plus the board's incremental update), with the memory of the open
// board.
func BenchmarkBoard(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			l := benchBoardLedger(b, n)
			var board *Board
			var open time.Duration
			var mem uint64
			for b.Loop() {
				board = nil
				base := boardHeapInUse()
				start := time.Now()
				var err error
				if board, err = NewBoard(l); err != nil {
					b.Fatal(err)
				}
				open = time.Since(start)
				mem = boardHeapInUse() - base
			}
			b.ReportMetric(float64(open.Microseconds())/1000, "open-ms")
			b.ReportMetric(float64(mem)/(1<<20), "board-MiB")

			// Filter: by text, then channel and target, then cleared.
			start := time.Now()
			board.SetFilter(BoardFilter{Text: "公车"})
			board.SetFilter(BoardFilter{Channel: "意见箱", HasTarget: true, Target: TeamID})
			board.SetFilter(BoardFilter{})
			b.ReportMetric(float64(time.Since(start).Microseconds())/1000/3, "filter-ms")

			// Drops: one unsorted opinion onto a problem, committed and
			// reflected on the board. Median of 41.
			var times []time.Duration
			for i := 0; i < 41; i++ {
				oid := board.Unsorted()[i]
				pid := int64(1 + i*97%5000)
				start := time.Now()
				if err := l.Assign(pid, oid); err != nil {
					b.Fatal(err)
				}
				if _, err := board.Sync(); err != nil {
					b.Fatal(err)
				}
				times = append(times, time.Since(start))
				if board.Opinion(oid).Problem != pid {
					b.Fatal("the drop did not reach the board")
				}
			}
			sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
			b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "drop-ms-median")
			b.ReportMetric(float64(times[len(times)*9/10].Microseconds())/1000, "drop-ms-p90")
		})
	}
}

// TestBoardBulkStep: a step that moves more opinions than Sync follows one by
// one is picked up by a reload, with the same result.
func TestBoardBulkStep(t *testing.T) {
	l := newTestLedger(t)
	fillLedger(t, l, bulkChanges+100)
	b, err := NewBoard(l)
	if err != nil {
		t.Fatal(err)
	}
	ids := slices.Clone(b.Unsorted()[:bulkChanges+10])
	p, err := l.NewProblem(Problem{Title: "大问题", Category: Formalism}, ids...)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Sync(); err != nil {
		t.Fatal(err)
	}
	if c := b.Card(p); c == nil || c.Opinions != len(ids) || b.UnsortedTotal() != 90 {
		t.Fatalf("after the bulk step: card %v, %d unsorted", c, b.UnsortedTotal())
	}
	l.Undo()
	b.Sync()
	if b.Card(p) != nil || b.UnsortedTotal() != bulkChanges+100 {
		t.Errorf("after undoing it: %d unsorted", b.UnsortedTotal())
	}
}
