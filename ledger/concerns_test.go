package ledger

import (
	"slices"
	"testing"
)

var concernsCases = []struct {
	name   string
	own    []int64
	pt     []int64
	sorted bool
	want   []int64
}{
	{"unsorted, names nobody", nil, nil, false, nil},
	{"unsorted, names the team", []int64{TeamID}, nil, false, []int64{TeamID}},
	{"in a problem without targets", nil, nil, true, []int64{TeamID}},
	{"in a member's problem", []int64{TeamID}, []int64{3}, true, []int64{TeamID, 3}},
	{"named twice", []int64{3, 2}, []int64{2, 3}, true, []int64{2, 3}},
}

func TestConcerns(t *testing.T) {
	for _, c := range concernsCases {
		if got := Concerns(c.own, c.pt, c.sorted); !slices.Equal(got, c.want) {
			t.Errorf("%s: Concerns(%v, %v, %v) = %v, want %v", c.name, c.own, c.pt, c.sorted, got, c.want)
		}
	}
}

// Stats.ByTarget counts an opinion for the targets of its problem too,
// as the reports do (issue 13 item 9: the report said 62, stats 61).
func TestStatsByTargetFollowsConcerns(t *testing.T) {
	l := newTestLedger(t)
	zhang, _ := l.AddLeader(Leader{Name: "张明", Post: "局长"})
	a, _ := l.AddOpinion(Opinion{Text: "会议太多", Channel: "座谈会", Targets: []int64{TeamID}})
	b, _ := l.AddOpinion(Opinion{Text: "张局长批评人不分场合", Channel: "意见箱"})
	l.AddOpinion(Opinion{Text: "食堂饭菜单一", Channel: "意见箱"})
	if _, err := l.NewProblem(Problem{Title: "批评干部不分场合", Category: Bureaucratism, Targets: []int64{zhang}}, b); err != nil {
		t.Fatal(err)
	}
	if _, err := l.NewProblem(Problem{Title: "文山会海", Category: Formalism}, a); err != nil {
		t.Fatal(err)
	}
	s, err := l.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if s.ByTarget[TeamName] != 1 || s.ByTarget["张明"] != 1 || s.NoTarget != 1 {
		t.Errorf("by_target %v, no_target %d; want 领导班子 1, 张明 1 (through the problem), none 1", s.ByTarget, s.NoTarget)
	}
}
