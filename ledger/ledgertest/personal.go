package ledgertest

import (
	"fmt"
	"testing"

	"taizhang/ledger"
)

// Secrets are the personal details Personal puts on its opinions, each
// distinctive enough that finding it anywhere in an output means it leaked.
var Secrets = []string{
	"欧阳锦绣",              // a submitter's name
	"锦绣花园业主委员会",         // a submitter's unit
	"13987650123",       // a submitter's contact
	"jinxiu@example.cn", // another contact
	"203.0.113.77",      // 来自IP, an identifying attribute
	"13811112222",       // 联系电话, an identifying attribute
	"A0099887766",       // 留言用户, an identifying attribute
	"上官明月",              // a second submitter, marked anonymous though named
}

// PublicAttr is an attribute of Personal's opinions that identifies nobody:
// it must still reach the outputs that show attributes.
const PublicAttr, PublicAttrValue = "1、您的年龄段", "36至45岁"

// PersonalTexts are the texts of Personal's opinions: every output that
// shows opinions must show them (so that a privacy test cannot pass by
// showing nothing).
var PersonalTexts = []string{
	"窗口单位午休时间无人值守，群众办事要跑两趟，建议实行错时延时服务。",
	"公务接待仍有超标准现象，建议严格执行接待清单制度。",
	"部分干部下乡调研只看材料不进农户，问题反映上去没有回音。",
}

// ProblemTitle is the title of Personal's problem.
const ProblemTitle = "窗口服务和公务接待不规范"

// Personal returns a ledger whose opinions carry the Secrets: submitters
// with names, units and contacts, and identifying attributes (来自IP,
// 联系电话, 留言用户) beside a public one (PublicAttr). It has one member
// (张明), and a problem holding every opinion, aimed at the team and at him,
// so the opinions reach every report, the feedback sheets included.
func Personal(tb testing.TB) *ledger.Ledger {
	tb.Helper()
	l := New(tb, ledger.Info{Unit: "某县委办公室", Title: "征求意见台账", PeriodStart: "2026-11-01", PeriodEnd: "2026-11-30"}, ledger.Options{})
	zhang, err := l.AddLeader(ledger.Leader{Name: "张明", Post: "书记", Portfolio: "主持全面工作"})
	if err != nil {
		tb.Fatal(err)
	}
	subs := []ledger.Submitter{
		{Name: Secrets[0], Unit: Secrets[1], Contact: Secrets[2]},
		{Name: Secrets[7], Contact: Secrets[3], Anonymous: true},
		{Name: Secrets[0], Unit: Secrets[1], Contact: Secrets[2]},
	}
	var ids []int64
	for i, text := range PersonalTexts {
		o := ledger.Opinion{Text: text, Channel: ledger.Channels[i*3%len(ledger.Channels)], Date: fmt.Sprintf("2026-11-%d", 20+i),
			Submitter: subs[i], Targets: []int64{[]int64{ledger.TeamID, zhang}[i%2]},
			Attrs: map[string]string{"来自IP": Secrets[4], "联系电话": Secrets[5], "留言用户": Secrets[6], PublicAttr: PublicAttrValue}}
		id, err := l.AddOpinion(o)
		if err != nil {
			tb.Fatal(err)
		}
		ids = append(ids, id)
	}
	if _, err := l.NewProblem(ledger.Problem{Title: ProblemTitle, Category: ledger.Bureaucratism, Kind: ledger.Shared,
		Targets: []int64{ledger.TeamID, zhang}}, ids...); err != nil {
		tb.Fatal(err)
	}
	return l
}
