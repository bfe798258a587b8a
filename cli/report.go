package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"taizhang/ledger"
	"taizhang/reports"
)

func init() {
	Register(Command{Name: "report", Summary: "生成报告（征求意见情况报告、查找“四风”问题报告、意见反馈表）PDF", Run: runReport})
	Register(Command{Name: "export", Summary: "导出台账工作簿 xlsx（意见明细、问题清单、整改清单、制度清单、统计）", Run: runExport})
}

func runReport(env *Env) error {
	f := NewFlags(env, "report", "taizhang report 台账文件 --kind situation|fourwinds|feedback [--leader 姓名] [--split] [--internal] -o 输出.pdf",
		"从台账生成 PDF 报告：\n"+
			"  situation  征求意见情况报告（渠道、数量统计、主要问题和代表性意见、处理情况）\n"+
			"  fourwinds  查找“四风”问题报告：不带 --leader 时领导班子和每位成员各一部分，合在一个文件\n"+
			"  feedback   意见反馈表：涉及该成员的全部意见原文，按问题分组，不含提出人信息\n"+
			"--split 时 -o 是一个文件夹，每位成员（和领导班子）各写一个文件。\n"+
			"报告中不出现提出人姓名和联系方式；只有 --internal 才生成含提出人信息的内部材料（每页标注“内部材料 含提出人信息”），\n"+
			"意见反馈表任何时候都不含提出人信息。标题、单位、日期、开头段落、原因剖析等文字在窗口的“报告”页修改。", 1, 1)
	kind := f.String("kind", "situation", "报告种类：situation、fourwinds 或 feedback")
	leader := f.String("leader", "", "只生成这位班子成员的报告（填姓名；领导班子写 领导班子）")
	split := f.Bool("split", false, "每人一个文件，写入 -o 指定的文件夹")
	internal := f.Bool("internal", false, "内部材料：附提出人姓名和联系方式")
	out := f.String("o", "", "输出文件（.pdf），--split 时为文件夹（必填）")
	var sets multiFlag
	f.Var(&sets, "set", "先修改一处报告文字并保存在台账中，写作 键=值（键见 --texts）；可重复，值为空则恢复默认")
	listTexts := f.Bool("texts", false, "列出这份报告可修改的文字（键、名称、当前内容），不生成文件")
	args, err := f.Parse(env)
	if err != nil {
		return err
	}
	k := reports.Kind(strings.ToLower(strings.TrimSpace(*kind)))
	switch k {
	case reports.Situation, reports.FourWinds, reports.Feedback:
	default:
		return f.fail(env, "报告种类“"+*kind+"”不对，请写 situation、fourwinds 或 feedback")
	}
	if *out == "" && !*listTexts {
		return f.fail(env, "请用 -o 指定输出文件")
	}
	for _, kv := range sets {
		if !strings.Contains(kv, "=") || !strings.HasPrefix(kv, "report.") {
			return f.fail(env, "--set 要写成 键=值，例如 --set report.unit=中共某县委员会（键见 --texts）")
		}
	}
	if k == reports.Situation && (*leader != "" || *split) {
		return f.fail(env, "征求意见情况报告是整个班子的，不能用 --leader 或 --split")
	}
	if *split && *leader != "" {
		return f.fail(env, "--split 和 --leader 只能用一个")
	}
	if k == reports.Feedback && *internal {
		fmt.Fprintln(env.Stderr, "提示：意见反馈表始终不含提出人信息，--internal 对它不起作用。")
		*internal = false
	}
	l, err := OpenLedger(args[0])
	if err != nil {
		return err
	}
	defer l.Close()
	opts := reports.Options{Internal: *internal}
	var targets []int64
	if *leader != "" {
		id, err := l.ResolveTarget(*leader)
		if err != nil {
			return err
		}
		targets = []int64{id}
	}
	for _, kv := range sets {
		key, value, _ := strings.Cut(kv, "=")
		if key == reports.KeyDate && value != "" {
			if _, ok := ledger.NormalizeDate(value); !ok {
				return &ledger.Error{Msg: "报告日期“" + value + "”无法识别，请按 2026-11-26 的格式填写"}
			}
		}
		if err := l.SetText(key, value); err != nil {
			return err
		}
	}
	ctx := context.Background()
	if *listTexts {
		_, texts, err := reports.Build(ctx, l, reports.Request{Kind: k, Targets: targets, Options: opts})
		if err != nil {
			return err
		}
		for _, t := range texts {
			mark := ""
			if t.Value != t.Default {
				mark = "（已修改）"
			}
			fmt.Fprintf(env.Stdout, "%s\t%s%s\n\t%s\n", t.Key, t.Label, mark, strings.ReplaceAll(t.Value, "\n", "\n\t"))
		}
		return nil
	}
	if !*split {
		return writeReport(ctx, env, l, reports.Request{Kind: k, Targets: targets, Options: opts}, *out)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return &ledger.Error{Msg: "无法创建文件夹 " + *out + "：" + ledger.Reason(err), Err: err}
	}
	ids := []int64{}
	if k == reports.FourWinds {
		ids = append(ids, ledger.TeamID)
	}
	ms, err := l.Leaders()
	if err != nil {
		return err
	}
	names, err := l.TargetNames()
	if err != nil {
		return err
	}
	for _, m := range ms {
		ids = append(ids, m.ID)
	}
	for _, id := range ids {
		name := strings.NewReplacer("“", "", "”", "").Replace(k.Name()) + "-" + safeFileName(names[id]) + ".pdf"
		if err := writeReport(ctx, env, l, reports.Request{Kind: k, Targets: []int64{id}, Options: opts}, filepath.Join(*out, name)); err != nil {
			return err
		}
	}
	return nil
}

// safeFileName keeps a name usable as a file name on every system.
func safeFileName(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < ' ' {
			return '_'
		}
		return r
	}, s)
}

func writeReport(ctx context.Context, env *Env, l *ledger.Ledger, req reports.Request, out string) error {
	doc, _, err := reports.Build(ctx, l, req)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	res, err := doc.WritePDF(ctx, &buf)
	if err != nil {
		return err
	}
	if err := reports.WriteFile(out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "已生成%s：%s（%d 页，%s）\n", req.Kind.Name(), out, res.Pages, humanSize(res.Bytes))
	return nil
}

func runExport(env *Env) error {
	f := NewFlags(env, "export", "taizhang export 台账文件 -o 输出.xlsx [--internal]",
		"导出台账工作簿：意见明细（每条意见及其来源和所属问题）、问题清单、整改清单、制度清单、统计。\n"+
			"提出人姓名、单位和联系方式只在 --internal 时导出。", 1, 1)
	internal := f.Bool("internal", false, "内部材料：意见明细附提出人信息")
	out := f.String("o", "", "输出文件（.xlsx，必填）")
	args, err := f.Parse(env)
	if err != nil {
		return err
	}
	if *out == "" {
		return f.fail(env, "请用 -o 指定输出文件")
	}
	l, err := OpenLedger(args[0])
	if err != nil {
		return err
	}
	defer l.Close()
	var buf bytes.Buffer
	res, err := reports.WriteWorkbook(context.Background(), l, &buf, reports.Options{Internal: *internal})
	if err != nil {
		return err
	}
	if err := reports.WriteFile(*out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "已导出台账工作簿：%s（意见 %d 条，问题 %d 个，%s）\n", *out, res.Opinions, res.Problems, humanSize(res.Bytes))
	return nil
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n/(1<<10))
	}
	return fmt.Sprintf("%d 字节", n)
}
