package cli

import (
	"fmt"
	"io"
	"strings"

	"taizhang/ledger"
)

func init() {
	Register(Command{Name: "new", Summary: "新建台账文件", Run: runNew})
	Register(Command{Name: "leader", Summary: "管理班子成员（add 添加，list 列出）", Run: runLeader})
	Register(Command{Name: "add", Summary: "录入一条意见", Run: runAdd})
	Register(Command{Name: "opinions", Summary: "列出全部意见", Run: runOpinions})
	Register(Command{Name: "stats", Summary: "统计意见和问题的数量", Run: runStats})
}

func runNew(env *Env) error {
	f := NewFlags(env, "new", "taizhang new 台账文件 --unit 单位 [--title 标题]",
		"新建一个空台账文件（扩展名 .taizhang）。文件已存在时不会覆盖。", 1, 1)
	unit := f.String("unit", "", "单位名称（必填）")
	title := f.String("title", "", "台账标题，例如 2026年度民主生活会征求意见台账")
	from := f.String("from", "", "征求意见开始日期 YYYY-MM-DD")
	to := f.String("to", "", "征求意见结束日期 YYYY-MM-DD")
	args, err := f.Parse(env)
	if err != nil {
		return err
	}
	if strings.TrimSpace(*unit) == "" {
		return f.fail(env, "请用 --unit 填写单位名称")
	}
	l, err := ledger.Create(args[0], ledger.Info{Unit: *unit, Title: *title, PeriodStart: *from, PeriodEnd: *to})
	if err != nil {
		return err
	}
	defer l.Close()
	fmt.Fprintf(env.Stdout, "已新建台账：%s\n", args[0])
	return nil
}

func runLeader(env *Env) error {
	if len(env.Args) == 0 || (env.Args[0] != "add" && env.Args[0] != "list") {
		if len(env.Args) > 0 && (env.Args[0] == "--help" || env.Args[0] == "-h") {
			fmt.Fprint(env.Stdout, "用法：\n  taizhang leader add 台账文件 --name 姓名 --post 职务 [--portfolio 分工]\n  taizhang leader list 台账文件 [--json]\n")
			return nil
		}
		fmt.Fprint(env.Stderr, "用法：\n  taizhang leader add 台账文件 --name 姓名 --post 职务 [--portfolio 分工]\n  taizhang leader list 台账文件 [--json]\n")
		return errUsage
	}
	sub := *env
	sub.Args = env.Args[1:]
	if env.Args[0] == "add" {
		return runLeaderAdd(&sub)
	}
	return runLeaderList(&sub)
}

func runLeaderAdd(env *Env) error {
	f := NewFlags(env, "leader add", "taizhang leader add 台账文件 --name 姓名 --post 职务 [--portfolio 分工]",
		"在领导班子中添加一名成员，排在最后。", 1, 1)
	name := f.String("name", "", "姓名（必填）")
	post := f.String("post", "", "职务，例如 党委书记")
	portfolio := f.String("portfolio", "", "分工，例如 分管办公室、财务")
	args, err := f.Parse(env)
	if err != nil {
		return err
	}
	if strings.TrimSpace(*name) == "" {
		return f.fail(env, "请用 --name 填写姓名")
	}
	l, err := OpenLedger(args[0])
	if err != nil {
		return err
	}
	defer l.Close()
	id, err := l.AddLeader(ledger.Leader{Name: *name, Post: *post, Portfolio: *portfolio})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "已添加班子成员：%s（编号 %d）\n", strings.TrimSpace(*name), id)
	return nil
}

func runLeaderList(env *Env) error {
	f := NewFlags(env, "leader list", "taizhang leader list 台账文件 [--json]", "列出领导班子成员。", 1, 1)
	asJSON := f.Bool("json", false, "以 JSON 输出")
	_, l, err := f.ParseAndOpen(env)
	if err != nil {
		return err
	}
	defer l.Close()
	ms, err := l.Leaders()
	if err != nil {
		return err
	}
	if *asJSON {
		if ms == nil {
			ms = []ledger.Leader{}
		}
		return PrintJSON(env.Stdout, ms)
	}
	if len(ms) == 0 {
		fmt.Fprintln(env.Stdout, "还没有班子成员。用 taizhang leader add 添加。")
	}
	for _, m := range ms {
		fmt.Fprintf(env.Stdout, "%d\t%s\t%s\t%s\n", m.ID, m.Name, m.Post, m.Portfolio)
	}
	return nil
}

func runAdd(env *Env) error {
	f := NewFlags(env, "add", "taizhang add 台账文件 --channel 渠道 [--target 对象] [--date YYYY-MM-DD] [--submitter 姓名] 内容",
		"录入一条意见，原文照录（只去掉首尾空白）。内容写 - 时从标准输入读取。\n渠道："+strings.Join(ledger.Channels, "、")+"，或自定义。", 2, 2)
	channel := f.String("channel", "", "征求渠道（必填）")
	var targets multiFlag
	f.Var(&targets, "target", "反映对象：班子成员姓名，或 领导班子（班子）；可重复")
	date := f.String("date", "", "收到日期 YYYY-MM-DD")
	submitter := f.String("submitter", "", "提出人姓名（受保护，不会出现在给领导的材料中）")
	unit := f.String("unit", "", "提出人单位")
	contact := f.String("contact", "", "提出人联系方式")
	anon := f.Bool("anonymous", false, "匿名")
	asJSON := f.Bool("json", false, "以 JSON 输出新意见")
	args, err := f.Parse(env)
	if err != nil {
		return err
	}
	if strings.TrimSpace(*channel) == "" {
		return f.fail(env, "请用 --channel 选择征求渠道")
	}
	text := args[1]
	if text == "-" {
		b, err := io.ReadAll(io.LimitReader(env.Stdin, ledger.MaxTextBytes+1))
		if err != nil {
			return fmt.Errorf("读取标准输入失败：%w", err)
		}
		text = string(b)
	}
	l, err := OpenLedger(args[0])
	if err != nil {
		return err
	}
	defer l.Close()
	o := ledger.Opinion{Text: text, Channel: *channel, Date: *date,
		Submitter: ledger.Submitter{Name: *submitter, Unit: *unit, Contact: *contact, Anonymous: *anon}}
	for _, t := range targets {
		id, err := l.ResolveTarget(t)
		if err != nil {
			return err
		}
		o.Targets = append(o.Targets, id)
	}
	id, err := l.AddOpinion(o)
	if err != nil {
		return err
	}
	if *asJSON {
		saved, err := l.Opinion(id)
		if err != nil {
			return err
		}
		names, _ := l.TargetNames()
		return PrintJSON(env.Stdout, opinionJSON(saved, names))
	}
	fmt.Fprintf(env.Stdout, "已录入意见 %d\n", id)
	return nil
}

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// OpinionJSON is the shape of an opinion in the commands' JSON output. It
// shows what the view it was read through holds: Submitter is set only for
// an opinion read through the internal view (ledger.Internal).
type OpinionJSON struct {
	ID         int64             `json:"id"`
	Text       string            `json:"text"`
	Title      string            `json:"title,omitempty"`
	Channel    string            `json:"channel"`
	Date       string            `json:"date"`
	Time       string            `json:"time,omitempty"`
	Targets    []string          `json:"targets"`
	Source     string            `json:"source"`
	Provenance ledger.Source     `json:"provenance"`
	Submitter  *ledger.Submitter `json:"submitter,omitempty"`
	Attrs      map[string]string `json:"attrs,omitempty"`
	Problem    *int64            `json:"problem"`
}

func opinionJSON(o ledger.Opinion, names map[int64]string) OpinionJSON {
	j := OpinionJSON{ID: o.ID, Text: o.Text, Title: o.Title, Channel: o.Channel, Date: o.Date, Time: o.Time,
		Targets: []string{}, Source: o.Source.String(), Provenance: o.Source, Attrs: o.Attrs}
	for _, t := range o.Targets {
		if n, ok := names[t]; ok {
			j.Targets = append(j.Targets, n)
		}
	}
	if !o.Submitter.IsZero() {
		s := o.Submitter
		j.Submitter = &s
	}
	if o.ProblemID != 0 {
		p := o.ProblemID
		j.Problem = &p
	}
	return j
}

func runOpinions(env *Env) error {
	f := NewFlags(env, "opinions", "taizhang opinions 台账文件 [--json] [--channel 渠道] [--target 对象] [--unsorted]",
		"列出意见（原文）。", 1, 1)
	asJSON := f.Bool("json", false, "以 JSON 数组输出（含 id、text、channel、date、targets、source、problem）")
	channel := f.String("channel", "", "只列出这个渠道的意见")
	target := f.String("target", "", "只列出反映这个对象的意见")
	unsorted := f.Bool("unsorted", false, "只列出未归类的意见")
	withSub := f.Bool("with-submitter", false, "同时输出提出人信息和可识别个人的附加信息（内部使用；默认不输出，以保护提出人）")
	_, l, err := f.ParseAndOpen(env)
	if err != nil {
		return err
	}
	defer l.Close()
	filter := ledger.Filter{Channel: *channel, Unsorted: *unsorted}
	if *target != "" {
		id, err := l.ResolveTarget(*target)
		if err != nil {
			return err
		}
		filter.Target = &id
	}
	names, err := l.TargetNames()
	if err != nil {
		return err
	}
	// The public view unless an internal copy is asked for: then, and
	// only then, submitters and identifying attributes come along.
	var view ledger.OpinionReader = l
	if *withSub {
		view = l.Internal()
	}
	if *asJSON {
		out := []OpinionJSON{}
		err := view.EachOpinion(filter, func(o ledger.Opinion) error {
			out = append(out, opinionJSON(o, names))
			return nil
		})
		if err != nil {
			return err
		}
		return PrintJSON(env.Stdout, out)
	}
	return view.EachOpinion(filter, func(o ledger.Opinion) error {
		j := opinionJSON(o, names)
		line := fmt.Sprintf("%d\t%s\t%s\t%s\t%s", o.ID, o.Channel, o.Date, strings.Join(j.Targets, "、"), o.FirstLine())
		if j.Submitter != nil {
			line += "\t提出人：" + j.Submitter.String()
		}
		_, err := fmt.Fprintln(env.Stdout, line)
		return err
	})
}

func runStats(env *Env) error {
	f := NewFlags(env, "stats", "taizhang stats 台账文件 [--json]", "统计意见、问题、渠道的数量。", 1, 1)
	asJSON := f.Bool("json", false, "以 JSON 输出")
	_, l, err := f.ParseAndOpen(env)
	if err != nil {
		return err
	}
	defer l.Close()
	s, err := l.Stats()
	if err != nil {
		return err
	}
	if *asJSON {
		return PrintJSON(env.Stdout, s)
	}
	fmt.Fprintf(env.Stdout, "共征求意见 %d 条，梳理归纳为 %d 个问题，未归类 %d 条。\n", s.Opinions, s.Problems, s.Unsorted)
	for _, c := range ledger.SortedChannels(s.ByChannel) {
		fmt.Fprintf(env.Stdout, "  %s：%d 条\n", c, s.ByChannel[c])
	}
	return nil
}
