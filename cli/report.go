package cli

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"taizhang/ledger"
	"taizhang/reports"
)

func init() {
	Register(Command{Name: "report", Summary: "生成报告（征求意见情况报告、查找“四风”问题报告、意见反馈表），PDF 或 Word", Run: runReport})
	Register(Command{Name: "export", Summary: "导出台账工作簿 xlsx（意见明细、问题清单、整改清单、制度清单、统计）", Run: runExport})
}

func runReport(env *Env) error {
	f := NewFlags(env, "report", "taizhang report 台账文件 --kind situation|fourwinds|feedback [--leader 姓名] [--split [--format pdf|docx]] [--internal] -o 输出.pdf|输出.docx",
		"从台账生成报告，-o 的扩展名决定格式：.pdf 为 PDF，.docx 为 Word 文档（其他扩展名不接受）：\n"+
			"  situation  征求意见情况报告：默认是领导班子的；--leader 为某位成员的（涉及本人的意见、问题和代表性意见）\n"+
			"  fourwinds  查找“四风”问题报告：不带 --leader 时领导班子和每位成员各一部分，合在一个文件（页码各自从 1 起）\n"+
			"  feedback   意见反馈表：涉及该成员的全部意见原文，按问题分组，附本人回应栏和签收栏，不含提出人信息\n"+
			"--split 时 -o 是一个文件夹，领导班子和每位成员各写一个文件（反馈表为每位成员），格式由 --format 指定。\n"+
			"报告中不出现提出人姓名和联系方式；只有 --internal 才生成含提出人信息的内部材料（每页标注“内部材料 含提出人信息”），\n"+
			"意见反馈表任何时候都不含提出人信息。标题、单位、日期、主送、基本情况（座谈会场数等）、开头段落、原因剖析等文字\n"+
			"用 --texts 查看，用 --set 键=值 修改，也可在窗口的“报告”页修改。", 1, 1)
	kind := f.String("kind", "situation", "报告种类：situation、fourwinds 或 feedback")
	leader := f.String("leader", "", "只生成这位班子成员的报告（填姓名；领导班子写 领导班子）")
	split := f.Bool("split", false, "每人一个文件，写入 -o 指定的文件夹")
	format := f.String("format", "", "--split 时文件的格式：pdf（默认）或 docx")
	internal := f.Bool("internal", false, "内部材料：附提出人姓名和联系方式")
	out := f.String("o", "", "输出文件（.pdf 或 .docx），--split 时为文件夹（必填）")
	var sets multiFlag
	f.Var(&sets, "set", "先修改一处报告文字并保存在台账中，写作 键=值（键见 --texts）；可重复，值为空则恢复默认")
	listTexts := f.Bool("texts", false, "列出这份报告可修改的文字（键、名称、当前内容），不生成文件")
	args, err := f.Parse(env)
	if err != nil {
		return err
	}
	k, err := reports.ParseKind(*kind)
	if err != nil {
		return f.fail(env, ledger.Message(err))
	}
	if *out == "" && !*listTexts {
		return f.fail(env, "请用 -o 指定输出文件（.pdf 或 .docx）")
	}
	if *split && *leader != "" {
		return f.fail(env, "--split 和 --leader 只能用一个")
	}
	req := reports.Request{Kind: k, Split: *split, Options: reports.Options{Internal: *internal}}
	if *format != "" {
		if !*split {
			return f.fail(env, "--format 只用于 --split；单个文件的格式由 -o 的扩展名决定")
		}
		if req.Format, err = reports.ParseFormat(*format); err != nil {
			return f.fail(env, ledger.Message(err))
		}
	}
	kv := map[string]string{}
	for _, s := range sets {
		key, value, ok := strings.Cut(s, "=")
		if !ok {
			return f.fail(env, "--set 要写成 键=值，例如 --set report.unit=中共某县委员会（键见 --texts）")
		}
		kv[key] = value
	}
	l, err := OpenLedger(args[0])
	if err != nil {
		return err
	}
	defer l.Close()
	if *leader != "" {
		id, err := l.ResolveTarget(*leader)
		if err != nil {
			return err
		}
		req.Targets = []int64{id}
	}
	var plan *reports.Plan
	if !*listTexts {
		// check the request before any text is stored: a refused request
		// leaves the ledger as it was
		if plan, err = reports.NewPlan(l, req, *out); err != nil {
			return err
		}
	}
	if _, err := reports.SetTexts(l, kv); err != nil {
		return err
	}
	ctx := context.Background()
	if *listTexts {
		_, texts, err := reports.Build(ctx, l, req)
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
	for _, n := range plan.Notes {
		fmt.Fprintln(env.Stderr, "提示："+n)
	}
	for _, o := range plan.Outputs {
		w, err := reports.Write(ctx, l, o)
		if err != nil {
			return err
		}
		for _, warn := range w.Warnings {
			fmt.Fprintln(env.Stderr, "提示："+warn)
		}
		size := humanSize(w.Bytes)
		if w.Pages > 0 {
			size = fmt.Sprintf("%d 页，%s", w.Pages, size)
		}
		fmt.Fprintf(env.Stdout, "已生成%s：%s（%s）\n", w.Kind.Name(), w.Path, size)
	}
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
