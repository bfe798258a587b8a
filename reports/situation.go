package reports

import (
	"context"
	"strconv"
	"strings"

	"taizhang/ledger"
)

func itoa(n int) string { return strconv.Itoa(n) }

// percent writes n/total as a percentage with one decimal: 12.5%.
func percent(n, total int) string {
	if total == 0 {
		return "—"
	}
	return strconv.FormatFloat(float64(n)*100/float64(total), 'f', 1, 64) + "%"
}

// maxQuotes bounds the representative quotes per problem, so that the
// situation report keeps a readable size however many opinions there are.
func maxQuotes(problems int) int {
	switch {
	case problems <= 30:
		return 3
	case problems <= 80:
		return 2
	}
	return 1
}

// buildSituation makes the 征求意见情况报告: the team's (targets nil or
// TeamID), and a member's for each member id, one part each.
func buildSituation(ctx context.Context, l *ledger.Ledger, targets []int64, opt Options) (*Document, []Text, error) {
	s, err := load(ctx, l, opt, nil)
	if err != nil {
		return nil, nil, err
	}
	t := &texts{l: l}
	unit, date := t.unitDate(s)
	if targets == nil {
		targets = []int64{ledger.TeamID}
	}
	whos, err := resolveTargets(s, unit, targets, true)
	if err != nil {
		return nil, nil, err
	}
	doc := &Document{Internal: opt.Internal, Date: date, Progress: opt.Progress}
	for _, w := range whos {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		if w.isTeam {
			doc.Parts = append(doc.Parts, situationTeam(s, t, unit, date))
		} else {
			doc.Parts = append(doc.Parts, situationMember(s, t, w, date))
		}
	}
	if t.err != nil {
		return nil, nil, t.err
	}
	return doc, t.used, nil
}

// period is 于2026年11月1日至2026年11月30日, from the ledger's campaign
// period or else its opinions' dates; empty when neither is known.
func (s *snapshot) period() string {
	from, to := s.info.PeriodStart, s.info.PeriodEnd
	if from == "" {
		from = s.firstDate
	}
	if to == "" {
		to = s.lastDate
	}
	if from == "" || to == "" {
		return ""
	}
	return "于" + cnDate(from) + "至" + cnDate(to)
}

func situationTeam(s *snapshot, t *texts, unit, date string) Part {
	title := t.get(TargetKey(KeySituationTitle, ledger.TeamID), "", unit+"领导班子征求意见情况报告", false)
	pt := Part{Title: title}
	pt.add(Addressee, t.recipient())
	pt.para(t.get(TargetKey(KeySituationOpening, ledger.TeamID), "", "按照召开专题民主生活会的部署要求，"+unit+s.period()+waysPhrase(s.channels)+
		"，广泛听取干部群众对领导班子和班子成员的意见建议，对征求到的意见逐条梳理、分类建立台账。现将征求意见情况报告如下。", true))

	shared, individual := 0, 0
	for _, p := range s.problems {
		if p.Kind == ledger.Shared {
			shared++
		} else {
			individual++
		}
	}
	// 一、基本情况
	pt.h1("一、基本情况")
	if f := factsParagraph(t); f != "" {
		pt.para(f)
	}
	var chanParts []string
	for _, c := range s.channels {
		chanParts = append(chanParts, c+itoa(s.byChannel[c])+"条")
	}
	basic := "本次征求意见共采用" + cnCount(len(s.channels)) + "种渠道"
	if len(s.channels) == 0 {
		basic = "本次征求意见尚未录入意见"
	}
	if len(chanParts) > 0 {
		basic += "：" + strings.Join(chanParts, "，")
	}
	basic += "。共征求意见" + itoa(s.opinions) + "条，梳理归纳为" + itoa(len(s.problems)) + "个问题，其中共性问题" +
		itoa(shared) + "个、个性问题" + itoa(individual) + "个。"
	if s.unsorted > 0 {
		basic += "另有" + itoa(s.unsorted) + "条意见尚未归类，正在继续梳理。"
	}
	pt.para(basic)

	// 二、数量统计
	pt.h1("二、数量统计")
	pt.h2("（一）按征求渠道")
	chart := &Chart{Title: "图1　各渠道征求意见数量", Unit: "条"}
	for _, c := range s.channels {
		chart.Bars = append(chart.Bars, Bar{Label: c, Value: s.byChannel[c]})
	}
	if len(chart.Bars) > 0 {
		ctab := &Table{Header: []string{"征求渠道", "意见（条）", "占比", "涉及问题（个）"},
			Widths: []float64{3, 2, 2, 2.4}, Align: []string{"L", "R", "R", "R"}}
		for _, c := range s.channels {
			np := 0
			for _, p := range s.problems {
				if p.byChannel[c] > 0 {
					np++
				}
			}
			ctab.Rows = append(ctab.Rows, []string{c, itoa(s.byChannel[c]), percent(s.byChannel[c], s.opinions), itoa(np)})
		}
		ctab.Rows = append(ctab.Rows, []string{"合计", itoa(s.opinions), "100%", itoa(len(s.problems))})
		pt.table(ctab)
		pt.chart(chart)
	} else {
		pt.para("尚未征求到意见。")
	}

	pt.h2("（二）按反映对象")
	var tparts []string
	ttab := &Table{Header: []string{"反映对象", "职务", "涉及意见（条）", "涉及问题（个）"},
		Widths: []float64{3, 4, 2.2, 2.2}, Align: []string{"L", "L", "R", "R"}}
	tchart := &Chart{Title: "图2　反映领导班子和班子成员的意见数量", Unit: "条"}
	addTarget := func(id int64, name, post string) {
		n, m := s.targetOpinions[id], s.targetProblems[id]
		tparts = append(tparts, "涉及"+name+"的意见"+itoa(n)+"条、问题"+itoa(m)+"个")
		ttab.Rows = append(ttab.Rows, []string{name, post, itoa(n), itoa(m)})
		tchart.Bars = append(tchart.Bars, Bar{Label: name, Value: n})
	}
	addTarget(ledger.TeamID, ledger.TeamName, "")
	for _, m := range s.leaders {
		addTarget(m.ID, m.Name, m.Post)
	}
	tp := strings.Join(tparts, "；") + "。"
	if s.noTarget > 0 {
		tp += "未指明反映对象的意见" + itoa(s.noTarget) + "条。"
	}
	tp += "意见本身指向某一对象，或所归并的问题指向某一对象的，均计为涉及该对象（未指明对象的问题计入领导班子）；一条意见可能同时涉及班子和多名成员，各项之和可能多于意见总数。"
	pt.para(tp)
	pt.table(ttab)
	pt.chart(tchart)

	pt.h2("（三）按“四风”类别")
	catOps, catProbs := categoryTotals(s.problems)
	var cparts []string
	cchart := &Chart{Title: "图3　各类别问题所归并的意见数量", Unit: "条"}
	for _, c := range ledger.Categories {
		cparts = append(cparts, categoryCount(c, catProbs[c], catOps[c]))
		cchart.Bars = append(cchart.Bars, Bar{Label: c, Value: catOps[c]})
	}
	pt.para("按“四风”分类，" + strings.Join(cparts, "，") + "。工作方面的问题单独列出，不以工作问题代替“四风”问题。")
	pt.chart(cchart)

	// 三、主要意见
	pt.h1("三、征求到的主要意见")
	mainOpinions(&pt, s, s.problems)

	// 四、处理情况
	pt.h1("四、意见处理情况")
	pt.para("征求到的意见已分类建立台账，向领导班子反馈意见" + itoa(s.targetOpinions[ledger.TeamID]) + "条，向班子成员个人反馈意见" +
		itoa(memberOpinions(s)) + "人次。")
	pt.para(t.get(TargetKey(KeySituationHandling, ledger.TeamID), "",
		defaultHandlingPrefix+"领导班子坚持边查边改、立行立改：属于个人的个性问题，由班子成员本人立即整改；属于单位的个性问题，列出立行立改事项计划，明确任务书、时间表和责任人，限期整改到位；对干部群众反映强烈、带有普遍性的问题，抓紧建立完善相关制度，从体制机制上加以解决。立行立改事项和整改计划将以适当方式公示，接受群众监督，并在专题民主生活会上逐条对照回应。", true))
	pt.Blocks = append(pt.Blocks, signature(unit, date))
	return pt
}

// situationMember is a member's own 征求意见情况报告, in the first person:
// the opinions that concern them, by channel and category, the problems
// with representative opinions, and what they did at once.
func situationMember(s *snapshot, t *texts, w who, date string) Part {
	label := "（" + w.name + "）"
	pt := Part{Title: t.get(TargetKey(KeySituationTitle, w.id), label, w.titleFor+"征求意见情况报告", false)}
	pt.add(Addressee, t.recipient())
	chans := orderChannels(s.targetChannels[w.id])
	pt.para(t.get(TargetKey(KeySituationOpening, w.id), label, "按照召开专题民主生活会的部署要求，本人"+s.period()+waysPhrase(chans)+
		"，广泛听取干部群众特别是分管领域干部和服务对象对本人的意见建议，并对征求到的意见逐条梳理、分类建立台账。现将征求意见情况报告如下。", true))

	var mine []*problemStat
	shared, catOps, catProbs := 0, map[string]int{}, map[string]int{}
	for _, p := range s.problems {
		if problemConcerns(p, w.id) {
			mine = append(mine, p)
			catOps[p.Category] += p.count
			catProbs[p.Category]++
			if p.Kind == ledger.Shared {
				shared++
			}
		}
	}
	n, u := s.targetOpinions[w.id], s.targetUnsorted[w.id]
	pt.h1("一、基本情况")
	basic := "征求到的意见中，涉及本人的共" + itoa(n) + "条"
	if n == 0 {
		basic += "。"
	} else {
		basic += "，其中" + channelSummary(s.targetChannels[w.id]) + "。已梳理归纳为" + itoa(len(mine)) + "个问题，其中共性问题" +
			itoa(shared) + "个、个性问题" + itoa(len(mine)-shared) + "个"
		if u > 0 {
			basic += "；另有" + itoa(u) + "条尚未归类，正在继续梳理"
		}
		basic += "。"
	}
	pt.para(basic)

	pt.h1("二、意见分类情况")
	ctab := &Table{Header: []string{"类别", "问题（个）", "意见（条）"}, Widths: []float64{4, 2.4, 2.4}, Align: []string{"L", "R", "R"}}
	var cparts []string
	for _, c := range ledger.Categories {
		ctab.Rows = append(ctab.Rows, []string{c, itoa(catProbs[c]), itoa(catOps[c])})
		cparts = append(cparts, categoryCount(c, catProbs[c], catOps[c]))
	}
	if u > 0 {
		ctab.Rows = append(ctab.Rows, []string{"尚未归类", "—", itoa(u)})
	}
	pt.para("按“四风”分类，" + strings.Join(cparts, "，") + "。")
	pt.table(ctab)

	pt.h1("三、征求到的主要意见")
	mainOpinions(&pt, s, mine)

	pt.h1("四、意见处理情况")
	pt.para(t.get(TargetKey(KeySituationHandling, w.id), label, defaultHandlingPrefix+
		"本人坚持边查边改、立行立改：属于本人的个性问题，立即整改；涉及分管领域的问题，督促分管部门列出计划，明确任务书、时间表和责任人，限期整改到位；并将在专题民主生活会上逐条对照回应。", true))
	pt.Blocks = append(pt.Blocks, signature(w.name, date))
	return pt
}

// categoryTotals sums the opinions and counts the problems per category.
func categoryTotals(ps []*problemStat) (opinions, problems map[string]int) {
	opinions, problems = map[string]int{}, map[string]int{}
	for _, p := range ps {
		opinions[p.Category] += p.count
		problems[p.Category]++
	}
	return opinions, problems
}

// mainOpinions lists problems by category, each with its count and up to
// a few representative opinions quoted verbatim.
func mainOpinions(pt *Part, s *snapshot, problems []*problemStat) {
	if len(problems) == 0 {
		pt.para("征求到的意见尚未归纳为问题。")
		return
	}
	catOps, _ := categoryTotals(problems)
	quotes := maxQuotes(len(problems))
	sec := 0
	for _, c := range ledger.Categories {
		var ps []*problemStat
		for _, p := range problems {
			if p.Category == c {
				ps = append(ps, p)
			}
		}
		if len(ps) == 0 {
			continue
		}
		sec++
		pt.h2("（" + cnNumber(sec) + "）" + categoryHeading(c) + "（" + itoa(len(ps)) + "个问题，意见" + itoa(catOps[c]) + "条）")
		for i, p := range ps {
			line := itoa(i+1) + ". " + p.Title + "（" + p.Kind + "问题，" + itoa(p.count) + "条意见，涉及" + s.targetList(p.Targets) + "）"
			if p.Description != "" {
				line += "。" + strings.TrimRight(p.Description, "。") + "。"
			}
			pt.para(line)
			for _, o := range p.representatives(quotes) {
				q := quoted(o.Text) + "（" + o.Channel
				if o.Date != "" {
					q += "，" + cnDate(o.Date)
				}
				pt.quote(q + "）" + s.attribution(o))
			}
		}
	}
}

// memberOpinions counts opinion–member pairs: one opinion about two
// members counts twice.
func memberOpinions(s *snapshot) int {
	n := 0
	for _, m := range s.leaders {
		n += s.targetOpinions[m.ID]
	}
	return n
}

func categoryHeading(c string) string {
	if c == ledger.OtherWork {
		return "工作方面的问题"
	}
	return c + "方面"
}

// factsParagraph states the 基本情况 facts recorded in the ledger, as
// published reports state them: 召开座谈会8场（…），开展个别谈心谈话15人次，
// 实地走访12次，发放征求意见表110份，收回63份。Empty when none is recorded.
func factsParagraph(t *texts) string {
	scope := t.get(KeyFactScope, "", "", false)
	var parts []string
	fact := func(count, detail, verb, unit string) {
		n := t.get(count, "", "", false)
		d := t.get(detail, "", "", false)
		if n == "" || n == "0" {
			return
		}
		p := verb + n + unit
		if d != "" {
			p += "（" + strings.TrimRight(d, "。；;") + "）"
		}
		parts = append(parts, p)
	}
	fact(KeyFactSymposiums, KeyFactSymposiumDetail, "召开座谈会", "场")
	fact(KeyFactTalks, KeyFactTalkDetail, "开展个别谈心谈话", "人次")
	fact(KeyFactVisits, KeyFactVisitDetail, "实地走访", "次")
	sent, back := t.get(KeyFactFormsSent, "", "", false), t.get(KeyFactFormsReturned, "", "", false)
	if sent != "" && sent != "0" {
		p := "发放征求意见表" + sent + "份"
		if back != "" {
			p += "，收回" + back + "份"
			if ns, err := strconv.Atoi(sent); err == nil {
				if nb, err := strconv.Atoi(back); err == nil {
					p += "（回收率" + percent(nb, ns) + "）"
				}
			}
		}
		parts = append(parts, p)
	}
	if scope == "" && len(parts) == 0 {
		return ""
	}
	out := "本次征求意见"
	if scope != "" {
		out += "面向" + strings.TrimRight(scope, "。，")
		if len(parts) > 0 {
			out += "，"
		}
	}
	return out + strings.Join(parts, "，") + "。"
}
