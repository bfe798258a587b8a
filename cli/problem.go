package cli

import (
	"fmt"
	"strconv"
	"strings"

	"taizhang/ledger"
)

func init() {
	Register(Command{Name: "problems", Summary: "列出梳理出的问题（与“梳理”界面一致）", Run: runProblems})
	Register(Command{Name: "problem", Summary: "梳理问题（new 新建，assign 归入，unassign 移回，merge 合并，move 改类别，delete 删除）", Run: runProblem})
	Register(Command{Name: "undo", Summary: "撤销最近一步梳理操作", Run: runUndo})
	Register(Command{Name: "redo", Summary: "重做刚撤销的梳理操作", Run: runRedo})
}

// ProblemJSON is the shape of a problem in the commands' JSON output. The
// counts are those the board shows (see ledger.Card).
type ProblemJSON struct {
	ID            int64    `json:"id"`
	Title         string   `json:"title"`
	Category      string   `json:"category"`
	Kind          string   `json:"kind"`
	Targets       []string `json:"targets"`
	Opinions      []int64  `json:"opinions"`
	OpinionCount  int      `json:"opinion_count"`
	Submitters    int      `json:"submitters"`
	Channels      []string `json:"channels"`
	SuggestShared []string `json:"suggest_shared,omitempty"` // why 共性 is suggested
	Description   string   `json:"description,omitempty"`
	Notes         string   `json:"notes,omitempty"`
	Position      int      `json:"position"`
}

func runProblems(env *Env) error {
	f := NewFlags(env, "problems", "taizhang problems 台账文件 [--json]",
		"按类别列出梳理出的问题：标题、性质、反映对象、意见数、提出人数、渠道。\n提出人数：署名的按不同姓名计，匿名或未知的每条意见各计一人。", 1, 1)
	asJSON := f.Bool("json", false, "以 JSON 数组输出（含 id、title、category、kind、targets、opinions）")
	_, l, err := f.ParseAndOpen(env)
	if err != nil {
		return err
	}
	defer l.Close()
	b, err := ledger.NewBoard(l)
	if err != nil {
		return err
	}
	out := []ProblemJSON{}
	for _, cat := range ledger.Categories {
		for _, id := range b.Column(cat) {
			c := b.Card(id)
			out = append(out, ProblemJSON{ID: c.ID, Title: c.Title, Category: c.Category, Kind: c.Kind,
				Targets: b.TargetNames(c.Targets), Opinions: append([]int64{}, c.Members()...), OpinionCount: c.Opinions,
				Submitters: c.Submitters, Channels: c.Channels(), SuggestShared: c.SharedReasons(),
				Description: c.Description, Notes: c.Notes, Position: c.Position})
		}
	}
	if *asJSON {
		return PrintJSON(env.Stdout, out)
	}
	fmt.Fprintf(env.Stdout, "共征求意见 %d 条，梳理归纳为 %d 个问题，未归类 %d 条\n", b.OpinionCount(), b.ProblemCount(), b.UnsortedTotal())
	last := ""
	for _, p := range out {
		if p.Category != last {
			fmt.Fprintf(env.Stdout, "\n【%s】\n", p.Category)
			last = p.Category
		}
		targets := strings.Join(p.Targets, "、")
		if targets == "" {
			targets = "未指定对象"
		}
		fmt.Fprintf(env.Stdout, "%d\t%s\t%s问题\t%s\t%d 条意见，%d 位提出人\t%s\n", p.ID, p.Title, p.Kind, targets,
			p.OpinionCount, p.Submitters, strings.Join(p.Channels, "、"))
	}
	return nil
}

const problemUsage = `用法：
  taizhang problem new 台账文件 --title 标题 --category 类别 [--target 对象]... [--kind 个性|共性] [意见编号...]
  taizhang problem assign 台账文件 问题编号 意见编号...
  taizhang problem unassign 台账文件 意见编号...
  taizhang problem merge 台账文件 目标问题编号 被合并问题编号...
  taizhang problem move 台账文件 问题编号 --category 类别 [--position 位置]
  taizhang problem delete 台账文件 问题编号

每个操作都可以用 taizhang undo 撤销。各子命令都可加 --help。
`

func runProblem(env *Env) error {
	subs := map[string]func(*Env) error{
		"new": runProblemNew, "assign": runProblemAssign, "unassign": runProblemUnassign,
		"merge": runProblemMerge, "move": runProblemMove, "delete": runProblemDelete,
	}
	if len(env.Args) > 0 && (env.Args[0] == "--help" || env.Args[0] == "-h" || env.Args[0] == "help") {
		fmt.Fprint(env.Stdout, problemUsage)
		return nil
	}
	if len(env.Args) == 0 || subs[env.Args[0]] == nil {
		if len(env.Args) > 0 {
			fmt.Fprintf(env.Stderr, "taizhang problem：没有“%s”这个子命令。\n\n", env.Args[0])
		}
		fmt.Fprint(env.Stderr, problemUsage)
		return errUsage
	}
	sub := *env
	sub.Args = env.Args[1:]
	return subs[env.Args[0]](&sub)
}

// parseIDs reads numbers typed as ids (意见编号, 问题编号).
func parseIDs(f *Flags, env *Env, what string, args []string) ([]int64, error) {
	var ids []int64
	for _, a := range args {
		id, err := strconv.ParseInt(strings.TrimPrefix(strings.TrimSpace(a), "#"), 10, 64)
		if err != nil || id <= 0 {
			return nil, f.fail(env, fmt.Sprintf("%s“%s”不是有效的编号（应为正整数）", what, a))
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// idsAndLedger reads the ids that follow the ledger in args (checking them
// before the ledger is touched), then opens the ledger. The caller closes it.
func idsAndLedger(f *Flags, env *Env, args []string, what string) ([]int64, *ledger.Ledger, error) {
	ids, err := parseIDs(f, env, what, args[1:])
	if err != nil {
		return nil, nil, err
	}
	l, err := OpenLedger(args[0])
	if err != nil {
		return nil, nil, err
	}
	return ids, l, nil
}

func runProblemNew(env *Env) error {
	f := NewFlags(env, "problem new", "taizhang problem new 台账文件 --title 标题 --category 类别 [--target 对象]... [--kind 个性|共性] [意见编号...]",
		"新建一个问题，放在该类别的最后，并输出新问题的编号。给出意见编号时，这些意见一并归入新问题。\n类别："+
			strings.Join(ledger.Categories, "、")+"（也可写 形式、官僚、享乐、奢靡、其他）。", 1, -1)
	title := f.String("title", "", "问题标题（必填）")
	category := f.String("category", "", "类别（必填）")
	kind := f.String("kind", ledger.Individual, "问题性质：个性 或 共性")
	var targets multiFlag
	f.Var(&targets, "target", "反映对象：班子成员姓名，或 领导班子（班子）；可重复；不填时取所给意见的反映对象")
	desc := f.String("description", "", "问题描述")
	notes := f.String("notes", "", "备注")
	args, err := f.Parse(env)
	if err != nil {
		return err
	}
	if strings.TrimSpace(*title) == "" {
		return f.fail(env, "请用 --title 填写问题标题")
	}
	if strings.TrimSpace(*category) == "" {
		return f.fail(env, "请用 --category 选择类别（"+strings.Join(ledger.Categories, "、")+"）")
	}
	ops, err := parseIDs(f, env, "意见编号", args[1:])
	if err != nil {
		return err
	}
	l, err := OpenLedger(args[0])
	if err != nil {
		return err
	}
	defer l.Close()
	p := ledger.Problem{Title: *title, Category: *category, Kind: *kind, Description: *desc, Notes: *notes}
	for _, t := range targets {
		id, err := l.ResolveTarget(t)
		if err != nil {
			return err
		}
		p.Targets = append(p.Targets, id)
	}
	// Without --target the problem concerns whom its opinions concern, as
	// a drop on the board makes it.
	id, err := l.NewProblemFrom(p, ops...)
	if err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, id)
	return nil
}

func runProblemAssign(env *Env) error {
	f := NewFlags(env, "problem assign", "taizhang problem assign 台账文件 问题编号 意见编号...",
		"把意见归入一个问题（已在别的问题中的意见会移过来）。", 3, -1)
	args, err := f.Parse(env)
	if err != nil {
		return err
	}
	ids, l, err := idsAndLedger(f, env, args, "编号")
	if err != nil {
		return err
	}
	defer l.Close()
	p, err := l.Problem(ids[0])
	if err != nil {
		return err
	}
	if err := l.Assign(ids[0], ids[1:]...); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "已将 %d 条意见归入问题 %d“%s”\n", len(ids)-1, p.ID, p.Title)
	return nil
}

func runProblemUnassign(env *Env) error {
	f := NewFlags(env, "problem unassign", "taizhang problem unassign 台账文件 意见编号...",
		"把意见移出所在的问题，恢复为未归类。", 2, -1)
	args, err := f.Parse(env)
	if err != nil {
		return err
	}
	ids, l, err := idsAndLedger(f, env, args, "意见编号")
	if err != nil {
		return err
	}
	defer l.Close()
	if err := l.Unassign(ids...); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "已将 %d 条意见移回未归类\n", len(ids))
	return nil
}

func runProblemMerge(env *Env) error {
	f := NewFlags(env, "problem merge", "taizhang problem merge 台账文件 目标问题编号 被合并问题编号...",
		"把后面几个问题的意见并入第一个问题，并删除它们。目标问题保留自己的标题和类别；\n被合并问题的反映对象、描述和备注并入目标问题。", 3, -1)
	args, err := f.Parse(env)
	if err != nil {
		return err
	}
	ids, l, err := idsAndLedger(f, env, args, "问题编号")
	if err != nil {
		return err
	}
	defer l.Close()
	if err := l.Merge(ids[0], ids[1:]...); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "已将 %d 个问题合并到问题 %d\n", len(ids)-1, ids[0])
	return nil
}

func runProblemMove(env *Env) error {
	f := NewFlags(env, "problem move", "taizhang problem move 台账文件 问题编号 --category 类别 [--position 位置]",
		"把问题改到另一个类别（或在本类别内调整次序）。位置从 0 起算，默认放在最后。", 2, 2)
	category := f.String("category", "", "类别（必填）")
	pos := f.Int("position", -1, "在该类别中的位置，0 为第一个；默认放在最后")
	args, err := f.Parse(env)
	if err != nil {
		return err
	}
	if strings.TrimSpace(*category) == "" {
		return f.fail(env, "请用 --category 选择类别")
	}
	ids, l, err := idsAndLedger(f, env, args, "问题编号")
	if err != nil {
		return err
	}
	defer l.Close()
	at := *pos
	if at < 0 {
		at = 1 << 30
	}
	if err := l.MoveProblem(ids[0], *category, at); err != nil {
		return err
	}
	p, err := l.Problem(ids[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "问题 %d 现在在“%s”第 %d 位\n", p.ID, p.Category, p.Position+1)
	return nil
}

func runProblemDelete(env *Env) error {
	f := NewFlags(env, "problem delete", "taizhang problem delete 台账文件 问题编号",
		"删除一个问题。它的意见不会删除，而是恢复为未归类。可以用 taizhang undo 撤销。", 2, 2)
	args, err := f.Parse(env)
	if err != nil {
		return err
	}
	ids, l, err := idsAndLedger(f, env, args, "问题编号")
	if err != nil {
		return err
	}
	defer l.Close()
	if err := l.DeleteProblem(ids[0]); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "已删除问题 %d，其意见已恢复为未归类\n", ids[0])
	return nil
}

func runUndo(env *Env) error { return runReplay(env, true) }
func runRedo(env *Env) error { return runReplay(env, false) }

func runReplay(env *Env, undo bool) error {
	name, usage, about, done := "redo", "taizhang redo 台账文件", "重做最近撤销的一步梳理操作。", "已重做："
	if undo {
		name, usage, about, done = "undo", "taizhang undo 台账文件",
			"撤销最近一步梳理操作（新建、归入、移回、合并、改类别、修改、删除问题）。\n撤销记录保存在台账文件中，关闭软件后仍可撤销；窗口中的 Ctrl+Z 与此相同。", "已撤销："
	}
	f := NewFlags(env, name, usage, about, 1, 1)
	_, l, err := f.ParseAndOpen(env)
	if err != nil {
		return err
	}
	defer l.Close()
	var label string
	if undo {
		label, err = l.Undo()
	} else {
		label, err = l.Redo()
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, done+label)
	return nil
}
