package suggest

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"taizhang/assets"
	"taizhang/ledger"
)

// sortedInput: a person made two problems; the rest is unsorted.
func sortedInput() Input {
	return Input{
		Problems: []Problem{{ID: 10, Title: "会议过多", Category: ledger.Formalism}, {ID: 20, Title: "公车私用", Category: ledger.Extravagance}},
		Opinions: []Opinion{
			{ID: 1, Text: "会议太多太长，一周要开好几个会。", Problem: 10},
			{ID: 2, Text: "开会多，陪会多，干事的时间少了。", Problem: 10},
			{ID: 3, Text: "有人开单位的车接送孩子上下学。", Problem: 20},
			{ID: 4, Text: "节假日还能看到公车停在饭店门口。", Problem: 20},
			{ID: 5, Text: "文山会海问题依然突出，希望少开会。"},
			{ID: 6, Text: "公家车经常被用来办私事。"},
			{ID: 7, Text: "村里的水泥路破损严重，下雨天泥泞难行。"},
			{ID: 8, Text: "会议层层套开，县里开完乡里开。", Excluded: true},
		},
	}
}

func TestLikelyProblemLearnsFromTheSortedOpinions(t *testing.T) {
	m, err := Build(context.Background(), nil, sortedInput(), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for op, want := range map[int64]int64{5: 10, 6: 20} {
		p, ok := m.LikelyProblem(op)
		if !ok || p.Problem != want {
			t.Errorf("opinion %d: got %+v, want problem %d", op, p, want)
			continue
		}
		if len(p.Concepts) == 0 || p.Reason == "" || len(p.Highlights) == 0 {
			t.Errorf("opinion %d: proposal without concepts, reason or highlights: %+v", op, p)
		}
		text := sortedInput().Opinions[op-1].Text
		for _, h := range p.Highlights {
			if h.Start < 0 || h.End > len(text) || h.Start >= h.End {
				t.Errorf("opinion %d: highlight %v outside its text", op, h)
			}
		}
	}
	if p, ok := m.LikelyProblem(7); ok {
		t.Errorf("a road complaint was proposed for %+v", p)
	}
	for _, id := range []int64{1, 8} { // sorted; marked 不计入
		if p, ok := m.LikelyProblem(id); ok {
			t.Errorf("opinion %d is not unsorted but got %+v", id, p)
		}
	}
}

func TestARejectedPairIsNeverProposed(t *testing.T) {
	in := sortedInput()
	in.Rejected = []Pair{{Opinion: 5, Problem: 10}}
	m, _ := Build(context.Background(), nil, in, DefaultOptions())
	for _, p := range m.LikelyProblems(5, 5) {
		if p.Problem == 10 {
			t.Fatalf("rejected pair proposed: %+v", p)
		}
	}
	m.Reject(6, 20)
	for _, p := range m.LikelyProblems(6, 5) {
		if p.Problem == 20 {
			t.Fatalf("pair rejected on the model proposed: %+v", p)
		}
	}
}

func TestLearnMakesANewProblemProposable(t *testing.T) {
	in := sortedInput()
	in.Opinions = append(in.Opinions, Opinion{ID: 9, Text: "乡道路面塌陷，坑坑洼洼，希望尽快维修。"})
	m, _ := Build(context.Background(), nil, in, DefaultOptions())
	if p, ok := m.LikelyProblem(9); ok {
		t.Fatalf("before learning: %+v", p)
	}
	m.Learn(7, Problem{ID: 30, Title: "问题三", Category: ledger.OtherWork})
	p, ok := m.LikelyProblem(9)
	if !ok || p.Problem != 30 {
		t.Fatalf("after learning: %+v %v", p, ok)
	}
	m.Learn(7, Problem{}) // taken out again
	if p, ok := m.LikelyProblem(9); ok && p.Problem == 30 {
		t.Errorf("an emptied problem still attracts: %+v", p)
	}
}

func TestGroupsHoldOnlyUnsortedOpinionsAndForgetRejected(t *testing.T) {
	in := Input{Opinions: []Opinion{
		{ID: 1, Text: "会议太多太长，一周要开好几个会。"},
		{ID: 2, Text: "文山会海问题依然突出，希望少开会。"},
		{ID: 3, Text: "开会多，陪会多，干事的时间少了。", Problem: 7},
		{ID: 4, Text: "会议层层套开，县里开完乡里开。", Excluded: true},
		{ID: 5, Text: "有人开单位的车接送孩子上下学。"},
		{ID: 6, Text: "公家车经常被用来办私事。"},
	}}
	m, _ := Build(context.Background(), nil, in, DefaultOptions())
	gs, err := m.Groups(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, g := range gs {
		keys = append(keys, g.Key)
		if slices.Contains(g.Opinions, 3) || slices.Contains(g.Opinions, 4) {
			t.Errorf("group %s holds a sorted or excluded opinion: %v", g.Key, g.Opinions)
		}
		if g.Title == "" || g.Reason == "" || g.Category.Category == "" {
			t.Errorf("group without title, reason or category: %+v", g)
		}
	}
	if !slices.Contains(keys, "概念:会议过多过长") || !slices.Contains(keys, "概念:公车私用") {
		t.Fatalf("groups %v", keys)
	}
	in.RejectedGroups = []string{"概念:公车私用"}
	m, _ = Build(context.Background(), nil, in, DefaultOptions())
	gs, _ = m.Groups(context.Background())
	for _, g := range gs {
		if g.Key == "概念:公车私用" {
			t.Errorf("a rejected group is proposed again: %+v", g)
		}
	}
}

func TestCategoryOfTheIssuesExamples(t *testing.T) {
	in := Input{Opinions: []Opinion{
		{ID: 1, Text: "开单位的车接送孩子上下学"},
		{ID: 2, Text: "村里的水泥路破损严重，下雨天泥泞难行。"},
		{ID: 3, Text: "到部门办事门难进、脸难看、事难办。"},
		{ID: 4, Text: "领导调研走马观花，看的都是提前安排好的点。"},
		{ID: 5, Text: "上班时间在网上购物、炒股。"},
		{ID: 6, Text: "谢谢"},
	}}
	want := map[int64]string{1: ledger.Extravagance, 2: ledger.OtherWork, 3: ledger.Bureaucratism, 4: ledger.Formalism, 5: ledger.Hedonism, 6: ledger.OtherWork}
	m, _ := Build(context.Background(), nil, in, DefaultOptions())
	for id, w := range want {
		c := m.Category(id)
		if c.Category != w || c.Reason == "" {
			t.Errorf("opinion %d: %+v, want %s", id, c, w)
		}
	}
	if c := m.Category(1); !strings.Contains(c.Reason, "公车私用") {
		t.Errorf("reason %q does not name the concept", c.Reason)
	}
}

func TestFromTheDemoLedger(t *testing.T) {
	l, err := ledger.CreateFromSeed(filepath.Join(t.TempDir(), "demo.taizhang"), assets.DemoLedger, ledger.Options{NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	in, err := FromLedger(l)
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Opinions) < 30 || len(in.Members) != 4 {
		t.Fatalf("read %d opinions and %d members", len(in.Opinions), len(in.Members))
	}
	m, err := Build(context.Background(), nil, in, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	gs, err := m.Groups(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	titles := map[string][]int64{}
	for _, g := range gs {
		titles[g.Title] = g.Opinions
	}
	// The demo's two meeting complaints and its two research complaints.
	for _, title := range []string{"会议过多过长", "调研走过场"} {
		if len(titles[title]) < 2 {
			t.Errorf("no group %s in %v", title, titles)
		}
	}
	var zhou int64
	for _, mb := range in.Members {
		if mb.Name == "周建国" {
			zhou = mb.ID
		}
	}
	found := false
	for _, o := range in.Opinions {
		if strings.Contains(o.Text, "周局长") {
			found = true
			if got := m.Targets(o.ID).Targets; !slices.Equal(got, []int64{zhou}) {
				t.Errorf("周局长 → %v, want 周建国 (%d)", got, zhou)
			}
		}
	}
	if !found {
		t.Error("the demo has no 周局长 any more")
	}
}
