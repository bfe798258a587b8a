package reports

import (
	"context"
	"strings"

	"taizhang/ledger"
)

// fbEntry is an opinion as a feedback sheet shows it: no submitter.
type fbEntry struct {
	id      int64
	text    string
	title   string
	channel string
	date    string
}

// buildFeedback makes the feedback sheets (意见反馈表): for each member, every
// opinion that concerns them, verbatim, grouped by problem, submitter hidden.
// An opinion concerns a member when its own targets include the member, or
// when it is in a problem whose targets include the member. The team's sheet
// (TeamID) takes the opinions aimed at the team and those in problems aimed
// at the team or at nobody in particular. Submitters are never shown, not
// even in an internal copy.
func buildFeedback(ctx context.Context, l *ledger.Ledger, targets []int64, opt Options) (*Document, []Text, error) {
	want := map[int64]bool{}
	all := targets == nil
	for _, id := range targets {
		want[id] = true
	}
	// entries[target][problem] in id order; problem 0 holds the unsorted.
	entries := map[int64]map[int64][]fbEntry{}
	// Read through the public view whatever opt says: a feedback sheet
	// never shows who said what.
	s, err := load(ctx, l, Options{Progress: opt.Progress}, func(s *snapshot, o *ledger.Opinion) error {
		for _, id := range s.concerns(o) {
			if !all && !want[id] || all && id == ledger.TeamID {
				continue
			}
			m := entries[id]
			if m == nil {
				m = map[int64][]fbEntry{}
				entries[id] = m
			}
			pid := o.ProblemID
			if s.byID[pid] == nil {
				pid = 0
			}
			m[pid] = append(m[pid], fbEntry{id: o.ID, text: o.Text, title: o.Title, channel: o.Channel, date: o.Date})
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	t := &texts{l: l}
	unit, date := t.unitDate(s)
	whos, err := resolveTargets(s, unit, targets, false)
	if err != nil {
		return nil, nil, err
	}
	title := t.get(KeyFeedbackTitle, "", "征求意见反馈表", false)
	note := t.get(KeyFeedbackOpening, "",
		"以下意见原文照录，按所归并的问题分组，提出人信息已隐去。请对照检查、认真反思，在每个问题下的“本人回应”处写明回应和整改打算，在专题民主生活会上逐条作出回应，签收后交回。", true)
	doc := &Document{Internal: opt.Internal, Date: date, Progress: opt.Progress}
	for _, w := range whos {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		doc.Parts = append(doc.Parts, feedbackPart(s, w, unit, date, title, note, entries[w.id]))
	}
	if t.err != nil {
		return nil, nil, t.err
	}
	return doc, t.used, nil
}

func feedbackPart(s *snapshot, w who, unit, date, title, note string, groups map[int64][]fbEntry) Part {
	to := "反馈对象：" + ledger.TeamName
	if !w.isTeam {
		to = "反馈对象：" + strings.TrimSpace(w.post+"　"+w.name) + "同志"
	}
	pt := Part{Title: title}
	pt.add(Plain, to+"\n反馈单位："+unit+"\n反馈日期："+cnDate(date))
	n, np := 0, 0
	for pid, es := range groups {
		n += len(es)
		if pid != 0 {
			np++
		}
	}
	if n == 0 {
		pt.para("征求到的意见中，暂无涉及" + w.name + "的意见。")
		pt.add(Plain, signOff)
		return pt
	}
	u := len(groups[0])
	head := "征求到的意见中，涉及" + w.name + "的共" + itoa(n) + "条"
	switch {
	case u == 0:
		head += "，归纳为" + itoa(np) + "个问题"
	case u == n:
		head += "，均尚未归类"
	default:
		head += "，其中" + itoa(n-u) + "条归纳为" + itoa(np) + "个问题，" + itoa(u) + "条尚未归类"
	}
	pt.para(head + "。" + note)
	k := 0
	for _, p := range s.problems {
		es := groups[p.ID]
		if len(es) == 0 {
			continue
		}
		k++
		pt.h2("问题" + cnNumber(k) + "：" + p.Title + "（" + p.Category + "，" + p.Kind + "问题，" + itoa(len(es)) + "条）")
		pt.table(feedbackTable(es))
		pt.Blocks = append(pt.Blocks, Block{Kind: ResponseBox, Text: "本人回应（对照检查和整改打算）：", Lines: 3})
	}
	if es := groups[0]; len(es) > 0 {
		pt.h2("尚未归类的意见（" + itoa(len(es)) + "条）")
		pt.table(feedbackTable(es))
		pt.Blocks = append(pt.Blocks, Block{Kind: ResponseBox, Text: "本人回应：", Lines: 3})
	}
	pt.add(Plain, signOff)
	return pt
}

// signOff is the line a feedback sheet is signed on when it is handed over.
const signOff = "签收人：＿＿＿＿＿＿　　日期：＿＿＿年＿＿月＿＿日"

func feedbackTable(es []fbEntry) *Table {
	t := &Table{Header: []string{"序号", "意见原文", "渠道", "日期"},
		Widths: []float64{1.1, 7.1, 1.8, 3.0}, Align: []string{"C", "L", "C", "C"}}
	for i, e := range es {
		text := e.text
		if e.title != "" && e.title != e.text {
			text = "【" + e.title + "】\n" + text
		}
		t.Rows = append(t.Rows, []string{itoa(i + 1), text, e.channel, cnDate(e.date)})
	}
	return t
}
