package reports

import (
	"context"
	"strconv"
	"strings"

	"taizhang/ledger"
)

// Kind names a report.
type Kind string

// The reports.
const (
	Situation Kind = "situation" // 征求意见情况报告
	FourWinds Kind = "fourwinds" // 查找“四风”问题报告
	Feedback  Kind = "feedback"  // 意见反馈表
)

// Kinds lists the reports in menu order.
var Kinds = []Kind{Situation, FourWinds, Feedback}

// Name returns the report's Chinese name.
func (k Kind) Name() string {
	switch k {
	case Situation:
		return "征求意见情况报告"
	case FourWinds:
		return "查找“四风”问题报告"
	case Feedback:
		return "意见反馈表"
	}
	return string(k)
}

// Request says which report to make.
type Request struct {
	Kind Kind
	// Targets selects whom a four-winds report or a feedback sheet is for:
	// ledger.TeamID for the team, member ids for members. Nil means the team
	// and every member (four winds) or every member (feedback), one part each.
	Targets []int64
	Options
}

// Build drafts the requested report from the ledger. The document's Texts
// are the editable texts it used.
func Build(ctx context.Context, l *ledger.Ledger, req Request) (*Document, []Text, error) {
	switch req.Kind {
	case Situation:
		return buildSituation(ctx, l, req.Options)
	case FourWinds:
		return buildFourWinds(ctx, l, req.Targets, req.Options)
	case Feedback:
		return buildFeedback(ctx, l, req.Targets, req.Options)
	}
	return nil, nil, &ledger.Error{Msg: "没有“" + string(req.Kind) + "”这种报告，可用：situation（征求意见情况报告）、fourwinds（查找“四风”问题报告）、feedback（意见反馈表）"}
}

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

func buildSituation(ctx context.Context, l *ledger.Ledger, opt Options) (*Document, []Text, error) {
	s, err := load(ctx, l, opt, nil)
	if err != nil {
		return nil, nil, err
	}
	t := &texts{l: l}
	unit, date := t.unitDate(s)
	title := t.get(KeySituationTitle, "报告标题", unit+"领导班子征求意见情况报告", false)

	period := ""
	from, to := s.info.PeriodStart, s.info.PeriodEnd
	if from == "" {
		from = s.firstDate
	}
	if to == "" {
		to = s.lastDate
	}
	if from != "" && to != "" {
		period = "于" + cnDate(from) + "至" + cnDate(to) + "，"
	}
	chanWord := strings.Join(s.channels, "、")
	if chanWord == "" {
		chanWord = "多种"
	}
	opening := t.get(KeySituationOpening, "开头段落",
		"按照召开专题民主生活会的部署要求，"+unit+period+"采取"+chanWord+"等"+cnNumber(len(s.channels))+
			"种方式，广泛听取干部群众对领导班子和班子成员的意见建议，对征求到的意见逐条梳理、分类建立台账。现将征求意见情况报告如下。", true)

	shared, individual := 0, 0
	for _, p := range s.problems {
		if p.Kind == ledger.Shared {
			shared++
		} else {
			individual++
		}
	}
	pt := Part{Title: title, Subtitle: subtitle([]string{unit}, date)}
	pt.para(opening)

	// 一、基本情况
	pt.h1("一、基本情况")
	var chanParts []string
	for _, c := range s.channels {
		chanParts = append(chanParts, c+" "+itoa(s.byChannel[c])+" 条")
	}
	basic := "本次征求意见共采用 " + itoa(len(s.channels)) + " 种渠道"
	if len(chanParts) > 0 {
		basic += "：" + strings.Join(chanParts, "，")
	}
	basic += "。共征求意见 " + itoa(s.opinions) + " 条，梳理归纳为 " + itoa(len(s.problems)) + " 个问题，其中共性问题 " +
		itoa(shared) + " 个、个性问题 " + itoa(individual) + " 个。"
	if s.unsorted > 0 {
		basic += "另有 " + itoa(s.unsorted) + " 条意见尚未归类，正在继续梳理。"
	}
	pt.para(basic)

	// 二、数量统计
	pt.h1("二、数量统计")
	pt.h2("（一）按征求渠道")
	chart := &Chart{Title: "图1　各渠道征求意见数量", Unit: " 条"}
	for _, c := range s.channels {
		chart.Bars = append(chart.Bars, Bar{Label: c, Value: s.byChannel[c]})
	}
	if len(chart.Bars) > 0 {
		pt.chart(chart)
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
	} else {
		pt.para("尚未征求到意见。")
	}

	pt.h2("（二）按反映对象")
	var tparts []string
	ttab := &Table{Header: []string{"反映对象", "职务", "涉及意见（条）", "涉及问题（个）"},
		Widths: []float64{3, 4, 2.2, 2.2}, Align: []string{"L", "L", "R", "R"}}
	tchart := &Chart{Title: "图2　反映领导班子和班子成员的意见数量", Unit: " 条"}
	addTarget := func(id int64, name, post string) {
		n, m := s.targetOpinions[id], s.targetProblems[id]
		tparts = append(tparts, "反映"+name+"的意见 "+itoa(n)+" 条、问题 "+itoa(m)+" 个")
		ttab.Rows = append(ttab.Rows, []string{name, post, itoa(n), itoa(m)})
		tchart.Bars = append(tchart.Bars, Bar{Label: name, Value: n})
	}
	addTarget(ledger.TeamID, ledger.TeamName, "")
	for _, m := range s.leaders {
		addTarget(m.ID, m.Name, m.Post)
	}
	tp := strings.Join(tparts, "；") + "。"
	if s.noTarget > 0 {
		tp += "未指明反映对象的意见 " + itoa(s.noTarget) + " 条。"
	}
	tp += "一条意见可能同时涉及班子和多名成员，各项之和可能多于意见总数。"
	pt.para(tp)
	pt.table(ttab)
	pt.chart(tchart)

	pt.h2("（三）按“四风”类别")
	catOps, catProbs := map[string]int{}, map[string]int{}
	for _, p := range s.problems {
		catOps[p.Category] += p.count
		catProbs[p.Category]++
	}
	var cparts []string
	cchart := &Chart{Title: "图3　各类别问题所归并的意见数量", Unit: " 条"}
	for _, c := range ledger.Categories {
		cparts = append(cparts, c+"问题 "+itoa(catProbs[c])+" 个（意见 "+itoa(catOps[c])+" 条）")
		cchart.Bars = append(cchart.Bars, Bar{Label: c, Value: catOps[c]})
	}
	pt.para("按“四风”分类，" + strings.Join(cparts, "，") + "。工作方面的问题单独列出，不以工作问题代替“四风”问题。")
	pt.chart(cchart)

	// 三、主要问题
	pt.h1("三、征求到的主要意见")
	if len(s.problems) == 0 {
		pt.para("征求到的意见尚未归纳为问题。")
	}
	quotes := maxQuotes(len(s.problems))
	sec := 0
	for _, c := range ledger.Categories {
		var ps []*problemStat
		for _, p := range s.problems {
			if p.Category == c {
				ps = append(ps, p)
			}
		}
		if len(ps) == 0 {
			continue
		}
		sec++
		pt.h2("（" + cnNumber(sec) + "）" + categoryHeading(c) + "（" + itoa(len(ps)) + " 个问题，意见 " + itoa(catOps[c]) + " 条）")
		for i, p := range ps {
			if err := ctx.Err(); err != nil {
				return nil, nil, err
			}
			line := itoa(i+1) + ". " + p.Title + "（" + p.Kind + "问题，" + itoa(p.count) + " 条意见，涉及" + s.targetList(p.Targets) + "）"
			if p.Description != "" {
				line += "。" + strings.TrimRight(p.Description, "。") + "。"
			}
			pt.para(line)
			for _, o := range p.representatives(quotes) {
				q := "“" + o.Text + "”（" + o.Channel
				if o.Date != "" {
					q += "，" + o.Date
				}
				q += "）"
				if opt.Internal {
					q += submitterNote(o.Submitter)
				}
				pt.quote(q)
			}
		}
	}

	// 四、处理情况
	pt.h1("四、意见处理情况")
	pt.para("征求到的意见已分类建立台账，向领导班子反馈意见 " + itoa(s.targetOpinions[ledger.TeamID]) + " 条，向班子成员个人反馈意见 " +
		itoa(memberOpinions(s)) + " 人次。")
	pt.para(t.get(KeySituationHandling, "处理情况（立行立改）",
		defaultHandlingPrefix+"领导班子坚持边查边改、立行立改：属于个人的个性问题，由班子成员本人立即整改；属于单位的个性问题，列出立行立改事项计划，明确任务书、时间表和责任人，限期整改到位；对干部群众反映强烈、带有普遍性的问题，抓紧建立完善相关制度，从体制机制上加以解决。立行立改事项和整改计划将以适当方式公示，接受群众监督，并在专题民主生活会上逐条对照回应。", true))
	pt.Blocks = append(pt.Blocks, Block{Kind: Signature, Text: strings.TrimSpace(unit + "\n" + cnDate(date))})

	if t.err != nil {
		return nil, nil, t.err
	}
	return &Document{Parts: []Part{pt}, Internal: opt.Internal, Date: date, Progress: opt.Progress}, t.used, nil
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
