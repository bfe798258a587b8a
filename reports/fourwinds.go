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

// subject is how a report for w speaks of its author: 领导班子 or 本人.
func (w who) subject() string {
	if w.isTeam {
		return "领导班子"
	}
	return "本人"
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
		doc.Parts = append(doc.Parts, fourWindsPart(s, t, w, unit, date))
	}
	if t.err != nil {
		return nil, nil, t.err
	}
	return doc, t.used, nil
}

// fourWindsPart drafts the 查找“四风”问题报告 of the team or a member in the
// 对照检查 form: under each wind the problems, 一是……二是……, each with its
// evidence; then the places the leader writes (原因剖析, 整改措施), marked
// until they are written.
func fourWindsPart(s *snapshot, t *texts, w who, unit, date string) Part {
	label := "（" + w.name + "）"
	title := t.get(TargetKey(KeyFourWindsTitle, w.id), label, w.titleFor+"查找“四风”问题报告", false)
	pt := Part{Title: title}
	pt.add(Addressee, t.recipient())

	var mine []*problemStat
	opinions := 0
	for _, p := range s.problems {
		if problemConcerns(p, w.id) {
			mine = append(mine, p)
			opinions += p.count
		}
	}
	unsorted := s.targetUnsorted[w.id]
	about := "涉及" + w.subject()
	found := "征求到的意见中" + about + "的问题共" + itoa(len(mine)) + "个、意见" + itoa(opinions) + "条"
	if unsorted > 0 {
		found += "；另有" + about + "的意见" + itoa(unsorted) + "条尚未梳理归类，未列入下列问题，归类后将补充对照"
	}
	pt.para(t.get(TargetKey(KeyFourWindsOpening, w.id), label,
		"按照专题民主生活会的要求，"+w.subject()+"认真对照征求到的意见建议，聚焦形式主义、官僚主义、享乐主义和奢靡之风，深入查找存在的突出问题。"+
			found+"。现将查找的问题、原因和整改措施报告如下。", true))

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
			none := "征求到的意见中"
			if unsorted > 0 {
				none = "已归类的意见中"
			}
			if c == ledger.OtherWork {
				pt.para(none + "未反映工作方面的问题。")
			} else {
				pt.para(none + "未反映这方面的具体问题，" + w.subject() + "仍需对照查摆、防微杜渐。")
			}
			continue
		}
		if c == ledger.OtherWork {
			pt.para("以下问题属于工作方面的问题，单独列出，不代替“四风”问题。")
		}
		for j, p := range ps {
			pt.para(ordinal(j+1) + p.Title + "。" + evidence(p))
			for _, o := range p.representatives(1) {
				pt.quote("如有意见反映：" + quoted(o.Text) + s.attribution(o))
			}
		}
	}

	pt.h1("二、产生问题的原因")
	causesDef := "【此处由" + w.subject() + "填写原因剖析：从理想信念、宗旨意识、党性修养、政绩观和纪律规矩等方面，深入剖析产生上述问题的思想根源。】"
	pt.written(t.get(TargetKey(KeyFourWindsCauses, w.id), label, causesDef, true), causesDef)

	pt.h1("三、努力方向和整改措施")
	def := measuresDraft(s, mine)
	pt.written(t.get(TargetKey(KeyFourWindsMeasures, w.id), label, def, true), def)
	sign := unit
	if !w.isTeam {
		sign = w.name
	}
	pt.Blocks = append(pt.Blocks, signature(sign, date))
	return pt
}

// evidence says what bears a problem out: its description, how many
// opinions from which channels and when.
func evidence(p *problemStat) string {
	var b strings.Builder
	if p.Description != "" {
		b.WriteString(strings.TrimRight(p.Description, "。") + "。")
	}
	b.WriteString("征求到的意见中，共有" + itoa(p.count) + "条反映这一问题")
	if p.count > 0 {
		b.WriteString("，来自" + channelSummary(p.byChannel))
	}
	if p.firstDate != "" {
		if p.firstDate == p.lastDate {
			b.WriteString("，时间为" + cnDate(p.firstDate))
		} else {
			b.WriteString("，时间为" + cnDate(p.firstDate) + "至" + cnDate(p.lastDate))
		}
	}
	b.WriteString("（" + p.Kind + "问题）。")
	return b.String()
}

// measuresDraft is the default of 整改措施: for each four-winds problem, the
// measures the rectification ledger holds (loadMeasures), else a marked
// place to write them.
func measuresDraft(s *snapshot, mine []*problemStat) string {
	var def []string
	for _, p := range mine {
		if p.Category == ledger.OtherWork {
			continue
		}
		n := ordinal(len(def) + 1)
		if ms := s.measures[p.ID]; len(ms) > 0 {
			def = append(def, n+"针对"+quoted(p.Title)+"："+strings.Join(ms, "；")+"。")
			continue
		}
		def = append(def, n+"针对"+quoted(p.Title)+"：【整改措施待填写，明确责任人和完成时限】。")
	}
	if len(def) == 0 {
		return "【此处填写努力方向和整改措施，明确责任人和完成时限。】"
	}
	return strings.Join(def, "\n")
}
