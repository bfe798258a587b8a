package cli

import (
	"context"
	"fmt"
	"strings"

	"taizhang/ledger"
	"taizhang/search"
)

func init() {
	Register(Command{Name: "search", Summary: "检索意见和问题（中文全文检索）", Run: runSearch})
}

// SearchJSON is what `taizhang search --json` prints.
type SearchJSON struct {
	Total  int             `json:"total"`
	Notice string          `json:"notice,omitempty"`
	Hits   []SearchHitJSON `json:"hits"`
	// Related are near matches shown after the exact ones when these are
	// fewer than --limit: they share character pairs with the words but do
	// not contain them all. Not counted in total.
	Related []SearchHitJSON `json:"related,omitempty"`
}

// SearchHitJSON is one hit. It never carries the submitter.
type SearchHitJSON struct {
	Kind      string   `json:"kind"` // "opinion" or "problem"
	ID        int64    `json:"id"`
	Title     string   `json:"title,omitempty"`
	Text      string   `json:"text"`
	Highlight string   `json:"highlight"` // snippet, matches between <mark> and </mark>
	Channel   string   `json:"channel,omitempty"`
	Date      string   `json:"date,omitempty"`
	Category  string   `json:"category,omitempty"`
	Kind2     string   `json:"problem_kind,omitempty"`
	Targets   []string `json:"targets,omitempty"`
	Problem   int64    `json:"problem,omitempty"`
	Source    string   `json:"source,omitempty"`
}

const searchAbout = `在台账的意见和问题中检索。检索词用空格分开，每个词都必须出现；
用双引号括起的是一个短语（"噪音 扰民"）；词前加 - 表示排除（-广场舞）。
两个字以上的中文词按原样查找（噪音 只找含“噪音”的），单个字也可检索。
索引保存在用户缓存目录中，按需自动建立或更新；被另一个窗口占用时改用临时索引。`

func runSearch(env *Env) error {
	known := map[string]bool{"leader": true, "channel": true, "category": true, "kind": true, "type": true,
		"from": true, "to": true, "limit": true, "index-dir": true, "json": false, "synonyms": false, "related": false,
		"help": false, "h": false}
	env = searchArgs(env, known)
	f := NewFlags(env, "search", "taizhang search 台账文件 [检索词…] [--leader 姓名|班子] [--channel 渠道] [--category 类别] [--json]",
		searchAbout, 1, -1)
	leader := f.String("leader", "", "只看与这位班子成员有关的（指向他的，以及指向班子且属于其分工的）；写 班子 看指向领导班子的")
	channel := f.String("channel", "", "只看这个渠道的意见")
	category := f.String("category", "", "只看这个四风类别（形式、官僚、享乐、奢靡、其他）")
	kind := f.String("kind", "", "只看 个性 或 共性 问题（及其意见）")
	typ := f.String("type", "", "只看 意见 或 问题")
	from := f.String("from", "", "起始日期（如 2026-11-26、2026/11/26）")
	to := f.String("to", "", "截止日期（含当天）")
	limit := f.Int("limit", 20, "最多显示几条")
	indexDir := f.String("index-dir", "", "索引所在文件夹（默认在用户缓存目录）")
	synonyms := f.Bool("synonyms", true, "同时查找同义词（公车 也找 公务用车）；--synonyms=false 只找原词")
	related := f.Bool("related", true, "完全相符的结果不足 --limit 条时，列出相近的结果；--related=false 不列")
	asJSON := f.Bool("json", false, `以 JSON 输出：{"total": N, "hits": [{"kind", "id", "text", "highlight", …}]}`)
	args, l, err := f.ParseAndOpen(env)
	if err != nil {
		return err
	}
	defer l.Close()
	req := search.Request{Query: strings.Join(args[1:], " "), Channel: *channel, From: *from, To: *to, Size: *limit}
	if *related {
		req.Related = *limit
	}
	if *category != "" {
		if req.Category = ledger.NormalizeCategory(*category); req.Category == "" {
			return f.fail(env, "类别“"+*category+"”无法识别，可用："+strings.Join(ledger.Categories, "、"))
		}
	}
	switch strings.TrimSpace(*kind) {
	case "":
	case "个性", "个性问题":
		req.Kind = ledger.Individual
	case "共性", "共性问题":
		req.Kind = ledger.Shared
	default:
		return f.fail(env, "问题性质请填写 个性 或 共性")
	}
	switch strings.TrimSpace(*typ) {
	case "":
	case "意见", "opinion":
		req.Type = search.KindOpinion
	case "问题", "problem":
		req.Type = search.KindProblem
	default:
		return f.fail(env, "--type 请填写 意见 或 问题")
	}
	if *leader != "" {
		id, err := l.ResolveTarget(*leader)
		if err != nil {
			return err
		}
		req.Leader = &id
	}
	if *limit <= 0 {
		return f.fail(env, "--limit 须为正整数")
	}
	told := false
	ix, err := search.Open(context.Background(), l, search.Options{Dir: *indexDir, Synonyms: *synonyms,
		Progress: func(done, total int) {
			if !told {
				fmt.Fprintln(env.Stderr, "正在建立索引…")
				told = true
			}
		}})
	if err != nil {
		return err
	}
	defer ix.Close()
	if n := ix.Notice(); n != "" {
		fmt.Fprintln(env.Stderr, n)
	}
	res, err := ix.Search(context.Background(), req)
	if err != nil {
		return err
	}
	names, err := l.TargetNames()
	if err != nil {
		return err
	}
	if *asJSON {
		out := SearchJSON{Total: res.Total, Notice: ix.Notice(), Hits: []SearchHitJSON{}}
		for _, h := range res.Hits {
			out.Hits = append(out.Hits, hitJSON(h, names))
		}
		for _, h := range res.Related {
			out.Related = append(out.Related, hitJSON(h, names))
		}
		return PrintJSON(env.Stdout, out)
	}
	if res.Total == 0 {
		fmt.Fprintf(env.Stdout, "没有找到与“%s”完全相符的意见或问题。\n", req.Query)
	} else {
		fmt.Fprintf(env.Stdout, "共找到 %d 条", res.Total)
		if res.Total > len(res.Hits) {
			fmt.Fprintf(env.Stdout, "，显示前 %d 条（--limit 可调）", len(res.Hits))
		}
		fmt.Fprintln(env.Stdout, "：")
		printHits(env, res.Hits, names)
	}
	if len(res.Related) > 0 {
		fmt.Fprintf(env.Stdout, "\n相近的结果（不含全部检索词，%d 条）：\n", len(res.Related))
		printHits(env, res.Related, names)
	}
	return nil
}

func hitJSON(h search.Hit, names map[int64]string) SearchHitJSON {
	j := SearchHitJSON{Kind: h.Kind, ID: h.ID, Title: h.Title, Text: h.Text, Highlight: h.Highlight("<mark>", "</mark>"),
		Channel: h.Channel, Date: h.Date, Category: h.Category, Kind2: h.PKind, Problem: h.Problem}
	for _, t := range h.Targets {
		j.Targets = append(j.Targets, names[t])
	}
	if h.File != "" {
		j.Source = ledger.Source{File: h.File, Row: h.Row}.String()
	}
	return j
}

func printHits(env *Env, hits []search.Hit, names map[int64]string) {
	for _, h := range hits {
		var meta []string
		label := "意见"
		if h.Kind == search.KindProblem {
			label = "问题"
		}
		for _, s := range []string{h.Date, h.Channel, h.Category, h.PKind} {
			if s != "" {
				meta = append(meta, s)
			}
		}
		var ts []string
		for _, t := range h.Targets {
			ts = append(ts, names[t])
		}
		if len(ts) > 0 {
			meta = append(meta, "指向 "+strings.Join(ts, "、"))
		}
		fmt.Fprintf(env.Stdout, "\n[%s %d] %s\n  %s\n", label, h.ID, strings.Join(meta, " · "), h.Highlight("【", "】"))
	}
}

// searchArgs puts every argument that is not one of the command's flags
// (such as -广场舞, a word to exclude) after "--", so that the flag parser
// takes it as part of the query.
func searchArgs(env *Env, known map[string]bool) *Env {
	var flags, rest []string
	args := env.Args
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i+1:]...)
			break
		}
		if len(a) >= 2 && a[0] == '-' {
			name := strings.TrimLeft(a, "-")
			if eq := strings.IndexByte(name, '='); eq >= 0 {
				name = name[:eq]
			}
			if takesValue, ok := known[name]; ok {
				flags = append(flags, a)
				if takesValue && !strings.Contains(a, "=") && i+1 < len(args) {
					flags = append(flags, args[i+1])
					i++
				}
				continue
			}
		}
		rest = append(rest, a)
	}
	e := *env
	e.Args = append(append(flags, "--"), rest...)
	return &e
}
