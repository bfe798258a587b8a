package cli

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"taizhang/ledger"
	"taizhang/ledger/importer"
)

func init() {
	Register(Command{Name: "import", Summary: "导入意见文件（问卷星、Excel、CSV、JSON、纪要）", Run: runImport})
}

// importAbout is the command's help; the list of formats comes from the
// importer's registry.
var importAbout = "把文件中的意见导入台账。可导入：" + importer.FormatHelp() + `。

每个文件单独一个事务：一个文件要么全部导入，要么（出错或按 Ctrl+C 时）一条也不导入。
某个文件出错时，报告错误并继续导入其余文件，最后以退出码 1 结束。
同一个文件再次导入不会重复添加，会显示“已导入过：N 条”。

列的对应关系自动猜测；猜错时用 --text-col 等选项指定（写列号 3、列字母 C 或表头文字），
指定后会记在台账里，下次导入同样表头的文件时自动沿用。`

// colFlag collects a column option.
type colFlag struct {
	role importer.Role
	spec *string
}

func runImport(env *Env) error {
	f := NewFlags(env, "import", "taizhang import 台账文件 文件... [--channel 渠道] [--json]", importAbout, 2, -1)
	channel := f.String("channel", "", "征求渠道（"+strings.Join(ledger.Channels, "、")+"）；不填时按文件类型判断")
	asJSON := f.Bool("json", false, "以 JSON 输出结果（imported、existing、blank 合计和每个文件的明细）")
	sheet := f.String("sheet", "", "只导入这个工作表")
	password := f.String("password", "", "加密工作簿的打开密码")
	headerRow := f.Int("header-row", 0, "表头所在的行号（不填时自动查找）")
	cols := []colFlag{
		{importer.RoleText, f.String("text-col", "", "意见内容所在的列，多列用逗号分隔（如 3 或 C 或 意见内容）")},
		{importer.RoleTitle, f.String("title-col", "", "标题/主题所在的列")},
		{importer.RoleDate, f.String("date-col", "", "日期所在的列")},
		{importer.RoleSubmitter, f.String("submitter-col", "", "提出人所在的列")},
		{importer.RoleUnit, f.String("unit-col", "", "提出人单位所在的列")},
		{importer.RoleContact, f.String("contact-col", "", "联系方式所在的列")},
		{importer.RoleTarget, f.String("target-col", "", "反映对象所在的列（班子成员姓名或“班子”）")},
		{importer.RoleChannel, f.String("channel-col", "", "渠道所在的列（每行一个渠道）")},
	}
	args, l, err := f.ParseAndOpen(env)
	if err != nil {
		return err
	}
	defer l.Close()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	type fileOut struct {
		Path   string           `json:"path"`
		OK     bool             `json:"ok"`
		Error  string           `json:"error,omitempty"`
		Result *importer.Result `json:"result,omitempty"`
	}
	var totals importer.Totals
	out := struct {
		Imported int       `json:"imported"`
		Existing int       `json:"existing"`
		Blank    int       `json:"blank"`
		Failed   int       `json:"failed"`
		Files    []fileOut `json:"files"`
	}{Files: []fileOut{}}

	var failed error
	for _, path := range args[1:] {
		opts := importer.Options{Channel: *channel, Sheet: *sheet, Password: *password}
		fmt.Fprintf(env.Stderr, "正在导入 %s …\n", path)
		last := time.Now()
		opts.Progress = func(done, total int) {
			if time.Since(last) < time.Second {
				return
			}
			last = time.Now()
			if total > 0 {
				fmt.Fprintf(env.Stderr, "  已读 %d / %d 行\n", done, total)
			} else {
				fmt.Fprintf(env.Stderr, "  已读 %d 行\n", done)
			}
		}
		res, err := importOne(ctx, l, path, opts, *headerRow, cols)
		totals.Add(res, err)
		fo := fileOut{Path: path, OK: err == nil}
		if err != nil {
			failed = err
			fo.Error = ledger.Message(err)
			if len(args) > 2 {
				fmt.Fprintln(env.Stderr, importer.FailureSummary(filepath.Base(path), err))
			}
		} else {
			fo.Result = res
			if !*asJSON {
				fmt.Fprintln(env.Stdout, res.Report(maxWarningsShown))
			}
		}
		out.Files = append(out.Files, fo)
		if ctx.Err() != nil {
			break
		}
	}
	out.Imported, out.Existing, out.Blank, out.Failed = totals.Imported, totals.Existing, totals.Blank, totals.Failed
	if *asJSON {
		if err := PrintJSON(env.Stdout, out); err != nil {
			return err
		}
	} else if len(args) > 2 {
		fmt.Fprintln(env.Stdout, totals.Summary())
	}
	if failed != nil {
		if len(args) > 2 {
			return &ledger.Error{Msg: fmt.Sprintf("%d 个文件未能导入（见上文），其余文件已导入", out.Failed), Err: failed}
		}
		return failed
	}
	return nil
}

// importOne imports one file, building the mapping from the column options
// on top of the guessed one when any is given.
func importOne(ctx context.Context, l *ledger.Ledger, path string, opts importer.Options, headerRow int, cols []colFlag) (*importer.Result, error) {
	given := headerRow > 0
	for _, c := range cols {
		given = given || *c.spec != ""
	}
	if given {
		p, err := importer.Inspect(ctx, l, path, importer.Options{Sheet: opts.Sheet, Password: opts.Password, Mapping: &importer.Mapping{HeaderRow: headerRow}})
		if err != nil {
			return nil, err
		}
		if p.Table == nil {
			return nil, &importer.Error{File: p.File, Reason: "这个文件不是表格，--text-col 等选项只用于表格", Err: importer.ErrUnsupported}
		}
		// The guessed (or remembered) mapping of that header, with the
		// options on top.
		m := p.Table.Mapping
		m.HeaderRow = p.Table.HeaderRow
		for _, c := range cols {
			if *c.spec == "" {
				continue
			}
			var idx []int
			for _, part := range strings.Split(*c.spec, ",") {
				n, ok := importer.ColumnIndex(p.Table.Header, part)
				if !ok || n > len(p.Table.Header) {
					return nil, &importer.Error{File: p.File, Sheet: p.Table.Sheet, Row: p.Table.HeaderRow,
						Reason: fmt.Sprintf("找不到列“%s”（表头：%s）", strings.TrimSpace(part), strings.Join(p.Table.Header, "、")), Err: importer.ErrNoText}
				}
				idx = append(idx, n)
			}
			m.Set(c.role, idx[0])
			if c.role == importer.RoleText {
				m.Text = append(m.Text, idx[1:]...)
			}
		}
		opts.Mapping = &m
		if opts.Sheet == "" {
			opts.Sheet = p.Table.Sheet
		}
	}
	return importer.Import(ctx, l, path, opts)
}

// maxWarningsShown bounds the warnings listed under a file's summary (all
// are counted; --json gives the first 200).
const maxWarningsShown = 200
