package reports

import (
	"context"
	"strings"

	"taizhang/ledger"
)

// who describes a target for titles and sentences.
type who struct {
	id       int64
	name     string // 领导班子 or the member's name
	post     string
	isTeam   bool
	titleFor string // 某县委领导班子 / 张三同志
}

// resolveTargets turns the requested targets into parts; nil means the team
// (if withTeam) and every member.
func resolveTargets(s *snapshot, unit string, ids []int64, withTeam bool) ([]who, error) {
	if ids == nil {
		if withTeam {
			ids = append(ids, ledger.TeamID)
		}
		for _, m := range s.leaders {
			ids = append(ids, m.ID)
		}
	}
	var out []who
	for _, id := range ids {
		if id == ledger.TeamID {
			out = append(out, who{id: id, name: ledger.TeamName, isTeam: true, titleFor: unit + "领导班子"})
			continue
		}
		m, ok := s.leader(id)
		if !ok {
			return nil, &ledger.Error{Msg: "找不到编号为 " + itoa(int(id)) + " 的班子成员", Err: ledger.ErrNotFound}
		}
		out = append(out, who{id: id, name: m.Name, post: m.Post, titleFor: m.Name + "同志"})
	}
	return out, nil
}

func buildFourWinds(ctx context.Context, l *ledger.Ledger, targets []int64, opt Options) (*Document, []Text, error) {
	s, err := load(ctx, l, opt, nil)
	if err != nil {
		return nil, nil, err
	}
	t := &texts{l: l}
	unit, date := t.unitDate(s)
	whos, err := resolveTargets(s, unit, targets, true)
	if err != nil {
		return nil, nil, err
	}
	doc := &Document{Internal: opt.Internal, Date: date, Progress: opt.Progress}
	for _, w := range whos {
		doc.Parts = append(doc.Parts, fourWindsPart(s, t, w, unit, date, opt))
	}
	if t.err != nil {
		return nil, nil, t.err
	}
	return doc, t.used, nil
}

func fourWindsPart(s *snapshot, t *texts, w who, unit, date string, opt Options) Part {
	label := "（" + w.name + "）"
	title := t.get(TargetKey(KeyFourWindsTitle, w.id), "报告标题"+label, w.titleFor+"查找“四风”问题报告", false)
	sub := []string{unit}
	if !w.isTeam {
		sub = []string{strings.TrimSpace(unit + "　" + w.post + "　" + w.name)}
	}
	pt := Part{Title: title, Subtitle: subtitle(sub, date)}

	var mine []*problemStat
	opinions := 0
	for _, p := range s.problems {
		if problemConcerns(p, w.id) {
			mine = append(mine, p)
			opinions += p.count
		}
	}
	subject := "领导班子"
	if !w.isTeam {
		subject = "本人"
	}
	pt.para(t.get(TargetKey(KeyFourWindsOpening, w.id), "开头段落"+label,
		"按照专题民主生活会的要求，"+subject+"认真对照征求到的意见建议，聚焦形式主义、官僚主义、享乐主义和奢靡之风，深入查找存在的突出问题。征求到的意见中涉及"+
			w.name+"的问题共 "+itoa(len(mine))+" 个、意见 "+itoa(opinions)+" 条。现将查找的问题、原因和整改措施报告如下。", true))

	pt.h1("一、存在的主要问题")
	for i, c := range ledger.Categories {
		var ps []*problemStat
		for _, p := range mine {
			if p.Category == c {
				ps = append(ps, p)
			}
		}
		pt.h2("（" + cnNumber(i+1) + "）" + categoryHeading(c))
		if len(ps) == 0 {
			if c == ledger.OtherWork {
				pt.para("征求到的意见中未反映工作方面的问题。")
			} else {
				pt.para("征求到的意见中未反映这方面的具体问题，仍需对照查摆、防微杜渐。")
			}
			continue
		}
		if c == ledger.OtherWork {
			pt.para("以下问题属于工作方面的问题，单独列出，不代替“四风”问题。")
		}
		for j, p := range ps {
			line := itoa(j+1) + ". " + p.Title + "。"
			if p.Description != "" {
				line += strings.TrimRight(p.Description, "。") + "。"
			}
			line += "（" + p.Kind + "问题；共 " + itoa(p.count) + " 条意见反映"
			if p.count > 0 {
				line += "，来自" + channelSummary(p.byChannel)
			}
			if p.firstDate != "" {
				if p.firstDate == p.lastDate {
					line += "，" + cnDate(p.firstDate)
				} else {
					line += "，" + cnDate(p.firstDate) + "至" + cnDate(p.lastDate)
				}
			}
			line += "。）"
			pt.para(line)
			for _, o := range p.representatives(1) {
				q := "如：“" + o.Text + "”"
				if opt.Internal {
					q += submitterNote(o.Submitter)
				}
				pt.quote(q)
			}
		}
	}

	pt.h1("二、产生问题的原因")
	pt.para(t.get(TargetKey(KeyFourWindsCauses, w.id), "原因剖析"+label,
		"（此处由"+w.name+"填写原因剖析：从理想信念、宗旨意识、党性修养、政绩观和纪律规矩等方面，深入剖析产生上述问题的思想根源。）", true))

	pt.h1("三、努力方向和整改措施")
	var def []string
	for _, p := range mine {
		if p.Category == ledger.OtherWork {
			continue
		}
		def = append(def, itoa(len(def)+1)+". 针对“"+p.Title+"”：（整改措施待填写，明确责任人和完成时限。）")
	}
	if len(def) == 0 {
		def = append(def, "（此处填写努力方向和整改措施，明确责任人和完成时限。）")
	}
	measures := t.get(TargetKey(KeyFourWindsMeasures, w.id), "整改措施"+label, strings.Join(def, "\n"), true)
	pt.para(measures)
	sign := unit
	if !w.isTeam {
		sign = w.name
	}
	pt.Blocks = append(pt.Blocks, Block{Kind: Signature, Text: strings.TrimSpace(sign + "\n" + cnDate(date))})
	return pt
}
