package ledger

import (
	"slices"
	"strings"
	"testing"
)

// The shared rules the window and the commands both call: each has its test
// here, once.

func TestTeamAliases(t *testing.T) {
	l := newTestLedger(t)
	zhang, _ := l.AddLeader(Leader{Name: "张明"})
	for _, a := range append(slices.Clone(TeamAliases), " 班子整体\u3000") {
		if !IsTeamName(a) {
			t.Errorf("IsTeamName(%q) = false", a)
		}
		if id, err := l.ResolveTarget(a); err != nil || id != TeamID {
			t.Errorf("ResolveTarget(%q) = %d, %v; want the team", a, id, err)
		}
		if _, err := l.AddLeader(Leader{Name: a}); err == nil {
			t.Errorf("a member named %q was accepted", a)
		}
	}
	for _, s := range []string{"张明", "班子成员", "领导", ""} {
		if IsTeamName(s) {
			t.Errorf("IsTeamName(%q) = true", s)
		}
	}
	if id, err := l.ResolveTarget("张明"); err != nil || id != zhang {
		t.Errorf("ResolveTarget(张明) = %d, %v", id, err)
	}
}

func TestNewProblemFromConcernsWhomItsOpinionsConcern(t *testing.T) {
	l := newTestLedger(t)
	zhang, _ := l.AddLeader(Leader{Name: "张明"})
	li, _ := l.AddLeader(Leader{Name: "李红"})
	a, _ := l.AddOpinion(Opinion{Text: "一", Channel: "意见箱", Targets: []int64{li}})
	b, _ := l.AddOpinion(Opinion{Text: "二", Channel: "意见箱", Targets: []int64{TeamID, li, zhang}})
	c, _ := l.AddOpinion(Opinion{Text: "三", Channel: "意见箱"})

	p, err := l.NewProblemFrom(Problem{Title: "甲", Category: Formalism}, a, b, c)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := l.Problem(p); !slices.Equal(got.Targets, []int64{li, TeamID, zhang}) {
		t.Errorf("targets %v, want the union in the order first met [%d 0 %d]", got.Targets, li, zhang)
	}
	// Targets given win; NewProblem alone takes none from the opinions.
	p, _ = l.NewProblemFrom(Problem{Title: "乙", Category: Formalism, Targets: []int64{zhang}}, b)
	if got, _ := l.Problem(p); !slices.Equal(got.Targets, []int64{zhang}) {
		t.Errorf("given targets replaced: %v", got.Targets)
	}
	p, _ = l.NewProblem(Problem{Title: "丙", Category: Formalism}, b)
	if got, _ := l.Problem(p); len(got.Targets) != 0 {
		t.Errorf("NewProblem took the opinions' targets: %v", got.Targets)
	}
	// A missing opinion: refused, nothing made.
	before, _ := l.Problems()
	if _, err := l.NewProblemFrom(Problem{Title: "丁", Category: Formalism}, a, 999); err == nil || !strings.Contains(Message(err), "999") {
		t.Errorf("missing opinion: %v", err)
	}
	if after, _ := l.Problems(); len(after) != len(before) {
		t.Error("a problem was made from a missing opinion")
	}
}

func TestChannelOrder(t *testing.T) {
	m := map[string]int{"意见箱": 2, "座谈会": 1, "自定义乙": 3, "实地走访": 1, "自定义甲": 1, "信访来访": 0}
	want := []string{"实地走访", "座谈会", "意见箱", "自定义乙", "自定义甲"}
	slices.Sort(want[3:]) // others by name
	if got := SortedChannels(m); !slices.Equal(got, want) {
		t.Errorf("SortedChannels = %v, want %v", got, want)
	}
	all := append(slices.Clone(Channels), "其他渠道")
	shuffled := slices.Clone(all)
	slices.Reverse(shuffled)
	slices.SortFunc(shuffled, CompareChannels)
	if !slices.Equal(shuffled, all) {
		t.Errorf("CompareChannels order %v", shuffled)
	}
}
