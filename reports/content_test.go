package reports

import (
	"context"
	"errors"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"taizhang/ledger"
)

// newLedger is an empty ledger of 某县财政局 with members 张明 and 李红.
func newLedger(t *testing.T) (*ledger.Ledger, int64, int64) {
	t.Helper()
	dir := t.TempDir()
	l, err := ledger.Create(filepath.Join(dir, "t.taizhang"), ledger.Info{Unit: "某县财政局", PeriodStart: "2026-11-01", PeriodEnd: "2026-11-30"},
		ledger.Options{NoDailyBackup: true, Now: fixedNow, BackupDir: filepath.Join(dir, "bak")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	zhang, _ := l.AddLeader(ledger.Leader{Name: "张明", Post: "局长"})
	li, _ := l.AddLeader(ledger.Leader{Name: "李红", Post: "副局长"})
	return l, zhang, li
}

func reportText(t *testing.T, l *ledger.Ledger, req Request) string {
	t.Helper()
	pdf, _, _ := render(t, l, req)
	return squeeze(pdfText(t, pdf))
}

var isoDate = regexp.MustCompile(`\d{4}-\d{2}-\d{2}`)

// Issue 13, item 7: the wording a reviewer marked.
func TestWording(t *testing.T) {
	l := newDemoLedger(t)
	liu, _ := l.ResolveTarget("刘志强")
	q, err := l.AddOpinion(ledger.Opinion{Text: "要把“四风”问题真改实改。", Channel: "座谈会", Date: "2026-11-12", Targets: []int64{ledger.TeamID}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.NewProblem(ledger.Problem{Title: "整改不够彻底", Category: ledger.Formalism, Targets: []int64{ledger.TeamID}}, q); err != nil {
		t.Fatal(err)
	}
	all := map[Kind]string{}
	for _, k := range Kinds {
		all[k] = reportText(t, l, Request{Kind: k})
	}
	sit := all[Situation]
	for _, bad := range []string{"其他·工作问题问题", "““", "””"} {
		for k, text := range all {
			if strings.Contains(text, bad) {
				t.Errorf("%s says %q", k, bad)
			}
		}
	}
	if !strings.Contains(sit, "工作方面的问题1个（意见3条）") {
		t.Errorf("the work problems are not counted as 工作方面的问题1个（意见3条）")
	}
	for k, text := range all {
		if d := isoDate.FindString(text); d != "" {
			t.Errorf("%s prints the date %s in ISO form", k, d)
		}
	}
	// 主送 under the title, the unit and date only in the signature.
	if !strings.HasPrefix(sit, "示例县财政局领导班子征求意见情况报告县委第X督导组：按照") {
		t.Errorf("the situation report does not start with the title and the 主送 line: %q", sit[:120])
	}
	l.SetText(KeyRecipient, "县委第三督导组")
	if !strings.Contains(reportText(t, l, Request{Kind: Situation}), "县委第三督导组：") {
		t.Errorf("the 主送 line is not editable")
	}
	// First person in a member's report.
	fw := reportText(t, l, Request{Kind: FourWinds, Targets: []int64{liu}})
	if !strings.Contains(fw, "征求到的意见中涉及本人的问题共") || strings.Contains(fw, "涉及刘志强的问题") {
		t.Errorf("a member's four-winds report does not speak in the first person")
	}
	// Quotes within quotes.
	if !strings.Contains(sit, "“要把‘四风’问题真改实改。”") ||
		!strings.Contains(reportText(t, l, Request{Kind: Feedback, Targets: []int64{ledger.TeamID}}), "要把“四风”问题真改实改。") {
		t.Errorf("the opinion with quotation marks is not quoted with ‘’ inside “”")
	}
}

// Issue 13, item 7: one channel is 采取网络征集的方式, two are 两种, not 二种.
func TestWaysPhrase(t *testing.T) {
	for _, c := range []struct {
		chans []string
		want  string
	}{
		{[]string{"网络征集"}, "采取网络征集的方式"},
		{[]string{"座谈会", "意见箱"}, "采取座谈会、意见箱两种方式"},
		{[]string{"座谈会", "意见箱", "问卷调查"}, "采取座谈会、意见箱、问卷调查等三种方式"},
	} {
		if got := waysPhrase(c.chans); got != c.want {
			t.Errorf("%v: %q, want %q", c.chans, got, c.want)
		}
	}
	l, _, _ := newLedger(t)
	l.AddOpinion(ledger.Opinion{Text: "网上办事流程复杂。", Channel: "网络征集", Date: "2026-11-05", Targets: []int64{ledger.TeamID}})
	if sit := reportText(t, l, Request{Kind: Situation}); !strings.Contains(sit, "采取网络征集的方式") || strings.Contains(sit, "等一种") {
		t.Errorf("one channel: %q", sit[:200])
	}
}

// Issue 13, items 7 and 8: with opinions not yet sorted the reports say how
// many, and refuse nothing; the feedback sheet does not count them twice.
func TestUnsortedOpinionsAreStated(t *testing.T) {
	l, zhang, _ := newLedger(t)
	for _, s := range []string{"会议太多太长。", "文件层层转发。", "检查考核过频。"} {
		l.AddOpinion(ledger.Opinion{Text: s, Channel: "座谈会", Date: "2026-11-05", Targets: []int64{ledger.TeamID}})
	}
	a, _ := l.AddOpinion(ledger.Opinion{Text: "张局长批评人不分场合。", Channel: "意见箱", Date: "2026-11-06", Targets: []int64{zhang}})
	l.AddOpinion(ledger.Opinion{Text: "张局长下基层少。", Channel: "意见箱", Date: "2026-11-07", Targets: []int64{zhang}})
	l.AddOpinion(ledger.Opinion{Text: "张局长审批慢。", Channel: "意见箱", Date: "2026-11-08", Targets: []int64{zhang}})
	fw := reportText(t, l, Request{Kind: FourWinds, Targets: []int64{ledger.TeamID}})
	for _, want := range []string{"涉及领导班子的问题共0个、意见0条；另有涉及领导班子的意见3条尚未梳理归类", "已归类的意见中未反映这方面的具体问题"} {
		if !strings.Contains(fw, want) {
			t.Errorf("the team's four-winds report lacks %q", want)
		}
	}
	fb := reportText(t, l, Request{Kind: Feedback, Targets: []int64{zhang}})
	if !strings.Contains(fb, "涉及张明的共3条，均尚未归类") {
		t.Errorf("feedback with all unsorted: %q", fb[:200])
	}
	if _, err := l.NewProblem(ledger.Problem{Title: "批评干部不分场合", Category: ledger.Bureaucratism, Targets: []int64{zhang}}, a); err != nil {
		t.Fatal(err)
	}
	fb = reportText(t, l, Request{Kind: Feedback, Targets: []int64{zhang}})
	if !strings.Contains(fb, "涉及张明的共3条，其中1条归纳为1个问题，2条尚未归类") {
		t.Errorf("feedback with some unsorted: %q", fb[:200])
	}
	fw = reportText(t, l, Request{Kind: FourWinds, Targets: []int64{zhang}})
	if !strings.Contains(fw, "另有涉及本人的意见2条尚未梳理归类") || !strings.Contains(fw, "一是批评干部不分场合") {
		t.Errorf("member's four-winds with some unsorted: %q", fw)
	}
}

// Issue 13, item 9: the report's per-target counts are Stats.ByTarget
// (ledger.Concerns), the definition the report states.
func TestTargetCountsMatchStats(t *testing.T) {
	l := newDemoLedger(t)
	s, err := load(context.Background(), l, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	st, err := l.Stats()
	if err != nil {
		t.Fatal(err)
	}
	for id, name := range s.names {
		if s.targetOpinions[id] != st.ByTarget[name] {
			t.Errorf("%s: report counts %d, stats %d", name, s.targetOpinions[id], st.ByTarget[name])
		}
	}
	if s.noTarget != st.NoTarget {
		t.Errorf("no target: report %d, stats %d", s.noTarget, st.NoTarget)
	}
	if sit := reportText(t, l, Request{Kind: Situation}); !strings.Contains(sit, "均计为涉及该对象") {
		t.Errorf("the situation report does not state what it counts")
	}
}

// Issue 13, item 10 and issue 10: texts are checked in one place.
func TestCheckText(t *testing.T) {
	l, zhang, _ := newLedger(t)
	if _, err := SetTexts(l, map[string]string{"report.nosuch": "1", KeyUnit: "中共某县财政局党组"}); err == nil ||
		!strings.Contains(ledger.Message(err), "report.nosuch") || !strings.Contains(ledger.Message(err), KeyFactFormsSent) {
		t.Errorf("unknown key: %v", err)
	}
	if v, _ := l.Text(KeyUnit); v != "" {
		t.Errorf("a refused set stored %q", v)
	}
	for key, value := range map[string]string{KeyDate: "明天", KeyFactSymposiums: "八", KeyFourWindsCauses: "x", "report.fourwinds.causes:无此人": "x",
		KeyFourWindsCauses + "99": "x", KeyUnit + ":1": "x"} {
		if _, _, err := CheckText(l, key, value); err == nil {
			t.Errorf("%s=%s accepted", key, value)
		}
	}
	n, err := SetTexts(l, map[string]string{KeyDate: "2026年12月1日", "report.fourwinds.causes:张明": "本人宗旨意识不强。", KeyFactSymposiums: " 8 "})
	if err != nil || n != 3 {
		t.Fatalf("set: %d %v", n, err)
	}
	if v, _ := l.Text(KeyDate); v != "2026-12-01" {
		t.Errorf("date stored as %q", v)
	}
	if v, _ := l.Text(TargetKey(KeyFourWindsCauses, zhang)); v != "本人宗旨意识不强。" {
		t.Errorf("causes by name stored as %q", v)
	}
	if _, err := SetTexts(l, map[string]string{KeyFactFormsSent: "10", KeyFactFormsReturned: "12"}); err == nil {
		t.Errorf("more forms returned than sent was accepted")
	}
}

// A 征求意见情况报告 for each member: the opinions that concern them, by
// channel and category, their problems with quotes, in the first person.
func TestMemberSituationReport(t *testing.T) {
	l := newDemoLedger(t)
	liu, _ := l.ResolveTarget("刘志强")
	in, _ := concernsFor(t, l, liu)
	text := reportText(t, l, Request{Kind: Situation, Targets: []int64{liu}})
	for _, want := range []string{"刘志强同志征求意见情况报告", "本人", "涉及本人的共" + itoa(len(in)) + "条", "审批环节多、资金拨付和评审慢",
		"政策信息公开和解读不及时", "四、意见处理情况", "刘志强2026年11月20日"} {
		if !strings.Contains(text, want) {
			t.Errorf("刘志强's situation report lacks %q", want)
		}
	}
	if strings.Contains(text, "文山会海") {
		t.Errorf("a team problem is in a member's situation report")
	}
	plan, err := NewPlan(l, Request{Kind: Situation, Split: true}, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	leaders, _ := l.Leaders()
	if len(plan.Outputs) != 1+len(leaders) || !strings.HasSuffix(plan.Outputs[0].Path, "征求意见情况报告-领导班子.pdf") {
		t.Errorf("split situation: %+v", plan.Outputs)
	}
}

// 基本情况 facts are printed as published reports state them.
func TestFactsPrinted(t *testing.T) {
	l := newDemoLedger(t)
	if _, err := SetTexts(l, map[string]string{KeyFactSymposiums: "8", KeyFactSymposiumDetail: "11月12日、11月18日，由局长主持",
		KeyFactTalks: "15", KeyFactFormsSent: "110", KeyFactFormsReturned: "63", KeyFactScope: "机关干部、服务对象和基层群众"}); err != nil {
		t.Fatal(err)
	}
	want := "本次征求意见面向机关干部、服务对象和基层群众，召开座谈会8场（11月12日、11月18日，由局长主持），开展个别谈心谈话15人次，发放征求意见表110份，收回63份（回收率57.3%）。"
	if text := reportText(t, l, Request{Kind: Situation}); !strings.Contains(text, squeeze(want)) {
		t.Errorf("facts not printed: %s", divergence(text, squeeze(want)))
	}
}

// The four-winds report is a first-person draft in the 对照检查 form, with
// the places the leader writes marked until written; feedback sheets have
// a space for the response and a sign-off line.
func TestDraftsAndSheets(t *testing.T) {
	l := newDemoLedger(t)
	liu, _ := l.ResolveTarget("刘志强")
	fw := reportText(t, l, Request{Kind: FourWinds, Targets: []int64{ledger.TeamID}})
	for _, want := range []string{"一是文山会海仍未根本解决", "二是检查考核过多过频", "【此处由领导班子填写原因剖析", "【整改措施待填写"} {
		if !strings.Contains(fw, want) {
			t.Errorf("team draft lacks %q", want)
		}
	}
	doc, _, _ := Build(context.Background(), l, Request{Kind: FourWinds, Targets: []int64{liu}})
	marked := 0
	for _, b := range doc.Parts[0].Blocks {
		if b.Kind == Placeholder {
			marked++
		}
	}
	if marked != 2 {
		t.Errorf("%d marked places, want causes and measures", marked)
	}
	l.SetText(TargetKey(KeyFourWindsCauses, liu), "本人宗旨意识不强。")
	doc, _, _ = Build(context.Background(), l, Request{Kind: FourWinds, Targets: []int64{liu}})
	for _, b := range doc.Parts[0].Blocks {
		if b.Kind == Placeholder && strings.Contains(b.Text, "宗旨意识") {
			t.Errorf("written causes still marked as a placeholder")
		}
	}
	fb := reportText(t, l, Request{Kind: Feedback, Targets: []int64{liu}})
	for _, want := range []string{"本人回应（对照检查和整改打算）：", "签收人：", "日期：", "反馈对象：党组成员、副局长刘志强同志"} {
		if !strings.Contains(fb, squeeze(want)) {
			t.Errorf("feedback sheet lacks %q", want)
		}
	}
}

// The request rules shared by the window and the command.
func TestPlanRules(t *testing.T) {
	l := newDemoLedger(t)
	dir := t.TempDir()
	for _, c := range []struct {
		req Request
		out string
	}{
		{Request{Kind: Situation}, filepath.Join(dir, "报告.txt")},
		{Request{Kind: Situation}, filepath.Join(dir, "报告")},
		{Request{Kind: FourWinds, Split: true}, filepath.Join(dir, "报告.pdf")},
		{Request{Kind: FourWinds, Split: true, Targets: []int64{ledger.TeamID}}, dir},
		{Request{Kind: Feedback, Targets: []int64{999}}, filepath.Join(dir, "x.pdf")},
		{Request{Kind: "nosuch"}, filepath.Join(dir, "x.pdf")},
		{Request{Kind: Situation, Format: Word}, filepath.Join(dir, "x.pdf")},
	} {
		if _, err := NewPlan(l, c.req, c.out); err == nil {
			t.Errorf("%+v → %s accepted", c.req, c.out)
		}
	}
	p, err := NewPlan(l, Request{Kind: Situation}, filepath.Join(dir, "报告.DOCX"))
	if err != nil || p.Outputs[0].Request.Format != Word {
		t.Errorf("报告.DOCX: %+v %v", p, err)
	}
	p, err = NewPlan(l, Request{Kind: Feedback, Split: true, Format: Word, Options: Options{Internal: true}}, dir)
	if err != nil || len(p.Notes) != 1 || p.Outputs[0].Request.Internal || !strings.HasSuffix(p.Outputs[0].Path, ".docx") {
		t.Errorf("feedback split internal: %+v %v", p, err)
	}
	if got := SafeName(`a/b\c:d*e?f"g<h>i|j` + "\x01"); got != "a_b_c_d_e_f_g_h_i_j_" {
		t.Errorf("SafeName = %q", got)
	}
	if _, err := Write(context.Background(), l, Output{Path: filepath.Join(dir, "x.pdf"), Request: Request{Kind: Feedback, Targets: []int64{999}, Format: PDF}}); !errors.Is(err, ledger.ErrNotFound) {
		t.Errorf("unknown member: %v", err)
	}
}
