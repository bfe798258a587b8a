package suggest

import (
	"slices"
	"strings"
	"testing"

	"taizhang/ledger"
)

// team is a county team with two members named 张.
var team = []ledger.Leader{
	{ID: 1, Name: "王建国", Post: "县委书记", Portfolio: "主持县委全面工作"},
	{ID: 2, Name: "李明", Post: "县委副书记、县长", Portfolio: "主持县政府全面工作"},
	{ID: 3, Name: "张华", Post: "副县长", Portfolio: "分管教育、卫生健康"},
	{ID: 4, Name: "张强", Post: "副县长", Portfolio: "分管交通、城乡建设"},
	{ID: 5, Name: "赵敏", Post: "组织部长", Portfolio: "分管组织工作"},
	{ID: 6, Name: "欧阳春", Post: "纪委书记", Portfolio: "分管纪检监察"},
}

var targetTable = []struct {
	text      string
	want      []int64
	ambiguous bool
}{
	{"王书记主持的会太长", []int64{1}, false},
	{"王建国同志要多下基层", []int64{1}, false},
	{"李县长那里的事拖了很久", []int64{2}, false},
	{"县长应该管一管", []int64{2}, false},
	{"组织部长要关心年轻干部", []int64{5}, false},
	{"分管教育的副县长要关注大班额", []int64{3}, false},
	{"分管交通的领导应该看看这条路", []int64{4}, false},
	{"欧阳书记", []int64{6}, false},
	{"张强副县长分管的交通没抓好", []int64{4}, false},
	{"王建国书记很少下来", []int64{1}, false},
	{"班子要带头", []int64{ledger.TeamID}, false},
	{"县委应该重视", []int64{ledger.TeamID}, false},
	{"领导们很少下来", []int64{ledger.TeamID}, false},
	{"主要领导要多到困难企业调研", []int64{1}, false},
	{"张县长对来信不回复", []int64{3, 4}, true},
	{"副县长们分工不清", []int64{3, 4}, true},
	{"路灯坏了", nil, false},
}

func TestTargets(t *testing.T) {
	tm := newTargetMatcher(team)
	for _, tc := range targetTable {
		p := tm.find(tc.text)
		if !slices.Equal(p.Targets, tc.want) || p.Ambiguous != tc.ambiguous {
			t.Errorf("%q: got %v (ambiguous %v, %s), want %v (ambiguous %v)", tc.text, p.Targets, p.Ambiguous, p.Reason, tc.want, tc.ambiguous)
		}
		if len(tc.want) > 0 && p.Reason == "" {
			t.Errorf("%q: no reason", tc.text)
		}
		for _, sp := range p.Spans {
			if sp.Start < 0 || sp.End > len(tc.text) || sp.Start >= sp.End {
				t.Errorf("%q: bad span %v", tc.text, sp)
			}
		}
	}
}

func TestAmbiguousTargetNamesBoth(t *testing.T) {
	p := newTargetMatcher(team).find("张县长对来信不回复")
	if !strings.Contains(p.Reason, "张华") || !strings.Contains(p.Reason, "张强") {
		t.Errorf("reason %q does not name both members", p.Reason)
	}
}
